package io.haetae.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: no module reaches into another's internals. */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(HaetaeApplication.class);

  @Test
  void modulesKeepTheirBoundaries() {
    MODULES.verify();
  }
}
