package io.haetae.engine.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 6962 {@code get-entries} responses: {@code {"entries": [{"leaf_input": b64, "extra_data": b64}]}}.
 * The leaf is a MerkleTreeLeaf (version, leaf type, timestamp, entry type). An x509_entry holds a
 * DER certificate, read with the JDK's CertificateFactory; a precert_entry holds the issuer key
 * hash and a bare TBSCertificate, which no JDK API reads, so {@link TbsNames} walks its DER for
 * the subject CN and the SAN dNSNames (see docs/decisions). The entry's timestamp is firstSeen.
 */
public final class CtEntriesReader {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public void read(InputStream in, ObservedSink sink) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JacksonIOException e) {
      // The stream failed (a body over the size limit, a cut connection): not bad JSON, and not a rejection.
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getOriginalMessage(), e);
    } catch (JacksonException e) {
      var at = e.getLocation();
      sink.rejected(at == null ? "line 1" : "line " + at.getLineNr(), "not JSON: " + e.getOriginalMessage());
      return;
    }
    if (root == null) {
      sink.rejected("line 1", "empty: not an RFC 6962 get-entries response");
      return;
    }
    JsonNode entries = root.get("entries");
    if (entries == null || !entries.isArray()) {
      sink.rejected("line 1", "no \"entries\" array: not an RFC 6962 get-entries response");
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      String where = "entry " + i;
      try {
        JsonNode leaf = entries.get(i).get("leaf_input");
        if (leaf == null || !leaf.isString()) throw new IllegalArgumentException("no leaf_input");
        Leaf parsed = leaf(Base64.getDecoder().decode(leaf.stringValue()));
        for (String name : parsed.names()) sink.domain(new ObservedDomain(name, parsed.timestamp(), where));
      } catch (IllegalArgumentException | CertificateException | java.nio.BufferUnderflowException e) {
        sink.rejected(where, "unreadable CT leaf: " + e.getMessage());
      }
    }
  }

  /** The names on one MerkleTreeLeaf and its timestamp. */
  record Leaf(Instant timestamp, Set<String> names) {}

  static Leaf leaf(byte[] bytes) throws CertificateException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int version = b.get() & 0xff;
    int leafType = b.get() & 0xff;
    if (version != 0 || leafType != 0) throw new IllegalArgumentException("leaf version " + version + ", type " + leafType);
    Instant timestamp = Instant.ofEpochMilli(b.getLong());
    int entryType = b.getShort() & 0xffff;
    return switch (entryType) {
      case 0 -> new Leaf(timestamp, x509Names(opaque24(b)));
      case 1 -> {
        b.position(b.position() + 32); // issuer_key_hash
        yield new Leaf(timestamp, TbsNames.of(opaque24(b)));
      }
      default -> throw new IllegalArgumentException("unknown entry type " + entryType);
    };
  }

  private static byte[] opaque24(ByteBuffer b) {
    int len = ((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff);
    byte[] out = new byte[len];
    b.get(out);
    return out;
  }

  static Set<String> x509Names(byte[] der) throws CertificateException {
    var cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    var names = new LinkedHashSet<String>();
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) names.add(String.valueOf(rdn.getValue()));
      }
    } catch (InvalidNameException e) {
      throw new CertificateParsingException("subject: " + e.getMessage());
    }
    var sans = cert.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        if (san.get(0) instanceof Integer type && type == 2) names.add((String) san.get(1));
      }
    }
    return names;
  }
}
