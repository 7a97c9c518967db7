package io.haetae.server.knowledge.internal;

import io.haetae.server.identity.CurrentCaller;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.StoredAdvisory;
import io.haetae.server.web.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One vulnerability, for the links in alert mails, finding tables and search results: its
 * advisory record with what KEV and EPSS say of it, or, for a CVE the hub knows only from KEV
 * or EPSS (no record imported yet), a page of what those say. Text is escaped, never HTML.
 */
@Controller
class AdvisoryPage {

  private final AdvisoryCatalog catalog;
  private final EnrichmentRepository enrichments;

  AdvisoryPage(AdvisoryCatalog catalog, EnrichmentRepository enrichments) {
    this.catalog = catalog;
    this.enrichments = enrichments;
  }

  @GetMapping("/advisories/{id}")
  String advisory(@PathVariable String id, Model model) {
    var stored = catalog.find(CurrentCaller.get().orElse(null), id);
    List<String> cves = new ArrayList<>();
    stored.ifPresentOrElse(s -> cves.addAll(cveIds(s)), () -> cves.add(id.strip().toUpperCase(Locale.ROOT)));
    var kev = enrichments.kevEntries(cves).values().stream().findFirst();
    var epss = enrichments.epss(cves).values().stream().findFirst();
    if (stored.isEmpty() && kev.isEmpty() && epss.isEmpty()) throw new NotFoundException("advisory");
    model.addAttribute("kev", kev.orElse(null));
    model.addAttribute("epss", epss.orElse(null));
    if (stored.isEmpty()) {
      model.addAttribute("cve", cves.get(0));
      return "knowledge/known";
    }
    model.addAttribute("stored", stored.get());
    return "knowledge/advisory";
  }

  private static List<String> cveIds(StoredAdvisory s) {
    var out = new ArrayList<String>();
    if (s.advisory().id().startsWith("CVE-")) out.add(s.advisory().id());
    s.advisory().aliases().stream().filter(a -> a.startsWith("CVE-")).forEach(out::add);
    return out;
  }
}
