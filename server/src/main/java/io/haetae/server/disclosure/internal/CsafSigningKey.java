package io.haetae.server.disclosure.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The OpenPGP key the CSAF documents are signed with (CSAF 2.0 requirement 19: a detached,
 * ASCII-armoured signature per document). {@code haetae.csaf.signing-key} names an armoured
 * secret key file and {@code haetae.csaf.signing-key-passphrase} its passphrase. Without one, a
 * key is generated at first use and kept in {@code <data-dir>/csaf/signing-key.asc} (owner-only;
 * {@code haetae.csaf.key-dir} moves it),
 * so {@code serve --demo} signs from the first publication on and keeps its key across restarts.
 */
@Component
class CsafSigningKey {

  private static final Logger log = LoggerFactory.getLogger(CsafSigningKey.class);
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final Path configured;
  private final char[] passphrase;
  private final Path generated;
  private final String userId;
  private volatile Loaded key;

  private record Loaded(PGPPrivateKey privateKey, PGPPublicKey publicKey, String armouredPublicKey) {}

  CsafSigningKey(@Value("${haetae.csaf.signing-key:}") String configured,
      @Value("${haetae.csaf.signing-key-passphrase:}") String passphrase, @Value("${haetae.csaf.key-dir:${haetae.data-dir}/csaf}") Path keyDir,
      @Value("${haetae.csaf.publisher.name:Haetae}") String publisher) {
    this.configured = configured.isBlank() ? null : Path.of(configured);
    this.passphrase = passphrase.toCharArray();
    this.generated = keyDir.resolve("signing-key.asc");
    this.userId = publisher + " CSAF signing key";
  }

  /** The detached ASCII-armoured signature of {@code content}. */
  String sign(byte[] content) {
    Loaded k = key();
    try {
      var generator = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(k.publicKey().getAlgorithm(), HashAlgorithmTags.SHA512)
          .setProvider(BC), k.publicKey());
      generator.init(PGPSignature.BINARY_DOCUMENT, k.privateKey());
      generator.update(content);
      var out = new ByteArrayOutputStream();
      try (var armoured = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        generator.generate().encode(armoured);
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (PGPException | IOException e) {
      throw new IllegalStateException("cannot sign with the CSAF key", e);
    }
  }

  /** The fingerprint, upper-case hex, as provider-metadata.json lists it. */
  String fingerprint() {
    return HexFormat.of().formatHex(key().publicKey().getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** The public key, ASCII-armoured, served beside the provider metadata. */
  String publicKey() {
    return key().armouredPublicKey();
  }

  private Loaded key() {
    Loaded k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) key = load();
        k = key;
      }
    }
    return k;
  }

  private Loaded load() {
    Path file = configured != null ? configured : generated;
    if (configured == null && !Files.exists(generated)) generate();
    try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
      var rings = new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
      for (PGPSecretKeyRing ring : rings) {
        for (PGPSecretKey secret : ring) {
          if (!secret.isSigningKey() || secret.getPublicKey().hasRevocation()) continue;
          PGPPrivateKey priv = secret.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(
              new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build()).setProvider(BC).build(passphrase));
          var out = new ByteArrayOutputStream();
          try (var armoured = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            ring.toCertificate().encode(armoured);
          }
          log.atInfo().addKeyValue("file", file).addKeyValue("fingerprint",
              HexFormat.of().formatHex(secret.getPublicKey().getFingerprint())).log("CSAF signing key loaded");
          return new Loaded(priv, secret.getPublicKey(), out.toString(StandardCharsets.US_ASCII));
        }
      }
      throw new IllegalStateException(file + " holds no OpenPGP signing key (haetae.csaf.signing-key)");
    } catch (PGPException e) {
      throw new IllegalStateException("cannot read the CSAF signing key " + file + " (wrong haetae.csaf.signing-key-passphrase?)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CSAF signing key " + file, e);
    }
  }

  /** An RSA 3072 primary key for certifying and signing, stored unencrypted, readable by the owner only. */
  private void generate() {
    try {
      var rsa = KeyPairGenerator.getInstance("RSA", BC);
      rsa.initialize(3072, new SecureRandom());
      var pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, rsa.generateKeyPair(), new Date());
      var hashed = new PGPSignatureSubpacketGenerator();
      hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      hashed.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA256});
      var sha1 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build().get(HashAlgorithmTags.SHA1);
      var rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId, sha1, hashed.generate(), null,
          new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA512).setProvider(BC), null);
      Files.createDirectories(generated.getParent());
      Path tmp = Files.createTempFile(generated.getParent(), "signing-key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the data directory's own protection is all there is.
      }
      try (var out = Files.newOutputStream(tmp); var armoured = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        rings.generateSecretKeyRing().encode(armoured);
      }
      // Two nodes starting at once: the first key written wins, the other node reads it.
      try {
        Files.move(tmp, generated);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return;
      } finally {
        Files.deleteIfExists(tmp);
      }
      log.atInfo().addKeyValue("file", generated).log("CSAF signing key generated (no haetae.csaf.signing-key configured)");
    } catch (PGPException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a CSAF signing key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the CSAF signing key in " + generated, e);
    }
  }
}
