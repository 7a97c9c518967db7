package io.haetae.server;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.haetae.server.support.TestSmtp;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.Outbox;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alert outbox across a crash: the hub commits the findings, cannot send the mail, and stops.
 * The next start delivers the digest exactly once, and a start after that sends nothing again.
 */
class AlertOutboxTest {

  private final GreenMail smtp = new GreenMail(TestSmtp.setup());

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void digestHeldAtACrashIsSentOnceAfterRestart() throws Exception {
    NewOrganisation org;
    try (var first = start()) {
      first.getBean(AdvisoryImporter.class).importOsv(file("demo/advisories.jsonl"));
      Outbox.awaitDrained(first.getBean(JdbcClient.class));
      org = first.getBean(OrganisationService.class).create(unique("Water"), unique("ciso") + "@water.test", "water", false);
      var caller = new Caller(org.organisation().id(), org.organisation().name(), "test", Role.CISO);
      first.getBean(InventoryService.class).importSbom(caller,
          new InventoryService.Target(null, unique("pumps"), "1", true), bytes("demo/hanbit-energy-scada-gateway.cdx.json"), "bom.json");
      // No SMTP server is listening: the attempt fails and the publication stays open.
      await().atMost(Duration.ofSeconds(30)).until(() -> failedDigests(first) > 0 && findingsOf(first, org) > 0);
    }

    smtp.start();
    try (var second = start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(org.organisation().cisoEmail()) == 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> openDigests(second) == 0);
    }
    try (var third = start()) {
      assertThat(openDigests(third)).isZero();
    }
    assertThat(messagesTo(org.organisation().cisoEmail())).isEqualTo(1);
    assertThat(smtp.getReceivedMessages()[0].getSubject()).contains(org.organisation().name());
  }

  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(HaetaeApplication.class)
        .web(WebApplicationType.NONE)
        .profiles("test")
        // No republish-on-restart: the node's start takes over what the crashed run left (cluster
        // module), as in production; the test profile turns that off for the suite's other contexts.
        .run("--haetae.cluster.takeover-at-start=true");
  }

  private static long openDigests(ConfigurableApplicationContext context) {
    return context.getBean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE '%AlertDispatcher%'")
        .query(Long.class).single();
  }

  private static long failedDigests(ConfigurableApplicationContext context) {
    return context.getBean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM event_publication WHERE status = 'FAILED' AND listener_id LIKE '%AlertDispatcher%'")
        .query(Long.class).single();
  }

  private static long findingsOf(ConfigurableApplicationContext context, NewOrganisation org) {
    return context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM findings_finding WHERE org_id = :o")
        .param("o", org.organisation().id()).query(Long.class).single();
  }

  private int messagesTo(String address) {
    return (int) Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).count();
  }
}
