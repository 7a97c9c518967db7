package io.haetae.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;

/** Test files from the class path, as bytes or as a file on disk (importers read paths). */
public final class Fixtures {

  private Fixtures() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path file(String resource) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      Path dir = Files.createTempDirectory("haetae-fixture");
      Path file = dir.resolve(Path.of(resource).getFileName().toString());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The real PYSEC-2021-108 (urllib3 before 1.26.5, which billing-portal.cdx.json holds) as a file
   * under the id {@code id}, its CVE and GHSA aliases renamed after it: a record, and findings,
   * no other test of the shared database has.
   */
  public static Path urllib3Advisory(String id) {
    try {
      Path file = Files.createTempDirectory("advisory").resolve(id + ".json");
      Files.writeString(file, new String(bytes("fixtures/osv/PYSEC-2021-108.json"), java.nio.charset.StandardCharsets.UTF_8)
          .replace("\"PYSEC-2021-108\"", "\"" + id + "\"")
          .replace("CVE-2021-33503", id + "-CVE").replace("GHSA-q2q7-5pp4-w6pg", id + "-GHSA"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A name no other test uses: the database is shared by the whole run. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
