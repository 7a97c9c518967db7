package io.haetae.server.knowledge;

import static io.haetae.server.support.Fixtures.unique;

import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** With no room in the parsed-advisory cache (or an entry evicted mid-call), matching still gets every advisory. */
@SpringBootTest(properties = "haetae.knowledge.parsed-cache=0")
@ActiveProfiles("test")
class ParsedAdvisoryCacheOffTest {

  @Autowired AdvisoryImporter importer;
  @Autowired AdvisoryCatalog catalog;

  @Test
  void everyAdvisoryIsStillFound() throws Exception {
    String id = unique("KR-NOCACHE");
    String pkg = unique("nocachelib");
    importer.importOsv(ParsedAdvisoryCacheTest.advisory(id, pkg, "1.26.5", "2021-07-02T18:56:20.858344Z"));
    for (int i = 0; i < 2; i++) {
      ParsedAdvisoryCacheTest.only(catalog.forMatching(List.of(new PackageKey(Ecosystem.PYPI, pkg))), id);
    }
  }
}
