package io.haetae.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code haetae serve} in a child JVM on a fixed port, as an operator runs it under a service
 * manager: started, killed with SIGKILL (no shutdown hook, nothing flushed), started again on the
 * same port and data folder. Each start's output goes to {@code hub-N.log} in the data folder.
 */
final class HubProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final Path dataDir;
  private final List<String> settings;
  private Process process;
  private int starts;

  HubProcess(Path dataDir, List<String> settings) throws IOException {
    this.port = freePort();
    this.dataDir = dataDir;
    this.settings = List.copyOf(settings);
  }

  int port() {
    return port;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Starts the hub and returns once {@code /actuator/health} answers 200; seconds taken. */
  double start() throws IOException {
    var command = new ArrayList<String>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "io.haetae.cli.Haetae", "serve",
        "--server.port=" + port, "--haetae.data-dir=" + dataDir));
    command.addAll(settings);
    Path log = dataDir.resolve("hub-" + (++starts) + ".log");
    long begin = System.nanoTime();
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Scenarios.await(Duration.ofMinutes(5), () -> {
      if (!process.isAlive()) throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log);
      return healthy();
    }, () -> "the hub did not answer on port " + port + "; see " + log);
    return (System.nanoTime() - begin) / 1e9;
  }

  boolean healthy() {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** SIGKILL: the JVM ends at once, mid-transaction, mid-mail. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
