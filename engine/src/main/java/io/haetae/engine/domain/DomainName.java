package io.haetae.engine.domain;

/**
 * A normalised domain name.
 *
 * @param ascii       the whole name in lower-case A-labels (punycode), no trailing dot
 * @param registrable the registrable domain ({@code example.co.kr} for {@code www.example.co.kr})
 * @param label       the registrable domain's first label, as a U-label when it is an IDN
 *                    ({@code example}, {@code 국민은행})
 * @param suffix      the public suffix ({@code co.kr})
 * @param subdomain   what stands left of the registrable domain, empty when nothing does
 * @param idn         whether any label is an internationalised (non-ASCII) name
 */
public record DomainName(String ascii, String registrable, String label, String suffix, String subdomain, boolean idn) {

  public DomainName {
    if (registrable.isEmpty() || label.isEmpty()) throw new IllegalArgumentException("no registrable domain in " + ascii);
  }

  /** The name as people read it: U-labels where the name has IDN labels. */
  public String unicode() {
    return idn ? DomainNames.toUnicode(ascii) : ascii;
  }
}
