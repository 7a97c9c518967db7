package io.haetae.server.disclosure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.server.support.OpenPgp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSAF signing key: a configured, passphrase-protected key signs; a wrong passphrase is a
 * clear error naming the setting; without one a key is generated once and kept.
 */
class CsafSigningKeyTest {

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final byte[] DOCUMENT = "{\"document\": {}}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aConfiguredProtectedKeySignsAndItsPublicKeyVerifies(@TempDir Path dir) throws Exception {
    Path file = protectedKey(dir, "correct horse");
    var key = new CsafSigningKey(file.toString(), "correct horse", dir.resolve("unused"), "Test CERT");
    String signature = key.sign(DOCUMENT);
    assertThat(signature).startsWith("-----BEGIN PGP SIGNATURE-----");
    assertThat(OpenPgp.verifies(signature, key.publicKey(), DOCUMENT)).isTrue();
    assertThat(key.fingerprint()).matches("[0-9A-F]{40}");
    assertThat(dir.resolve("unused")).doesNotExist();
  }

  @Test
  void aWrongPassphraseNamesTheSetting(@TempDir Path dir) throws Exception {
    Path file = protectedKey(dir, "correct horse");
    var key = new CsafSigningKey(file.toString(), "wrong", dir, "Test CERT");
    assertThatThrownBy(() -> key.sign(DOCUMENT)).hasMessageContaining("haetae.csaf.signing-key-passphrase");
  }

  @Test
  void withoutAConfiguredKeyOneIsGeneratedOnceAndKept(@TempDir Path dir) throws Exception {
    var first = new CsafSigningKey("", "", dir, "Test CERT");
    String fingerprint = first.fingerprint();
    assertThat(dir.resolve("signing-key.asc")).exists();
    var afterRestart = new CsafSigningKey("", "", dir, "Test CERT");
    assertThat(afterRestart.fingerprint()).isEqualTo(fingerprint);
    assertThat(OpenPgp.verifies(afterRestart.sign(DOCUMENT), first.publicKey(), DOCUMENT)).isTrue();
    assertThat(Files.getPosixFilePermissions(dir.resolve("signing-key.asc")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
  }

  /** An RSA key protected by a passphrase, as gpg --export-secret-keys --armor writes one. */
  private static Path protectedKey(Path dir, String passphrase) throws Exception {
    var rsa = KeyPairGenerator.getInstance("RSA", BC);
    rsa.initialize(2048);
    var pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, rsa.generateKeyPair(), new Date());
    var sha1 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build().get(HashAlgorithmTags.SHA1);
    var encryptor = new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).setProvider(BC)
        .build(passphrase.toCharArray());
    var rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, "Test CERT <cert@test>", sha1, null, null,
        new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256).setProvider(BC), encryptor);
    Path file = dir.resolve("secret.asc");
    try (var out = Files.newOutputStream(file); var armoured = new ArmoredOutputStream(out)) {
      rings.generateSecretKeyRing().encode(armoured);
    }
    return file;
  }

}
