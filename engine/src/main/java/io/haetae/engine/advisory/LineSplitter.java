package io.haetae.engine.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without ever holding more than
 * {@code maxLineBytes} of one line: a longer line is skipped to its end and reported as too
 * long, so one hostile line cannot exhaust memory. A trailing {@code \r} is dropped. Public so
 * that the feed readers split their JSONL and CSV files under the same cap as {@link OsvSource}.
 */
public final class LineSplitter {

  /** One line; {@code bytes} is null when the line was longer than the cap. */
  public record Line(long number, byte[] bytes) {
    public boolean isTooLong() {
      return bytes == null;
    }
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkPos;
  private int chunkEnd;
  private long lineNumber;

  public LineSplitter(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at end of stream. */
  public Line next() throws IOException {
    var line = new byte[Math.min(maxLineBytes, 8 * 1024)];
    int length = 0;
    boolean tooLong = false;
    boolean sawAny = false;
    while (true) {
      if (chunkPos == chunkEnd && !fill()) {
        if (!sawAny) return null;
        break;
      }
      sawAny = true;
      byte b = chunk[chunkPos++];
      if (b == '\n') break;
      if (tooLong) continue;
      if (length == maxLineBytes) {
        tooLong = true;
        continue;
      }
      if (length == line.length) line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, 2L * length));
      line[length++] = b;
    }
    lineNumber++;
    if (tooLong) return new Line(lineNumber, null);
    if (length > 0 && line[length - 1] == '\r') length--;
    return new Line(lineNumber, Arrays.copyOf(line, length));
  }

  private boolean fill() throws IOException {
    int n = in.read(chunk);
    while (n == 0) n = in.read(chunk);
    if (n < 0) return false;
    chunkPos = 0;
    chunkEnd = n;
    return true;
  }
}
