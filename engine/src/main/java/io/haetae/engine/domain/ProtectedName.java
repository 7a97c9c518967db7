package io.haetae.engine.domain;

/**
 * A name an organisation protects: one of its domains (normalised to the registrable domain) or
 * a brand name (a single label such as {@code kisa} or {@code 국민은행}).
 *
 * @param owner who protects it (an organisation id in the hub, any text in the CLI)
 * @param name  the registrable domain or the brand label, normalised
 * @param label the label compared with observed domains' labels
 * @param brand true for a brand name, false for a domain
 */
public record ProtectedName(String owner, String name, String label, boolean brand) {

  public ProtectedName {
    if (owner == null || name.isBlank() || label.isBlank()) throw new IllegalArgumentException("protected name is blank");
  }

  /** A protected domain: {@code www.shop.example.co.kr} protects {@code example.co.kr}. */
  public static ProtectedName domain(String owner, String raw, DomainNames names) {
    DomainName d = names.parse(raw);
    return new ProtectedName(owner, d.registrable(), d.label(), false);
  }

  /** A brand name: one label, normalised as a domain label is (UTS #46, lower case). */
  public static ProtectedName brand(String owner, String raw) {
    String s = raw.strip();
    if (s.isEmpty()) throw new IllegalArgumentException("brand name is blank");
    if (s.contains(".")) throw new IllegalArgumentException("a brand is one label; '" + s + "' is a domain");
    String ascii = DomainNames.toAscii(s.replace(' ', '-'));
    String label = ascii.startsWith("xn--") ? DomainNames.toUnicode(ascii) : ascii;
    return new ProtectedName(owner, label, label, true);
  }
}
