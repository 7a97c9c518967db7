package io.haetae.engine.generate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bytes at every lockfile and package-database reader (docs/fuzzing.md), read as
 * {@link SbomGenerator} reads them. A file may be refused only with {@link SbomException}; any
 * other throwable, a hang or running out of memory is a bug. Each file is named as the reader expects, in a folder that does not exist, so
 * that no sibling manifest (package.json, pyproject.toml) is read from disk.
 */
class LockfileFuzzTest {

  private static final Path NOWHERE = Path.of("/nonexistent-haetae-fuzz/project");

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void npm(byte[] input) {
    read(new NpmLockfile(), "package-lock.json", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void yarn(byte[] input) {
    read(new YarnLock(), "yarn.lock", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void pnpm(byte[] input) {
    read(new PnpmLock(), "pnpm-lock.yaml", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void pipRequirements(byte[] input) {
    read(new PipRequirements(), "requirements.txt", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void pipfile(byte[] input) {
    read(new PipfileLock(), "Pipfile.lock", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void poetry(byte[] input) {
    read(new PoetryLock(), "poetry.lock", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void uv(byte[] input) {
    read(new UvLock(), "uv.lock", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void goModules(byte[] input) {
    read(new GoModules(), "go.mod", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void cargo(byte[] input) {
    read(new CargoLock(), "Cargo.lock", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void composer(byte[] input) {
    read(new ComposerLock(), "composer.lock", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void nuget(byte[] input) {
    read(new NugetLock(), "packages.lock.json", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void gradle(byte[] input) {
    read(new GradleLockfile(), "gradle.lockfile", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void mavenPom(byte[] input) {
    read(new MavenPom(), "pom.xml", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void gemfile(byte[] input) {
    read(new GemfileLock(), "Gemfile.lock", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void dpkg(byte[] input) {
    read(new DpkgStatus(), "var/lib/dpkg/status", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void apk(byte[] input) {
    read(new ApkInstalled(), "lib/apk/db/installed", input);
  }

  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void javaArchive(byte[] input) {
    read(new JavaArchives(), "app-1.0.jar", input);
  }

  /** As the generator reads: through SbomGenerator.read, which also answers a name no purl can hold. */
  private static void read(LockfileReader reader, String name, byte[] input) {
    try {
      SbomGenerator.read(reader, NOWHERE.resolve(name), input);
    } catch (SbomException refused) {
      // the declared answer to bad input
    }
  }
}
