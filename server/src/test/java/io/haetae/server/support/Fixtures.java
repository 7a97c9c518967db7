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

  /** A name no other test uses: the database is shared by the whole run. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
