package io.haetae.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.knowledge.AdvisoryCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk writes store exactly what a row of INSERTs would: the suite runs on PostgreSQL (binary
 * COPY) and on H2 (JDBC batch), so both ways are held to the same rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BulkInsertTest {

  private static final BulkInsert.Table PROBE = new BulkInsert.Table("bulk_insert_probe",
      List.of("id", "txt", "at", "score", "ref", "flag", "seen_on"));

  @Autowired BulkInsert bulk;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired AdvisoryImporter importer;
  @Autowired AdvisoryCatalog catalog;

  @BeforeEach
  void createProbe() {
    jdbc.sql("""
        CREATE TABLE bulk_insert_probe (id VARCHAR(255) PRIMARY KEY, txt TEXT, at TIMESTAMP WITH TIME ZONE,
          score DOUBLE PRECISION, ref UUID, flag BOOLEAN, seen_on DATE)""").update();
  }

  @AfterEach
  void dropProbe() {
    jdbc.sql("DROP TABLE bulk_insert_probe").update();
  }

  @Test
  void textWithDelimitersTimestampsNumbersUuidsAndNullsComeBackAsWritten() {
    var ref = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    var rows = List.of(
        new Object[] {"tab", "a\tb", Instant.parse("1999-12-31T23:59:59.999999Z"), -0.5, ref, true,
            LocalDate.of(1999, 12, 31)},
        new Object[] {"newlines", "line\nbreak\r\nend", OffsetDateTime.parse("2024-02-29T12:00:00.123456+09:00"), 9.8,
            null, false, LocalDate.of(2024, 2, 29)},
        new Object[] {"backslash", "C:\\path \\N \\\\ \"quoted\" 'single', comma", null, 1e-7, null, null,
            LocalDate.of(2000, 1, 1)},
        new Object[] {"unicode", "취약점 𝄞 é", Instant.parse("2038-01-19T03:14:08Z"), null, null, null, null},
        new Object[] {"empty", "", null, null, null, null, null},
        new Object[] {"null", null, null, null, null, null, null});
    transactions.executeWithoutResult(tx -> bulk.insert(PROBE, rows));

    var stored = jdbc.sql("SELECT id, txt, at, score, ref, flag, seen_on FROM bulk_insert_probe ORDER BY id")
        .query((rs, n) -> new Object[] {rs.getString("id"), rs.getString("txt"),
            rs.getObject("at", OffsetDateTime.class) == null ? null : rs.getObject("at", OffsetDateTime.class).toInstant(),
            rs.getObject("score") == null ? null : rs.getDouble("score"), rs.getObject("ref", UUID.class),
            rs.getObject("flag") == null ? null : rs.getBoolean("flag"), rs.getObject("seen_on", LocalDate.class)})
        .list();
    var expected = new ArrayList<Object[]>();
    for (Object[] row : rows) {
      var copy = row.clone();
      if (copy[2] instanceof OffsetDateTime t) copy[2] = t.toInstant();
      expected.add(copy);
    }
    expected.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
    assertThat(stored).hasSameSizeAs(expected);
    for (int i = 0; i < stored.size(); i++) {
      assertThat(stored.get(i)).as("row %s", Arrays.toString(expected.get(i))).containsExactly(expected.get(i));
    }
  }

  @Test
  void aFailingBulkInsertLeavesNothingOfItsTransaction() {
    transactions.executeWithoutResult(tx -> bulk.insert(PROBE, List.<Object[]>of(
        new Object[] {"kept", "before", null, null, null, null, null})));

    assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
      bulk.insert(PROBE, List.<Object[]>of(new Object[] {"new", "x", null, null, null, null, null}));
      bulk.insert(PROBE, List.<Object[]>of(new Object[] {"kept", "duplicate", null, null, null, null, null}));
    })).isInstanceOf(DuplicateKeyException.class);

    assertThat(jdbc.sql("SELECT id || '=' || txt FROM bulk_insert_probe").query(String.class).list())
        .containsExactly("kept=before");
  }

  @Test
  void aRowWithTheWrongNumberOfValuesIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> bulk.insert(PROBE, List.<Object[]>of(new Object[] {"short", "x"})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bulk_insert_probe").hasMessageContaining("2 values for 7 columns");
  }

  /** PostgreSQL cannot store NUL in text; a feed's "\u0000" in a summary must not fail its batch. */
  @Test
  void aSummaryWithAnEscapedNulCharacterIsStoredWithTheBatch(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("nul.json"), """
        {"id":"HAETAE-TEST-NUL-1","modified":"2025-01-01T00:00:00Z","summary":"before\\u0000after",
         "affected":[{"package":{"ecosystem":"PyPI","name":"haetae-nul-probe"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}""");
    Files.writeString(dir.resolve("plain.json"), """
        {"id":"HAETAE-TEST-NUL-2","modified":"2025-01-01T00:00:00Z","summary":"plain",
         "affected":[{"package":{"ecosystem":"PyPI","name":"haetae-nul-probe"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}""");

    var summary = importer.importFeed("osv", dir);

    assertThat(summary.rejected()).isEmpty();
    assertThat(summary.inserted()).isEqualTo(2);
    assertThat(jdbc.sql("SELECT summary FROM knowledge_advisory WHERE id = 'HAETAE-TEST-NUL-1'").query(String.class)
        .single()).isEqualTo("before\uFFFDafter");
    assertThat(catalog.find("HAETAE-TEST-NUL-2")).isPresent();
  }
}
