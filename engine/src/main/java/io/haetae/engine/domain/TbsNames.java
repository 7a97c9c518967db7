package io.haetae.engine.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The subject common names and SAN dNSNames of a DER TBSCertificate (RFC 5280 4.1), by a
 * minimal DER walk: a precertificate's TBSCertificate has no signature around it, so the JDK's
 * CertificateFactory cannot read it, and the two fields need no more than this.
 */
final class TbsNames {

  private static final byte[] CN = {0x55, 0x04, 0x03};
  private static final byte[] SAN = {0x55, 0x1d, 0x11};

  private final byte[] der;

  private TbsNames(byte[] der) {
    this.der = der;
  }

  static Set<String> of(byte[] tbs) {
    return new TbsNames(tbs).names();
  }

  /** A DER element: tag, where its content starts and ends. */
  private record Tlv(int tag, int start, int end) {}

  private Tlv at(int pos, int limit) {
    if (pos + 2 > limit) throw new IllegalArgumentException("truncated DER at " + pos);
    int tag = der[pos] & 0xff;
    int len = der[pos + 1] & 0xff;
    int start = pos + 2;
    if (len >= 0x80) {
      int bytes = len & 0x7f;
      if (bytes == 0 || bytes > 3 || start + bytes > limit) throw new IllegalArgumentException("bad DER length at " + pos);
      len = 0;
      for (int i = 0; i < bytes; i++) len = (len << 8) | (der[start + i] & 0xff);
      start += bytes;
    }
    if (start + len > limit) throw new IllegalArgumentException("DER element overruns at " + pos);
    return new Tlv(tag, start, start + len);
  }

  private Set<String> names() {
    var names = new LinkedHashSet<String>();
    Tlv tbs = at(0, der.length);
    if (tbs.tag() != 0x30) throw new IllegalArgumentException("TBSCertificate is not a SEQUENCE");
    int pos = tbs.start();
    Tlv field = at(pos, tbs.end());
    if (field.tag() == 0xa0) field = at(field.end(), tbs.end()); // [0] version
    Tlv signature = at(field.end(), tbs.end()); // serial was field
    Tlv issuer = at(signature.end(), tbs.end());
    Tlv validity = at(issuer.end(), tbs.end());
    Tlv subject = at(validity.end(), tbs.end());
    commonNames(subject, names);
    Tlv spki = at(subject.end(), tbs.end());
    for (pos = spki.end(); pos < tbs.end(); ) {
      Tlv t = at(pos, tbs.end());
      if (t.tag() == 0xa3) subjectAltNames(at(t.start(), t.end()), names);
      pos = t.end();
    }
    return names;
  }

  private void commonNames(Tlv name, Set<String> out) {
    for (int p = name.start(); p < name.end(); ) {
      Tlv set = at(p, name.end());
      for (int q = set.start(); q < set.end(); ) {
        Tlv atv = at(q, set.end());
        Tlv oid = at(atv.start(), atv.end());
        if (oid.tag() == 0x06 && is(oid, CN)) {
          Tlv value = at(oid.end(), atv.end());
          out.add(text(value));
        }
        q = atv.end();
      }
      p = set.end();
    }
  }

  private void subjectAltNames(Tlv extensions, Set<String> out) {
    for (int p = extensions.start(); p < extensions.end(); ) {
      Tlv ext = at(p, extensions.end());
      Tlv oid = at(ext.start(), ext.end());
      if (is(oid, SAN)) {
        Tlv value = at(oid.end(), ext.end());
        if (value.tag() == 0x01) value = at(value.end(), ext.end()); // critical
        Tlv names = at(value.start(), value.end());
        for (int q = names.start(); q < names.end(); ) {
          Tlv general = at(q, names.end());
          if (general.tag() == 0x82) out.add(new String(der, general.start(), general.end() - general.start(), StandardCharsets.US_ASCII));
          q = general.end();
        }
      }
      p = ext.end();
    }
  }

  private boolean is(Tlv oid, byte[] expected) {
    return Arrays.equals(der, oid.start(), oid.end(), expected, 0, expected.length);
  }

  /** UTF8String, PrintableString, IA5String, T61 (read as Latin-1), BMPString. */
  private String text(Tlv v) {
    int len = v.end() - v.start();
    return switch (v.tag()) {
      case 0x1e -> new String(der, v.start(), len, StandardCharsets.UTF_16BE);
      case 0x14 -> new String(der, v.start(), len, StandardCharsets.ISO_8859_1);
      default -> new String(der, v.start(), len, StandardCharsets.UTF_8);
    };
  }
}
