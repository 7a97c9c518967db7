package io.haetae.engine.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every real advisory in the shared OSV corpus (../shared/corpora/osv, ~17,700 records from ten
 * feeds) is read. A rejection here means the reader is too strict, unless the record breaks
 * the OSV schema; the one such record is named below with the clause it breaks.
 */
class OsvCorpusTest {

  @Test
  void acceptsEveryRealRecordThatFollowsTheSchema() throws IOException {
    Path corpus = SharedData.require("corpora/osv");
    var accepted = new TreeMap<String, Integer>();
    var rejected = new ArrayList<String>();
    try (var files = Files.list(corpus)) {
      for (var file : files.filter(f -> f.toString().endsWith(".jsonl.gz")).sorted().toList()) {
        try (var entries = new OsvSource().read(file)) {
          entries.forEach(entry -> {
            switch (entry) {
              case OsvSource.Accepted a -> accepted.merge(file.getFileName().toString(), 1, Integer::sum);
              case OsvSource.Rejected r -> rejected.add(corpus.relativize(r.origin().file()) + " " + r);
            }
          });
        }
      }
    }
    System.out.println("OSV corpus accepted per file: " + accepted);
    // fixtures-mixed line 11 (CVE-2023-2727, from a Trivy test fixture) has a range without
    // "type"; the schema requires it ("required": ["type", "events"]) and a matcher cannot
    // interpret a range whose versions follow no known scheme.
    assertThat(rejected).singleElement().asString()
        .contains("fixtures-mixed.jsonl.gz, line 11: /affected/0/ranges/0/type: is required");
    assertThat(accepted.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(17_700);
  }
}
