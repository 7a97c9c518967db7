module github.com/hanbit/scada-gateway

go 1.21

require (
	github.com/gin-gonic/gin v1.9.0
	golang.org/x/net v0.10.0
)

require (
	github.com/bytedance/sonic v1.8.0 // indirect
	golang.org/x/text v0.9.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

require github.com/hanbit/modbus v0.0.0-20230101000000-abcdef123456

replace github.com/hanbit/modbus => ../modbus

replace golang.org/x/net => golang.org/x/net v0.17.0
