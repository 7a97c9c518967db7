package io.haetae.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haetae.engine.sbom.SbomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each reader on a realistic file of its format: exactly the packages the file pins, the
 * direct ones where the file says which they are, and the edges it records.
 */
class LockfileReadersTest {

  private static Lockfile read(String folder, String file) throws SbomException {
    var root = GeneratorFixtures.folder(folder);
    return SbomGenerator.standard().read(root, root.resolve(file));
  }

  private static List<String> purls(Lockfile lockfile) {
    return lockfile.packages().stream().map(PinnedPackage::purl).toList();
  }

  private static List<String> dependenciesOf(Lockfile lockfile, String purl) {
    return lockfile.packages().stream().filter(p -> p.purl().equals(purl)).findFirst().orElseThrow().dependsOn();
  }

  @Test
  void npmLockfileV3PinsEveryInstalledCopyButNotWorkspaceMembersOrLinks() throws SbomException {
    var lock = read("npm-v3", "package-lock.json");

    assertThat(lock.projectName()).isEqualTo("billing-web");
    assertThat(lock.projectVersion()).isEqualTo("2.4.0");
    // string-width-cjs is an alias: the entry's "name" is the real package.
    assertThat(purls(lock)).containsExactly("pkg:npm/%40babel/runtime@7.22.5", "pkg:npm/debug@2.6.9",
        "pkg:npm/express@4.17.1", "pkg:npm/ms@2.1.3", "pkg:npm/jest-util@29.7.0", "pkg:npm/ms@2.0.0",
        "pkg:npm/regenerator-runtime@0.13.11", "pkg:npm/string-width@4.2.3");
    assertThat(lock.direct()).containsExactly("pkg:npm/%40babel/runtime@7.22.5", "pkg:npm/express@4.17.1",
        "pkg:npm/jest-util@29.7.0");
    // express gets its own nested ms 2.1.3; debug, at the top, the hoisted ms 2.0.0.
    assertThat(dependenciesOf(lock, "pkg:npm/express@4.17.1")).containsExactly("pkg:npm/debug@2.6.9", "pkg:npm/ms@2.1.3");
    assertThat(dependenciesOf(lock, "pkg:npm/debug@2.6.9")).containsExactly("pkg:npm/ms@2.0.0");
    assertThat(lock.packages().getFirst().group()).isEqualTo("@babel");
    assertThat(lock.packages().getFirst().name()).isEqualTo("runtime");
  }

  @Test
  void npmLockfileV1ReadsTheNestedTreeAndTakesDirectDependenciesFromPackageJson() throws SbomException {
    var lock = read("npm-v1", "package-lock.json");

    assertThat(purls(lock)).containsExactlyInAnyOrder("pkg:npm/lodash@4.17.15", "pkg:npm/minimist@0.0.8",
        "pkg:npm/mkdirp@0.5.1", "pkg:npm/tar@2.2.1", "pkg:npm/mkdirp@0.5.5");
    assertThat(lock.direct()).containsExactly("pkg:npm/lodash@4.17.15", "pkg:npm/mkdirp@0.5.1", "pkg:npm/tar@2.2.1");
    assertThat(dependenciesOf(lock, "pkg:npm/tar@2.2.1")).containsExactly("pkg:npm/mkdirp@0.5.5");
    assertThat(dependenciesOf(lock, "pkg:npm/mkdirp@0.5.1")).containsExactly("pkg:npm/minimist@0.0.8");
  }

  @Test
  void requirementsPinOnlyExactVersionsAndPipCompileSaysWhatIsDirect() throws SbomException {
    var lock = read("pip", "requirements.txt");

    // celery>=5.0 and the editable ./local-tools pin nothing.
    assertThat(purls(lock)).containsExactly("pkg:pypi/certifi@2023.7.22", "pkg:pypi/charset-normalizer@3.2.0",
        "pkg:pypi/django@3.2.0", "pkg:pypi/idna@3.4", "pkg:pypi/requests@2.25.1", "pkg:pypi/urllib3@1.26.5");
    assertThat(lock.direct()).containsExactly("pkg:pypi/django@3.2.0", "pkg:pypi/requests@2.25.1");
  }

  @Test
  void goModAppliesReplacementsAndKeepsIndirectOnesTransitive() throws SbomException {
    var lock = read("go", "go.mod");

    assertThat(lock.projectName()).isEqualTo("github.com/hanbit/scada-gateway");
    // modbus is replaced by a local folder: the project's own code.
    assertThat(purls(lock)).containsExactly("pkg:golang/github.com/gin-gonic/gin@v1.9.0",
        "pkg:golang/golang.org/x/net@v0.17.0", "pkg:golang/github.com/bytedance/sonic@v1.8.0",
        "pkg:golang/golang.org/x/text@v0.9.0", "pkg:golang/gopkg.in/yaml.v3@v3.0.1");
    assertThat(lock.direct()).containsExactly("pkg:golang/github.com/gin-gonic/gin@v1.9.0",
        "pkg:golang/golang.org/x/net@v0.17.0");
  }

  @Test
  void goSumIsReadOnlyWithoutGoMod() {
    var root = GeneratorFixtures.folder("go");
    assertThat(SbomGenerator.standard().lockfiles(root)).extracting(p -> p.getFileName().toString()).containsExactly("go.mod");
  }

  @Test
  void cargoLockLeavesWorkspaceCratesOutAndTellsVersionsApart() throws SbomException {
    var lock = read("cargo", "Cargo.lock");

    assertThat(lock.projectName()).isEqualTo("grid-agent");
    assertThat(purls(lock)).containsExactly("pkg:cargo/cfg-if@1.0.0", "pkg:cargo/log@0.4.17",
        "pkg:cargo/maybe-uninit@2.0.0", "pkg:cargo/smallvec@0.6.14", "pkg:cargo/smallvec@1.10.0",
        "pkg:cargo/time@0.1.45");
    // grid-agent's and grid-proto's dependencies (both workspace crates) are the direct ones.
    assertThat(lock.direct()).containsExactly("pkg:cargo/log@0.4.17", "pkg:cargo/smallvec@1.10.0",
        "pkg:cargo/time@0.1.45", "pkg:cargo/smallvec@0.6.14");
    assertThat(dependenciesOf(lock, "pkg:cargo/smallvec@0.6.14")).containsExactly("pkg:cargo/maybe-uninit@2.0.0");
  }

  @Test
  void dpkgStatusListsInstalledPackagesWithDistroAndSourcePackage() throws SbomException {
    var lock = read("dpkg", "var/lib/dpkg/status");

    // vim-tiny was removed (config files left): not installed.
    assertThat(purls(lock)).containsExactly(
        "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12",
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl",
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc",
        "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12&upstream=gcc-12",
        "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
    assertThat(dependenciesOf(lock, lock.packages().get(1).purl())).containsExactly(lock.packages().get(2).purl());
  }

  @Test
  void apkInstalledResolvesSharedObjectDependenciesToTheirPackages() throws SbomException {
    var lock = read("apk", "lib/apk/db/installed");

    assertThat(purls(lock)).containsExactly("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18",
        "pkg:apk/alpine/libcrypto3@3.1.3-r0?arch=x86_64&distro=alpine-3.18&upstream=openssl",
        "pkg:apk/alpine/libssl3@3.1.3-r0?arch=x86_64&distro=alpine-3.18&upstream=openssl");
    assertThat(dependenciesOf(lock, lock.packages().get(2).purl()))
        .containsExactly(lock.packages().get(0).purl(), lock.packages().get(1).purl());
  }

  @Test
  void pipfileLockPinsRegistryPackagesAndThePipfileSaysWhatIsDirect() throws SbomException {
    var lock = read("pipenv", "Pipfile.lock");

    // internal-lib comes from git: no registry version is pinned.
    assertThat(purls(lock)).containsExactly("pkg:pypi/click@8.0.1", "pkg:pypi/flask@2.0.1",
        "pkg:pypi/itsdangerous@2.0.1", "pkg:pypi/jinja2@3.0.1", "pkg:pypi/markupsafe@2.0.1",
        "pkg:pypi/werkzeug@2.0.1", "pkg:pypi/pytest@6.2.4", "pkg:pypi/py@1.10.0");
    assertThat(lock.direct()).containsExactly("pkg:pypi/flask@2.0.1", "pkg:pypi/jinja2@3.0.1", "pkg:pypi/pytest@6.2.4");
  }

  @Test
  void composerLockListsRuntimeAndDevPackagesWithTheirRequirements() throws SbomException {
    var lock = read("composer", "composer.lock");

    assertThat(lock.projectName()).isEqualTo("hanbit/tariff-portal");
    assertThat(purls(lock)).containsExactly("pkg:composer/guzzlehttp/guzzle@7.4.0", "pkg:composer/guzzlehttp/psr7@2.1.0",
        "pkg:composer/psr/http-client@1.0.1", "pkg:composer/psr/http-message@1.0.1", "pkg:composer/phpunit/php-timer@5.0.3");
    assertThat(lock.direct()).containsExactly("pkg:composer/guzzlehttp/guzzle@7.4.0", "pkg:composer/phpunit/php-timer@5.0.3");
    assertThat(dependenciesOf(lock, "pkg:composer/guzzlehttp/guzzle@7.4.0"))
        .containsExactly("pkg:composer/guzzlehttp/psr7@2.1.0", "pkg:composer/psr/http-client@1.0.1");
  }

  @Test
  void nugetLockKeepsDirectAndTransitiveAndSkipsTheSolutionsOwnProjects() throws SbomException {
    var lock = read("nuget", "packages.lock.json");

    assertThat(purls(lock)).containsExactly("pkg:nuget/Newtonsoft.Json@12.0.1", "pkg:nuget/Serilog.Sinks.File@5.0.0",
        "pkg:nuget/Serilog@2.10.0");
    assertThat(lock.direct()).containsExactly("pkg:nuget/Newtonsoft.Json@12.0.1", "pkg:nuget/Serilog.Sinks.File@5.0.0");
    assertThat(dependenciesOf(lock, "pkg:nuget/Serilog.Sinks.File@5.0.0")).containsExactly("pkg:nuget/Serilog@2.10.0");
  }

  @Test
  void gradleLockfileListsEveryLockedCoordinate() throws SbomException {
    var lock = read("gradle", "gradle.lockfile");

    assertThat(purls(lock)).containsExactly(
        "pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.13.2",
        "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.13.2",
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2",
        "pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        "pkg:maven/org.junit.jupiter/junit-jupiter-api@5.8.2");
    assertThat(lock.direct()).isNull();
  }

  @Test
  void yarnClassicLockResolvesDescriptorsAndTakesDirectOnesFromPackageJson() throws SbomException {
    var lock = read("yarn-v1", "yarn.lock");

    assertThat(lock.projectName()).isEqualTo("meter-dashboard");
    assertThat(purls(lock)).containsExactly("pkg:npm/%40babel/code-frame@7.12.13", "pkg:npm/%40babel/highlight@7.13.10",
        "pkg:npm/js-tokens@4.0.0", "pkg:npm/lodash@4.17.15");
    assertThat(lock.direct()).containsExactly("pkg:npm/lodash@4.17.15", "pkg:npm/%40babel/code-frame@7.12.13");
    assertThat(dependenciesOf(lock, "pkg:npm/%40babel/highlight@7.13.10")).containsExactly("pkg:npm/js-tokens@4.0.0");
  }

  @Test
  void aYarnLockEntryHeaderWithoutAColonIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
    assertThat(yarnLockError(dir, "lodash@^4.17.0:\n  version \"4.17.21\"\nno colon here\n"))
        .isEqualTo(dir.resolve("yarn.lock") + ", line 3: malformed yarn.lock: entry header without ':'");
  }

  @Test
  void aYarnLockFieldWithAnUnclosedQuoteIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
    assertThat(yarnLockError(dir, "lodash@^4.17.0:\n  \"version 4.17.21\n"))
        .isEqualTo(dir.resolve("yarn.lock") + ", line 2: malformed yarn.lock: unterminated quote");
  }

  @Test
  void aYarnLockDescriptorWithoutARangeIsRefusedNamingItsEntrysLine(@TempDir Path dir) throws IOException {
    assertThat(yarnLockError(dir, "# yarn lockfile v1\nlodash:\n  version \"4.17.21\"\n"))
        .isEqualTo(dir.resolve("yarn.lock") + ", line 2: malformed yarn.lock: descriptor 'lodash' has no '@' before its range");
  }

  /** Inputs LockfileFuzzTest found (kept in LockfileFuzzTestInputs): each is the file's SbomException, nothing else. */
  @Test
  void fuzzFindingsAreBadInputNamingTheFile(@TempDir Path dir) throws IOException, SbomException {
    var goMod = Files.writeString(dir.resolve("go.mod"), "module\n\nrequire example.com/a v1.0.0\n");
    assertThat(catchThrowableOfType(SbomException.class, () -> SbomGenerator.standard().read(dir, goMod)).getMessage())
        .contains("go.mod", "line 1", "module needs a module path");

    var npm = Files.writeString(dir.resolve("package-lock.json"), """
        {"lockfileVersion": 3, "packages": {"": {}, "node_modules/": {"version": "29.7.0"}}}""");
    assertThat(catchThrowableOfType(SbomException.class, () -> SbomGenerator.standard().read(dir, npm)).getMessage())
        .contains("package-lock.json", "no purl for npm");

    // A YAML complex key names no package: left out, the rest is read.
    var pnpm = Files.writeString(dir.resolve("pnpm-lock.yaml"), """
        lockfileVersion: '6.0'
        dependencies:
          debug:
            specifier: ^4.3.4
            version: 4.3.4
          ? specifier: ^18.2.0
          : version: 18.2.0
        packages:
          /debug@4.3.4:
            resolution: {integrity: sha512-x}
        """);
    assertThat(SbomGenerator.standard().read(dir, pnpm).direct()).containsExactly("pkg:npm/debug@4.3.4");
  }

  /** The message of the SbomException reading {@code content} as a yarn.lock gives (no other exception). */
  private static String yarnLockError(Path dir, String content) throws IOException {
    var file = Files.writeString(dir.resolve("yarn.lock"), content);
    return catchThrowableOfType(SbomException.class, () -> SbomGenerator.standard().read(dir, file)).getMessage();
  }

  @Test
  void yarnBerryLockLeavesTheWorkspaceOut() throws SbomException {
    var lock = read("yarn-berry", "yarn.lock");

    assertThat(lock.projectName()).isEqualTo("grid-ui");
    assertThat(purls(lock)).containsExactly("pkg:npm/ansi-regex@5.0.1", "pkg:npm/strip-ansi@6.0.1");
    assertThat(lock.direct()).containsExactly("pkg:npm/strip-ansi@6.0.1");
    assertThat(dependenciesOf(lock, "pkg:npm/strip-ansi@6.0.1")).containsExactly("pkg:npm/ansi-regex@5.0.1");
  }

  @Test
  void pnpmLockV6FoldsPeerVariantsAndLeavesLinksOut() throws SbomException {
    var lock = read("pnpm-v6", "pnpm-lock.yaml");

    assertThat(purls(lock)).containsExactly("pkg:npm/%40babel/runtime@7.22.5", "pkg:npm/debug@4.3.4",
        "pkg:npm/js-tokens@4.0.0", "pkg:npm/loose-envify@1.4.0", "pkg:npm/ms@2.0.0", "pkg:npm/ms@2.1.2",
        "pkg:npm/react-dom@18.2.0", "pkg:npm/react@18.2.0", "pkg:npm/regenerator-runtime@0.13.11",
        "pkg:npm/scheduler@0.23.0");
    // shared-ui is link:../shared-ui, the project's own code; the dev dependency ms 2.0.0 is direct too.
    assertThat(lock.direct()).containsExactly("pkg:npm/%40babel/runtime@7.22.5", "pkg:npm/debug@4.3.4",
        "pkg:npm/react-dom@18.2.0", "pkg:npm/ms@2.0.0");
    assertThat(dependenciesOf(lock, "pkg:npm/react-dom@18.2.0")).containsExactly("pkg:npm/loose-envify@1.4.0",
        "pkg:npm/react@18.2.0", "pkg:npm/scheduler@0.23.0");
    assertThat(dependenciesOf(lock, "pkg:npm/debug@4.3.4")).containsExactly("pkg:npm/ms@2.1.2");
    assertThat(lock.packages().getFirst().group()).isEqualTo("@babel");
  }

  @Test
  void pnpmLockV9TakesEdgesFromSnapshotsAndDirectOnesFromEveryImporter() throws SbomException {
    var lock = read("pnpm-v9", "pnpm-lock.yaml");

    assertThat(purls(lock)).containsExactly("pkg:npm/ansi-regex@5.0.1", "pkg:npm/debug@2.6.9",
        "pkg:npm/express@4.19.2", "pkg:npm/is-fullwidth-code-point@3.0.0", "pkg:npm/ms@2.0.0",
        "pkg:npm/ms@2.1.3", "pkg:npm/string-width@4.2.3", "pkg:npm/strip-ansi@6.0.1",
        "pkg:npm/typescript@5.4.5");
    // string-width-cjs is an alias of string-width; @hanbit/shared is a workspace link.
    assertThat(lock.direct()).containsExactly("pkg:npm/typescript@5.4.5", "pkg:npm/express@4.19.2",
        "pkg:npm/string-width@4.2.3", "pkg:npm/ms@2.1.3");
    assertThat(dependenciesOf(lock, "pkg:npm/express@4.19.2")).containsExactly("pkg:npm/debug@2.6.9");
    assertThat(dependenciesOf(lock, "pkg:npm/string-width@4.2.3")).containsExactly(
        "pkg:npm/is-fullwidth-code-point@3.0.0", "pkg:npm/strip-ansi@6.0.1");
  }

  @Test
  void poetryLockLeavesPathPackagesOutAndTakesDirectOnesFromPyproject() throws SbomException {
    var lock = read("poetry", "poetry.lock");

    assertThat(lock.projectName()).isEqualTo("scada-reports");
    assertThat(lock.projectVersion()).isEqualTo("1.3.0");
    // reporting-core is a directory dependency: the business's own code.
    assertThat(purls(lock)).containsExactly("pkg:pypi/certifi@2024.2.2", "pkg:pypi/charset-normalizer@3.3.2",
        "pkg:pypi/colorama@0.4.6", "pkg:pypi/idna@3.6", "pkg:pypi/iniconfig@2.0.0", "pkg:pypi/jinja2@3.1.3",
        "pkg:pypi/markupsafe@2.1.5", "pkg:pypi/packaging@24.0", "pkg:pypi/pluggy@1.4.0", "pkg:pypi/pysocks@1.7.1",
        "pkg:pypi/pytest@8.1.1", "pkg:pypi/requests@2.31.0", "pkg:pypi/urllib3@2.2.1");
    // python is no package; the path dependency reporting-core is not pinned.
    assertThat(lock.direct()).containsExactly("pkg:pypi/jinja2@3.1.3", "pkg:pypi/requests@2.31.0",
        "pkg:pypi/pytest@8.1.1");
    // Names are matched normalised: MarkupSafe and PySocks.
    assertThat(dependenciesOf(lock, "pkg:pypi/jinja2@3.1.3")).containsExactly("pkg:pypi/markupsafe@2.1.5");
    assertThat(dependenciesOf(lock, "pkg:pypi/requests@2.31.0")).containsExactly("pkg:pypi/certifi@2024.2.2",
        "pkg:pypi/charset-normalizer@3.3.2", "pkg:pypi/idna@3.6", "pkg:pypi/pysocks@1.7.1",
        "pkg:pypi/urllib3@2.2.1");
  }

  @Test
  void uvLockPinsRegistryPackagesAndTheEditableProjectsDependenciesAreDirect() throws SbomException {
    var lock = read("uv", "uv.lock");

    assertThat(lock.projectName()).isEqualTo("grid-monitor");
    assertThat(lock.projectVersion()).isEqualTo("0.2.0");
    // sensor-schema comes from git: no registry version to match.
    assertThat(purls(lock)).containsExactly("pkg:pypi/anyio@4.6.2.post1", "pkg:pypi/certifi@2024.8.30",
        "pkg:pypi/colorama@0.4.6", "pkg:pypi/h11@0.14.0", "pkg:pypi/httpcore@1.0.6", "pkg:pypi/httpx@0.27.2",
        "pkg:pypi/idna@3.10", "pkg:pypi/iniconfig@2.0.0", "pkg:pypi/markdown-it-py@3.0.0", "pkg:pypi/mdurl@0.1.2",
        "pkg:pypi/packaging@24.1", "pkg:pypi/pluggy@1.5.0", "pkg:pypi/pygments@2.18.0", "pkg:pypi/pytest@8.3.3",
        "pkg:pypi/rich@13.9.2", "pkg:pypi/sniffio@1.3.1");
    assertThat(lock.direct()).containsExactly("pkg:pypi/httpx@0.27.2", "pkg:pypi/rich@13.9.2",
        "pkg:pypi/pytest@8.3.3");
    assertThat(dependenciesOf(lock, "pkg:pypi/httpcore@1.0.6")).containsExactly("pkg:pypi/certifi@2024.8.30",
        "pkg:pypi/h11@0.14.0");
  }

  @Test
  void gemfileLockPinsRegistryGemsOncePerVersionAndTakesDirectOnesFromDependencies() throws SbomException {
    var lock = read("bundler", "Gemfile.lock");

    // The PATH gem at remote "." is the project; the GIT gem modbus-rb pins no registry version.
    assertThat(lock.projectName()).isEqualTo("plant-portal");
    assertThat(lock.projectVersion()).isEqualTo("2.1.0");
    // nokogiri is locked for three platforms: one version, one component.
    assertThat(purls(lock)).containsExactly("pkg:gem/mini_portile2@2.8.5", "pkg:gem/nokogiri@1.16.2",
        "pkg:gem/puma@6.4.2", "pkg:gem/nio4r@2.7.0", "pkg:gem/racc@1.7.3", "pkg:gem/rack@2.2.8",
        "pkg:gem/rack-test@2.1.0", "pkg:gem/sinatra@3.2.0", "pkg:gem/mustermann@3.0.0",
        "pkg:gem/rack-protection@3.2.0", "pkg:gem/ruby2_keywords@0.0.5", "pkg:gem/tilt@2.3.0");
    // rack comes in through the project's own gemspec.
    assertThat(lock.direct()).containsExactly("pkg:gem/rack@2.2.8", "pkg:gem/nokogiri@1.16.2",
        "pkg:gem/puma@6.4.2", "pkg:gem/rack-test@2.1.0", "pkg:gem/sinatra@3.2.0");
    assertThat(dependenciesOf(lock, "pkg:gem/sinatra@3.2.0")).containsExactly("pkg:gem/mustermann@3.0.0",
        "pkg:gem/rack@2.2.8", "pkg:gem/rack-protection@3.2.0", "pkg:gem/tilt@2.3.0");
    assertThat(dependenciesOf(lock, "pkg:gem/nokogiri@1.16.2")).containsExactly("pkg:gem/mini_portile2@2.8.5",
        "pkg:gem/racc@1.7.3");
  }

  @Test
  void mavenPomPinsDeclaredVersionsResolvingItsOwnProperties() throws SbomException {
    var lock = read("maven", "pom.xml");

    assertThat(lock.projectName()).isEqualTo("plant-historian");
    // The version is inherited from the parent element.
    assertThat(lock.projectVersion()).isEqualTo("3.2.0");
    // Left out: a BOM-managed version, a property only the parent defines, a range, the sibling
    // module, the BOM import itself and the plugin's dependency. JUnit is test scope but pinned.
    assertThat(purls(lock)).containsExactly("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        "pkg:maven/org.apache.commons/commons-text@1.9",
        "pkg:maven/io.netty/netty-transport-native-epoll@4.1.86.Final?classifier=linux-x86_64",
        "pkg:maven/junit/junit@4.12");
    assertThat(lock.direct()).isEqualTo(purls(lock));
    assertThat(lock.packages().getFirst().group()).isEqualTo("org.apache.logging.log4j");
  }
}
