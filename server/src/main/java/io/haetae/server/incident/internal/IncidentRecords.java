package io.haetae.server.incident.internal;

import io.haetae.server.identity.Tlp;
import io.haetae.server.web.BadInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A case's data: the case, its committee, tasks, timeline, decisions, evidence and links. */
final class IncidentRecords {

  private IncidentRecords() {}

  /** What the case is about: an AI service (the review committee is convened) or any other product. */
  enum Kind {
    AI_SERVICE, PRODUCT;

    static Kind parse(String value, String field) {
      return IncidentRecords.parse(Kind.class, value, field);
    }
  }

  enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    static Severity parse(String value, String field) {
      return IncidentRecords.parse(Severity.class, value, field);
    }
  }

  /** Where a timeline entry came from: written by a person, or by the hub itself. */
  enum Category {
    DETECTION, ANALYSIS, CONTAINMENT, ERADICATION, RECOVERY, COMMUNICATION, REPORTING, COMMITTEE, EVIDENCE, DECISION, OTHER;

    static Category parse(String value, String field) {
      return IncidentRecords.parse(Category.class, value, field);
    }
  }

  /** The three reports of NIS2 article 23(4): (a) early warning, (b) incident notification, (d) final report. */
  enum Report {
    EARLY_WARNING, NOTIFICATION, FINAL;

    static Report parse(String value, String field) {
      return IncidentRecords.parse(Report.class, value, field);
    }
  }

  enum LinkKind { ADVISORY, FINDING }

  record Case(UUID id, UUID orgId, String orgName, String orgSector, String title, Kind kind, String service,
      String servicePurl, String description, Severity severity, Tlp tlp, IncidentClass incidentClass, Instant awareAt,
      ZoneId zone, Instant openedAt, String openedBy) {}

  record Member(UUID id, String name, String email, String language, Instant mailedAt, Instant joinedAt) {
    public boolean joined() {
      return joinedAt != null;
    }
  }

  record Task(UUID id, String title, String owner, Instant dueAt, Instant doneAt, Instant createdAt, String createdBy) {
    public boolean overdue(Instant now) {
      return doneAt == null && now.isAfter(dueAt);
    }
  }

  record TimelineEntry(UUID id, Instant occurredAt, ZoneId zone, Category category, String source, String text,
      Instant recordedAt, String recordedBy) {}

  record Decision(int seq, String text, Instant decidedAt, String decidedBy) {}

  record Evidence(UUID id, String name, String contentType, long size, String sha256, Instant addedAt, String addedBy,
      List<Custody> custody) {}

  record Custody(String action, String actor, String address, Instant at) {}

  record Link(LinkKind kind, String ref, Instant addedAt, String addedBy) {}

  record Submitted(Report report, Instant at, String by) {}

  /** Everything the case page shows. {@code mayWrite}: the caller may add to the case. */
  record CaseView(Case incident, boolean mayWrite, boolean mayNotify, List<Member> members, List<Task> tasks,
      List<TimelineEntry> timeline, List<Decision> decisions, List<Evidence> evidence, List<Link> links,
      List<ReportingClocks.Clock> clocks) {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value != null) {
      String v = value.strip().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
      for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
    }
    throw new BadInputException("'" + field + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '"
        + value + "'");
  }
}
