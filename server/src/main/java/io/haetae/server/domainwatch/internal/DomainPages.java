package io.haetae.server.domainwatch.internal;

import io.haetae.engine.domain.Technique;
import io.haetae.server.domainwatch.DomainWatch;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Role;
import io.haetae.server.web.BadInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /domains}: an organisation's protected names and its look-alike matches with their
 * evidence and verdict buttons; for operators, all matches by sector and technique and the
 * blocklist downloads.
 */
@Controller
class DomainPages {

  private final DomainWatch watch;

  DomainPages(DomainWatch watch) {
    this.watch = watch;
  }

  @GetMapping("/domains")
  String page(Caller caller, @RequestParam(required = false) String sector, @RequestParam(required = false) String technique,
      @RequestParam(required = false) String verdict, Model model) {
    return show(caller, sector, technique, verdict, model);
  }

  @PostMapping("/domains/protected")
  String protect(Caller caller, @RequestParam(defaultValue = "") String domains, @RequestParam(defaultValue = "") String brands,
      Model model, HttpServletResponse response, RedirectAttributes flash) {
    try {
      watch.setProtected(caller, split(domains), split(brands));
    } catch (BadInputException e) {
      response.setStatus(400);
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("domainsText", domains);
      model.addAttribute("brandsText", brands);
      return show(caller, null, null, null, model);
    }
    flash.addFlashAttribute("saved", true);
    return "redirect:/domains";
  }

  @PostMapping("/domains/matches/{id}/verdict")
  String decide(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String verdict, RedirectAttributes flash) {
    watch.decide(caller, id, verdict);
    flash.addFlashAttribute("decided", true);
    return "redirect:/domains";
  }

  private String show(Caller caller, String sector, String technique, String verdict, Model model) {
    boolean overseer = caller.isOperator() || caller.role() == Role.SECTOR_OPERATOR;
    model.addAttribute("overseer", overseer);
    model.addAttribute("myOrg", caller.orgId());
    model.addAttribute("exporter", caller.isOperator());
    model.addAttribute("manage", caller.may(Capability.MANAGE_ORGANISATION));
    var names = watch.protectedNames(caller);
    model.addAttribute("protectedNames", names);
    if (!model.containsAttribute("domainsText")) model.addAttribute("domainsText", String.join("\n", names.domains()));
    if (!model.containsAttribute("brandsText")) model.addAttribute("brandsText", String.join("\n", names.brands()));
    model.addAttribute("matches", watch.matches(caller, null, overseer ? sector : null, technique, verdict, 500));
    model.addAttribute("techniques", Arrays.stream(Technique.values()).map(Technique::id).toList());
    model.addAttribute("sector", sector);
    model.addAttribute("technique", technique);
    return "domainwatch/domains";
  }

  private static List<String> split(String text) {
    return Arrays.stream(text.split("[\\s,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
