package io.haetae.server.knowledge.internal;

import io.haetae.server.identity.CurrentCaller;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One advisory, for the links in alert mails and finding tables. Text is escaped, never rendered as HTML. */
@Controller
class AdvisoryPage {

  private final AdvisoryCatalog catalog;

  AdvisoryPage(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/advisories/{id}")
  String advisory(@PathVariable String id, Model model) {
    model.addAttribute("stored", catalog.find(CurrentCaller.get().orElse(null), id)
        .orElseThrow(() -> new NotFoundException("advisory")));
    return "knowledge/advisory";
  }
}
