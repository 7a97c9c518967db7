package io.haetae.engine.sbom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bytes at every SBOM reader (docs/fuzzing.md). A reader may refuse an upload only with
 * {@link SbomException}; any other throwable, a hang or running out of memory is a bug.
 *
 * <p>In the normal suite each method runs once per file under {@code SbomFuzzTestInputs/<method>/}
 * (real seeds and the inputs that once broke a reader); {@code JAZZER_FUZZ=1} makes it search.
 */
class SbomFuzzTest {

  private static final SbomReaders DETECTED = SbomReaders.standard();

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void cycloneDxJson(byte[] input) {
    read(new CycloneDxJsonReader(), input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void cycloneDxXml(byte[] input) {
    read(new CycloneDxXmlReader(), input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void spdxJson(byte[] input) {
    read(new SpdxJsonReader(), input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void spdxTagValue(byte[] input) {
    read(new SpdxTagValueReader(), input);
  }

  /** What an upload goes through: format detection (any Unicode encoding), then the reader it picks. */
  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void detected(byte[] input) {
    try {
      DETECTED.read(input, "upload");
    } catch (SbomException refused) {
      // the declared answer to bad input
    }
  }

  private static void read(SbomReader reader, byte[] input) {
    try {
      reader.read(input, "upload");
    } catch (SbomException refused) {
      // the declared answer to bad input
    }
  }
}
