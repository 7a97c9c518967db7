package io.haetae.engine.domain;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads observed domains from whatever a feed gives: a plain list ({@link DomainListReader}),
 * its gzip, or RFC 6962 {@code get-entries} JSON ({@link CtEntriesReader}). The format is told
 * by the content (gzip magic, a leading '{'), not by the file name, so uploads work too.
 */
public final class ObservedReaders {

  private ObservedReaders() {}

  public static void read(Path file, ObservedSink sink) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      read(in, sink);
    }
  }

  public static void read(InputStream raw, ObservedSink sink) throws IOException {
    var in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      read(new GZIPInputStream(in, 1 << 16), sink);
      return;
    }
    in.mark(4096);
    int c;
    do {
      c = in.read();
    } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
    in.reset();
    if (c == '{') new CtEntriesReader().read(in, sink);
    else new DomainListReader().read(in, sink);
  }
}
