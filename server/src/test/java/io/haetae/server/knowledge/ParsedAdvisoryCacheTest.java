package io.haetae.server.knowledge;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Matching reads parsed advisories from a cache (parsing the same JSON for every SBOM upload was
 * the largest share of the forward path). A newer import of a record must be what the next
 * analysis sees, never the parsed copy of the old one.
 */
@SpringBootTest
@ActiveProfiles("test")
class ParsedAdvisoryCacheTest {

  @Autowired AdvisoryImporter importer;
  @Autowired AdvisoryCatalog catalog;

  @Test
  void aNewerImportReplacesTheParsedCopyMatchingUses() throws Exception {
    String id = unique("KR-CACHE");
    String pkg = unique("cachelib");
    var key = new PackageKey(Ecosystem.PYPI, pkg);
    importer.importOsv(advisory(id, pkg, "1.26.5", "2021-07-02T18:56:20.858344Z"));
    var first = only(catalog.forMatching(List.of(key)), id);
    assertThat(first.advisory().modified()).isEqualTo(Instant.parse("2021-07-02T18:56:20.858344Z"));
    assertThat(only(catalog.forMatching(List.of(key)), id).advisory()).isSameAs(first.advisory()); // the cached copy

    importer.importOsv(advisory(id, pkg, "1.26.9", "2026-12-01T00:00:00Z"));

    var second = only(catalog.forMatching(List.of(key)), id);
    assertThat(second.advisory().modified()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(second.advisory().toString()).contains("1.26.9").doesNotContain("1.26.5");
  }

  static StoredAdvisory only(List<StoredAdvisory> found, String id) {
    var mine = found.stream().filter(s -> s.advisory().id().equals(id)).toList();
    assertThat(mine).hasSize(1);
    return mine.getFirst();
  }

  /** The real PYSEC-2021-108 (urllib3), renamed, with its fixed version and modified time set. */
  static Path advisory(String id, String pkg, String fixed, String modified) throws Exception {
    Path file = Files.createTempDirectory("advisory").resolve(id + ".json");
    Files.writeString(file, new String(bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
        .replace("\"PYSEC-2021-108\"", "\"" + id + "\"").replace("urllib3", pkg).replace("1.26.5", fixed)
        .replace("2021-07-02T18:56:20.858344Z", modified).replace("CVE-2021-33503", unique("CVE-2097"))
        .replace("GHSA-q2q7-5pp4-w6pg", id + "-GHSA"));
    return file;
  }
}
