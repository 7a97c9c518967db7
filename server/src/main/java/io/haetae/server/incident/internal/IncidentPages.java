package io.haetae.server.incident.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Tlp;
import io.haetae.server.incident.internal.IncidentRecords.Category;
import io.haetae.server.incident.internal.IncidentRecords.Kind;
import io.haetae.server.incident.internal.IncidentRecords.Report;
import io.haetae.server.incident.internal.IncidentRecords.Severity;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /incidents}: the list and the form that opens a case; the case page (committee, clocks,
 * tasks, timeline, decisions, evidence with custody, links) with its forms; the committee's join
 * page behind the signed link (GET shows it, POST joins: a link scanner joins no one).
 */
@Controller
class IncidentPages {

  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Incidents incidents;

  IncidentPages(Incidents incidents) {
    this.incidents = incidents;
  }

  @GetMapping("/incidents")
  String list(Caller caller, Model model) {
    model.addAttribute("cases", incidents.visible(caller));
    model.addAttribute("mayOpen", Incidents.OPENERS.contains(caller.role()));
    vocabulary(model);
    return "incident/list";
  }

  @PostMapping("/incidents")
  String open(Caller caller, @RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
    try {
      ZoneId zone = IncidentApi.zone(form.get("timeZone"), "timeZone", Incidents.DEFAULT_ZONE);
      var c = incidents.open(caller, new Incidents.NewCase(null, form.get("title"), Kind.parse(form.get("kind"), "kind"),
          form.get("service"), form.get("servicePurl"), form.get("description"), Severity.parse(form.get("severity"), "severity"),
          IncidentApi.tlp(form.get("tlp")), IncidentClass.parse(form.get("incidentClass"), "incidentClass"),
          IncidentApi.time(form.get("awareAt"), "awareAt", zone), zone));
      return "redirect:/incidents/" + c.id();
    } catch (BadInputException e) {
      response.setStatus(400);
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("draft", form);
      return list(caller, model);
    }
  }

  @GetMapping("/incidents/{id}")
  String one(Caller caller, @PathVariable UUID id, Model model) {
    var view = incidents.view(caller, id);
    model.addAttribute("view", view);
    model.addAttribute("c", view.incident());
    model.addAttribute("participant", Incidents.isParticipant(caller, view.incident()));
    model.addAttribute("now", Instant.now());
    model.addAttribute("when", WHEN.withZone(view.incident().zone()));
    vocabulary(model);
    return "incident/case";
  }

  @PostMapping("/incidents/{id}/tasks")
  String task(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String title,
      @RequestParam(defaultValue = "") String owner, @RequestParam(defaultValue = "") String dueAt, Model model,
      HttpServletResponse response) {
    return act(caller, id, model, response, () -> incidents.addTask(caller, id, title, owner,
        IncidentApi.time(dueAt, "dueAt", incidents.view(caller, id).incident().zone())));
  }

  @PostMapping("/incidents/{id}/tasks/{task}/done")
  String done(Caller caller, @PathVariable UUID id, @PathVariable UUID task, Model model, HttpServletResponse response) {
    return act(caller, id, model, response, () -> {
      incidents.taskDone(caller, id, task);
      return null;
    });
  }

  @PostMapping("/incidents/{id}/events")
  String event(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String occurredAt,
      @RequestParam(defaultValue = "") String timeZone, @RequestParam(defaultValue = "") String category,
      @RequestParam(defaultValue = "") String source, @RequestParam(defaultValue = "") String text, Model model,
      HttpServletResponse response) {
    return act(caller, id, model, response, () -> {
      ZoneId zone = IncidentApi.zone(timeZone, "timeZone", incidents.view(caller, id).incident().zone());
      return incidents.addEvent(caller, id, IncidentApi.time(occurredAt, "occurredAt", zone), zone,
          Category.parse(category, "category"), source, text);
    });
  }

  @PostMapping("/incidents/{id}/decisions")
  String decide(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String text, Model model,
      HttpServletResponse response) {
    return act(caller, id, model, response, () -> incidents.decide(caller, id, text));
  }

  @PostMapping("/incidents/{id}/evidence")
  String evidence(Caller caller, @PathVariable UUID id, @RequestParam(required = false) MultipartFile file, Model model,
      HttpServletResponse response) {
    return act(caller, id, model, response, () -> {
      if (file == null || file.isEmpty()) throw new BadInputException("'file' is empty");
      try {
        return incidents.addEvidence(caller, id, file.getOriginalFilename(), file.getContentType(), file.getBytes());
      } catch (IOException e) {
        throw new BadInputException("'file' could not be read: " + e.getMessage(), e);
      }
    });
  }

  @PostMapping("/incidents/{id}/links")
  String link(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String advisory,
      @RequestParam(defaultValue = "") String finding, Model model, HttpServletResponse response) {
    return act(caller, id, model, response, () -> {
      incidents.link(caller, id, advisory, finding);
      return null;
    });
  }

  @PostMapping("/incidents/{id}/reports")
  String report(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String report, Model model,
      HttpServletResponse response) {
    return act(caller, id, model, response, () -> {
      incidents.submitted(caller, id, Report.parse(report, "report"));
      return null;
    });
  }

  @PostMapping("/incidents/{id}/notify")
  String notifyHolders(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "") String message, Model model,
      HttpServletResponse response) {
    return act(caller, id, model, response, () -> incidents.notifyHolders(caller, id, message));
  }

  @GetMapping("/incidents/join/{token}")
  String joinPage(@PathVariable String token, Model model) {
    var joining = incidents.joining(token).orElseThrow(() -> new NotFoundException("join link"));
    return joined(joining, token, false, model);
  }

  @PostMapping("/incidents/join/{token}")
  String join(@PathVariable String token, Model model) {
    var joining = incidents.join(token).orElseThrow(() -> new NotFoundException("join link"));
    return joined(joining, token, true, model);
  }

  private String joined(Incidents.Joining joining, String token, boolean justJoined, Model model) {
    model.addAttribute("j", joining);
    model.addAttribute("c", joining.incident());
    model.addAttribute("token", token);
    model.addAttribute("justJoined", justJoined);
    model.addAttribute("when", WHEN.withZone(joining.incident().zone()));
    return "incident/join";
  }

  /** Runs a change; back to the case page, or the page again with the problem (400/413/403) and nothing stored. */
  private String act(Caller caller, UUID id, Model model, HttpServletResponse response, Supplier<Object> change) {
    try {
      change.get();
      return "redirect:/incidents/" + id;
    } catch (BadInputException | Incidents.EvidenceTooLarge e) {
      response.setStatus(e instanceof Incidents.EvidenceTooLarge ? 413 : 400);
      model.addAttribute("problem", e.getMessage());
      return one(caller, id, model);
    }
  }

  private static void vocabulary(Model model) {
    model.addAttribute("kinds", List.of(Kind.values()));
    model.addAttribute("severities", List.of(Severity.values()));
    model.addAttribute("tlps", List.of(Tlp.values()));
    model.addAttribute("classes", List.of(IncidentClass.values()));
    model.addAttribute("categories", List.of(Category.values()));
    model.addAttribute("reports", List.of(Report.values()));
  }
}
