package io.haetae.cli;

import static io.haetae.cli.CliTest.haetae;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code haetae domains check}: the engine alone, no hub; one JSON object per match, nothing else. */
class DomainsCommandTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void printsOneJsonObjectPerMatchAndNothingForTheOthers(@TempDir Path dir) throws Exception {
    Path names = Files.writeString(dir.resolve("bank.txt"), "# protected\nwww.shop.example.co.kr\nexamplebank\n");
    Path observed = Files.writeString(dir.resolve("feed.txt"), String.join("\n",
        "domain,first_seen", "exampel.co.kr,2026-12-01", "example.co.kr.verify-account.com", "examplebank-login.com",
        "wikipedia.org", "www.example.co.kr", "co.kr", ""));
    var run = haetae("domains", "check", "--protected", names.toString(), "--observed", observed.toString(), "--format", "json");
    assertThat(run.code()).as(run.err()).isZero();
    List<Map<String, Object>> lines = run.out().lines()
        .map(l -> JSON.readValue(l, new TypeReference<Map<String, Object>>() {})).toList();
    // examplebank-login.com imitates both names: the brand with "login", the domain's label with "bank" and "login".
    assertThat(lines).extracting(m -> m.get("domain") + " " + m.get("technique") + " " + m.get("protected")).containsExactlyInAnyOrder(
        "exampel.co.kr transposition example.co.kr", "example.co.kr.verify-account.com subdomain example.co.kr",
        "examplebank-login.com combosquatting examplebank", "examplebank-login.com combosquatting example.co.kr");
    assertThat(lines).allSatisfy(m -> assertThat(m).containsKeys("protected", "score", "reasons"));
    assertThat(lines.stream().filter(m -> m.get("domain").equals("exampel.co.kr")).findFirst().orElseThrow()).containsEntry("protected", "example.co.kr").containsEntry("firstSeen", "2026-12-01T00:00:00Z");
    assertThat(run.err()).contains("feed.txt, line 7: 'co.kr'");
  }
}
