package io.haetae.engine.vex;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.haetae.engine.sbom.SbomException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bytes at the VEX reader (OpenVEX and CycloneDX VEX; docs/fuzzing.md): it may refuse a
 * document only with {@link SbomException}; anything else, a hang or running out of memory is a bug.
 */
class VexFuzzTest {

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void vex(byte[] input) {
    try {
      VexReader.read(input, "vex.json");
    } catch (SbomException refused) {
      // the declared answer to bad input
    }
  }
}
