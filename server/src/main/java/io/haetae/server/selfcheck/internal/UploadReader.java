package io.haetae.server.selfcheck.internal;

import io.haetae.engine.generate.Lockfile;
import io.haetae.engine.generate.SbomGenerator;
import io.haetae.engine.sbom.Sbom;
import io.haetae.engine.sbom.SbomException;
import io.haetae.engine.sbom.SbomReaders;
import io.haetae.server.web.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Turns the files a visitor uploads into SBOMs, treating every byte as hostile: size limits per
 * file and in all, zips read as a stream with a cap on entries, on expanded bytes and on the
 * expansion ratio (checked while inflating, so a bomb stops early), entry names that leave the
 * folder refused, and broken lockfiles answered with the reader's own file and line. Files are
 * written to a private temporary folder only for the lockfile readers and deleted before the
 * answer goes out; nothing uploaded is kept.
 */
final class UploadReader {

  /** Files beside a lockfile that its reader looks at (go.mod beside go.sum); other entries are skipped. */
  private static final Set<String> SIDECARS = Set.of("go.sum", "go.mod", "package.json");
  private static final Set<String> SKIPPED = Set.of("node_modules", ".git", ".hg", ".svn", "__pycache__", ".venv");

  /** Java archives are inflated again by their reader (nested jars): at most this many per check. */
  static final int MAX_ARCHIVES = 50;

  private final UploadLimits limits;
  private final SbomGenerator generator;

  UploadReader(UploadLimits limits) {
    this.limits = limits;
    this.generator = SbomGenerator.standard(limits.zipExpanded().toBytes());
  }

  /** One SBOM per upload (a zip or a lockfile is generated into one); a bad file is a 400 naming it. */
  List<Sbom> read(List<Upload> uploads) {
    if (uploads.size() > limits.maxFiles()) {
      throw new BadInputException("'files': at most " + limits.maxFiles() + " files, not " + uploads.size());
    }
    long total = 0;
    for (Upload u : uploads) {
      if (u.name().isEmpty() || u.name().chars().anyMatch(Character::isISOControl) || u.name().length() > 255) {
        throw new BadInputException("'files': a file has no usable name");
      }
      if (u.content().length > limits.maxFile().toBytes()) {
        throw new BadInputException(u.name() + ": larger than " + megabytes(limits.maxFile().toBytes()) + " per file");
      }
      total += u.content().length;
    }
    if (total > limits.maxTotal().toBytes()) {
      throw new BadInputException("'files': larger than " + megabytes(limits.maxTotal().toBytes()) + " together");
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("haetae-self-check-");
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary folder for the self-check", e);
    }
    try {
      var sboms = new ArrayList<Sbom>();
      var archives = new int[1];
      for (int i = 0; i < uploads.size(); i++) {
        sboms.add(read(uploads.get(i), scratch.resolve(String.valueOf(i)), archives));
      }
      return sboms;
    } finally {
      delete(scratch);
    }
  }

  private Sbom read(Upload upload, Path folder, int[] archives) {
    String lower = upload.name().toLowerCase(Locale.ROOT);
    try {
      Files.createDirectories(folder);
      if (lower.endsWith(".zip")) {
        unzip(upload, folder);
        return generate(upload.name(), folder, folder, archives);
      }
      if (generator.reads(Path.of(upload.name()))) {
        Files.write(folder.resolve(upload.name()), upload.content());
        return generate(upload.name(), folder, folder, archives);
      }
      if (SbomReaders.standard().readerFor(upload.content()).isEmpty()) {
        throw new BadInputException(upload.name() + ": neither a lockfile Haetae reads (by its name, e.g. "
            + "package-lock.json, requirements.txt, go.mod, pom.xml) nor an SBOM (CycloneDX, SPDX), nor a .zip of a folder");
      }
      return SbomReaders.standard().read(upload.content(), upload.name());
    } catch (SbomException e) {
      throw new BadInputException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("self-check scratch folder", e);
    }
  }

  private Sbom generate(String uploadName, Path root, Path folder, int[] archives) throws SbomException {
    List<Path> files = generator.lockfiles(folder);
    if (files.isEmpty()) throw new BadInputException(uploadName + ": no lockfile, SBOM source or package database in it");
    archives[0] += (int) files.stream().filter(UploadReader::isArchive).count();
    if (archives[0] > MAX_ARCHIVES) {
      throw new BadInputException(uploadName + ": more than " + MAX_ARCHIVES + " Java archives in one check; "
          + "upload an SBOM instead");
    }
    var lockfiles = new ArrayList<Lockfile>();
    for (Path file : files) {
      try {
        lockfiles.add(generator.read(root, file));
      } catch (SbomException e) {
        // The reader names the file by its scratch path; the visitor knows it by the upload's name.
        String inside = root.relativize(file).toString().replace('\\', '/');
        String shown = inside.equals(uploadName) ? uploadName : uploadName + "!/" + inside;
        throw new BadInputException(e.getMessage().replace(file.toString(), shown));
      }
    }
    return SbomGenerator.merge(Path.of(uploadName), lockfiles);
  }

  /** Extracts the entries a lockfile reader wants, counting every inflated byte of every entry. */
  void unzip(Upload upload, Path folder) throws IOException {
    long expanded = 0;
    long ratioLimit = Math.max(1L << 20, (long) upload.content().length * limits.zipRatio());
    int entries = 0;
    var buffer = new byte[64 * 1024];
    try (var zip = new ZipInputStream(new ByteArrayInputStream(upload.content()))) {
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > limits.zipEntries()) {
          throw new BadInputException(upload.name() + ": more than " + limits.zipEntries() + " entries in the zip");
        }
        String name = entry.getName();
        Path target = safeTarget(upload.name(), folder, name);
        boolean wanted = !entry.isDirectory() && wanted(target, folder);
        OutputStream out = wanted ? Files.newOutputStream(createParents(target)) : OutputStream.nullOutputStream();
        try (out) {
          for (int n; (n = read(zip, buffer, upload.name())) > 0; ) {
            expanded += n;
            if (expanded > limits.zipExpanded().toBytes()) {
              throw new BadInputException(upload.name() + ": expands to more than "
                  + megabytes(limits.zipExpanded().toBytes()) + "; an archive bomb is refused");
            }
            if (expanded > ratioLimit) {
              throw new BadInputException(upload.name() + ": expands more than " + limits.zipRatio()
                  + " times its size; an archive bomb is refused");
            }
            out.write(buffer, 0, n);
          }
        }
      }
    } catch (ZipException e) {
      throw new BadInputException(upload.name() + ": not a readable zip (" + e.getMessage() + ")");
    }
    if (entries == 0) throw new BadInputException(upload.name() + ": not a zip, or an empty one");
  }

  private static int read(InputStream zip, byte[] buffer, String name) throws IOException {
    try {
      return zip.read(buffer);
    } catch (ZipException | java.io.EOFException e) {
      throw new BadInputException(name + ": damaged zip (" + e.getMessage() + ")");
    }
  }

  /** Where an entry goes; an entry whose name leaves the folder (../, absolute, drive letter) is refused. */
  static Path safeTarget(String uploadName, Path folder, String entryName) {
    String name = entryName.replace('\\', '/');
    boolean escapes = name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0
        || Stream.of(name.split("/")).anyMatch(".."::equals);
    Path target = folder.resolve(name).normalize();
    if (escapes || !target.startsWith(folder)) {
      throw new BadInputException(uploadName + ": zip entry '" + entryName + "' points outside the folder; refused");
    }
    return target;
  }

  private boolean wanted(Path target, Path folder) {
    for (Path part : folder.relativize(target)) if (SKIPPED.contains(part.toString())) return false;
    return generator.reads(target) || SIDECARS.contains(target.getFileName().toString());
  }

  private static boolean isArchive(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear");
  }

  private static Path createParents(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    return target;
  }

  private static String megabytes(long bytes) {
    return (bytes / (1024 * 1024)) + " MB";
  }

  private static void delete(Path folder) {
    try (var paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the self-check scratch folder " + folder, e);
    }
  }
}
