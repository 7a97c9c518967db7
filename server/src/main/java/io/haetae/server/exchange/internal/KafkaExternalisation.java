package io.haetae.server.exchange.internal;

import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.AdvisoryCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Externalisation to Kafka, only when {@code haetae.kafka.bootstrap-servers} is set. The condition
 * is read from the class's metadata without loading it, so a hub without the setting loads no
 * Kafka class and opens no connection. The producer is idempotent with {@code acks=all};
 * {@code haetae.kafka.properties.*} passes further producer settings (TLS, SASL) unchanged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "haetae.kafka.bootstrap-servers")
class KafkaExternalisation {

  @Bean(destroyMethod = "destroy")
  DefaultKafkaProducerFactory<String, String> haetaeKafkaProducers(Environment environment,
      @Value("${haetae.kafka.bootstrap-servers}") String servers,
      @Value("${haetae.kafka.send-timeout:PT10S}") Duration sendTimeout) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "haetae");
    // A broker that is down must fail the send within the timeout: the publication then stays
    // open and is resent later, instead of a listener thread waiting for minutes.
    int millis = (int) sendTimeout.toMillis();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis + 1000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putAll(Binder.get(environment).bind("haetae.kafka.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of()));
    return new DefaultKafkaProducerFactory<>(config);
  }

  @Bean
  Externaliser kafkaExternaliser(DefaultKafkaProducerFactory<String, String> producers, AdvisoryCatalog advisories,
      @Value("${haetae.kafka.topic-prefix:haetae.}") String prefix,
      @Value("${haetae.kafka.max-tlp:GREEN}") String maxTlp,
      @Value("${haetae.kafka.include-people:false}") boolean includePeople,
      @Value("${haetae.kafka.send-timeout:PT10S}") Duration sendTimeout) {
    var settings = new Externaliser.Settings(prefix, Tlp.parse(maxTlp), includePeople, sendTimeout);
    return new Externaliser(new KafkaTemplate<>(producers), advisories, settings);
  }
}
