package io.haetae.engine.feed;

import io.haetae.engine.advisory.OsvSource.Origin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files at a path (one file, or a folder walked recursively in path order so imports are
 * repeatable) and the JSON documents in them: a {@code .json} file is one document, a
 * {@code .jsonl} file one per line; either may be gzipped ({@code .gz}).
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

  static InputStream open(Path file) throws IOException {
    var in = Files.newInputStream(file);
    return file.toString().toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  static BufferedReader lines(Path file) {
    try {
      return new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  /** Every JSON document at {@code path}, each mapped to the entries it holds. */
  static <T> Stream<FeedEntry<T>> documents(Path path, BiFunction<JsonNode, Origin, Stream<FeedEntry<T>>> mapping) {
    return files(path, List.of(".json", ".json.gz", ".jsonl", ".jsonl.gz")).stream()
        .flatMap(file -> documentsIn(file, mapping));
  }

  private static <T> Stream<FeedEntry<T>> documentsIn(Path file, BiFunction<JsonNode, Origin, Stream<FeedEntry<T>>> mapping) {
    var name = file.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
      var reader = lines(file);
      var number = new AtomicLong();
      return reader.lines().flatMap(line -> {
        var origin = new Origin(file, null, number.incrementAndGet(), 0);
        return line.isBlank() ? Stream.<FeedEntry<T>>empty() : parse(line, origin, mapping);
      }).onClose(() -> close(reader, file));
    }
    var origin = new Origin(file, null, 0, 0);
    try (var in = open(file)) {
      return parse(in.readAllBytes(), origin, mapping);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      return Stream.of(new FeedEntry.Rejected<>(origin, null, "", "unreadable: " + e.getMessage()));
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

  private static void close(BufferedReader reader, Path file) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
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
