package io.haetae.engine.domain;

import com.ibm.icu.text.IDNA;
import java.util.Locale;

/**
 * Domain-name normalisation: IDNA 2008 with the UTS #46 mapping (ICU4J, non-transitional, as
 * browsers resolve names today), lower case, registrable domain by the Public Suffix List.
 * Pure-ASCII names that are already lower case and carry no {@code xn--} label skip ICU: UTS #46
 * maps such a name to itself, so the fast path gives the same result as the full one.
 */
public final class DomainNames {

  private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
      | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

  private final PublicSuffixList suffixes;

  public DomainNames(PublicSuffixList suffixes) {
    this.suffixes = suffixes;
  }

  public DomainNames() {
    this(PublicSuffixList.bundled());
  }

  /**
   * Normalises {@code raw} (a host name; a URL's scheme, path, port and a wildcard or trailing
   * dot are tolerated). Throws IllegalArgumentException naming what is wrong.
   */
  public DomainName parse(String raw) {
    String host = host(raw);
    String ascii = fastAscii(host);
    boolean idn;
    if (ascii != null) {
      idn = false;
    } else {
      ascii = toAscii(host);
      idn = ascii.startsWith("xn--") || ascii.contains(".xn--");
    }
    if (ascii.length() > 253) throw new IllegalArgumentException("longer than 253 characters");
    int registrable = suffixes.registrableStart(ascii);
    if (registrable < 0) throw new IllegalArgumentException("'" + ascii + "' is a public suffix, not a registrable domain");
    int firstDot = ascii.indexOf('.', registrable);
    String asciiLabel = ascii.substring(registrable, firstDot);
    String label = asciiLabel.startsWith("xn--") ? toUnicode(asciiLabel) : asciiLabel;
    return new DomainName(ascii, ascii.substring(registrable), label, ascii.substring(firstDot + 1),
        registrable == 0 ? "" : ascii.substring(0, registrable - 1), idn);
  }

  /** The host part of a line: no scheme, user, port, path, leading "*." or trailing dot. */
  static String host(String raw) {
    String s = raw.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) s = s.substring(scheme + 3);
    int end = s.length();
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == ':') {
        end = i;
        break;
      }
    }
    s = s.substring(0, end);
    s = s.substring(s.lastIndexOf('@') + 1);
    if (s.startsWith("*.")) s = s.substring(2);
    if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
    if (s.isEmpty()) throw new IllegalArgumentException("empty name");
    // ICU's UTS #46 (without the STD3 rules, so that '_' passes) lets spaces through; a name
    // with one is not a host name, and saying "public suffix" about it would only puzzle.
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) throw new IllegalArgumentException("'" + s + "' contains a space: not a domain name");
    }
    if (s.chars().noneMatch(c -> c == '.' || c == '\u3002' || c == '\uff0e' || c == '\uff61')) {
      throw new IllegalArgumentException("'" + s + "' has no dot: not a domain name");
    }
    return s;
  }

  /**
   * The name itself when it is plain LDH ASCII with two or more labels and no A-label, lower-cased;
   * null when ICU must look at it.
   */
  static String fastAscii(String host) {
    boolean upper = false;
    int labelLength = 0;
    boolean dot = false;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        if (labelLength == 0 || labelLength > 63 || host.charAt(i - 1) == '-') return null;
        dot = true;
        labelLength = 0;
        continue;
      }
      if (c >= 'A' && c <= 'Z') upper = true;
      else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return null;
      if (c == '-' && labelLength == 0) return null;
      // "xn--" needs ICU's validation; "ab--" in general too (RFC 5891 reserves it).
      if (c == '-' && labelLength == 3 && host.charAt(i - 1) == '-') return null;
      labelLength++;
    }
    if (!dot || labelLength == 0 || labelLength > 63 || host.charAt(host.length() - 1) == '-') return null;
    return upper ? host.toLowerCase(Locale.ROOT) : host;
  }

  /** UTS #46 ToASCII; IllegalArgumentException listing ICU's errors when the name is invalid. */
  public static String toAscii(String name) {
    var info = new IDNA.Info();
    var out = new StringBuilder(name.length() + 8);
    UTS46.nameToASCII(name, out, info);
    if (info.hasErrors()) throw new IllegalArgumentException("not a valid domain name (" + info.getErrors() + ")");
    if (out.isEmpty()) throw new IllegalArgumentException("empty name");
    return out.toString();
  }

  /** UTS #46 ToUnicode; the input unchanged when ICU finds it invalid. */
  public static String toUnicode(String name) {
    var info = new IDNA.Info();
    var out = new StringBuilder(name.length());
    UTS46.nameToUnicode(name, out, info);
    return info.hasErrors() ? name : out.toString();
  }
}
