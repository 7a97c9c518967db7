package io.haetae.engine.feed;

import io.haetae.engine.advisory.ByteBudget;
import io.haetae.engine.advisory.LineSplitter;
import io.haetae.engine.advisory.OsvSource.Limits;
import io.haetae.engine.advisory.OsvSource.Origin;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files at a path (one file, or a folder walked recursively in path order so imports are
 * repeatable) and the JSON documents in them: a {@code .json} file is one document, a
 * {@code .jsonl} file one per line; either may be gzipped ({@code .gz}). Reads are capped by
 * {@link Limits} as {@code OsvSource}'s are: bytes per document or line, decompressed bytes in all.
 */
final class FeedFiles {

  static final JsonMapper MAPPER = JsonMapper.builder()
      // A duplicated key would let two readers of one record disagree on its meaning.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private FeedFiles() {}

  /** The files at {@code path} whose names end with one of {@code suffixes} (lower case). */
  static List<Path> files(Path path, List<String> suffixes) {
    if (Files.isDirectory(path)) {
      try (var walk = Files.walk(path)) {
        return walk.filter(Files::isRegularFile).filter(p -> matches(p, suffixes)).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + path, e);
      }
    }
    if (!matches(path, suffixes)) {
      throw new IllegalArgumentException(path + ": not a " + String.join(", ", suffixes) + " file or a folder");
    }
    return List.of(path);
  }

  static boolean matches(Path path, List<String> suffixes) {
    var name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return suffixes.stream().anyMatch(name::endsWith);
  }

  /** One read of a path: the decompressed bytes spent so far across all its files, against the caps. */
  static final class Reading {
    final Limits limits;
    final ByteBudget budget;
    boolean exhausted;

    Reading(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      this.budget = new ByteBudget(limits.maxTotalBytes());
    }

    /** The file's bytes, decompressed if gzipped, counted against the total cap. */
    InputStream open(Path file) throws IOException {
      var in = Files.newInputStream(file);
      // Count after decompression: the cap is on what a gzip bomb expands to.
      return budget.count(file.toString().toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in);
    }

    /** The bad input a read stopped at, as a rejection; a spent budget ends the whole read. */
    <T> FeedEntry<T> unreadable(Origin origin, IOException e) {
      if (e instanceof ByteBudget.Exhausted) exhausted = true;
      return new FeedEntry.Rejected<>(origin, null, "", "unreadable: " + e.getMessage());
    }
  }

  /**
   * Each file at {@code path} mapped by {@code perFile}, under one budget: once the
   * decompressed total passes the cap, the files after it are not read.
   */
  static <T> Stream<FeedEntry<T>> eachFile(Path path, List<String> suffixes, Limits limits,
      BiFunction<Path, Reading, Stream<FeedEntry<T>>> perFile) {
    var reading = new Reading(limits);
    return files(path, suffixes).stream().takeWhile(file -> !reading.exhausted).flatMap(file -> perFile.apply(file, reading));
  }

  /**
   * The lines of {@code file}, each (with its origin) mapped by {@code perLine}. A line longer
   * than the record cap, and corrupt or over-budget data part-way, become rejections naming the
   * line; only a failing disk throws.
   */
  static <T> Stream<FeedEntry<T>> lines(Path file, Reading reading, BiFunction<String, Origin, Stream<FeedEntry<T>>> perLine) {
    var lines = new Lines<T>(file, reading, perLine);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .flatMap(Function.identity())
        .onClose(lines::close);
  }

  /** Every JSON document at {@code path}, each mapped to the entries it holds. */
  static <T> Stream<FeedEntry<T>> documents(Path path, Limits limits, BiFunction<JsonNode, Origin, Stream<FeedEntry<T>>> mapping) {
    return eachFile(path, List.of(".json", ".json.gz", ".jsonl", ".jsonl.gz"), limits,
        (file, reading) -> documentsIn(file, reading, mapping));
  }

  private static <T> Stream<FeedEntry<T>> documentsIn(Path file, Reading reading,
      BiFunction<JsonNode, Origin, Stream<FeedEntry<T>>> mapping) {
    var name = file.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
      return lines(file, reading, (line, origin) -> line.isBlank() ? Stream.empty() : parse(line, origin, mapping));
    }
    var origin = new Origin(file, null, 0, 0);
    var max = reading.limits.maxRecordBytes();
    try (var in = reading.open(file)) {
      var bytes = in.readNBytes(max + 1);
      if (bytes.length > max) return Stream.of(new FeedEntry.Rejected<>(origin, null, "", "document exceeds " + max + " bytes"));
      return parse(bytes, origin, mapping);
    } catch (ByteBudget.Exhausted | ZipException | EOFException e) {
      return Stream.of(reading.unreadable(origin, e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static <T> Stream<FeedEntry<T>> parse(Object text, Origin origin,
      BiFunction<JsonNode, Origin, Stream<FeedEntry<T>>> mapping) {
    JsonNode tree;
    try {
      tree = text instanceof String s ? MAPPER.readTree(s) : MAPPER.readTree((byte[]) text);
    } catch (JacksonException e) {
      var where = e.getLocation();
      var at = where == null ? origin
          : new Origin(origin.file(), null, origin.line() > 0 ? origin.line() : where.getLineNr(), where.getColumnNr());
      return Stream.of(new FeedEntry.Rejected<>(at, null, "", "malformed JSON: " + e.getOriginalMessage()));
    }
    return mapping.apply(tree, origin);
  }

  /** The iterator behind {@link #lines}: one mapped stream per line, opened on first use. */
  private static final class Lines<T> implements Iterator<Stream<FeedEntry<T>>> {
    private final Path file;
    private final Reading reading;
    private final BiFunction<String, Origin, Stream<FeedEntry<T>>> perLine;
    private InputStream in;
    private LineSplitter splitter;
    private long number;
    private boolean done;
    private Stream<FeedEntry<T>> pending;

    Lines(Path file, Reading reading, BiFunction<String, Origin, Stream<FeedEntry<T>>> perLine) {
      this.file = file;
      this.reading = reading;
      this.perLine = perLine;
    }

    @Override
    public boolean hasNext() {
      if (pending == null && !done) pending = advance();
      return pending != null;
    }

    @Override
    public Stream<FeedEntry<T>> next() {
      if (!hasNext()) throw new NoSuchElementException();
      var next = pending;
      pending = null;
      return next;
    }

    private Stream<FeedEntry<T>> advance() {
      try {
        if (splitter == null) {
          in = reading.open(file);
          splitter = new LineSplitter(in, reading.limits.maxRecordBytes());
        }
        var line = splitter.next();
        if (line == null) return finish(null);
        number = line.number();
        var origin = new Origin(file, null, number, 0);
        if (line.isTooLong()) {
          return Stream.of(new FeedEntry.Rejected<>(origin, null, "", "line exceeds " + reading.limits.maxRecordBytes() + " bytes"));
        }
        return perLine.apply(new String(line.bytes(), StandardCharsets.UTF_8), origin);
      } catch (ByteBudget.Exhausted | ZipException | EOFException e) {
        // Corrupt or over-budget data is bad input, not a broken disk: report it and stop this file.
        return finish(Stream.of(reading.unreadable(new Origin(file, null, number + 1, 0), e)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ", line " + (number + 1), e);
      }
    }

    private Stream<FeedEntry<T>> finish(Stream<FeedEntry<T>> last) {
      done = true;
      close();
      return last;
    }

    void close() {
      if (in == null) return;
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + file, e);
      } finally {
        in = null;
      }
    }
  }

  /** One record's entry: what {@code read} gives, or the rejection naming the record and the pointer. */
  static <T> FeedEntry<T> entry(Origin origin, String recordId, java.util.function.Supplier<T> read) {
    try {
      return new FeedEntry.Read<>(read.get(), origin);
    } catch (Invalid e) {
      return new FeedEntry.Rejected<>(origin, recordId, e.pointer, e.getMessage());
    } catch (IllegalArgumentException e) {
      // A value record's own check (a blank id, an unknown range type) refused the record.
      return new FeedEntry.Rejected<>(origin, recordId, "", e.getMessage());
    }
  }
}
