package io.haetae.engine.generate;

import io.haetae.engine.sbom.Component;
import io.haetae.engine.sbom.Sbom;
import io.haetae.engine.sbom.SbomException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes an SBOM from what is on disk: every lockfile and OS package database under a folder
 * is read, and the packages they pin become the components (once each, by purl). The folder
 * itself is the subject ({@code metadata.component}), named after the first lockfile that names
 * its project, else after the folder; it depends on the direct dependencies each file names.
 *
 * <pre>{@code
 * Sbom sbom = SbomGenerator.standard().generate(Path.of("."));
 * byte[] json = new CycloneDxJsonWriter().write(sbom, "haetae");
 * }</pre>
 */
public final class SbomGenerator {

  /** Larger lockfiles than this are not real ones; a 20,000-package package-lock is ~15 MB. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
  /** Installed packages' own folders: their lockfiles describe them, not this project. */
  private static final Set<String> SKIPPED = Set.of("node_modules", ".git", ".hg", ".svn", "__pycache__", ".venv");

  private final List<LockfileReader> readers;

  public SbomGenerator(List<LockfileReader> readers) {
    this.readers = List.copyOf(readers);
  }

  public static SbomGenerator standard() {
    return standard(JavaArchives.DEFAULT_MAX_EXPANDED_BYTES);
  }

  /**
   * The standard readers, a Java archive and everything nested in it expanding to at most
   * {@code maxArchiveBytes}: a public upload's budget is far below a build server's 2 GB.
   */
  public static SbomGenerator standard(long maxArchiveBytes) {
    return new SbomGenerator(List.of(new NpmLockfile(), new PipRequirements(), new GoModules(), new CargoLock(),
        new DpkgStatus(), new ApkInstalled(), new JavaArchives(maxArchiveBytes), new PipfileLock(), new ComposerLock(), new NugetLock(),
        new GradleLockfile(), new YarnLock(), new PnpmLock(), new PoetryLock(), new UvLock(),
        new GemfileLock(), new MavenPom()));
  }

  /** Every file under {@code root} some reader handles, in path order. */
  public List<Path> lockfiles(Path root) {
    var found = new ArrayList<Path>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && readerFor(file) != null) found.add(file);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root, e);
    }
    found.sort(null);
    return found;
  }

  private LockfileReader readerFor(Path file) {
    return readers.stream().filter(r -> r.reads(file)).findFirst().orElse(null);
  }

  /** Whether some reader handles this file (a lockfile or package database, not an SBOM). */
  public boolean reads(Path file) {
    return readerFor(file) != null;
  }

  /** Reads one file with the reader for its name. */
  public Lockfile read(Path root, Path file) throws SbomException {
    var reader = readerFor(file);
    if (reader == null) throw new SbomException(file.toString(), null, "not a lockfile or package database Haetae reads");
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new SbomException(file.toString(), null, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
      }
      return read(reader, file, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new SbomException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** One reader on one file's bytes; a name no purl can hold (Purls) is the file's fault too. */
  static Lockfile read(LockfileReader reader, Path file, byte[] content) throws SbomException {
    try {
      return reader.read(file, content);
    } catch (IllegalArgumentException e) {
      throw new SbomException(file.toString(), null, e.getMessage());
    }
  }

  /** The SBOM of everything under {@code root}; a folder without any lockfile is an error. */
  public Sbom generate(Path root) throws SbomException {
    var files = lockfiles(root);
    if (files.isEmpty()) {
      throw new SbomException(root.toString(), null, "no lockfile, Java archive or OS package database found");
    }
    var lockfiles = new ArrayList<Lockfile>();
    for (var file : files) lockfiles.add(read(root, file));
    return merge(root, lockfiles);
  }

  /** One SBOM of the given lockfiles: packages once each by purl, the folder as the subject. */
  public static Sbom merge(Path root, List<Lockfile> lockfiles) {
    var components = new LinkedHashMap<String, Component>();
    var edges = new LinkedHashMap<String, LinkedHashSet<String>>();
    var direct = new LinkedHashSet<String>();
    String name = null;
    String version = null;
    for (var lockfile : lockfiles) {
      if (name == null && lockfile.projectName() != null) {
        name = lockfile.projectName();
        version = lockfile.projectVersion();
      }
      for (var p : lockfile.packages()) {
        components.putIfAbsent(p.purl(), new Component(p.purl(), "library", p.group(), p.name(), p.version(), p.purl(),
            null, List.of()));
        edges.computeIfAbsent(p.purl(), k -> new LinkedHashSet<>()).addAll(p.dependsOn());
      }
      if (lockfile.direct() != null) direct.addAll(lockfile.direct());
    }
    if (name == null) {
      var folder = root.toAbsolutePath().normalize().getFileName();
      name = folder == null ? "root" : folder.toString();
    }
    var subjectRef = "project:" + name;
    var subject = new Component(subjectRef, "application", null, name, version, null, null, List.of());
    var dependencies = new LinkedHashMap<String, List<String>>();
    dependencies.put(subjectRef, List.copyOf(direct));
    edges.forEach((ref, on) -> dependencies.put(ref, List.copyOf(on)));
    return new Sbom("CycloneDX", "1.6", null, subject, List.copyOf(components.values()), dependencies);
  }
}
