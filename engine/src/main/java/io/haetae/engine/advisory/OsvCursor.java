package io.haetae.engine.advisory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Walks the records of one file for {@link OsvSource}. Files are opened on the first
 * {@link #next()}, so that a corrupt archive is reported as a rejected entry in stream order.
 */
sealed interface OsvCursor extends Closeable {

  /** The next entry, or null at the end of the file. */
  OsvSource.Entry next() throws IOException;

  /** Where the cursor stands, for error messages. */
  OsvSource.Origin position();

  static OsvCursor open(OsvSource source, Path file, ByteBudget budget) {
    var origin = new OsvSource.Origin(file, null, 0, 0);
    return switch (OsvSource.kindOf(file.toString())) {
      case JSON -> new Whole(source, origin, () -> budget.count(Files.newInputStream(file)));
      case JSONL -> new Lines(source, origin, () -> budget.count(Files.newInputStream(file)));
      case JSONL_GZ -> new Lines(source, origin,
          // Count after decompression: the cap is on what a gzip bomb expands to.
          () -> budget.count(new GZIPInputStream(Files.newInputStream(file), 64 * 1024)));
      case ZIP -> new Zip(source, file, budget);
      case OTHER -> throw new IllegalArgumentException(file + ": unsupported file kind");
    };
  }

  interface Opener {
    InputStream open() throws IOException;
  }

  /** A file or zip entry holding exactly one JSON record. */
  final class Whole implements OsvCursor {
    private final OsvSource source;
    private final OsvSource.Origin origin;
    private final Opener opener;
    private boolean done;

    Whole(OsvSource source, OsvSource.Origin origin, Opener opener) {
      this.source = source;
      this.origin = origin;
      this.opener = opener;
    }

    @Override
    public OsvSource.Entry next() throws IOException {
      if (done) return null;
      done = true;
      try (var in = opener.open()) {
        var bytes = source.readRecord(in);
        return bytes == null ? source.tooLarge(origin) : source.decode(bytes, origin, false);
      }
    }

    @Override
    public OsvSource.Origin position() {
      return origin;
    }

    @Override
    public void close() {}
  }

  /** JSON Lines: one record per line; blank lines are skipped. */
  final class Lines implements OsvCursor {
    private final OsvSource source;
    private final OsvSource.Origin origin;
    private final Opener opener;
    private InputStream in;
    private LineSplitter lines;
    private long lineNumber;

    Lines(OsvSource source, OsvSource.Origin origin, Opener opener) {
      this.source = source;
      this.origin = origin;
      this.opener = opener;
    }

    @Override
    public OsvSource.Entry next() throws IOException {
      if (lines == null) {
        in = opener.open();
        lines = source.lines(in);
      }
      for (var line = lines.next(); line != null; line = lines.next()) {
        lineNumber = line.number();
        var at = origin.at(line.number(), 0);
        if (line.isTooLong()) return source.tooLarge(at);
        if (!isBlank(line.bytes())) return source.decode(line.bytes(), at, true);
      }
      return null;
    }

    private static boolean isBlank(byte[] bytes) {
      for (byte b : bytes) if (b != ' ' && b != '\t' && b != '\r') return false;
      return true;
    }

    @Override
    public OsvSource.Origin position() {
      return origin.at(lineNumber + 1, 0);
    }

    @Override
    public void close() throws IOException {
      if (in != null) in.close();
    }
  }

  /**
   * A zip like OSV's bulk downloads. Entries are read through {@link ZipFile} by name and never
   * written to disk, so names such as {@code ../../etc/passwd} are just labels here.
   */
  final class Zip implements OsvCursor {
    private final OsvSource source;
    private final Path file;
    private final ByteBudget budget;
    private ZipFile zip;
    private Enumeration<? extends ZipEntry> entries;
    private OsvCursor inner;
    private String entryName;

    Zip(OsvSource source, Path file, ByteBudget budget) {
      this.source = source;
      this.file = file;
      this.budget = budget;
    }

    @Override
    public OsvSource.Entry next() throws IOException {
      if (zip == null) {
        zip = new ZipFile(file.toFile());
        entries = zip.entries();
      }
      while (true) {
        if (inner != null) {
          var entry = inner.next();
          if (entry != null) return entry;
          inner.close();
          inner = null;
        }
        if (!entries.hasMoreElements()) return null;
        inner = cursorFor(entries.nextElement());
      }
    }

    private OsvCursor cursorFor(ZipEntry entry) {
      entryName = entry.getName();
      var origin = new OsvSource.Origin(file, entryName, 0, 0);
      Opener opener = () -> budget.count(zip.getInputStream(entry));
      if (entry.isDirectory()) return null;
      return switch (OsvSource.kindOf(entryName)) {
        case JSON -> new Whole(source, origin, opener);
        case JSONL -> new Lines(source, origin, opener);
        // all.zip holds only .json; anything else in an archive is not ours to read.
        case JSONL_GZ, ZIP, OTHER -> null;
      };
    }

    @Override
    public OsvSource.Origin position() {
      return inner != null ? inner.position() : new OsvSource.Origin(file, entryName, 0, 0);
    }

    @Override
    public void close() throws IOException {
      if (inner != null) inner.close();
      if (zip != null) zip.close();
    }
  }
}
