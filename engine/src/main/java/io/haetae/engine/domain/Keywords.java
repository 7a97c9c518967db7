package io.haetae.engine.domain;

import java.util.Set;

/**
 * Words phishing domains put beside a brand (combosquatting): the English ones openSquat and
 * phishing_catcher watch for, and Korean equivalents in Hangul and in the romanisation Korean
 * phishing domains use ({@code injeung} 인증, {@code gyeolje} 결제).
 */
final class Keywords {

  static final Set<String> WORDS = Set.of(
      "login", "logon", "signin", "signon", "secure", "security", "pay", "payment", "payments", "support", "account",
      "accounts", "verify", "verification", "validate", "validation", "update", "confirm", "auth", "authentication",
      "service", "services", "help", "helpdesk", "online", "web", "bank", "banking", "wallet", "mail", "webmail",
      "portal", "my", "id", "sso", "customer", "billing", "invoice", "refund", "alert", "notice", "recovery", "reset",
      "password", "unlock", "official", "app", "mobile", "center", "centre", "event", "gift", "promo", "check", "safe",
      "token", "kr", "korea", "kor", "com", "www", "net", "co", "cs", "info", "access", "session", "member", "members",
      "user", "users", "client", "cert", "ssl", "sms", "otp", "card", "cards", "loan", "tax", "gov", "delivery", "post",
      "parcel", "track", "tracking", "shop", "store", "market", "global", "corp", "group", "team", "ir", "hr",
      "wallets", "connect", "restore", "recover", "install", "download", "claim", "ticket", "contact", "start",
      "swap", "drop", "airdrop", "nft", "mint", "sync", "fix", "live", "new", "old", "bonus", "reward",
      "rewards", "v2", "io", "apps", "dapp", "dapps", "chat", "desk", "org", "site", "page",
      // romanised Korean
      "eunhaeng", "gyeolje", "injeung", "boan", "gogaek", "hwanbul", "taekbae", "baesong", "bonin", "hwagin", "sincheong",
      "jiwon", "daechul", "gyejwa", "ijeung", "minwon", "jeongbu", "sinbun", "hoewon", "geumyung", "banpum",
      // Hangul
      "로그인", "인증", "본인인증", "보안", "결제", "고객센터", "고객", "은행", "환불", "택배", "배송", "확인", "지원",
      "대출", "계좌", "이벤트", "민원", "정부", "회원", "금융", "공식", "조회", "안내", "신청");

  static final int MAX_LENGTH = WORDS.stream().mapToInt(String::length).max().orElse(0);

  private Keywords() {}

  /**
   * The keywords {@code text} consists of (hyphens and digits separate), or null when any part
   * of it is not a keyword. Empty text gives an empty array.
   */
  static String[] decompose(String text) {
    var found = new java.util.ArrayList<String>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || !Character.isLetter(text.charAt(i))) {
        if (i > start && !breakInto(text.substring(start, i), found)) return null;
        start = i + 1;
      }
    }
    return found.toArray(String[]::new);
  }

  /** Word break over the keyword set, shortest prefix first with backtracking (segments are short). */
  private static boolean breakInto(String s, java.util.List<String> out) {
    int n = s.length();
    int[] from = new int[n + 1];
    java.util.Arrays.fill(from, -1);
    from[0] = 0;
    for (int end = 1; end <= n; end++) {
      for (int len = 1; len <= Math.min(MAX_LENGTH, end); len++) {
        if (from[end - len] >= 0 && WORDS.contains(s.substring(end - len, end))) {
          from[end] = end - len;
          break;
        }
      }
    }
    if (from[n] < 0) return false;
    var words = new java.util.ArrayDeque<String>();
    for (int end = n; end > 0; end = from[end]) words.push(s.substring(from[end], end));
    out.addAll(words);
    return true;
  }
}
