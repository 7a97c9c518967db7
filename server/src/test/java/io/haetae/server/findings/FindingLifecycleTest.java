package io.haetae.server.findings;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A finding's life: opened NEW with a due date, acknowledged, fixed by itself when a later SBOM
 * lacks the vulnerable version (the time kept), NEW again when the version comes back; each move
 * an event and an audit line naming who and why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RecordApplicationEvents
class FindingLifecycleTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired FindingService findings;
  @Autowired DeadlinePolicy policy;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents events;

  HubClient hub;
  NewOrganisation org;
  Caller ciso;
  String advisoryId;

  @BeforeEach
  void setUp() throws Exception {
    hub = new HubClient(port);
    org = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", "finance", false);
    ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    advisoryId = importUrllib3Advisory();
  }

  /** The real PYSEC-2021-108 (urllib3 < 1.26.5) under ids no other test uses. */
  String importUrllib3Advisory() throws Exception {
    String id = unique("KR-CERT-2026");
    Path advisory = Files.createTempDirectory("advisory").resolve(id + ".json");
    Files.writeString(advisory, new String(bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
        .replace("\"PYSEC-2021-108\"", "\"" + id + "\"")
        .replace("CVE-2021-33503", id + "-CVE").replace("GHSA-q2q7-5pp4-w6pg", id + "-GHSA"));
    importer.importOsv(advisory);
    return id;
  }

  static byte[] withoutUrllib3() {
    return new String(bytes("fixtures/sbom/billing-portal.cdx.json"), StandardCharsets.UTF_8)
        .replace("pkg:pypi/urllib3@1.26.4", "pkg:pypi/urllib3@1.26.5").replace("\"1.26.4\"", "\"1.26.5\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  Finding theFinding(UUID project) {
    return findings.openOfProject(ciso, project).stream().filter(f -> f.advisoryId().equals(advisoryId)).findFirst()
        .orElseThrow();
  }

  @Test
  void aFindingIsOpenedNewWithItsDueDateAndAcknowledgedOnce() {
    UUID project = UUID.fromString(hub.upload(org.apiKey(), unique("billing"), "1", bytes("fixtures/sbom/billing-portal.cdx.json")));
    Finding f = theFinding(project);

    assertThat(f.state()).isEqualTo(FindingState.NEW);
    LocalDate opened = LocalDate.ofInstant(f.createdAt(), policy.zone());
    assertThat(f.dueDate()).isEqualTo(policy.dueDate(f.severity(), DeadlinePolicy.Signals.NONE, opened));
    assertThat(f.isOverdue(opened)).isFalse();
    assertThat(f.isOverdue(f.dueDate().plusDays(1))).isTrue();

    assertThat(findings.acknowledge(List.of(f.id()), "alert 42 by " + ciso.name())).isEqualTo(1);
    assertThat(findings.acknowledge(List.of(f.id()), "again")).isZero();

    Finding acknowledged = findings.find(ciso, f.id()).orElseThrow();
    assertThat(acknowledged.state()).isEqualTo(FindingState.ACKNOWLEDGED);
    assertThat(acknowledged.state().isOpen()).isTrue();
    assertThat(events.stream(FindingStateChanged.class).filter(e -> e.findingId().equals(f.id())))
        .singleElement().satisfies(e -> {
          assertThat(e.from()).isEqualTo(FindingState.NEW);
          assertThat(e.to()).isEqualTo(FindingState.ACKNOWLEDGED);
          assertThat(e.actor()).isEqualTo("alert 42 by " + ciso.name());
          assertThat(e.reason()).isEqualTo("alert acknowledged");
        });
    assertThat(auditLines(f.id())).singleElement().asString().contains("NEW -> ACKNOWLEDGED");
  }

  @Test
  void aLaterSbomWithoutTheVulnerableVersionFixesItAndItsReturnReopensIt() {
    String name = unique("billing");
    UUID project = UUID.fromString(hub.upload(org.apiKey(), name, "1", bytes("fixtures/sbom/billing-portal.cdx.json")));
    Finding f = theFinding(project);

    hub.upload(org.apiKey(), name, "1", withoutUrllib3());

    Finding fixed = findings.find(ciso, f.id()).orElseThrow();
    assertThat(fixed.state()).isEqualTo(FindingState.FIXED);
    assertThat(fixed.fixedAt()).isNotNull().isAfterOrEqualTo(f.createdAt());
    assertThat(fixed.stateChangedAt()).isEqualTo(fixed.fixedAt());
    assertThat(findings.openOfProject(ciso, project)).noneMatch(x -> x.id().equals(f.id()));
    await().atMost(Duration.ofSeconds(10)).until(() -> auditLines(f.id()).size() == 1);
    assertThat(auditLines(f.id()).getFirst()).contains("NEW -> FIXED", "no longer has the vulnerable version");

    hub.upload(org.apiKey(), name, "1", bytes("fixtures/sbom/billing-portal.cdx.json"));

    Finding back = findings.find(ciso, f.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(FindingState.NEW);
    assertThat(back.fixedAt()).isNull();
    assertThat(auditLines(f.id())).anyMatch(l -> l.contains("FIXED -> NEW"));
  }

  @Test
  void aPersonMovesAFindingWithAReasonAndIllegalMovesAreRefused() {
    UUID project = UUID.fromString(hub.upload(org.apiKey(), unique("billing"), "1", bytes("fixtures/sbom/billing-portal.cdx.json")));
    Finding f = theFinding(project);

    Finding fp = findings.move(ciso, f.id(), FindingState.FALSE_POSITIVE, "urllib3 is vendored and patched");

    assertThat(fp.state()).isEqualTo(FindingState.FALSE_POSITIVE);
    assertThat(fp.assessment().details()).isEqualTo("urllib3 is vendored and patched");
    assertThatThrownBy(() -> findings.move(ciso, f.id(), FindingState.IN_PROGRESS, "changed my mind"))
        .isInstanceOf(IllegalFindingMove.class);
    assertThat(findings.find(ciso, f.id()).orElseThrow().state()).isEqualTo(FindingState.FALSE_POSITIVE);

    Finding accepted = findings.move(ciso, f.id(), FindingState.NEW, "reassess");
    assertThat(accepted.state()).isEqualTo(FindingState.NEW);
    var until = LocalDate.now().plusDays(30);
    Finding risk = findings.acceptRisk(ciso, f.id(), "legacy system, replaced in Q1", until);
    assertThat(risk.state()).isEqualTo(FindingState.RISK_ACCEPTED);
    assertThat(risk.assessment().riskReason()).isEqualTo("legacy system, replaced in Q1");
    assertThat(risk.assessment().riskExpires()).isEqualTo(until);

    NewOrganisation other = organisations.create(unique("Other"), unique("ciso") + "@other.test", "finance", false);
    var stranger = new Caller(other.organisation().id(), other.organisation().name(), "x@other.test", Role.CISO);
    assertThatThrownBy(() -> findings.move(stranger, f.id(), FindingState.FIXED, "not mine"))
        .isInstanceOf(io.haetae.server.web.NotFoundException.class);
  }

  List<String> auditLines(UUID findingId) {
    Outbox.awaitDrained(jdbc);
    return jdbc.sql("SELECT action || ' ' || target FROM identity_audit WHERE target LIKE :t ORDER BY id")
        .param("t", "finding " + findingId + "%").query(String.class).list();
  }
}
