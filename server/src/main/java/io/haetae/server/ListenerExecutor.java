package io.haetae.server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor behind the asynchronous module listeners (matching, alert mail). Bounded, so a
 * burst of a thousand uploads cannot start a thousand analyses that take every database
 * connection and starve the HTTP requests; queued rather than blocking, because a listener that
 * publishes an event of its own must never wait for a free slot held by its peers. A queued
 * event is already in the event publication registry, so a stop loses nothing: on shutdown the
 * running listeners finish and the queued ones wait for the next start.
 */
@Configuration(proxyBeanMethods = false)
class ListenerExecutor {

  @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
  ThreadPoolTaskExecutor applicationTaskExecutor(@Value("${haetae.listener-threads:4}") int threads,
      @Value("${haetae.listener-shutdown-wait-seconds:30}") int shutdownWait) {
    var executor = new ThreadPoolTaskExecutor() {
      @Override
      public void shutdown() {
        // Running listeners finish; queued ones are dropped: their events are still open in the
        // publication registry and are delivered again at the next start.
        getThreadPoolExecutor().getQueue().clear();
        super.shutdown();
      }
    };
    executor.setCorePoolSize(threads);
    executor.setMaxPoolSize(threads);
    executor.setQueueCapacity(Integer.MAX_VALUE);
    executor.setThreadNamePrefix("listener-");
    // A command-line run does not wait (0): a listener it interrupts (an alert mail, say) rolls
    // back, stays open in the registry and is delivered by the hub.
    executor.setWaitForTasksToCompleteOnShutdown(shutdownWait > 0);
    executor.setAwaitTerminationSeconds(shutdownWait);
    return executor;
  }
}
