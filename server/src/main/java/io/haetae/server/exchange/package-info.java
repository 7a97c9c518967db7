/**
 * The hub's public events for other agencies and ISACs, on Kafka topics when
 * {@code haetae.kafka.bootstrap-servers} is set (off by default: then nothing of Kafka is loaded).
 * The schema is docs/events.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"knowledge", "findings", "alert", "broadcast", "domainwatch", "identity"})
package io.haetae.server.exchange;
