package io.haetae.engine.advisory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the decompressed bytes read from a whole source against a cap, so a zip or gzip bomb
 * stops the read instead of filling memory or disk. Public so that the feed readers spend
 * the same kind of budget as {@link OsvSource}.
 */
public final class ByteBudget {

  /** Thrown from a counted stream once the budget is spent; the reader reports it as bad input. */
  public static final class Exhausted extends IOException {
    Exhausted(long max) {
      super("total decompressed size exceeds " + max + " bytes");
    }
  }

  private final long max;
  private long used;

  public ByteBudget(long max) {
    this.max = max;
  }

  public InputStream count(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) spend(1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) spend(n);
        return n;
      }
    };
  }

  private void spend(long n) throws Exhausted {
    used += n;
    if (used > max) throw new Exhausted(max);
  }
}
