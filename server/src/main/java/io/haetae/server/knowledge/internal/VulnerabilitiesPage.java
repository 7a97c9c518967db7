package io.haetae.server.knowledge.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.knowledge.AdvisoryCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The search page over the knowledge base; the same query as GET /api/v1/vulnerabilities. */
@Controller
class VulnerabilitiesPage {

  private final AdvisoryCatalog catalog;

  VulnerabilitiesPage(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/vulnerabilities")
  String search(@RequestParam(required = false) String q, @RequestParam(required = false) String purl,
      @RequestParam(required = false) String cpe, @RequestParam(defaultValue = "false") boolean kev,
      @RequestParam(required = false) String severity, @RequestParam(required = false) String since,
      @RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute("result", catalog.search(VulnerabilityApiController.query(q, purl, cpe, kev, severity, since, page, 25)));
    model.addAttribute("severities", Severity.values());
    var here = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page").build();
    // Whatever parameters the request carried (kev=false included), the page number follows them.
    model.addAttribute("pageUrl", here.toUriString() + (here.getQuery() == null ? "?page=" : "&page="));
    return "knowledge/vulnerabilities";
  }
}
