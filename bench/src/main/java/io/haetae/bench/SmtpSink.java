package io.haetae.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server that accepts every message and counts, per broadcast, the messages and
 * the distinct {@code Message-ID}s ({@code <broadcast.org@haetae>}); with {@link #keepLog} it also
 * keeps each accepted message's Message-ID and recipients, in order. Bodies are not stored. It
 * answers EHLO, MAIL, RCPT, DATA, RSET, NOOP and QUIT, enough for Jakarta Mail; one thread per
 * connection. GreenMail keeps every message in memory and parses it, which would make the sink,
 * not the hub, the bottleneck at thousands of messages per second.
 */
public final class SmtpSink implements AutoCloseable {

  /** One broadcast's messages as the sink saw them. */
  public static final class Tally {
    final AtomicLong messages = new AtomicLong();
    final Set<String> ids = ConcurrentHashMap.newKeySet();
    volatile long lastNanos;

    public long messages() {
      return messages.get();
    }

    public long distinct() {
      return ids.size();
    }

    public long duplicates() {
      return messages.get() - ids.size();
    }

    public long lastNanos() {
      return lastNanos;
    }
  }

  /** One accepted message: its place in the order of acceptance, Message-ID and envelope recipients. */
  public record Accepted(long seq, String messageId, List<String> recipients) {}

  private final ServerSocket server;
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final List<Accepted> log = new CopyOnWriteArrayList<>();
  private final long delayMs;
  private volatile boolean keepLog;
  private volatile boolean open = true;

  public SmtpSink() throws IOException {
    this(0);
  }

  /**
   * A sink that waits {@code delayMs} before it accepts each message, like a loaded mail server:
   * a fan-out then lasts long enough to be interrupted in the middle.
   */
  public SmtpSink(long delayMs) throws IOException {
    this.delayMs = delayMs;
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("smtp-sink-accept").start(this::accept);
  }

  /** From now on each accepted message is kept in {@link #accepted}. */
  public SmtpSink keepLog() {
    keepLog = true;
    return this;
  }

  /** The messages accepted after the {@code from}-th (0 for all), in order. */
  public List<Accepted> accepted(long from) {
    return log.stream().filter(a -> a.seq() > from).toList();
  }

  public int port() {
    return server.getLocalPort();
  }

  public long total() {
    return total.get();
  }

  public Tally tally(String broadcast) {
    return tallies.computeIfAbsent(broadcast, b -> new Tally());
  }

  private void accept() {
    while (open) {
      try {
        Socket s = server.accept();
        Thread.ofPlatform().daemon().name("smtp-sink").start(() -> serve(s));
      } catch (IOException e) {
        if (open) System.err.println("smtp sink: " + e.getMessage());
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      var in = new Lines(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      reply(out, "220 sink ESMTP");
      var recipients = new ArrayList<String>();
      String line;
      while ((line = in.next()) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 104857600");
          case "HELO" -> reply(out, "250 sink");
          case "MAIL", "RSET" -> {
            recipients.clear();
            reply(out, "250 OK");
          }
          case "RCPT" -> {
            recipients.add(address(line));
            reply(out, "250 OK");
          }
          case "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 go ahead");
            String messageId = data(in);
            if (messageId == null) return;
            pause();
            // Counted once the client was told: a client killed before this reply never sent it.
            reply(out, "250 queued");
            count(messageId, List.copyOf(recipients));
            recipients.clear();
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away (a killed hub): nothing to count
    }
  }

  private static String address(String rcpt) {
    int open = rcpt.indexOf('<');
    int close = rcpt.indexOf('>', open + 1);
    return open >= 0 && close > open ? rcpt.substring(open + 1, close) : rcpt.substring(rcpt.indexOf(':') + 1).strip();
  }

  private void pause() {
    if (delayMs <= 0) return;
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the message up to the lone dot; returns its Message-ID ("<none>" without one), null if the connection dropped. */
  private String data(Lines in) throws IOException {
    String messageId = null;
    boolean headers = true;
    String line;
    while ((line = in.next()) != null) {
      if (line.equals(".")) break;
      if (headers) {
        if (line.isEmpty()) headers = false;
        else if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) messageId = line.substring(11).strip();
      }
    }
    if (line == null) return null; // connection lost mid-message: the server never accepted it
    return messageId == null ? "<none>" : messageId;
  }

  private void count(String id, List<String> recipients) {
    long seq = total.incrementAndGet();
    if (keepLog) log.add(new Accepted(seq, id, recipients));
    int dot = id.indexOf('.');
    Tally t = tally(dot > 1 ? id.substring(1, dot) : "unknown");
    t.messages.incrementAndGet();
    t.ids.add(id);
    t.lastNanos = System.nanoTime();
  }

  /** Lines of an SMTP conversation (CRLF or LF), read through one unsynchronised buffer. */
  private static final class Lines {
    private final InputStream in;
    private final byte[] buffer = new byte[65536];
    private int pos;
    private int end;
    private byte[] line = new byte[1024];

    Lines(InputStream in) {
      this.in = in;
    }

    String next() throws IOException {
      int n = 0;
      while (true) {
        if (pos == end) {
          end = in.read(buffer);
          pos = 0;
          if (end <= 0) {
            end = 0;
            return n == 0 ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
          }
        }
        byte b = buffer[pos++];
        if (b == '\n') {
          if (n > 0 && line[n - 1] == '\r') n--;
          return new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }
        if (n == line.length) line = java.util.Arrays.copyOf(line, n * 2);
        line[n++] = b;
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
  }
}
