package io.haetae.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;

/** The hub. Each direct subpackage is a Spring Modulith module; see docs/architecture.md. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@Modulithic(sharedModules = "web")
public class HaetaeApplication {

  public static void main(String[] args) {
    SpringApplication.run(HaetaeApplication.class, args);
  }
}
