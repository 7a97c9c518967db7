package io.haetae.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LookalikeIndexTest {

  private final LookalikeIndex index = LookalikeIndex.builder()
      .domain("kisa", "www.kisa.or.kr").brand("kisa", "kisa")
      .domain("bank", "https://www.shop.example.co.kr/login").brand("bank", "국민은행")
      .domain("pay", "paypal.com").brand("pay", "paypal")
      .build();

  private DomainMatch only(String observed) {
    List<DomainMatch> m = index.match(observed, Instant.EPOCH);
    assertThat(m).as(observed).hasSize(1);
    return m.get(0);
  }

  @Test
  void normalisesProtectedDomainsToTheRegistrableDomain() {
    var names = new DomainNames();
    assertThat(names.parse("WWW.Shop.Example.CO.KR.").registrable()).isEqualTo("example.co.kr");
    assertThat(names.parse("www.shop.example.co.kr").subdomain()).isEqualTo("www.shop");
    assertThat(names.parse("국민은행.KR").ascii()).isEqualTo("xn--3e0b39yhpi7lo.kr");
    assertThat(names.parse("xn--3e0b39yhpi7lo.kr").label()).isEqualTo("국민은행");
    assertThat(names.parse("ＥＸＡＭＰＬＥ.com").ascii()).isEqualTo("example.com");
    assertThat(names.parse("user.github.io").registrable()).isEqualTo("user.github.io");
    assertThatThrownBy(() -> names.parse("co.kr")).hasMessageContaining("public suffix");
    assertThatThrownBy(() -> names.parse("not a domain")).hasMessage("'not a domain' contains a space: not a domain name");
    assertThatThrownBy(() -> names.parse("localhost")).hasMessage("'localhost' has no dot: not a domain name");
    assertThat(names.parse("example。co。kr").registrable()).isEqualTo("example.co.kr");
  }

  @Test
  void typosquatsAreNamedByTheirFuzzer() {
    assertThat(only("examle.co.kr").technique()).isEqualTo(Technique.OMISSION);
    assertThat(only("exampel.co.kr").technique()).isEqualTo(Technique.TRANSPOSITION);
    assertThat(only("exxample.com").technique()).isEqualTo(Technique.REPETITION);
    assertThat(only("exa-mple.co.kr").technique()).isEqualTo(Technique.HYPHENATION);
    assertThat(only("paypa1.com").technique()).isEqualTo(Technique.HOMOGLYPH);
    assertThat(only("paypql.com").technique()).isEqualTo(Technique.REPLACEMENT);
    assertThat(only("exarnple.co.kr").technique()).isEqualTo(Technique.HOMOGLYPH);
  }

  @Test
  void idnLookalikesGoThroughConfusableSkeletons() {
    DomainMatch m = only("pаypal.com"); // Cyrillic а
    assertThat(m.technique()).isEqualTo(Technique.HOMOGLYPH);
    assertThat(m.reasons()).anyMatch(r -> r.contains("Cyrillic+Latin"));
    assertThat(only("xn--pypal-4ve.com").technique()).isEqualTo(Technique.HOMOGLYPH);
  }

  @Test
  void tldAndSecondLevelSwaps() {
    DomainMatch m = only("example.kr");
    assertThat(m.technique()).isEqualTo(Technique.TLD_SWAP);
    assertThat(m.reasons()).anyMatch(r -> r.startsWith("second-level swap"));
    assertThat(only("example.com").technique()).isEqualTo(Technique.TLD_SWAP);
  }

  @Test
  void combosquattingWithEnglishAndKoreanWords() {
    assertThat(only("paypal-secure-login.com").technique()).isEqualTo(Technique.COMBOSQUATTING);
    assertThat(only("securepaypallogin.net").technique()).isEqualTo(Technique.COMBOSQUATTING);
    assertThat(only("kisa-injeung.com").protectedName().owner()).isEqualTo("kisa");
    assertThat(only("국민은행-로그인.com").technique()).isEqualTo(Technique.COMBOSQUATTING);
    assertThat(only("paypa1-login.com").technique()).isEqualTo(Technique.COMBOSQUATTING);
  }

  @Test
  void subdomainImpersonation() {
    DomainMatch m = only("example.co.kr.verify-account.com");
    assertThat(m.technique()).isEqualTo(Technique.SUBDOMAIN);
    assertThat(m.score()).isGreaterThanOrEqualTo(85);
  }

  @Test
  void ownAndUnrelatedDomainsDoNotMatch() {
    assertThat(index.match("www.example.co.kr", null)).isEmpty();
    assertThat(index.match("mail.kisa.or.kr", null)).isEmpty();
    assertThat(index.match("pineapple.com", null)).isEmpty();
    assertThat(index.match("wikipedia.org", null)).isEmpty();
    var withOwn = LookalikeIndex.builder().domain("pay", "paypal.com").own("pay", "paypal.co.kr").build();
    assertThat(withOwn.match("paypal.co.kr", null)).isEmpty();
    assertThat(withOwn.match("paypal.kr", null)).hasSize(1);
  }

  @Test
  void fastDeletionHashesEqualTheDirectOnes() {
    for (String s : List.of("a", "kisa", "myetherwallet", "exa-mple")) {
      long[] fast = new long[s.length() + 1];
      PackedTable.deletionHashes(s, fast);
      assertThat(fast[0]).isEqualTo(PackedTable.hash(s, -1, -1));
      for (int i = 0; i < s.length(); i++) assertThat(fast[i + 1]).as(s + " without " + i).isEqualTo(PackedTable.hash(s, i, -1));
      var twice = new java.util.ArrayList<Long>();
      PackedTable.doubleDeletionHashes(s, twice::add);
      var direct = new java.util.ArrayList<Long>();
      for (int i = 0; i < s.length(); i++) for (int j = i + 1; j < s.length(); j++) direct.add(PackedTable.hash(s, i, j));
      assertThat(twice).as(s).isEqualTo(direct);
    }
  }

  @Test
  void twoReplacementsOrInsertionsInALongNameAreFound() {
    var index = LookalikeIndex.builder().domain("eth", "myetherwallet.com").build();
    assertThat(index.match("myethorwollet.com", null)).extracting(m -> m.technique().id()).containsExactly("typo");
    assertThat(index.match("myetherwallets1.com", null)).extracting(m -> m.technique().id()).containsExactly("typo");
    assertThat(index.match("myetherwxllxt.com", null)).extracting(m -> m.technique().id()).containsExactly("typo");
    // Three edits are not a look-alike by this rule.
    assertThat(index.match("myothorwollet.com", null)).isEmpty();
  }
}
