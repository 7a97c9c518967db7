package io.haetae.engine.feed;

import static io.haetae.engine.feed.FeedResult.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsafReaderTest {

  private final CsafReader reader = new CsafReader();

  @Test
  void resolvesRelationshipsToPurlsAndReadsFixedBuildsAsRangesWithTheRemediation() {
    var result = FeedResult.of(reader, fixture("csaf/rhsa-2010_0002.json"));
    assertThat(result.rejected()).isEmpty();
    var expat = result.records().getFirst();
    assertThat(expat.id()).isEqualTo("CVE-2009-3720");
    assertThat(expat.modified()).isEqualTo(Instant.parse("2024-11-22T03:06:43Z"));
    assertThat(expat.json()).contains("\"document\":\"RHSA-2010:0002\"");
    var pyxml = expat.affected().stream()
        .filter(a -> a.databaseSpecific().contains("\"product_id\":\"4AS:PyXML-0:0.8.3-6.el4_8.2.i386\""))
        .findFirst().orElseThrow();
    assertThat(pyxml.ecosystem()).isEqualTo("Red Hat");
    assertThat(pyxml.name()).isEqualTo("PyXML");
    assertThat(pyxml.ranges().getFirst().events()).containsExactly(new RangeEvent.Introduced("0"), new RangeEvent.Fixed("0.8.3-6.el4_8.2"));
    assertThat(pyxml.databaseSpecific()).contains("\"status\":\"fixed\"").contains("\"category\":\"vendor_fix\"")
        .contains("cpe:/o:redhat:enterprise_linux:4::as");
    assertThat(AdvisoryIndex.keysOf(expat)).contains(new PackageKey(Ecosystem.RED_HAT, "PyXML"));
  }

  @Test
  void readsTheVexProfileWithStatusAndRemediationPerProduct() {
    var result = FeedResult.of(reader, fixture("csaf/2022-evd-uc-01-a-001.json"));
    assertThat(result.rejected()).isEmpty();
    var log4shell = result.records().getFirst();
    assertThat(log4shell.id()).isEqualTo("CVE-2021-44228");
    assertThat(log4shell.details()).startsWith("Apache Log4j2 2.0-beta9 through 2.15.0");
    assertThat(log4shell.json()).contains("\"category\":\"csaf_vex\"");
    // No purl in the tree: the product is shown with its status, not matched.
    assertThat(log4shell.affected()).singleElement().satisfies(a -> {
      assertThat(a.name()).isNull();
      assertThat(a.databaseSpecific()).contains("\"product_name\":\"Example Company DEF 1.0\"")
          .contains("\"status\":\"affected\"").contains("update to version 1.1 of product DEF");
    });
  }

  @Test
  void writesAffectedEntriesInTheFixedOrderOfStatusCategoriesNotTheDocumentsOrHashOrder(@TempDir Path dir) throws IOException {
    var file = dir.resolve("vex.json");
    Files.writeString(file, Files.readString(fixture("csaf/2022-evd-uc-01-a-001.json")).replace(
        "\"known_affected\": [", "\"under_investigation\": [\"CSAFPID-0001\"], \"recommended\": [\"CSAFPID-0001\"], "
            + "\"known_not_affected\": [\"CSAFPID-0001\"], \"fixed\": [\"CSAFPID-0001\"], \"known_affected\": ["));
    var result = FeedResult.of(reader, file);
    assertThat(result.rejected()).isEmpty();
    assertThat(result.records().getFirst().affected())
        .extracting(a -> a.databaseSpecific().replaceAll(".*\"status\":\"([a-z_]+)\".*", "$1"))
        .containsExactly("affected", "fixed", "not_affected", "under_investigation", "recommended");
  }

  @Test
  void aProductIdMissingFromTheTreeRejectsThatVulnerabilityOnly(@TempDir Path dir) throws IOException {
    var file = dir.resolve("vex.json");
    Files.writeString(file, Files.readString(fixture("csaf/2022-evd-uc-01-a-001.json"))
        .replace("\"known_affected\": [\n          \"CSAFPID-0001\"", "\"known_affected\": [\n          \"CSAFPID-9999\""));
    var result = FeedResult.of(reader, file);
    assertThat(result.records()).isEmpty();
    assertThat(result.rejected()).singleElement().hasToString(file + " (2022-EVD-UC-01-A-001 CVE-2021-44228): "
        + "/vulnerabilities/0/product_status/known_affected/0: product id 'CSAFPID-9999' is not in the product tree");
  }

  @Test
  void readsEveryRealAdvisoryOfTheSharedCorpus() {
    var corpus = SharedData.require("corpora/csaf");
    var cisa = FeedResult.of(reader, corpus.resolve("cisagov-csaf"));
    assertThat(cisa.rejected()).isEmpty();
    assertThat(cisa.records()).hasSizeGreaterThan(84);
    var redHat = FeedResult.of(reader, corpus.resolve("redhat-vulnerablecode"));
    assertThat(redHat.rejected()).isEmpty();
    var examples = FeedResult.of(reader, corpus.resolve("oasis-tcs-csaf/csaf_2.0/examples/csaf"));
    assertThat(examples.rejected()).isEmpty();
    assertThat(examples.records()).anySatisfy(a -> assertThat(a.json()).contains("\"status\":\"not_affected\""));
  }
}
