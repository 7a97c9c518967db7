package io.haetae.server.broadcast.internal;

import io.haetae.server.broadcast.Attachment;
import io.haetae.server.broadcast.Audience;
import io.haetae.server.broadcast.AudienceRefusedException;
import io.haetae.server.broadcast.BroadcastStatus;
import io.haetae.server.broadcast.Broadcasts;
import io.haetae.server.broadcast.Notice;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.BusinessSize;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.Role;
import io.haetae.server.web.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The broadcast pages: the list with a compose form, one broadcast's counts with the
 * organisations that have not acknowledged it (paged), and the confirm page behind the
 * one-click link of the mail (GET shows it, POST acknowledges: a link scanner that follows
 * every URL in a mail acknowledges nothing).
 */
@Controller
class BroadcastPages {

  static final int PAGE = 50;

  private final Broadcasts broadcasts;
  private final OrganisationDirectory directory;
  private final LinkSigner links;
  private final BroadcastRepository repository;
  private final AuditLog audit;

  BroadcastPages(Broadcasts broadcasts, OrganisationDirectory directory, LinkSigner links, BroadcastRepository repository,
      AuditLog audit) {
    this.broadcasts = broadcasts;
    this.directory = directory;
    this.links = links;
    this.repository = repository;
    this.audit = audit;
  }

  /** {@code yyyy-MM-dd HH:mm} in Korea's time. */
  static String seoul(java.time.Instant at) {
    return at == null ? "" : SEOUL.format(at);
  }

  private static final java.time.format.DateTimeFormatter SEOUL =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Seoul"));

  @GetMapping("/broadcasts")
  String list(Caller caller, Model model) {
    var list = broadcasts.list(caller, 100);
    var sentAt = new java.util.HashMap<UUID, String>();
    list.forEach(b -> sentAt.put(b.id(), seoul(b.createdAt())));
    model.addAttribute("broadcasts", list);
    model.addAttribute("sentAt", sentAt);
    model.addAttribute("sectors", caller.role() == Role.OPERATOR ? directory.sectors()
        : caller.sectors().stream().map(OrganisationDirectory::sectorCode).sorted().toList());
    model.addAttribute("sizes", BusinessSize.values());
    model.addAttribute("national", caller.role() == Role.OPERATOR);
    return "broadcast/list";
  }

  @PostMapping("/broadcasts")
  String send(Caller caller, @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String body,
      @RequestParam(defaultValue = "false") boolean everyone, @RequestParam(required = false) List<String> sectors,
      @RequestParam(required = false) List<String> sizes, @RequestParam(defaultValue = "false") boolean requireAcknowledgement,
      @RequestParam(required = false) List<MultipartFile> attachments, Model model) {
    try {
      Audience audience = everyone ? Audience.everyone() : new Audience(false, new HashSet<>(sectors == null ? List.of() : sectors),
          sizes(sizes), new HashSet<>());
      BroadcastStatus sent = broadcasts.send(caller,
          new Notice(Notice.OPERATOR_NOTICE, title, body, audience, files(attachments), requireAcknowledgement));
      return "redirect:/broadcasts/" + sent.id();
    } catch (BadInputException | AudienceRefusedException e) {
      if (e instanceof AudienceRefusedException) audit.refused(caller, "POST /broadcasts: " + e.getMessage());
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("draftTitle", title);
      model.addAttribute("draftBody", body);
      return list(caller, model);
    }
  }

  @GetMapping("/broadcasts/{id}")
  String show(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "0") int page, Model model) {
    BroadcastStatus status = broadcasts.status(caller, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    int p = Math.max(0, page);
    var waiting = broadcasts.recipients(caller, id, status.requireAcknowledgement(), p * PAGE, PAGE + 1);
    model.addAttribute("b", status);
    model.addAttribute("sentAt", seoul(status.createdAt()));
    model.addAttribute("recipients", waiting.subList(0, Math.min(PAGE, waiting.size())));
    model.addAttribute("page", p);
    model.addAttribute("hasNext", waiting.size() > PAGE);
    return "broadcast/detail";
  }

  @GetMapping("/broadcasts/ack/{token}")
  String confirm(@PathVariable String token, Model model) {
    var ids = links.verify(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    var notice = repository.find(ids.broadcast()).filter(BroadcastStatus::requireAcknowledgement)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    var recipient = repository.recipient(ids.broadcast(), ids.org()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("noticeTitle", notice.title());
    model.addAttribute("organisation", recipient.orgName());
    model.addAttribute("token", token);
    model.addAttribute("already", recipient.acknowledgedAt() != null);
    model.addAttribute("done", false);
    return "broadcast/ack";
  }

  @PostMapping("/broadcasts/ack/{token}")
  String acknowledge(@PathVariable String token, Model model) {
    var ids = links.verify(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    String view = confirm(token, model);
    broadcasts.acknowledgeByLink(ids.broadcast(), ids.org());
    model.addAttribute("done", true);
    return view;
  }

  private static HashSet<BusinessSize> sizes(List<String> codes) {
    var result = new HashSet<BusinessSize>();
    if (codes == null) return result;
    for (String code : codes) {
      try {
        result.add(BusinessSize.parse(code, "sizes"));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }
    return result;
  }

  private static List<Attachment> files(List<MultipartFile> files) {
    var result = new ArrayList<Attachment>();
    if (files == null) return result;
    for (MultipartFile f : files) {
      if (f == null || f.isEmpty()) continue;
      try {
        String type = f.getContentType() == null ? "application/octet-stream" : f.getContentType();
        result.add(new Attachment(f.getOriginalFilename(), type, f.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read an uploaded attachment", e);
      }
    }
    return result;
  }
}
