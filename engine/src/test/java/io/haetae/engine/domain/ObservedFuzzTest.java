package io.haetae.engine.domain;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bytes at the observed-domain readers (domain lists, their gzip, CT get-entries JSON;
 * docs/fuzzing.md). Bad data is the sink's rejection; only the stream itself may throw, and an
 * in-memory stream does not: so any throwable, a hang or running out of memory is a bug.
 */
class ObservedFuzzTest {

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void observed(byte[] input) throws IOException {
    ObservedReaders.read(new ByteArrayInputStream(input), new ObservedSink() {
      @Override
      public void domain(ObservedDomain domain) {}

      @Override
      public void rejected(String where, String reason) {}
    });
  }
}
