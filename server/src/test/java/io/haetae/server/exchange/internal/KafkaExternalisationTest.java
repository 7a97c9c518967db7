package io.haetae.server.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.domainwatch.DomainMatchFound;
import io.haetae.server.findings.FindingState;
import io.haetae.server.findings.FindingStateChanged;
import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.AdvisoriesChanged;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/events.md against a real (embedded KRaft) broker: an event reaches its topic keyed and
 * enveloped; while the broker is down the publication stays open, and once it is back the resend
 * arrives with the same event id. Without the setting nothing of Kafka is in the hub.
 */
class KafkaExternalisationTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void eventsReachTheirTopicAndABrokerOutageDelaysThemWithoutLosingAny() throws Exception {
    // The hub knows the broker by one address, as in production; behind it, a broker is stopped
    // and a new one started (a new port: the embedded KRaft broker cannot be told its port).
    var front = new BrokerAddress();
    int port = front.port();
    EmbeddedKafkaKraftBroker broker = broker(front, "haetae.advisories");
    try (front; ConfigurableApplicationContext hub = hub("--haetae.kafka.bootstrap-servers=127.0.0.1:" + port)) {
      UUID first = UUID.randomUUID();
      publish(hub, new AdvisoriesChanged(first, 0));
      ConsumerRecord<String, String> record = awaitRecord(port, "haetae.advisories", first);
      assertThat(record.key()).isEqualTo("advisories");
      JsonNode envelope = JSON.readTree(record.value());
      assertThat(envelope.get("type").asString()).isEqualTo("advisories.changed");
      assertThat(envelope.get("version").asInt()).isEqualTo(1);
      assertThat(envelope.get("data").get("count").asInt()).isZero();
      assertThat(envelope.get("id").asString())
          .isEqualTo(Externaliser.envelope("advisories.changed", new AdvisoriesChanged(first, 0), null, null, Map.of()).id().toString());

      // TLP: a finding's advisory marked AMBER is named by no message; people's names stay home.
      String amberId = "HAETAE-KAFKA-" + UUID.randomUUID();
      Path amber = Files.createTempFile("amber", ".json");
      Files.writeString(amber, new String(Fixtures.bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
          .replace("\"PYSEC-2021-108\"", "\"" + amberId + "\"").replaceFirst("\"aliases\":\\s*\\[[^]]*]", "\"aliases\": []"));
      hub.getBean(AdvisoryImporter.class).importOsv(amber, new Marking(Tlp.AMBER, null, "energy"));
      UUID finding = UUID.randomUUID();
      hub.getBean(Externaliser.class).on(new FindingStateChanged(finding, UUID.randomUUID(), UUID.randomUUID(), amberId, null,
          FindingState.NEW, FindingState.RISK_ACCEPTED, Instant.now(), "someone@energy.test", "the vendor's fix breaks the plant"));
      JsonNode changed = JSON.readTree(awaitRecord(port, "haetae.findings", finding).value());
      assertThat(changed.get("type").asString()).isEqualTo("finding.state-changed");
      assertThat(changed.get("data").get("advisoryId").isNull()).isTrue();
      assertThat(changed.get("data").get("advisoryWithheld").asBoolean()).isTrue();
      assertThat(changed.toString()).doesNotContain(amberId).doesNotContain("someone@energy.test").doesNotContain("plant");

      // A look-alike of an organisation: keyed by the organisation, the imitated name stays home.
      UUID match = UUID.randomUUID();
      UUID bank = UUID.randomUUID();
      publish(hub, new DomainMatchFound(match, bank, "examp1e-bank.com", "example-bank.co.kr", "replacement", 91));
      var lookalike = awaitRecord(port, "haetae.domains", match);
      assertThat(lookalike.key()).isEqualTo(bank.toString());
      JsonNode matchData = JSON.readTree(lookalike.value()).get("data");
      assertThat(matchData.get("domain").asString()).isEqualTo("examp1e-bank.com");
      assertThat(matchData.get("technique").asString()).isEqualTo("replacement");
      assertThat(lookalike.value()).doesNotContain("example-bank.co.kr");

      broker.destroy();
      front.forwardTo(null);
      UUID second = UUID.randomUUID();
      publish(hub, new AdvisoriesChanged(second, 7));
      // The send fails within the timeout; the publication stays open, FAILED, for a resend.
      await().atMost(Duration.ofSeconds(60)).until(() -> externalisation(hub, second, "FAILED") == 1);

      // The new broker gets its topic when the hub's producer asks for it again (auto-creation).
      broker = broker(front);
      hub.getBean(FailedEventPublications.class).resubmit(ResubmissionOptions.defaults());
      ConsumerRecord<String, String> resent = awaitRecord(port, "haetae.advisories", second);
      assertThat(JSON.readTree(resent.value()).get("data").get("count").asInt()).isEqualTo(7);
      await().atMost(Duration.ofSeconds(30)).until(() -> externalisation(hub, second, "COMPLETED") == 1);
    } finally {
      broker.destroy();
    }
  }

  @Test
  void withoutTheSettingTheHubHasNoKafkaProducer() {
    try (ConfigurableApplicationContext hub = hub()) {
      assertThat(hub.getBeanNamesForType(Externaliser.class)).isEmpty();
      assertThat(hub.containsBean("haetaeKafkaProducers")).isFalse();
    }
  }

  private static ConfigurableApplicationContext hub(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.add("--haetae.kafka.send-timeout=PT3S");
    return new SpringApplicationBuilder(HaetaeApplication.class).web(WebApplicationType.NONE).profiles("test")
        .run(all.toArray(String[]::new));
  }

  /** A broker that tells its clients to reach it at the front address, which forwards to it. */
  private static EmbeddedKafkaKraftBroker broker(BrokerAddress front, String... topics) {
    var broker = new EmbeddedKafkaKraftBroker(1, 1, topics);
    broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + front.port());
    front.forwardTo(broker);
    broker.afterPropertiesSet();
    return broker;
  }

  private static void publish(ConfigurableApplicationContext hub, Object event) {
    new TransactionTemplate(hub.getBean(PlatformTransactionManager.class))
        .executeWithoutResult(s -> hub.publishEvent(event));
  }

  private static long externalisation(ConfigurableApplicationContext hub, UUID analysis, String status) {
    return hub.getBean(JdbcClient.class).sql("""
        SELECT COUNT(*) FROM event_publication
        WHERE listener_id LIKE '%Externaliser%' AND serialized_event LIKE :id AND status = :status""")
        .param("id", "%" + analysis + "%").param("status", status).query(Long.class).single();
  }

  private static ConsumerRecord<String, String> awaitRecord(int port, String topic, UUID analysis) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (var consumer = new KafkaConsumer<String, String>(props)) {
      consumer.subscribe(List.of(topic));
      var found = new ArrayList<ConsumerRecord<String, String>>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (var r : consumer.poll(Duration.ofMillis(500))) if (r.value().contains(analysis.toString())) found.add(r);
        return !found.isEmpty();
      });
      return found.getFirst();
    }
  }

  /**
   * The broker's address as the hub knows it: a TCP forwarder to whichever embedded broker runs
   * now. The broker's real port is read when a connection arrives (it is known once the broker
   * has bound it); with no broker running, connections are closed at once, as a stopped broker's are.
   */
  static final class BrokerAddress implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private volatile EmbeddedKafkaKraftBroker target;

    BrokerAddress() throws java.io.IOException {
      threads.execute(this::accept);
    }

    int port() {
      return server.getLocalPort();
    }

    void forwardTo(EmbeddedKafkaKraftBroker broker) {
      target = broker;
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          var client = server.accept();
          threads.execute(() -> forward(client));
        } catch (java.io.IOException closed) {
          return;
        }
      }
    }

    private void forward(java.net.Socket client) {
      try (client) {
        var cluster = target == null ? null : target.getCluster();
        if (cluster == null) return;
        String[] hostPort = cluster.bootstrapServers().split(",")[0].split(":");
        try (var upstream = new java.net.Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
          var back = threads.submit(() -> copy(upstream, client));
          copy(client, upstream);
          back.get();
        }
      } catch (Exception broken) {
        // The broker stopped or the client went away: the connection ends, as it would.
      }
    }

    private static Void copy(java.net.Socket from, java.net.Socket to) {
      try {
        from.getInputStream().transferTo(to.getOutputStream());
      } catch (java.io.IOException ended) {
        // either side closed
      }
      try {
        to.shutdownOutput();
      } catch (java.io.IOException ignored) {
        // already closed
      }
      return null;
    }

    @Override
    public void close() throws java.io.IOException {
      server.close();
      threads.shutdownNow();
    }
  }
}
