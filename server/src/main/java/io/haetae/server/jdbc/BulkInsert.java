package io.haetae.server.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Writes many rows of one table in the current transaction. The table and its columns are named
 * once; only the way the rows travel depends on the database: PostgreSQL takes them as one
 * binary {@code COPY ... FROM STDIN} (no statement per row to parse, plan and bind, which
 * dominated a first import, see BENCHMARKS.md), any other database as a JDBC batch of plain
 * INSERTs. Values are Strings, Doubles, UUIDs, Booleans, LocalDates (DATE columns), Instants or
 * OffsetDateTimes (TIMESTAMP WITH TIME ZONE columns), or null.
 */
@Component
public class BulkInsert {

  /** A table and the columns each row gives values for, in order. */
  public record Table(String name, List<String> columns) {
    public Table {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) throw new IllegalArgumentException("table " + name + " needs columns");
    }

    String insertSql() {
      return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    String copySql() {
      return "COPY " + name + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
    }
  }

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final boolean postgres;
  private final SQLExceptionTranslator translator;

  BulkInsert(DataSource dataSource, JdbcTemplate jdbc) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.postgres = isPostgres(dataSource);
    this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
  }

  /** Inserts the rows (each an array of the table's column values; null for SQL NULL). */
  public void insert(Table table, List<Object[]> rows) {
    if (rows.isEmpty()) return;
    for (Object[] row : rows) {
      if (row.length != table.columns().size()) {
        throw new IllegalArgumentException(table.name() + ": row has " + row.length + " values for "
            + table.columns().size() + " columns");
      }
    }
    if (postgres) copy(table, rows);
    else jdbc.batchUpdate(table.insertSql(), rows);
  }

  /**
   * Inserts the rows a statement each (one JDBC batch), leaving a row that conflicts with a stored
   * one alone ({@code ON CONFLICT DO NOTHING}); answers the update count of each row as the driver
   * gives it (PostgreSQL's rewritten batches answer {@code SUCCESS_NO_INFO}).
   */
  public int[] insertIgnoringConflicts(Table table, List<Object[]> rows) {
    if (rows.isEmpty()) return new int[0];
    return jdbc.batchUpdate(table.insertSql() + " ON CONFLICT DO NOTHING", rows);
  }

  private void copy(Table table, List<Object[]> rows) {
    byte[] data = copyData(rows);
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql());
      try {
        copy.writeToCopy(data, 0, data.length);
        copy.endCopy();
      } finally {
        if (copy.isActive()) copy.cancelCopy();
      }
    } catch (SQLException e) {
      throw translator.translate("COPY " + table.name(), table.copySql(), e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /**
   * The rows in COPY's binary format: a length-prefixed value per column, so text needs no
   * escaping (building escaped text took as long as PostgreSQL took to store it). Values are
   * sent in the binary form of the column type their Java type stands for.
   */
  static byte[] copyData(List<Object[]> rows) {
    var bytes = new ByteArrayOutputStream(rows.size() * 128);
    var out = new DataOutputStream(bytes);
    try {
      out.write(BINARY_SIGNATURE);
      out.writeInt(0); // flags
      out.writeInt(0); // header extension length
      for (Object[] row : rows) {
        out.writeShort(row.length);
        for (Object value : row) writeValue(out, value);
      }
      out.writeShort(-1);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
  }

  private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  /** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00Z. */
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
  /** And dates in days from 2000-01-01. */
  private static final long POSTGRES_EPOCH_DAY = 10_957L;

  private static void writeValue(DataOutputStream out, Object value) throws IOException {
    switch (value) {
      case null -> out.writeInt(-1);
      case String s -> {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
      case OffsetDateTime t -> writeTimestamp(out, t.toInstant());
      case LocalDate d -> {
        out.writeInt(4);
        out.writeInt(Math.toIntExact(d.toEpochDay() - POSTGRES_EPOCH_DAY));
      }
      case Instant i -> writeTimestamp(out, i);
      case Double d -> {
        out.writeInt(8);
        out.writeDouble(d);
      }
      case UUID u -> {
        out.writeInt(16);
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
      }
      case Boolean b -> {
        out.writeInt(1);
        out.writeByte(b ? 1 : 0);
      }
      default -> throw new IllegalArgumentException("no COPY encoding for " + value.getClass().getName());
    }
  }

  private static void writeTimestamp(DataOutputStream out, Instant i) throws IOException {
    long micros = Math.addExact(Math.multiplyExact(i.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
        i.getNano() / 1_000);
    out.writeInt(8);
    out.writeLong(micros);
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")
          && c.isWrapperFor(PGConnection.class);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell which database the hub runs on: " + e.getMessage(), e);
    }
  }
}
