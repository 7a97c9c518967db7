package io.haetae.server.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/** Checks a detached ASCII-armoured OpenPGP signature as {@code gpg --verify} would. */
public final class OpenPgp {

  private OpenPgp() {}

  /** The public key ring in an armoured key. */
  public static PGPPublicKeyRing publicKey(String armoured) throws Exception {
    return new PGPPublicKeyRing(PGPUtil.getDecoderStream(new ByteArrayInputStream(armoured.getBytes(StandardCharsets.US_ASCII))),
        new JcaKeyFingerprintCalculator());
  }

  /** Whether the signature is the key's over exactly these bytes. */
  public static boolean verifies(String armouredSignature, String armouredKey, byte[] content) throws Exception {
    var ring = publicKey(armouredKey);
    var objects = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(
        new ByteArrayInputStream(armouredSignature.getBytes(StandardCharsets.US_ASCII))));
    var signature = ((PGPSignatureList) objects.nextObject()).get(0);
    signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(new BouncyCastleProvider()), ring.getPublicKey(signature.getKeyID()));
    signature.update(content);
    return signature.verify();
  }
}
