package io.haetae.server.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * NIST SP 800-63B (revision 4, section 3.1.1.2) for passwords people choose: at least 15
 * characters when the password is the only factor, at least 8 when a second factor follows
 * (operators); up to 128; every character allowed, spaces included; no composition rules; and
 * refused when it is a commonly used or breached password, repeats or counts one character,
 * or contains the account's own name.
 */
final class PasswordPolicy {

  static final int MAX = 128;
  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  /** Why the password is refused, or empty when it is acceptable. */
  static Optional<String> problem(String password, String email, boolean secondFactor) {
    int min = secondFactor ? 8 : 15;
    if (password == null || password.codePointCount(0, password.length()) < min) {
      return Optional.of("'password' must be at least " + min + " characters");
    }
    if (password.length() > MAX) return Optional.of("'password' must be at most " + MAX + " characters");
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower) || COMMON.contains(lower.strip())) {
      return Optional.of("'password' is on the list of commonly used or breached passwords");
    }
    if (monotonous(lower)) return Optional.of("'password' repeats or counts a single character");
    String local = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@")[0];
    if (local.length() >= 4 && lower.contains(local)) return Optional.of("'password' contains the account's name");
    if (lower.contains("haetae") && lower.replace("haetae", "").length() < min / 2) {
      return Optional.of("'password' is mostly the service's name");
    }
    return Optional.empty();
  }

  /** "aaaaaaaaaaaaaaa", "123456789012345", "abcdefghijklmno": one step repeated. */
  private static boolean monotonous(String s) {
    int[] cps = s.codePoints().toArray();
    int step = cps[1] - cps[0];
    if (Math.abs(step) > 1) return false;
    for (int i = 2; i < cps.length; i++) {
      int d = cps[i] - cps[i - 1];
      if (d != step && !(step == 1 && cps[i - 1] == '9' && cps[i] == '0')) return false;
    }
    return true;
  }

  private static Set<String> load() {
    var out = new HashSet<String>();
    var in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt");
    if (in == null) throw new IllegalStateException("identity/common-passwords.txt is missing from the class path");
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .forEach(l -> out.add(l.toLowerCase(Locale.ROOT)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }
}
