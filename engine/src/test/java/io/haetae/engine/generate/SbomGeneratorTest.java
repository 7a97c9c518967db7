package io.haetae.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.engine.sbom.Component;
import io.haetae.engine.sbom.CycloneDxJsonReader;
import io.haetae.engine.sbom.CycloneDxJsonWriter;
import io.haetae.engine.sbom.CycloneDxXmlReader;
import io.haetae.engine.sbom.CycloneDxXmlWriter;
import io.haetae.engine.sbom.SbomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomGeneratorTest {

  @Test
  void writesValidCycloneDx16WithTheProjectAsMetadataComponentAndItsDirectDependencies() throws SbomException {
    var sbom = SbomGenerator.standard().generate(GeneratorFixtures.folder("npm-v3"));

    // The writer's output passes the 1.6 schema and reads back as the same SBOM.
    var back = new CycloneDxJsonReader().read(new CycloneDxJsonWriter().write(sbom, "haetae"), "generated.json");

    assertThat(back.specVersion()).isEqualTo("1.6");
    assertThat(back.subject().name()).isEqualTo("billing-web");
    assertThat(back.subject().version()).isEqualTo("2.4.0");
    assertThat(back.components()).extracting(Component::name).doesNotContain("billing-web", "billing-ui");
    assertThat(back.components()).hasSize(8).isEqualTo(sbom.components());
    assertThat(back.dependencies().get("project:billing-web")).containsExactly("pkg:npm/%40babel/runtime@7.22.5",
        "pkg:npm/express@4.17.1", "pkg:npm/jest-util@29.7.0");
    assertThat(back.dependencies()).isEqualTo(sbom.dependencies());
  }

  @Test
  void readsEveryLockfileUnderTheFolderButNotThoseInsideNodeModules(@TempDir Path dir) throws IOException, SbomException {
    copy("npm-v3/package-lock.json", dir.resolve("web/package-lock.json"));
    copy("cargo/Cargo.lock", dir.resolve("agent/Cargo.lock"));
    copy("npm-v1/package-lock.json", dir.resolve("web/node_modules/some-dep/package-lock.json"));

    var sbom = SbomGenerator.standard().generate(dir);

    assertThat(sbom.components()).hasSize(8 + 6);
    assertThat(sbom.components()).extracting(Component::purl).doesNotContain("pkg:npm/lodash@4.17.15");
  }

  @Test
  void aFolderWithoutLockfilesIsAnErrorNotAnEmptySbom(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("README.md"), "# nothing here");

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessage(dir + ": no lockfile, Java archive or OS package database found");
  }

  @Test
  void aBrokenLockfileIsNamedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("package-lock.json"), "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessageStartingWith(dir.resolve("package-lock.json") + ", line 4, column 1: malformed JSON");
  }

  @Test
  void writesValidCycloneDx16XmlThatReadsBackAsTheSameSbom() throws SbomException {
    var sbom = SbomGenerator.standard().generate(GeneratorFixtures.folder("bundler"));

    var back = new CycloneDxXmlReader().read(new CycloneDxXmlWriter().write(sbom, "haetae"), "generated.xml");

    assertThat(back.subject().name()).isEqualTo("plant-portal");
    assertThat(back.components()).hasSize(12).isEqualTo(sbom.components());
    assertThat(back.dependencies()).isEqualTo(sbom.dependencies());
  }

  @Test
  void aBrokenPnpmLockIsNamedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pnpm-lock.yaml"), """
        lockfileVersion: '9.0'
        packages:
          express@4.19.2:
            resolution: {integrity: sha512-5T6
          ms@2.1.3: {}
        """);

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessageStartingWith(dir.resolve("pnpm-lock.yaml") + ", line 5: not valid YAML");
  }

  @Test
  void aPnpmPackageKeyWithoutAVersionIsNamed(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pnpm-lock.yaml"), """
        lockfileVersion: '9.0'
        snapshots:
          express: {}
        """);

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessage(dir.resolve("pnpm-lock.yaml") + ", packages.express: package key names no name@version");
  }

  @Test
  void aPoetryPackageWithoutAVersionIsNamedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("poetry.lock"), """
        [[package]]
        name = "certifi"
        version = "2024.2.2"

        [[package]]
        name = "idna"
        optional = false
        """);

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessage(dir.resolve("poetry.lock") + ", line 5: [[package]] has no version");
  }

  @Test
  void aBrokenUvLockIsNamedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("uv.lock"), """
        version = 1

        [[package]]
        name = "idna"
        version = "3.10
        """);

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessageStartingWith(dir.resolve("uv.lock") + ", line 5: malformed TOML");
  }

  @Test
  void aGemfileLockSpecWithoutAVersionIsNamedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Gemfile.lock"), """
        GEM
          remote: https://rubygems.org/
          specs:
            rack (2.2.8)
            sinatra
        """);

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessage(dir.resolve("Gemfile.lock") + ", line 5: not a \"name (version)\" spec: sinatra");
  }

  @Test
  void aPomWithAnExternalEntityIsRefusedUnread(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("secret.txt"), "4.12");
    Files.writeString(dir.resolve("pom.xml"), """
        <?xml version="1.0"?>
        <!DOCTYPE project [<!ENTITY v SYSTEM "secret.txt">]>
        <project><artifactId>x</artifactId><dependencies><dependency>
          <groupId>junit</groupId><artifactId>junit</artifactId><version>&v;</version>
        </dependency></dependencies></project>
        """);

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessageStartingWith(dir.resolve("pom.xml") + ", line 2: malformed XML")
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void aPomPropertyThatRefersToItselfIsNamed(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pom.xml"), """
        <project><artifactId>x</artifactId><properties><v>${v}.1</v></properties>
          <dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>${v}</version>
          </dependency></dependencies></project>
        """);

    assertThatThrownBy(() -> SbomGenerator.standard().generate(dir)).isInstanceOf(SbomException.class)
        .hasMessage(dir.resolve("pom.xml") + ", dependencies/dependency[1]: properties nest too deep or refer to "
            + "themselves: ${v}");
  }

  private static void copy(String fixture, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    var folder = fixture.substring(0, fixture.indexOf('/'));
    Files.copy(GeneratorFixtures.folder(folder).resolve(fixture.substring(folder.length() + 1)), to);
  }
}
