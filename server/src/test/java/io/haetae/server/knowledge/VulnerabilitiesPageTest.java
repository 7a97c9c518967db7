package io.haetae.server.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import static io.haetae.server.support.Fixtures.file;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** The search page renders the same search as the REST endpoint, for signed-in users only. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VulnerabilitiesPageTest {

  @Autowired MockMvc mvc;
  @Autowired AdvisoryImporter importer;

  @BeforeAll
  void load() {
    importer.importFeed("osv", file("fixtures/feeds/RUSTSEC-2023-0001.json"));
    importer.importFeed("nvd", file("fixtures/feeds/CVE-2023-4863.json"));
    importer.importFeed("kev", file("fixtures/feeds/kev-excerpt.json"));
  }

  @Test
  void findsByAliasAndMarksKnownExploitedOnes() throws Exception {
    mvc.perform(get("/vulnerabilities").param("q", "GHSA-7rrj-xr53-82p7").with(user("ciso@example.test").roles("CISO")))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("CVE-2023-22466")))
        .andExpect(content().string(Matchers.containsString("취약점 1건")));
    mvc.perform(get("/vulnerabilities").param("kev", "true").param("severity", "HIGH").with(user("ciso@example.test").roles("CISO")))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("CVE-2023-4863")))
        .andExpect(content().string(Matchers.containsString("<strong>KEV</strong>")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("CVE-2023-22466"))));
  }

  @Test
  void theKevFilterListsEveryKevEntryEvenWithoutAnAdvisoryRecord() throws Exception {
    var page = mvc.perform(get("/vulnerabilities").param("kev", "true").param("lang", "en")
        .with(user("ciso@example.test").roles("CISO"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    // The excerpt holds three KEV entries; only CVE-2023-4863 also has an imported record.
    assertThat(page).contains("CVE-2025-48384", "CVE-2023-4863", "CVE-2017-5638", "Apache Struts");
  }

  @Test
  void anExactIdComesFirstEvenWhenKnownOnlyToKev() throws Exception {
    var page = mvc.perform(get("/vulnerabilities").param("q", "cve-2017-5638")
        .with(user("ciso@example.test").roles("CISO"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("CVE-2017-5638");
    var search = importerSearch("CVE-2023-4863");
    assertThat(search.items()).isNotEmpty();
    assertThat(search.items().get(0).id()).isEqualTo("CVE-2023-4863");
  }

  @Test
  void aCveKnownOnlyToKevHasAPage() throws Exception {
    var page = mvc.perform(get("/advisories/CVE-2017-5638").with(user("ciso@example.test").roles("CISO")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("CVE-2017-5638", "CISA KEV", "Apache");
    mvc.perform(get("/advisories/CVE-2099-99999").with(user("ciso@example.test").roles("CISO"))).andExpect(status().isNotFound());
  }

  @Autowired io.haetae.server.knowledge.AdvisoryCatalog catalog;

  private io.haetae.server.knowledge.VulnerabilityQuery.Page importerSearch(String text) {
    return catalog.search(new io.haetae.server.knowledge.VulnerabilityQuery(text, null, null, false, null, null, 0, 25));
  }

  @Test
  void needsSignIn() throws Exception {
    mvc.perform(get("/vulnerabilities")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
  }
}
