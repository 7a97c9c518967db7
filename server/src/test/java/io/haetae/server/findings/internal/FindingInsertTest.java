package io.haetae.server.findings.internal;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static io.haetae.server.support.Fixtures.urllib3Advisory;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingService;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Findings are written in bulk after asking which keys are stored; a row another writer stored
 * between the two (here: a finding whose id is taken) must not fail the analysis: that write is
 * undone to its savepoint, the chunk goes row by row, the conflict is left alone and the
 * transaction goes on (PostgreSQL refuses every later statement of a transaction an error
 * aborted, unless a savepoint took the error).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FindingInsertTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired FindingService findings;
  @Autowired FindingRepository repository;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired io.haetae.server.knowledge.AdvisoryImporter importer;

  @Test
  void storedKeysAreKnownNewOnesOpenedAndARowStoredMeanwhileIsLeftAlone() throws Exception {
    importer.importOsv(urllib3Advisory(unique("KR-CERT-A")));
    importer.importOsv(urllib3Advisory(unique("KR-CERT-B")));
    var org = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", "finance", false);
    var ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    UUID project = UUID.fromString(new HubClient(port).upload(org.apiKey(), unique("billing"), "1",
        bytes("fixtures/sbom/billing-portal.cdx.json")));
    List<Finding> stored = findings.openOfProject(ciso, project);
    assertThat(stored).hasSizeGreaterThanOrEqualTo(2);
    Finding first = stored.get(0);
    Finding second = stored.get(1);

    Finding sameKey = copy(first, UUID.randomUUID(), first.advisoryId());         // stored already: known
    Finding takenId = copy(first, second.id(), unique("TAKEN-ID"));               // a new key, an id stored meanwhile
    Finding fresh = copy(first, UUID.randomUUID(), unique("FRESH"));              // new
    Finding freshTwice = copy(first, UUID.randomUUID(), fresh.advisoryId());      // the same key again in one analysis
    long before = count(project);

    var inserted = transactions.execute(tx -> {
      var result = repository.insertNew(List.of(sameKey, takenId, fresh, freshTwice));
      // The transaction is still usable after the conflict.
      assertThat(repository.countOpenOfProject(project)).isEqualTo((int) before + 1);
      return result;
    });

    assertThat(inserted.opened()).extracting(Finding::id).containsExactly(fresh.id());
    assertThat(inserted.reopened()).isEmpty();
    assertThat(count(project)).isEqualTo(before + 1);
    assertThat(jdbc.sql("SELECT advisory_id FROM findings_finding WHERE id = :id").param("id", second.id())
        .query(String.class).single()).isEqualTo(second.advisoryId());
    Outbox.awaitDrained(jdbc);
  }

  private long count(UUID project) {
    return jdbc.sql("SELECT COUNT(*) FROM findings_finding WHERE project_id = :p").param("p", project).query(Long.class).single();
  }

  private static Finding copy(Finding f, UUID id, String advisoryId) {
    return new Finding(id, f.orgId(), f.projectId(), f.componentKey(), f.componentName(), f.componentGroup(),
        f.componentVersion(), f.componentPurl(), advisoryId, List.of(), "t", f.severity(), f.score(), f.fixedVersion(),
        f.verdict(), f.reason(), io.haetae.server.findings.FindingState.NEW, UUID.randomUUID(), java.time.Instant.now());
  }
}
