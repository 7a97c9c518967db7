package io.haetae.server.broadcast.internal;

import io.haetae.server.broadcast.Attachment;
import io.haetae.server.broadcast.Audience;
import io.haetae.server.broadcast.AudienceRefusedException;
import io.haetae.server.broadcast.BroadcastStatus;
import io.haetae.server.broadcast.Broadcasts;
import io.haetae.server.broadcast.Notice;
import io.haetae.server.broadcast.Recipient;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/broadcasts}: send a notice, read its counts and who has not acknowledged it.
 * The audience is {@code "all"} or {@code {"sectors": [...], "sizes": [...], "organisations": [...]}}.
 */
@RestController
class BroadcastApi {

  private final Broadcasts broadcasts;
  private final AuditLog audit;

  BroadcastApi(Broadcasts broadcasts, AuditLog audit) {
    this.broadcasts = broadcasts;
    this.audit = audit;
  }

  record AttachmentBody(String name, String contentType, String base64) {}

  record BroadcastBody(String title, String body, Object audience, List<AttachmentBody> attachments,
      Boolean requireAcknowledgement) {}

  record StatusBody(UUID id, String kind, String title, String audience, boolean requireAcknowledgement, String createdAt,
      String createdBy, long recipients, long delivered, long failed, long acknowledged, long pending) {

    static StatusBody of(BroadcastStatus s) {
      return new StatusBody(s.id(), s.kind(), s.title(), s.audience(), s.requireAcknowledgement(), s.createdAt().toString(),
          s.createdBy(), s.recipients(), s.delivered(), s.failed(), s.acknowledged(), s.pending());
    }
  }

  record RecipientBody(UUID organisation, String name, String email, String state, String sentAt, String acknowledgedAt) {

    static RecipientBody of(Recipient r) {
      return new RecipientBody(r.orgId(), r.orgName(), r.email(), r.state().name(),
          r.sentAt() == null ? null : r.sentAt().toString(), r.acknowledgedAt() == null ? null : r.acknowledgedAt().toString());
    }
  }

  @PostMapping("/api/v1/broadcasts")
  ResponseEntity<StatusBody> send(Caller caller, @RequestBody BroadcastBody body) {
    if (body == null) throw new BadInputException("request body is empty");
    var notice = new Notice(Notice.OPERATOR_NOTICE, body.title(), body.body(), audience(body.audience()),
        attachments(body.attachments()), Boolean.TRUE.equals(body.requireAcknowledgement()));
    BroadcastStatus status = broadcasts.send(caller, notice);
    return ResponseEntity.created(URI.create("/api/v1/broadcasts/" + status.id())).body(StatusBody.of(status));
  }

  @GetMapping("/api/v1/broadcasts")
  List<StatusBody> list(Caller caller, @RequestParam(defaultValue = "50") int limit) {
    return broadcasts.list(caller, limit).stream().map(StatusBody::of).toList();
  }

  @GetMapping("/api/v1/broadcasts/{id}")
  StatusBody status(Caller caller, @PathVariable UUID id) {
    return broadcasts.status(caller, id).map(StatusBody::of).orElseThrow(() -> new NotFoundException("broadcast"));
  }

  @GetMapping("/api/v1/broadcasts/{id}/recipients")
  List<RecipientBody> recipients(Caller caller, @PathVariable UUID id,
      @RequestParam(defaultValue = "false") boolean unacknowledged, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    broadcasts.status(caller, id).orElseThrow(() -> new NotFoundException("broadcast"));
    int pageSize = Math.max(1, Math.min(size, 1000));
    return broadcasts.recipients(caller, id, unacknowledged, Math.max(0, page) * pageSize, pageSize).stream()
        .map(RecipientBody::of).toList();
  }

  /** A signed-in recipient organisation confirms the notice (the API twin of the mail's link). */
  @PostMapping("/api/v1/broadcasts/{id}/acknowledge")
  Map<String, Object> acknowledge(Caller caller, @PathVariable UUID id) {
    if (!broadcasts.isAddressed(caller, id)) throw new NotFoundException("broadcast");
    boolean done = broadcasts.acknowledge(caller, id);
    return Map.of("acknowledged", done);
  }

  @ExceptionHandler(AudienceRefusedException.class)
  ProblemDetail refused(AudienceRefusedException e, Caller caller, HttpServletRequest request) {
    audit.refused(caller, request.getMethod() + " " + request.getRequestURI() + ": " + e.getMessage());
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    p.setTitle(HttpStatus.FORBIDDEN.getReasonPhrase());
    return p;
  }

  static Audience audience(Object json) {
    return Audience.fromJson(json, "audience");
  }

  static List<Attachment> attachments(List<AttachmentBody> bodies) {
    if (bodies == null) return List.of();
    var result = new ArrayList<Attachment>();
    for (int i = 0; i < bodies.size(); i++) {
      AttachmentBody b = bodies.get(i);
      if (b == null) throw new BadInputException("'attachments[" + i + "]' is empty");
      byte[] content;
      try {
        content = b.base64() == null ? new byte[0] : Base64.getMimeDecoder().decode(b.base64());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("'attachments[" + i + "].base64' is not Base64: " + e.getMessage());
      }
      result.add(new Attachment(b.name(), b.contentType(), content));
    }
    return result;
  }
}
