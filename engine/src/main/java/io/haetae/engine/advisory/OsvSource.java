package io.haetae.engine.advisory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the OSV records found at a path, one {@link Entry} per record, each naming where it
 * came from. A path may be an OSV {@code .json} file, a {@code .jsonl} or {@code .jsonl.gz} file
 * (one record per line), a {@code .zip} laid out like OSV's bulk downloads ({@code all.zip},
 * {@code <Ecosystem>/all.zip}: {@code ID.json} entries; {@code .jsonl} entries are read too), or
 * a folder holding any of these, walked recursively in path order so imports are repeatable.
 *
 * <pre>{@code
 * try (var entries = new OsvSource().read(Path.of("all.zip"))) {
 *   entries.forEach(entry -> switch (entry) {
 *     case OsvSource.Accepted a -> store.save(a.advisory());
 *     case OsvSource.Rejected r -> log.warn(r.toString()); // "all.zip!GO-1.json, line 3, column 7: /: ..."
 *   });
 * }
 * }</pre>
 *
 * Records are read one at a time; zip entries are read by name and never extracted, and
 * {@link Limits} caps each record (or JSONL line) and the decompressed total. Bad data is a
 * {@link Rejected} entry; only a failing disk surfaces as {@link UncheckedIOException}.
 * Close the stream to release the file.
 */
public final class OsvSource {

  /** Caps against hostile input: bytes per record (and per JSONL line), decompressed bytes in all. */
  public record Limits(int maxRecordBytes, long maxTotalBytes) {
    public Limits {
      if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
      }
      if (maxTotalBytes < 1) throw new IllegalArgumentException("maxTotalBytes must be positive");
    }

    /** 64 MiB per record (the largest real OSV records are a few MiB), 8 GiB in all. */
    public static Limits defaults() {
      return new Limits(64 << 20, 8L << 30);
    }
  }

  /** Where a record came from: file, zip entry (or null), line (0 if n/a) and column (0 if unknown). */
  public record Origin(Path file, String entry, long line, int column) {
    public Origin {
      Objects.requireNonNull(file, "file");
    }

    Origin at(long line, int column) {
      return new Origin(file, entry, line, column);
    }

    @Override
    public String toString() {
      var text = new StringBuilder(file.toString());
      if (entry != null) text.append('!').append(entry);
      if (line > 0) text.append(", line ").append(line);
      if (column > 0) text.append(", column ").append(column);
      return text.toString();
    }
  }

  /** One record read from the source. */
  public sealed interface Entry permits Accepted, Rejected {
    Origin origin();
  }

  /** A record that parsed and passed {@link OsvReader}'s checks. */
  public record Accepted(Advisory advisory, Origin origin) implements Entry {}

  /** A record (or a part of the source) refused; {@code pointer} is "" for the whole record. */
  public record Rejected(Origin origin, String pointer, String reason) implements Entry {
    @Override
    public String toString() {
      return origin + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + reason;
    }
  }

  private final OsvReader reader;
  private final JsonMapper mapper;
  private final Limits limits;

  public OsvSource() {
    this(Limits.defaults());
  }

  public OsvSource(Limits limits) {
    this.mapper = JsonMapper.builder()
        // A duplicated key would let two readers of one record disagree on its meaning.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    this.reader = new OsvReader(mapper);
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The records at {@code path}, lazily. Throws {@link IllegalArgumentException} for a path
   * that is neither a folder nor one of the supported file kinds.
   */
  public Stream<Entry> read(Path path) {
    var files = filesAt(path);
    var walk = new Walk(files.iterator());
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(walk::close);
  }

  private static List<Path> filesAt(Path path) {
    if (Files.isDirectory(path)) {
      try (var walk = Files.walk(path)) {
        return walk.filter(Files::isRegularFile).filter(p -> kindOf(p.toString()) != Kind.OTHER)
            .sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + path, e);
      }
    }
    if (kindOf(path.toString()) == Kind.OTHER) {
      throw new IllegalArgumentException(path + ": not an OSV .json, .jsonl, .jsonl.gz, .zip or folder");
    }
    return List.of(path);
  }

  enum Kind { JSON, JSONL, JSONL_GZ, ZIP, OTHER }

  static Kind kindOf(String name) {
    var lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl.gz")) return Kind.JSONL_GZ;
    if (lower.endsWith(".jsonl")) return Kind.JSONL;
    if (lower.endsWith(".json")) return Kind.JSON;
    if (lower.endsWith(".zip")) return Kind.ZIP;
    return Kind.OTHER;
  }

  /** Turns the bytes of one record into an entry. */
  Entry decode(byte[] bytes, Origin origin, boolean oneLine) {
    try {
      var tree = mapper.readTree(bytes);
      if (tree == null || tree.isMissingNode()) return new Rejected(origin, "", "empty record");
      return switch (reader.read(tree)) {
        case OsvReader.Parsed parsed -> new Accepted(parsed.advisory(), origin);
        case OsvReader.Rejected rejected -> new Rejected(origin, rejected.pointer(), rejected.reason());
      };
    } catch (JacksonException e) {
      var where = e.getLocation();
      // Within one JSONL line Jackson counts from line 1; the line we know is the file's.
      var at = where == null ? origin
          : oneLine ? origin.at(origin.line(), where.getColumnNr())
          : origin.at(where.getLineNr(), where.getColumnNr());
      return new Rejected(at, "", "malformed JSON: " + e.getOriginalMessage());
    }
  }

  Entry tooLarge(Origin origin) {
    return new Rejected(origin, "", "record exceeds " + limits.maxRecordBytes() + " bytes");
  }

  /** Reads one whole record, or null when it is longer than the per-record cap. */
  byte[] readRecord(InputStream in) throws IOException {
    var bytes = in.readNBytes(limits.maxRecordBytes() + 1);
    return bytes.length > limits.maxRecordBytes() ? null : bytes;
  }

  LineSplitter lines(InputStream in) {
    return new LineSplitter(in, limits.maxRecordBytes());
  }

  /** The iterator behind the stream: one cursor per file, opened when reached. */
  private final class Walk implements Iterator<Entry> {
    private final Iterator<Path> files;
    private final ByteBudget budget = new ByteBudget(limits.maxTotalBytes());
    private OsvCursor cursor;
    private Entry pending;
    private boolean finished;

    Walk(Iterator<Path> files) {
      this.files = files;
    }

    @Override
    public boolean hasNext() {
      while (pending == null && !finished) pending = advance();
      return pending != null;
    }

    @Override
    public Entry next() {
      if (!hasNext()) throw new NoSuchElementException();
      var entry = pending;
      pending = null;
      return entry;
    }

    /** The next entry, or null when the current file ended (or all did: then finished). */
    private Entry advance() {
      if (cursor == null) {
        if (!files.hasNext()) {
          finished = true;
          return null;
        }
        cursor = OsvCursor.open(OsvSource.this, files.next(), budget);
      }
      try {
        var entry = cursor.next();
        if (entry == null) close();
        return entry;
      } catch (ByteBudget.Exhausted e) {
        return stop(e, true);
      } catch (ZipException | EOFException e) {
        // Corrupt compressed data is bad input, not a broken disk: report it and go on.
        return stop(e, false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + cursor.position(), e);
      }
    }

    private Entry stop(IOException e, boolean everything) {
      var rejected = new Rejected(cursor.position(), "", "unreadable: " + e.getMessage());
      close();
      finished = everything;
      return rejected;
    }

    void close() {
      if (cursor == null) return;
      try {
        cursor.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + cursor.position(), e);
      } finally {
        cursor = null;
      }
    }
  }
}
