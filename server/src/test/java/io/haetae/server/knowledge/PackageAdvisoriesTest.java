package io.haetae.server.knowledge;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Severity;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Matching keeps each package's advisories, rated, for as long as the knowledge generation it
 * read before loading them stands. Whatever an import changes (on this node or another) must be
 * what the next upload's matching sees: a package with no advisory that gets one, a record whose
 * rating another record of the same CVE improves, and rows another node replaced.
 */
@SpringBootTest
@ActiveProfiles("test")
class PackageAdvisoriesTest {

  @Autowired AdvisoryImporter importer;
  @Autowired AdvisoryCatalog catalog;
  @Autowired JdbcClient jdbc;

  @Test
  void aPackageWithoutAdvisoriesSeesTheFirstOneImported() throws Exception {
    var key = new PackageKey(Ecosystem.PYPI, unique("quietlib"));
    assertThat(catalog.forMatching(List.of(key))).isEmpty();
    assertThat(catalog.forMatching(List.of(key))).isEmpty(); // now answered from the cache

    String id = unique("KR-FIRST");
    importer.importOsv(osv(id, key.name(), unique("CVE-2097"), null));

    assertThat(catalog.forMatching(List.of(key))).extracting(s -> s.advisory().id()).containsExactly(id);
  }

  @Test
  void aLaterRecordOfTheSameCveRatesTheCachedAdvisory() throws Exception {
    var key = new PackageKey(Ecosystem.PYPI, unique("ratedlib"));
    String cve = unique("CVE-2098");
    String unrated = unique("KR-UNRATED");
    importer.importOsv(osv(unrated, key.name(), cve, null));
    assertThat(only(catalog.forMatching(List.of(key)), unrated).severity()).isEqualTo(Severity.UNASSIGNED);

    // Another record of the same CVE, for another package, with a CVSS vector: nothing of the
    // cached package's own rows changes, yet its advisory must now be rated by it.
    importer.importOsv(osv(unique("KR-RATED"), unique("otherlib"), cve, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));

    var rated = only(catalog.forMatching(List.of(key)), unrated);
    assertThat(rated.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rated.score()).isEqualTo(9.8);
  }

  @Test
  void rowsAnotherNodeChangedAreSeenOnceTheGenerationMoves() throws Exception {
    var key = new PackageKey(Ecosystem.PYPI, unique("sharedlib"));
    String id = unique("KR-SHARED");
    importer.importOsv(osv(id, key.name(), unique("CVE-2099"), null));
    assertThat(catalog.forMatching(List.of(key))).hasSize(1);

    // What another node's import of a withdrawal does to this node's database: rows and generation.
    jdbc.sql("UPDATE knowledge_advisory SET withdrawn = modified WHERE id = :id").param("id", id).update();
    assertThat(catalog.forMatching(List.of(key))).as("the generation did not move: the cached answer").hasSize(1);
    jdbc.sql("UPDATE knowledge_generation SET generation = generation + 1 WHERE id = 1").update();

    assertThat(catalog.forMatching(List.of(key))).isEmpty();
  }

  private static StoredAdvisory only(List<StoredAdvisory> found, String id) {
    return ParsedAdvisoryCacheTest.only(found, id);
  }

  private static Path osv(String id, String pkg, String cve, String cvss) throws Exception {
    String severity = cvss == null ? "" : """
        "severity": [{"type": "CVSS_V3", "score": "%s"}],""".formatted(cvss);
    Path file = Files.createTempDirectory("advisory").resolve(id + ".json");
    Files.writeString(file, """
        {"id": "%s", "modified": "2026-12-01T00:00:00Z", "aliases": ["%s"], "summary": "test record", %s
         "affected": [{"package": {"ecosystem": "PyPI", "name": "%s"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
        """.formatted(id, cve, severity, pkg));
    return file;
  }
}
