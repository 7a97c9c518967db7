package io.haetae.server.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExposureMarksTest {

  static Optional<Boolean> of(String json) {
    return ExposureMarks.internetFacing(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheMetadataPropertyTheComponentPropertyAndTheTag() {
    assertThat(of("""
        {"bomFormat": "CycloneDX", "components": [{"name": "big"}],
         "metadata": {"properties": [{"name": "haetae:internet-facing", "value": "true"}]}}""")).contains(true);
    assertThat(of("""
        {"metadata": {"component": {"name": "p", "properties": [{"name": "haetae:internet-facing", "value": "false"}]}}}"""))
        .contains(false);
    assertThat(of("""
        {"metadata": {"component": {"name": "p", "tags": ["web", "internet-facing"]}}}""")).contains(true);
  }

  @Test
  void saysNothingWhenTheDocumentSaysNothing() {
    assertThat(of("{\"metadata\": {\"component\": {\"name\": \"p\"}}}")).isEmpty();
    assertThat(of("SPDXVersion: SPDX-2.3")).isEmpty();
    assertThat(of("{\"metadata\": ")).isEmpty();
  }
}
