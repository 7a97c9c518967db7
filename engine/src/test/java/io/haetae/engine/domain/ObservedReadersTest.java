package io.haetae.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ObservedReadersTest {

  /** Collects what a reader found. */
  static final class Collected implements ObservedSink {
    final List<ObservedDomain> domains = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    @Override
    public void domain(ObservedDomain d) {
      domains.add(d);
    }

    @Override
    public void rejected(String where, String reason) {
      rejected.add(where + ": " + reason);
    }

    List<String> names() {
      return domains.stream().map(ObservedDomain::name).toList();
    }
  }

  private static Collected read(byte[] bytes) throws IOException {
    var c = new Collected();
    ObservedReaders.read(new ByteArrayInputStream(bytes), c);
    return c;
  }

  /** A stream that fails part-way (an upload over the size limit) is an I/O failure, not "not JSON". */
  @Test
  void aStreamThatFailsInsideCtJsonIsAnIOExceptionNotARejection() {
    var failing = new java.io.SequenceInputStream(new ByteArrayInputStream("{\"entries\": [".getBytes(StandardCharsets.UTF_8)),
        new java.io.InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("request body exceeds 262144 bytes");
          }
        });
    var c = new Collected();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObservedReaders.read(failing, c))
        .isInstanceOf(IOException.class).hasMessageContaining("exceeds 262144 bytes");
    assertThat(c.rejected).isEmpty();
  }

  @Test
  void realCtEntriesGiveSubjectAndSanNamesOfCertificatesAndPrecertificates() throws IOException {
    var c = new Collected();
    ObservedReaders.read(Path.of("src/test/resources/fixtures/domain/ct-get-entries.json"), c);
    assertThat(c.rejected).isEmpty();
    // x509_entry, Google Icarus log, leaf 120000000 (Let's Encrypt, 2017)
    assertThat(c.names()).startsWith("gem-jewelers.com", "www.gem-jewelers.com");
    assertThat(c.domains.get(0).firstSeen()).isEqualTo(Instant.ofEpochMilli(0x15ec513a4f7L));
    // precert_entry (Chunghwa Telecom, 2020): the TBSCertificate's CN and SANs
    assertThat(c.names()).contains("testdfo.dynacw.co.jp", "testdfo.dynacw.com.tw", "test.dynacw.com.hk",
        "maildc.dynacw.com");
    assertThat(c.domains).allMatch(d -> d.where().startsWith("entry "));
  }

  @Test
  void aBrokenCtEntryIsReportedAndTheOthersRead() throws IOException {
    String json = """
        {"entries": [{"leaf_input": "AAAAAAFx", "extra_data": ""}, {"leaf_input": "not base64!"}]}""";
    var c = read(json.getBytes(StandardCharsets.UTF_8));
    assertThat(c.rejected).hasSize(2);
    assertThat(c.rejected.get(0)).startsWith("entry 0: unreadable CT leaf");
    assertThat(c.rejected.get(1)).startsWith("entry 1:");
  }

  @Test
  void plainListsWithFirstSeenGzippedOrNot() throws IOException {
    String list = """
        # newly registered, 2026-12-01
        domain,first_seen
        kisa-login.com,2026-12-01
        Example.CO.KR.verify-account.com,2026-12-01T10:15:30Z
        plain.net
        bad.net,yesterday
        """;
    for (byte[] bytes : List.of(list.getBytes(StandardCharsets.UTF_8), gzip(list))) {
      var c = read(bytes);
      assertThat(c.names()).containsExactly("kisa-login.com", "Example.CO.KR.verify-account.com", "plain.net");
      assertThat(c.domains.get(0).firstSeen()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
      assertThat(c.domains.get(2).firstSeen()).isNull();
      assertThat(c.rejected).containsExactly("line 6: first_seen 'yesterday' is not a date, an ISO instant or epoch seconds");
      assertThat(c.domains.get(1).where()).isEqualTo("line 4");
    }
  }

  private static byte[] gzip(String s) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
