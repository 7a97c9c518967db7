package io.haetae.server.broadcast;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationImport;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.support.TestSmtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A broadcast survives a stop in the middle of sending: the hub is shut down while rows are still
 * pending, and the next start sends the rest. Every recipient gets exactly one mail.
 * (The kill -9 case, with its tolerated crash window, is the BroadcastScenario in bench/.)
 */
class BroadcastResumeTest {

  private static final int RECIPIENTS = 200;

  private final GreenMail smtp = new GreenMail(TestSmtp.setup());

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void aBroadcastStoppedMidwayIsFinishedAfterRestartWithOneMailPerRecipient() {
    smtp.start();
    String sector = unique("stormwater");
    UUID broadcast;
    try (var first = start()) {
      var cert = first.getBean(OrganisationService.class).create(unique("CERT"), unique("op") + "@cert.test", null, true).organisation();
      var csv = new StringBuilder("name,ciso_email,sector,size\n");
      for (int i = 0; i < RECIPIENTS; i++) csv.append(sector).append(" utility ").append(i).append(',').append(sector).append('-').append(i)
          .append("@utility.test,").append(sector).append(",small\n");
      first.getBean(OrganisationImport.class).importCsv(new Caller(cert.id(), cert.name(), "op", Role.OPERATOR),
          csv.toString().getBytes(StandardCharsets.UTF_8));
      broadcast = first.getBean(Broadcasts.class).send(new Caller(cert.id(), cert.name(), "op", Role.OPERATOR),
          new Notice("Storm warning", "Close the gates.", Audience.sectors(sector), false)).id();
      await().atMost(Duration.ofSeconds(30)).until(() -> mailsOf(broadcast).size() >= 20);
      assertThat(sent(first, broadcast)).as("stopped before the end").isLessThan(RECIPIENTS);
    }

    try (var second = start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> sent(second, broadcast) == RECIPIENTS);
    }
    List<String> ids = mailsOf(broadcast).stream().map(BroadcastResumeTest::messageId).toList();
    assertThat(ids).hasSize(RECIPIENTS).doesNotHaveDuplicates();
  }

  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(HaetaeApplication.class)
        .web(WebApplicationType.NONE)
        .profiles("test")
        .properties("haetae.broadcast.rate=100", "haetae.broadcast.batch-size=10", "haetae.broadcast.senders=2",
            "haetae.broadcast.poll=PT0.5S")
        .run();
  }

  private static long sent(ConfigurableApplicationContext context, UUID broadcast) {
    return context.getBean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM broadcast_recipient WHERE broadcast_id = :b AND state = 'SENT'")
        .param("b", broadcast).query(Long.class).single();
  }

  private List<MimeMessage> mailsOf(UUID broadcast) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> messageId(m).startsWith("<" + broadcast + ".")).toList();
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
