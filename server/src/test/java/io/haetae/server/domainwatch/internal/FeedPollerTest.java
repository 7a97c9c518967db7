package io.haetae.server.domainwatch.internal;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import io.haetae.server.domainwatch.DomainWatch;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.TestSmtp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The feed poller against a real HTTP server: a new list is checked, an unchanged one (304) is not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FeedPollerTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @Autowired FeedPoller poller;
  @Autowired DomainWatch watch;
  @Autowired OrganisationService organisations;

  @Test
  void aPolledFeedIsCheckedOnceAndAnUnchangedOneIsSkipped() throws Exception {
    var org = organisations.create(unique("Feed Bank"), unique("ciso") + "@feed.test", "finance", SizeClass.LARGE_COMPANY, Role.CISO)
        .organisation();
    String brand = unique("feedbank").replace("-", "");
    watch.setProtected(new Caller(org.id(), org.name(), "ciso", Role.CISO), List.of(), List.of(brand));
    byte[] feed = (brand + "-secure-login.com,2026-12-05\nunrelated.example.org\n").getBytes(StandardCharsets.UTF_8);
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/nrd.txt", exchange -> {
      exchange.getResponseHeaders().add("ETag", "\"v1\"");
      if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
      } else {
        exchange.sendResponseHeaders(200, feed.length);
        exchange.getResponseBody().write(feed);
      }
      exchange.close();
    });
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nrd.txt");
      var first = poller.poll(uri);
      assertThat(first).get().satisfies(s -> {
        assertThat(s.names()).isEqualTo(2);
        assertThat(s.newMatches()).isEqualTo(1);
      });
      assertThat(poller.poll(uri)).isEmpty();
    } finally {
      server.stop(0);
    }
  }
}
