package io.haetae.engine.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvSourceTest {

  private static final String GO = "real/GO-2020-0001.json";
  private static final String PSF = "real/PSF-2007-1.json";
  private static final String PYSEC = "real/PYSEC-2019-144.json";

  @TempDir
  Path dir;

  @Test
  void readsASingleJsonFile() throws IOException {
    var file = write("GO-2020-0001.json", OsvFixtures.bytes(GO));

    assertThat(ids(readAll(file))).containsExactly("GO-2020-0001 @ " + file);
  }

  @Test
  void readsAFolderRecursivelyInPathOrderSkippingOtherFiles() throws IOException {
    write("b/PYSEC-2019-144.json", OsvFixtures.bytes(PYSEC));
    write("a/z/PSF-2007-1.json", OsvFixtures.bytes(PSF));
    write("a/GO-2020-0001.json", OsvFixtures.bytes(GO));
    write("a/README.md", "not a record".getBytes(StandardCharsets.UTF_8));

    assertThat(readAll(dir)).extracting(e -> ((OsvSource.Accepted) e).advisory().id())
        .containsExactly("GO-2020-0001", "PSF-2007-1", "PYSEC-2019-144");
  }

  @Test
  void readsJsonLinesWithLineNumbersSkippingBlankLines() throws IOException {
    var file = write("feed.jsonl", lines(OsvFixtures.bytes(GO), new byte[0], OsvFixtures.bytes(PSF)));

    assertThat(ids(readAll(file))).containsExactly(
        "GO-2020-0001 @ " + file + ", line 1", "PSF-2007-1 @ " + file + ", line 3");
  }

  @Test
  void readsGzippedJsonLinesAndNamesTheLineAndColumnOfMalformedJson() throws IOException {
    var file = dir.resolve("feed.jsonl.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(lines(OsvFixtures.bytes(GO), "{\"id\": \"X\", oops}".getBytes(StandardCharsets.UTF_8),
          OsvFixtures.bytes(PYSEC)));
    }

    var entries = readAll(file);

    assertThat(entries).hasSize(3);
    assertThat(entries.get(1)).isInstanceOfSatisfying(OsvSource.Rejected.class, r -> {
      assertThat(r.origin()).isEqualTo(new OsvSource.Origin(file, null, 2, 13));
      assertThat(r.reason()).startsWith("malformed JSON: Unexpected character ('o'");
    });
    assertThat(entries.get(2)).isInstanceOf(OsvSource.Accepted.class);
  }

  @Test
  void namesLineAndColumnOfMalformedJsonInAWholeFile() {
    var file = write("malformed.json", OsvFixtures.bytes("bad/malformed.json"));

    var entry = readAll(file).getFirst();

    assertThat(entry).isInstanceOfSatisfying(OsvSource.Rejected.class, r -> {
      assertThat(r.origin().line()).isEqualTo(3);
      assertThat(r.origin().column()).isGreaterThan(0);
      assertThat(r.toString()).startsWith(file + ", line 3, column ").contains("malformed JSON");
    });
  }

  @Test
  void reportsRecordRejectionsWithFileLineAndPointer() {
    var file = write("feed.jsonl", lines(OsvFixtures.bytes(GO), OsvFixtures.bytes("bad/empty-events.json")));

    assertThat(readAll(file).get(1)).hasToString(
        file + ", line 2: /affected/0/ranges/0/events: range has no events");
  }

  @Test
  void rejectsDuplicateKeysBecauseTwoReadersCouldDisagreeOnTheRecord() {
    var file = write("dup.json",
        "{\"id\":\"A\",\"id\":\"B\",\"modified\":\"2024-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(readAll(file).getFirst()).isInstanceOfSatisfying(OsvSource.Rejected.class,
        r -> assertThat(r.reason()).contains("Duplicate Object property \"id\""));
  }

  @Test
  void readsAnOsvBulkZipOfJsonEntriesAndJsonlEntries() throws IOException {
    var zip = zip("all.zip",
        new ZipItem("GO-2020-0001.json", OsvFixtures.bytes(GO)),
        new ZipItem("more/feed.jsonl", lines(OsvFixtures.bytes(PSF), OsvFixtures.bytes(PYSEC))),
        new ZipItem("LICENSE", "text".getBytes(StandardCharsets.UTF_8)));

    assertThat(ids(readAll(zip))).containsExactly(
        "GO-2020-0001 @ " + zip + "!GO-2020-0001.json",
        "PSF-2007-1 @ " + zip + "!more/feed.jsonl, line 1",
        "PYSEC-2019-144 @ " + zip + "!more/feed.jsonl, line 2");
  }

  @Test
  void readsHostileEntryNamesAsLabelsWithoutWritingAnything() throws IOException {
    var zip = zip("evil.zip",
        new ZipItem("../../escaped.json", OsvFixtures.bytes(GO)),
        new ZipItem("/etc/absolute.json", OsvFixtures.bytes(PSF)));

    assertThat(ids(readAll(zip))).containsExactly(
        "GO-2020-0001 @ " + zip + "!../../escaped.json",
        "PSF-2007-1 @ " + zip + "!/etc/absolute.json");
    assertThat(dir.getParent().getParent().resolve("escaped.json")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(zip);
    }
  }

  @Test
  void rejectsAnEntryOverTheRecordCapAndGoesOn() throws IOException {
    var huge = new byte[10_000];
    java.util.Arrays.fill(huge, (byte) ' ');
    var zip = zip("bomb.zip", new ZipItem("big.json", huge), new ZipItem("GO-2020-0001.json", OsvFixtures.bytes(GO)));

    var entries = new OsvSource(new OsvSource.Limits(4_096, 1 << 20)).read(zip).toList();

    assertThat(entries.getFirst()).hasToString(zip + "!big.json: /: record exceeds 4096 bytes");
    assertThat(entries.get(1)).isInstanceOf(OsvSource.Accepted.class);
  }

  @Test
  void rejectsAnOverlongJsonlLineAndReadsTheNextOne() {
    var longLine = "{\"id\":\"" + "A".repeat(5_000) + "\"}";
    var file = write("feed.jsonl", lines(longLine.getBytes(StandardCharsets.UTF_8), OsvFixtures.bytes(GO)));

    var entries = new OsvSource(new OsvSource.Limits(4_096, 1 << 20)).read(file).toList();

    assertThat(entries.getFirst()).hasToString(file + ", line 1: /: record exceeds 4096 bytes");
    assertThat(ids(entries.subList(1, 2))).containsExactly("GO-2020-0001 @ " + file + ", line 2");
  }

  @Test
  void stopsTheWholeReadOnceTheDecompressedTotalIsSpent() throws IOException {
    var zip = zip("many.zip",
        new ZipItem("1.json", OsvFixtures.bytes(GO)), new ZipItem("2.json", OsvFixtures.bytes(PSF)),
        new ZipItem("3.json", OsvFixtures.bytes(PYSEC)));
    var enoughForOne = OsvFixtures.bytes(GO).length + 100;

    var entries = new OsvSource(new OsvSource.Limits(4_096, enoughForOne)).read(zip).toList();

    assertThat(entries).hasSize(2);
    assertThat(entries.get(1)).hasToString(
        zip + "!2.json: /: unreadable: total decompressed size exceeds " + enoughForOne + " bytes");
  }

  @Test
  void stopsAGzipBombAtTheTotalCap() throws IOException {
    var file = dir.resolve("bomb.jsonl.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
      var spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) out.write(spaces); // 64 MiB of one line, ~64 KiB on disk
    }

    var entries = new OsvSource(new OsvSource.Limits(4_096, 8 << 20)).read(file).toList();

    assertThat(entries).singleElement().hasToString(
        file + ", line 1: /: unreadable: total decompressed size exceeds " + (8 << 20) + " bytes");
  }

  @Test
  void reportsACorruptArchiveAsARejectionNotAnException() {
    var zip = write("broken.zip", "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1));
    var gz = write("broken.jsonl.gz", "not gzip at all".getBytes(StandardCharsets.UTF_8));

    assertThat(readAll(dir)).allSatisfy(entry -> assertThat(entry).isInstanceOfSatisfying(
            OsvSource.Rejected.class, r -> assertThat(r.reason()).startsWith("unreadable: ")))
        .extracting(entry -> entry.origin().file()).containsExactly(gz, zip);
  }

  @Test
  void refusesAPathOfAnUnsupportedKind() {
    var file = write("advisory.yaml", "id: X".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> new OsvSource().read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("advisory.yaml");
  }

  private static List<OsvSource.Entry> readAll(Path path) {
    try (var entries = new OsvSource().read(path)) {
      return entries.toList();
    }
  }

  /** "id @ origin" per entry; a rejection fails the assertion with its reason. */
  private static List<String> ids(List<OsvSource.Entry> entries) {
    return entries.stream().map(entry -> switch (entry) {
      case OsvSource.Accepted a -> a.advisory().id() + " @ " + a.origin();
      case OsvSource.Rejected r -> "REJECTED " + r;
    }).toList();
  }

  private Path write(String relative, byte[] content) {
    try {
      var file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] lines(byte[]... records) {
    var out = new java.io.ByteArrayOutputStream();
    for (var record : records) {
      // Fixture files end with a newline of their own; a JSONL line must not.
      var text = new String(record, StandardCharsets.UTF_8).stripTrailing();
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }

  private record ZipItem(String name, byte[] content) {}

  private Path zip(String name, ZipItem... items) throws IOException {
    var file = dir.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file); var out = new ZipOutputStream(raw)) {
      for (var item : items) {
        out.putNextEntry(new ZipEntry(item.name()));
        out.write(item.content());
        out.closeEntry();
      }
    }
    return file;
  }
}
