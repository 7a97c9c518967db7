package io.haetae.server.disclosure.internal;

import io.haetae.server.disclosure.CaseView;
import io.haetae.server.disclosure.Disclosure;
import io.haetae.server.disclosure.IllegalReportMove;
import io.haetae.server.disclosure.ReportState;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.web.BadInputException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /reports}: the triage list (clusters ranked by SSVC inputs) for analysts and the own
 * and invited reports for everyone else; a cluster, moved at once; a case with its timeline.
 * Refusals of a move or of bad input come back on the page they were made from.
 */
@Controller
class DisclosurePages {

  private final Disclosure disclosure;
  private final AdvisoryPublisher publisher;

  DisclosurePages(Disclosure disclosure, AdvisoryPublisher publisher) {
    this.disclosure = disclosure;
    this.publisher = publisher;
  }

  @GetMapping("/reports")
  String list(Caller caller, Model model) {
    boolean analyst = caller.may(Capability.TRIAGE_REPORTS);
    model.addAttribute("analyst", analyst);
    model.addAttribute("clusters", analyst ? disclosure.clusters(caller) : List.of());
    model.addAttribute("reports", analyst ? List.of() : disclosure.list(caller));
    return "disclosure/reports";
  }

  @GetMapping("/reports/clusters/{id}")
  String cluster(Caller caller, @PathVariable String id, Model model) {
    var cluster = disclosure.cluster(caller, ReportApiController.uuid(id, "cluster"));
    model.addAttribute("cluster", cluster.getKey());
    model.addAttribute("members", cluster.getValue());
    model.addAttribute("files", disclosure.files(caller, cluster.getValue()));
    model.addAttribute("states", ReportState.values());
    return "disclosure/cluster";
  }

  @PostMapping("/reports/clusters/{id}/transition")
  String moveCluster(Caller caller, @PathVariable String id, @RequestParam(required = false) String state,
      @RequestParam(required = false) String comment, RedirectAttributes flash) {
    UUID cluster = ReportApiController.uuid(id, "cluster");
    attempt(flash, () -> disclosure.transitionCluster(caller, cluster, state, comment));
    return "redirect:/reports/clusters/" + cluster;
  }

  @GetMapping("/reports/{id}")
  String report(Caller caller, @PathVariable String id, Model model) {
    CaseView view = disclosure.view(caller, ReportApiController.uuid(id, "report"));
    model.addAttribute("view", view);
    model.addAttribute("report", view.report());
    model.addAttribute("file", view.file());
    model.addAttribute("zone", disclosure.zone());
    model.addAttribute("embargoMoves", view.file().embargo().next().stream().sorted().toList());
    model.addAttribute("moves", view.allowedMoves().stream().sorted().toList());
    model.addAttribute("vendors", view.mayTriage() && caller.isOperator() ? disclosure.vendors(caller, view.report().id()) : List.of());
    model.addAttribute("operator", caller.isOperator());
    var advisory = publisher.of(caller, view.report().id());
    model.addAttribute("advisory", advisory.orElse(null));
    model.addAttribute("advisoryFolder", advisory.map(p -> CsafProviderController.folder(p.marking().tlp())).orElse(null));
    model.addAttribute("tlps", io.haetae.server.identity.Tlp.values());
    model.addAttribute("mayPublish", view.mayTriage() && view.report().state() == ReportState.ACCEPTED && advisory.isEmpty());
    return "disclosure/case";
  }

  @PostMapping("/reports/{id}/transition")
  String move(Caller caller, @PathVariable String id, @RequestParam(required = false) String state,
      @RequestParam(required = false) String comment, RedirectAttributes flash) {
    UUID report = ReportApiController.uuid(id, "report");
    attempt(flash, () -> disclosure.transition(caller, report, state, comment));
    return "redirect:/reports/" + report;
  }

  @PostMapping("/reports/{id}/embargo")
  String embargo(Caller caller, @PathVariable String id, @RequestParam(required = false) String state,
      @RequestParam(required = false) String endsAt, @RequestParam(required = false) String comment, RedirectAttributes flash) {
    UUID report = ReportApiController.uuid(id, "report");
    attempt(flash, () -> disclosure.embargo(caller, report, state, endsAt, comment));
    return "redirect:/reports/" + report;
  }

  @PostMapping("/reports/{id}/participants")
  String invite(Caller caller, @PathVariable String id, @RequestParam(required = false) String organisation,
      @RequestParam(required = false) String role, RedirectAttributes flash) {
    UUID report = ReportApiController.uuid(id, "report");
    attempt(flash, () -> disclosure.invite(caller, report, organisation, role));
    return "redirect:/reports/" + report;
  }

  @PostMapping("/reports/{id}/comments")
  String comment(Caller caller, @PathVariable String id, @RequestParam(required = false) String text, RedirectAttributes flash) {
    UUID report = ReportApiController.uuid(id, "report");
    attempt(flash, () -> disclosure.comment(caller, report, text));
    return "redirect:/reports/" + report;
  }

  @PostMapping("/reports/{id}/fixes")
  String fix(Caller caller, @PathVariable String id, @RequestParam(required = false) String version,
      @RequestParam(required = false) String url, @RequestParam(required = false) String patch,
      @RequestParam(required = false) String comment, RedirectAttributes flash) {
    UUID report = ReportApiController.uuid(id, "report");
    attempt(flash, () -> disclosure.attachFix(caller, report, version, url, patch, comment));
    return "redirect:/reports/" + report;
  }

  /** The CVE JSON 5 record of a published report, for a signed-in analyst's browser (the API needs a key). */
  @GetMapping(path = "/reports/{id}/cve.json", produces = "application/json")
  @org.springframework.web.bind.annotation.ResponseBody
  tools.jackson.databind.JsonNode cve(Caller caller, @PathVariable String id) {
    return publisher.cveRecord(caller, ReportApiController.uuid(id, "report"));
  }

  @PostMapping("/reports/{id}/publish")
  String publish(Caller caller, @PathVariable String id, @RequestParam(required = false) String cve,
      @RequestParam(required = false) String tlp, RedirectAttributes flash) {
    UUID report = ReportApiController.uuid(id, "report");
    try {
      attempt(flash, () -> publisher.publish(caller, report, new AdvisoryPublisher.Request(cve, tlp, null, null)));
    } catch (AdvisoryPublisher.CsafRejected e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/reports/" + report;
  }

  /** Runs the change; a refused move or bad input is shown on the page, everything else propagates (403, 404). */
  private static void attempt(RedirectAttributes flash, Supplier<?> change) {
    try {
      change.get();
      flash.addFlashAttribute("saved", true);
    } catch (IllegalReportMove | BadInputException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
  }
}
