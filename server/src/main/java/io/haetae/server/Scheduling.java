package io.haetae.server;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The hub's timers (redelivery, feed sync, escalation, reminders, expiries) run in a serving
 * hub only: a command-line run on the same data directory ({@code haetae.scheduling=false})
 * must not start them, or every {@code org create} would also retry mail and pull feeds.
 * Modules declare {@code @Scheduled} methods and never enable scheduling themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "haetae.scheduling", havingValue = "true", matchIfMissing = true)
class Scheduling {}
