module 
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

require github.com/hanbit/modbus v0.0.0-20230101000000-abcdef123456

replace github.com/hanbit/modbus => ../modbus

replace golang.org/x/net => golang.org/x/net v0.1'.0
