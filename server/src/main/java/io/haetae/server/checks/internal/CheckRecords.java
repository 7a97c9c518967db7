package io.haetae.server.checks.internal;

import io.haetae.server.identity.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A check's data: its items, who is in scope, their answers and what the hub evaluated. */
final class CheckRecords {

  private CheckRecords() {}

  /** A question the organisation answers, or an item the hub evaluates from its own data. */
  enum ItemKind {
    QUESTION, NO_KEV_OPEN, SBOM_FRESH, NO_CRITICAL_OVERDUE;

    public boolean automatic() {
      return this != QUESTION;
    }

    static ItemKind parse(String value, String field) {
      if (value != null) {
        for (ItemKind k : values()) if (k.name().equalsIgnoreCase(value.strip())) return k;
      }
      throw new io.haetae.server.web.BadInputException("'" + field + "' must be one of QUESTION, NO_KEV_OPEN, SBOM_FRESH, "
          + "NO_CRITICAL_OVERDUE, not '" + value + "'");
    }
  }

  enum Answer {
    YES, NO, PARTLY, NOT_APPLICABLE;

    boolean complies() {
      return this == YES || this == NOT_APPLICABLE;
    }

    static Answer parse(String value, String field) {
      if (value != null) {
        String v = value.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        for (Answer a : values()) if (a.name().equals(v)) return a;
      }
      throw new io.haetae.server.web.BadInputException("'" + field + "' must be one of YES, NO, PARTLY, NOT_APPLICABLE, not '"
          + value + "'");
    }
  }

  record Item(int position, ItemKind kind, String text) {}

  record Check(UUID id, UUID issuerOrg, String issuerName, Role issuerRole, Set<String> issuerSectors, String createdBy,
      String title, String description, LocalDate dueDate, String scope, Instant createdAt, List<Item> items) {

    Check {
      issuerSectors = Set.copyOf(issuerSectors);
      items = List.copyOf(items);
    }

    public Item item(int position) {
      return items.stream().filter(i -> i.position() == position).findFirst().orElse(null);
    }
  }

  /** An organisation in a check's scope and where its response stands. */
  record Member(UUID orgId, String name, String sector, String language, Instant submittedAt, String submittedBy,
      Instant updatedAt) {}

  record AnswerRow(UUID orgId, int position, Answer answer, String comment, Instant at, String by) {}

  record EvidenceMeta(UUID orgId, int position, String name, String contentType, String sha256, long size, Instant at,
      String by) {}

  /** One item as judged for one organisation: its answer or the hub's verdict, with why. */
  record ItemResult(int item, ItemKind kind, String text, String result, boolean ok, String detail, long count, long of,
      String comment, EvidenceMeta evidence) {}

  enum Progress { NOT_STARTED, IN_PROGRESS, SUBMITTED }

  record OrgStatus(UUID orgId, String name, String sector, Progress progress, Instant submittedAt, boolean late,
      boolean compliant, List<ItemResult> items) {}

  record Rollup(String sector, int inScope, int responded, int compliant, int late) {}

  /** What the caller may see of a check: every organisation for the issuer, its own for a participant. */
  record CheckView(Check check, boolean issuer, int inScope, int responded, int compliant, int late,
      List<OrgStatus> organisations, List<Rollup> bySector) {}
}
