package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Java archives (JAR, WAR, EAR, Spring Boot fat jars): every {@code META-INF/maven/.../pom.properties}
 * is a Maven package, in the archive and in the archives nested in it ({@code WEB-INF/lib},
 * {@code BOOT-INF/lib}, an EAR's modules). A nested jar without pom.properties is named from
 * its manifest or file name as {@code pkg:generic}, listed but unmatched rather than dropped.
 * The scanned archive itself is the project; its own pom.properties names it.
 *
 * <p>Archives are read in memory, never extracted, so entry names never become paths; still,
 * an entry named with {@code ..} or an absolute path is refused as hostile. Nesting depth,
 * entry count and expanded bytes are capped against zip bombs.
 */
final class JavaArchives implements LockfileReader {

  static final long DEFAULT_MAX_EXPANDED_BYTES = 2L * 1024 * 1024 * 1024;
  private static final int MAX_DEPTH = 4;
  private static final int MAX_ENTRIES = 200_000;

  private final long maxExpandedBytes;

  JavaArchives() {
    this(DEFAULT_MAX_EXPANDED_BYTES);
  }

  JavaArchives(long maxExpandedBytes) {
    this.maxExpandedBytes = maxExpandedBytes;
  }

  @Override
  public boolean reads(Path file) {
    var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear");
  }

  /** Running totals over one outer archive and everything nested in it. */
  private final class Budget {
    long expanded;
    int entries;

    void add(String source, long bytes) throws SbomException {
      expanded += bytes;
      if (expanded > maxExpandedBytes) {
        throw new SbomException(source, null, "expands beyond " + maxExpandedBytes / (1024 * 1024)
            + " MB (a zip bomb?); refused");
      }
    }

    void entry(String source) throws SbomException {
      if (++entries > MAX_ENTRIES) throw new SbomException(source, null, "more than " + MAX_ENTRIES + " entries; refused");
    }
  }

  private record Coordinates(String group, String artifact, String version) {}

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var found = new LinkedHashMap<String, PinnedPackage>();
    var own = new ArrayList<Coordinates>();
    scan(file.toString(), content, 0, new Budget(), found, own);
    var fileName = file.getFileName().toString();
    // The archive's own coordinates: the top-level pom.properties whose artifact names the file.
    var project = own.stream().filter(c -> fileName.startsWith(c.artifact())).findFirst()
        .orElse(own.size() == 1 ? own.getFirst() : null);
    if (project != null) found.remove(maven(project));
    return new Lockfile(file, project != null ? project.artifact() : fileName, project != null ? project.version() : null,
        List.copyOf(found.values()), null);
  }

  private void scan(String source, byte[] archive, int depth, Budget budget, Map<String, PinnedPackage> found,
      List<Coordinates> own) throws SbomException {
    boolean named = false;
    Manifest manifest = null;
    int entries = 0;
    try (var zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        budget.entry(source);
        entries++;
        var name = entry.getName();
        if (name.startsWith("/") || name.startsWith("\\") || name.contains("../") || name.contains("..\\")) {
          throw new SbomException(source, name, "entry name escapes the archive (path traversal); refused");
        }
        var lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
          var c = coordinates(read(zip, source + "!/" + name, budget));
          if (c != null) {
            found.putIfAbsent(maven(c), new PinnedPackage(maven(c), c.group(), c.artifact(), c.version(), List.of()));
            if (depth == 0) own.add(c);
            named = true;
          }
        } else if (name.equals("META-INF/MANIFEST.MF")) {
          manifest = new Manifest(new ByteArrayInputStream(read(zip, source + "!/" + name, budget)));
        } else if (lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".rar")) {
          if (depth + 1 > MAX_DEPTH) throw new SbomException(source, name, "archives nested deeper than " + MAX_DEPTH);
          var nested = read(zip, source + "!/" + name, budget);
          int before = found.size();
          scan(source + "!/" + name, nested, depth + 1, budget, found, new ArrayList<>());
          if (found.size() == before) unnamed(name, nested, found);
        }
      }
    } catch (ZipException e) {
      throw new SbomException(source, null, "not a readable zip archive: " + e.getMessage());
    } catch (IOException e) {
      throw new SbomException(source + ": cannot be read: " + e.getMessage(), e);
    }
    if (entries == 0) throw new SbomException(source, null, "not a zip archive (no entries)");
    if (depth == 0 && !named && manifest != null) {
      var title = manifest.getMainAttributes().getValue("Implementation-Title");
      var version = manifest.getMainAttributes().getValue("Implementation-Version");
      if (title != null && version != null) own.add(new Coordinates(null, title, version));
    }
  }

  /** A nested jar that names no Maven coordinates: manifest, else "name-1.2.3.jar". */
  private static void unnamed(String entryName, byte[] nested, Map<String, PinnedPackage> found) {
    var file = entryName.substring(entryName.lastIndexOf('/') + 1).replaceFirst("\\.[a-zA-Z]+$", "");
    var m = java.util.regex.Pattern.compile("(.+?)-(\\d[\\w.+-]*)").matcher(file);
    String name = m.matches() ? m.group(1) : file;
    String version = m.matches() ? m.group(2) : null;
    try (var zip = new java.util.jar.JarInputStream(new ByteArrayInputStream(nested))) {
      var mf = zip.getManifest();
      if (mf != null && mf.getMainAttributes().getValue("Implementation-Version") != null) {
        version = mf.getMainAttributes().getValue("Implementation-Version");
      }
    } catch (IOException e) {
      // Unreadable manifest: the file name still names the jar.
    }
    var purl = Purls.of("generic", null, name, version);
    found.putIfAbsent(purl, new PinnedPackage(purl, null, name, version, List.of()));
  }

  private static Coordinates coordinates(byte[] properties) throws IOException {
    var p = new Properties();
    p.load(new java.io.InputStreamReader(new ByteArrayInputStream(properties), StandardCharsets.ISO_8859_1));
    var g = p.getProperty("groupId");
    var a = p.getProperty("artifactId");
    var v = p.getProperty("version");
    return g == null || a == null || v == null ? null : new Coordinates(g.strip(), a.strip(), v.strip());
  }

  private static String maven(Coordinates c) {
    return Purls.of("maven", c.group(), c.artifact(), c.version());
  }

  /** One entry, counted against the budget as it expands (sizes in headers can lie). */
  private static byte[] read(InputStream zip, String source, Budget budget) throws IOException, SbomException {
    var out = new ByteArrayOutputStream();
    var buffer = new byte[64 * 1024];
    int n;
    while ((n = zip.read(buffer)) > 0) {
      budget.add(source, n);
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
