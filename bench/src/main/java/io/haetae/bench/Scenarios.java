package io.haetae.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What every scenario runner needs: waiting for a condition, and the machine's load beside each figure. */
final class Scenarios {

  private Scenarios() {}

  /** Polls {@code done} every 20 ms; fails with {@code state} after {@code limit}. */
  static void await(Duration limit, BooleanSupplier done, Supplier<String> state) {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new IllegalStateException("not done within " + limit + ": " + state.get());
      sleep(20);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * CPU time this process has used, in seconds: beside a wall-clock figure taken while other
   * work shares the cores, it tells what the step itself cost.
   */
  static double cpuSeconds() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() / 1e9 : Double.NaN;
  }

  /** The 1-, 5- and 15-minute load averages (2 cores: above 2 the processes queue for the CPU). */
  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
