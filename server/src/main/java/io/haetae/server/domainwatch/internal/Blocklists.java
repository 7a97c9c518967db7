package io.haetae.server.domainwatch.internal;

import io.haetae.server.domainwatch.StoredMatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The national blocklist of confirmed-malicious domains in three forms: CSV for people and
 * spreadsheets, a DNS Response Policy Zone for resolvers (each domain and its subdomains answer
 * NXDOMAIN: {@code CNAME .}), and a STIX 2.1 bundle of indicators for threat-intelligence platforms.
 */
final class Blocklists {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** STIX ids are UUIDv5 in this namespace, so the same domain keeps its indicator id across exports. */
  private static final UUID NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

  private Blocklists() {}

  /** One row per domain: the earliest confirmation wins. */
  static List<StoredMatch> distinct(List<StoredMatch> rows) {
    Map<String, StoredMatch> byDomain = new LinkedHashMap<>();
    for (StoredMatch m : rows) byDomain.putIfAbsent(m.domain(), m);
    return new ArrayList<>(byDomain.values());
  }

  static String csv(List<StoredMatch> rows) {
    var out = new StringBuilder("domain,display,technique,score,first_seen,confirmed_at\n");
    for (StoredMatch m : distinct(rows)) {
      out.append(m.domain()).append(',').append(cell(m.display())).append(',').append(m.technique()).append(',')
          .append(m.score()).append(',').append(m.firstSeen() == null ? "" : m.firstSeen()).append(',')
          .append(m.decidedAt() == null ? "" : m.decidedAt()).append('\n');
    }
    return out.toString();
  }

  private static String cell(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** An RPZ zone (RFC draft-vixie-dnsop-dns-rpz); serial is the export time. */
  static String rpz(List<StoredMatch> rows, String zone, Instant now) {
    String serial = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC).format(now);
    var out = new StringBuilder();
    out.append("$TTL 300\n");
    out.append("@ IN SOA localhost. hostmaster.").append(zone).append(". ").append(serial)
        .append(" 3600 600 86400 300\n");
    out.append("@ IN NS localhost.\n");
    out.append("; Haetae domain watch: confirmed-malicious look-alike domains, ").append(now.truncatedTo(ChronoUnit.SECONDS)).append('\n');
    for (StoredMatch m : distinct(rows)) {
      out.append(m.domain()).append(" CNAME .\n");
      out.append("*.").append(m.domain()).append(" CNAME .\n");
    }
    return out.toString();
  }

  /** A STIX 2.1 bundle: one indicator per domain, pattern {@code [domain-name:value = '...']}. */
  static String stix(List<StoredMatch> rows, Instant now) {
    var objects = new ArrayList<Map<String, Object>>();
    for (StoredMatch m : distinct(rows)) {
      var o = new LinkedHashMap<String, Object>();
      o.put("type", "indicator");
      o.put("spec_version", "2.1");
      o.put("id", "indicator--" + uuid5(m.domain()));
      Instant since = m.decidedAt() != null ? m.decidedAt() : now;
      String at = DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.MILLIS));
      o.put("created", at);
      o.put("modified", at);
      o.put("name", "Look-alike domain " + m.display());
      o.put("description", "Imitates " + m.protectedName() + " (" + m.technique() + ", score " + m.score() + ")");
      o.put("indicator_types", List.of("malicious-activity"));
      o.put("pattern", "[domain-name:value = '" + m.domain().replace("\\", "\\\\").replace("'", "\\'") + "']");
      o.put("pattern_type", "stix");
      o.put("valid_from", m.firstSeen() != null ? DateTimeFormatter.ISO_INSTANT.format(m.firstSeen().truncatedTo(ChronoUnit.MILLIS)) : at);
      objects.add(o);
    }
    var bundle = new LinkedHashMap<String, Object>();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + UUID.randomUUID());
    bundle.put("objects", objects);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bundle) + "\n";
  }

  /** RFC 4122 name-based UUID (SHA-1, version 5), as STIX 2.1 recommends for deterministic ids. */
  static UUID uuid5(String name) {
    try {
      var sha1 = java.security.MessageDigest.getInstance("SHA-1");
      var ns = java.nio.ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
      sha1.update(ns.array());
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      var b = java.nio.ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
