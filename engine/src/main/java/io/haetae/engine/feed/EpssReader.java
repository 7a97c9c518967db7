package io.haetae.engine.feed;

import io.haetae.engine.advisory.OsvSource.Limits;
import io.haetae.engine.advisory.OsvSource.Origin;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * FIRST's daily EPSS CSV (https://www.first.org/epss/data_stats), plain or gzipped:
 * <pre>
 * #model_version:v2025.03.14,score_date:2025-12-26T12:55:00Z
 * cve,epss,percentile
 * CVE-1999-0001,0.01151,0.7802
 * </pre>
 * The comment line gives the date of every score in the file; files without it (older ones)
 * need the date in the file name ({@code epss_scores-2025-12-26.csv.gz}). Rejected rows
 * name the file, line and column ("/epss" for the score) as pointer.
 */
public final class EpssReader implements FeedReader<EpssScore> {

  private static final java.util.regex.Pattern DATE_IN_NAME = java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  private final Limits limits;

  public EpssReader() {
    this(Limits.defaults());
  }

  /** A reader whose files are capped by {@code limits} (bytes per line, decompressed bytes in all). */
  public EpssReader(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String format() {
    return "epss";
  }

  @Override
  public Stream<FeedEntry<EpssScore>> read(Path path) {
    return FeedFiles.eachFile(path, List.of(".csv", ".csv.gz"), limits, EpssReader::file);
  }

  private static Stream<FeedEntry<EpssScore>> file(Path file, FeedFiles.Reading reading) {
    var state = new State(file);
    return Stream.concat(Stream.ofNullable(state.badNameDate),
        FeedFiles.lines(file, reading, (line, origin) -> Stream.ofNullable(state.line(line, origin))));
  }

  /** What the lines before the scores said: model version, score date, header seen. */
  private static final class State {
    final Path file;
    String model;
    LocalDate date;
    boolean header;
    /** The rejection of an impossible date in the file name (2025-02-30), or null. */
    final FeedEntry<EpssScore> badNameDate;

    State(Path file) {
      this.file = file;
      var m = DATE_IN_NAME.matcher(file.getFileName().toString());
      var origin = new Origin(file, null, 0, 0);
      badNameDate = m.find() ? setDate(m.group(1), origin, "the file name") : null;
    }

    /**
     * Takes {@code text} as the score date; an impossible one is a rejection, since a thrown
     * DateTimeParseException would abort the whole import, not just this file's scores.
     */
    private FeedEntry<EpssScore> setDate(String text, Origin origin, String where) {
      try {
        date = LocalDate.parse(text);
        return null;
      } catch (DateTimeParseException e) {
        return new FeedEntry.Rejected<>(origin, null, "", "not a date: '" + text + "' in " + where);
      }
    }

    FeedEntry<EpssScore> line(String line, Origin origin) {
      if (line.isBlank()) return null;
      if (line.startsWith("#")) return comment(line, origin);
      if (!header) {
        header = true;
        if (line.toLowerCase(Locale.ROOT).startsWith("cve,")) return null;
      }
      var cells = line.split(",", -1);
      var id = cells[0].strip();
      if (!KevReader.CVE.matcher(id).matches()) return new FeedEntry.Rejected<>(origin, null, "/cve", "not a CVE id: '" + id + "'");
      if (cells.length < 3) return new FeedEntry.Rejected<>(origin, id, "", "expected cve,epss,percentile");
      if (date == null) return new FeedEntry.Rejected<>(origin, id, "", "no score date: no '#...score_date:' line and none in the file name");
      try {
        return new FeedEntry.Read<>(new EpssScore(id, number(cells[1], "/epss"), number(cells[2], "/percentile"), date, model), origin);
      } catch (Invalid e) {
        return new FeedEntry.Rejected<>(origin, id, e.pointer, e.getMessage());
      } catch (IllegalArgumentException e) {
        return new FeedEntry.Rejected<>(origin, id, "", e.getMessage());
      }
    }

    /** Reads model version and score date from a comment line; an impossible date is the one rejection. */
    private FeedEntry<EpssScore> comment(String line, Origin origin) {
      FeedEntry<EpssScore> rejected = null;
      for (var part : line.substring(1).split(",")) {
        var kv = part.split(":", 2);
        if (kv.length < 2) continue;
        if (kv[0].strip().equals("model_version")) model = kv[1].strip();
        if (kv[0].strip().equals("score_date") && kv[1].strip().length() >= 10) {
          rejected = setDate(kv[1].strip().substring(0, 10), origin, "the score_date comment");
        }
      }
      return rejected;
    }

    private static double number(String cell, String pointer) {
      try {
        return Double.parseDouble(cell.strip());
      } catch (NumberFormatException e) {
        throw new Invalid(pointer, "not a number: '" + cell + "'");
      }
    }
  }
}
