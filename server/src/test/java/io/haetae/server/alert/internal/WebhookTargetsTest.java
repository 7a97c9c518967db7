package io.haetae.server.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.server.web.BadInputException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Webhooks reach public addresses only: the hub must not become a way into its own network (SSRF). */
class WebhookTargetsTest {

  private final WebhookTargets strict = new WebhookTargets(false);

  @Test
  void privateLoopbackLinkLocalAndMetadataAddressesAreRefused() {
    for (String url : new String[] {"http://127.0.0.1/", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/",
        "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:192.168.1.1]/", "http://[64:ff9b::a00:1]/",
        "http://[2002:c0a8:101::1]/", "http://localhost/"}) {
      assertThatThrownBy(() -> strict.parse(url)).as(url).isInstanceOf(BadInputException.class)
          .hasMessageContaining("'url'").hasMessageContaining("address");
      assertThatThrownBy(() -> strict.check(URI.create(url))).as(url).isInstanceOf(WebhookTargets.Refused.class);
    }
  }

  @Test
  void publicAddressesPass() throws Exception {
    for (String ip : new String[] {"8.8.8.8", "1.1.1.1", "203.0.113.10", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1"}) {
      assertThat(WebhookTargets.isPublic(InetAddress.getByName(ip))).as(ip).isTrue();
    }
    assertThat(strict.parse("https://8.8.8.8/hook").toString()).isEqualTo("https://8.8.8.8/hook");
  }

  @Test
  void onlyAbsoluteHttpUrlsWithoutCredentials() {
    assertThatThrownBy(() -> strict.parse("file:///etc/passwd")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> strict.parse("gopher://8.8.8.8/")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> strict.parse("https://user:secret@8.8.8.8/")).hasMessageContaining("user name or password");
    assertThatThrownBy(() -> strict.parse("https:///nohost")).hasMessageContaining("host");
    assertThatThrownBy(() -> strict.parse("https://8.8.8.8/" + "a".repeat(2100))).hasMessageContaining("longer than");
    assertThatThrownBy(() -> strict.parse("https://no-such-host.invalid/")).hasMessageContaining("does not resolve");
  }

  @Test
  void theOperatorMayAllowPrivateReceivers() throws Exception {
    new WebhookTargets(true).check(URI.create("http://127.0.0.1:8080/hook"));
  }
}
