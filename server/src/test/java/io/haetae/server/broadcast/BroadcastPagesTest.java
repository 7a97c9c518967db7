package io.haetae.server.broadcast;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The operator composes a broadcast on the page and follows it on its own page, in Korean or English. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BroadcastPagesTest {

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;

  @Test
  void composedOnThePageThenCountsAndWhoHasNotAcknowledged() throws Exception {
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    var cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", null, true).organisation();
    var operator = new Caller(cert.id(), cert.name(), "op@cert.test", Role.OPERATOR);
    String sector = unique("rail");
    List<NewOrganisation> rail = List.of(
        organisations.create(unique("Korail"), unique("ciso") + "@korail.test", sector, false),
        organisations.create(unique("Seoul Metro"), unique("ciso") + "@metro.test", sector, false));
    var as = authentication(UsernamePasswordAuthenticationToken.authenticated(operator, null,
        List.of(new SimpleGrantedAuthority(Role.OPERATOR.authority()))));

    String form = mvc.perform(get("/broadcasts").with(as)).andReturn().getResponse().getContentAsString();
    assertThat(form).contains("새 공지").contains("name=\"title\"");
    var sent = mvc.perform(post("/broadcasts").with(as).with(csrf()).param("title", "Signal check")
        .param("body", "Check the **signals**.").param("sectors", sector).param("requireAcknowledgement", "true")).andReturn();
    String location = sent.getResponse().getRedirectedUrl();
    assertThat(location).startsWith("/broadcasts/");

    String korean = mvc.perform(get(location).with(as)).andReturn().getResponse().getContentAsString();
    assertThat(korean).contains("Signal check").contains("아직 확인하지 않은 기관")
        .contains(rail.get(0).organisation().name()).contains(rail.get(1).organisation().name())
        .contains("<td class=\"recipients\">2</td>");
    String english = mvc.perform(get(location + "?lang=en").with(as)).andReturn().getResponse().getContentAsString();
    assertThat(english).contains("Not acknowledged yet");

    var empty = mvc.perform(post("/broadcasts").with(as).with(csrf()).param("title", "No audience").param("body", "B")).andReturn();
    assertThat(empty.getResponse().getContentAsString()).contains("&#39;audience&#39;").contains("No audience");
  }
}
