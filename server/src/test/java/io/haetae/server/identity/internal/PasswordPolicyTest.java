package io.haetae.server.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NIST SP 800-63B rules: length, a breached-password list, no composition rules. */
class PasswordPolicyTest {

  @Test
  void singleFactorPasswordsNeedFifteenCharactersOperatorsEight() {
    assertThat(PasswordPolicy.problem("short but ok 1", "a@b.test", false)).hasValue("'password' must be at least 15 characters");
    assertThat(PasswordPolicy.problem("tide pools at dusk", "a@b.test", false)).isEmpty();
    assertThat(PasswordPolicy.problem("kelp&tide", "a@b.test", true)).isEmpty();
    assertThat(PasswordPolicy.problem("kelp", "a@b.test", true)).hasValue("'password' must be at least 8 characters");
  }

  @Test
  void noCompositionRulesSpacesAndUnicodeAllowed() {
    assertThat(PasswordPolicy.problem("all lower case words here", "a@b.test", false)).isEmpty();
    assertThat(PasswordPolicy.problem("해태가 지키는 나라의 보안 설정", "a@b.test", false)).isEmpty();
  }

  @Test
  void refusesCommonRepetitiveAndPersonalPasswords() {
    assertThat(PasswordPolicy.problem("123456789012345", "a@b.test", false)).get().asString().contains("commonly used");
    assertThat(PasswordPolicy.problem("Password1234", "a@b.test", true)).get().asString().contains("commonly used");
    assertThat(PasswordPolicy.problem("aaaaaaaaaaaaaaaa", "a@b.test", false)).get().asString().contains("repeats");
    assertThat(PasswordPolicy.problem("abcdefghijklmnop", "a@b.test", false)).get().asString().contains("repeats");
    assertThat(PasswordPolicy.problem("jiwoo.kim-secret-2026", "jiwoo.kim@energy.test", false)).get().asString()
        .contains("account's name");
    assertThat(PasswordPolicy.problem("x".repeat(129), "a@b.test", false)).hasValue("'password' must be at most 128 characters");
  }
}
