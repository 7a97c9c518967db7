package io.haetae.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import org.junit.jupiter.api.Test;

class InstalledPackageTest {

  @Test
  void aPurlWithoutVersionNamesAPackageButNoInstalledPackage() {
    assertThat(InstalledPackage.keyOf("pkg:cargo/tokio")).contains(new PackageKey(Ecosystem.CRATES_IO, "tokio"));
    assertThat(InstalledPackage.fromPurl("pkg:cargo/tokio")).isEmpty();
  }

  @Test
  void qualifiersAndScopedNamesDoNotDisturbThePackageKey() {
    // A version appended after the qualifiers would have landed inside them.
    assertThat(InstalledPackage.keyOf("pkg:deb/debian/curl?distro=debian-12").map(PackageKey::name)).contains("curl");
    assertThat(InstalledPackage.keyOf("pkg:npm/%40angular/core").map(PackageKey::name)).contains("@angular/core");
    assertThat(InstalledPackage.keyOf("pkg:maven/org.apache.logging.log4j/log4j-core"))
        .contains(new PackageKey(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core"));
    assertThat(InstalledPackage.fromPurl("pkg:deb/debian/curl@7.88.1-10?distro=debian-12"))
        .hasValueSatisfying(p -> assertThat(p.key()).isEqualTo(InstalledPackage.keyOf("pkg:deb/debian/curl").orElseThrow()));
  }

  @Test
  void somethingThatIsNoPurlOrNamesNoKnownEcosystemGivesNothing() {
    assertThat(InstalledPackage.keyOf("curl")).isEmpty();
    assertThat(InstalledPackage.keyOf("pkg:unknowntype/x")).isEmpty();
    assertThat(InstalledPackage.keyOf(null)).isEmpty();
  }
}
