package io.haetae.bench;

import io.haetae.engine.domain.LookalikeIndex;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Look-alike checking throughput and index memory (issue 15: 200,000 observed domains a second
 * against 30,000 protected names). Protected: the first 30,000 of a shuffled list of real
 * registered domains (their labels act as brand names too); observed: the rest of the list (unrelated real
 * domains, the common case in a CT or new-domain feed) with one in ten replaced by a look-alike
 * of a protected name (typo, combo word, TLD swap, subdomain), each checked from its raw text
 * (normalisation included). Warm-up pass, then timed passes; threads as given.
 *
 * <p>Args: DOMAINS_FILE [protected count] [threads] [seconds].
 */
public final class DomainWatchScenario {

  private DomainWatchScenario() {}

  public static void main(String[] args) throws Exception {
    List<String> all = new ArrayList<>(Files.readAllLines(Path.of(args[0])).stream().map(String::strip)
        .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList());
    int protectedCount = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Collections.shuffle(all, new Random(15));
    List<String> prot = all.subList(0, protectedCount);
    long before = used();
    long t0 = System.nanoTime();
    var b = LookalikeIndex.builder();
    int rejected = 0;
    for (String d : prot) {
      try {
        b.domain("org", d);
      } catch (IllegalArgumentException e) {
        rejected++;
      }
    }
    var index = b.build();
    long buildMs = (System.nanoTime() - t0) / 1_000_000;
    long after = used();
    System.out.printf("protected names: %,d (%d domains rejected), index built in %,d ms%n", index.size(), rejected, buildMs);
    System.out.printf("index heap: %,.1f MiB (deletion table %,.1f MiB, %,d entries)%n",
        (after - before) / 1048576.0, index.variantBytes() / 1048576.0, index.variantCount());

    var observed = new ArrayList<String>(all.subList(protectedCount, all.size()));
    var random = new Random(6962);
    String[] words = {"login", "secure", "verify", "account", "pay", "support", "injeung"};
    for (int i = 0; i < observed.size(); i += 10) {
      String p = prot.get(random.nextInt(prot.size()));
      String label = p.substring(0, p.indexOf('.'));
      String rest = p.substring(p.indexOf('.'));
      int at = label.length() > 1 ? random.nextInt(label.length()) : 0;
      observed.set(i, switch (random.nextInt(4)) {
        case 0 -> label.substring(0, at) + label.substring(at + 1) + rest;
        case 1 -> label + "-" + words[random.nextInt(words.length)] + ".com";
        case 2 -> label + ".co.kr";
        default -> p + ".verify-account.com";
      });
    }
    String[] stream = observed.toArray(String[]::new);
    System.out.printf("observed stream: %,d names (one in ten a look-alike), %d thread(s)%n", stream.length, threads);
    run(index, stream, threads, 3, "warm-up");
    run(index, stream, threads, seconds, "measured");
  }

  private static void run(LookalikeIndex index, String[] stream, int threads, int seconds, String label) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    var checked = new LongAdder();
    var matched = new LongAdder();
    var cpuNanos = new LongAdder();
    var threadBean = ManagementFactory.getThreadMXBean();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int offset = t * (stream.length / threads);
      futures.add(pool.submit(() -> {
        long cpu0 = threadBean.getCurrentThreadCpuTime();
        int i = offset;
        long n = 0;
        long m = 0;
        while ((n & 1023) != 0 || System.nanoTime() < end) {
          try {
            m += index.match(stream[i], null).size();
          } catch (IllegalArgumentException e) {
            // a name the feed got wrong: counted as checked
          }
          n++;
          if (++i == stream.length) i = 0;
        }
        cpuNanos.add(threadBean.getCurrentThreadCpuTime() - cpu0);
        checked.add(n);
        matched.add(m);
      }));
    }
    for (var f : futures) f.get();
    pool.shutdown();
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %,d names in %.1f s = %,.0f names/s wall; %,.0f names per CPU-second (the machine is shared:"
        + " wall time includes waiting for a core); %,d matches%n", label, checked.sum(), secs, checked.sum() / secs,
        checked.sum() / (cpuNanos.sum() / 1e9), matched.sum());
  }

  private static long used() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
