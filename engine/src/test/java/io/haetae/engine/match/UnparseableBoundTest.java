package io.haetae.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvReader;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A range whose other bound cannot be parsed still decides for versions at or above its final
 * {@code fixed} (issue 13). The record is shaped as the CVE 5 feed converts a CNA's
 * {@code "version": "1.x", "lessThan": "1.5.2"} entry, and as OSV.dev serves such records.
 */
class UnparseableBoundTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Advisory advisory(String events) {
    String record = """
        {
          "schema_version": "1.6.0",
          "id": "CVE-2024-99001",
          "modified": "2024-06-11T17:25:02Z",
          "published": "2024-06-10T09:15:00Z",
          "summary": "Prototype pollution in merge-deep-plus",
          "details": "merge-deep-plus before 1.5.2 allows prototype pollution via a crafted __proto__ key.",
          "affected": [{
            "package": {"ecosystem": "npm", "name": "merge-deep-plus"},
            "ranges": [{"type": "ECOSYSTEM", "events": %s}],
            "database_specific": {"vendor": "acme", "product": "merge-deep-plus", "default_status": "unaffected"}
          }],
          "references": [{"type": "ADVISORY", "url": "https://www.cve.org/CVERecord?id=CVE-2024-99001"}],
          "database_specific": {"source": "cve5", "state": "PUBLISHED", "assigner": "acme"}
        }""".formatted(events);
    var result = new OsvReader().read(JSON.readTree(record));
    return ((OsvReader.Parsed) result).advisory();
  }

  private static Verdict verdict(Advisory a, String version) {
    return RangeEvaluator.evaluate(a, new InstalledPackage(new PackageKey(Ecosystem.NPM, "merge-deep-plus"), version, null));
  }

  @Test
  void aVersionAtOrAboveTheFixIsNotAffectedThoughTheIntroducedBoundCannotBeParsed() {
    var a = advisory("[{\"introduced\": \"1.x\"}, {\"fixed\": \"1.5.2\"}]");

    assertThat(verdict(a, "1.5.2")).isInstanceOf(Verdict.NotAffected.class);
    assertThat(verdict(a, "2.0.0")).isInstanceOf(Verdict.NotAffected.class);
    // Below the fix the unparseable start decides, and the hub cannot: it says so.
    assertThat(verdict(a, "1.4.0")).isInstanceOfSatisfying(Verdict.Undecidable.class,
        u -> assertThat(u.reason()).contains("merge-deep-plus"));
  }

  @Test
  void aFixListedBeforeAnUnparseableEventProvesNothing() {
    var a = advisory("""
        [{"introduced": "0"}, {"fixed": "1.2.3"}, {"introduced": "2.x"}, {"fixed": "2.0.5"}]""");

    // 2.0.1 is above the first fix, but "2.x" may reopen the range below it.
    assertThat(verdict(a, "2.0.1")).isInstanceOf(Verdict.Undecidable.class);
    assertThat(verdict(a, "2.0.5")).isInstanceOf(Verdict.NotAffected.class);
    assertThat(verdict(a, "3.1.0")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void anUnparseableFinalEventKeepsTheVersionUndecidable() {
    var a = advisory("[{\"introduced\": \"1.0.0\"}, {\"fixed\": \"1.5.2\"}, {\"introduced\": \"3.x\"}]");

    assertThat(verdict(a, "2.0.0")).isInstanceOf(Verdict.Undecidable.class);
  }
}
