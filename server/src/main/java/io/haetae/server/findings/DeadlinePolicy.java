package io.haetae.server.findings;

import io.haetae.engine.advisory.Severity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When an open finding is due, in the spirit of CISA BOD 26-04 (docs/deadlines.md). Every number
 * is a setting under {@code haetae.deadlines.*}; the defaults:
 *
 * <pre>
 * KEV-listed, project internet-facing     3 days
 * KEV-listed                              14 days
 * critical                                14 days if SSVC says exploitation active/PoC or automatable, else 30
 * high                                    30 days likewise, else 60
 * medium, low, info, unassigned           180 days ("at the next upgrade")
 * </pre>
 *
 * The shortest rule that applies wins, and KEV's own {@code dueDate} wins where it is earlier
 * (but never before the day the finding is opened: nobody is overdue on the day they are told).
 * Days are counted in {@code zone} (Asia/Seoul by default).
 */
@ConfigurationProperties("haetae.deadlines")
public record DeadlinePolicy(
    @DefaultValue("3") int kevInternetFacingDays,
    @DefaultValue("14") int kevDays,
    @DefaultValue("14") int criticalUrgentDays,
    @DefaultValue("30") int criticalDays,
    @DefaultValue("30") int highUrgentDays,
    @DefaultValue("60") int highDays,
    @DefaultValue("180") int otherDays,
    @DefaultValue("true") boolean kevDueDateWins,
    @DefaultValue("Asia/Seoul") ZoneId zone) {

  /** The defaults above, for code and tests outside Spring. */
  public static final DeadlinePolicy DEFAULT = new DeadlinePolicy(3, 14, 14, 30, 30, 60, 180, true, ZoneId.of("Asia/Seoul"));

  public DeadlinePolicy {
    for (int days : new int[] {kevInternetFacingDays, kevDays, criticalUrgentDays, criticalDays, highUrgentDays,
        highDays, otherDays}) {
      if (days < 0) throw new IllegalArgumentException("haetae.deadlines: a number of days is negative: " + days);
    }
    if (zone == null) zone = ZoneId.of("Asia/Seoul");
  }

  /**
   * What is known about the vulnerability and the project beyond its severity. {@code kev}: listed
   * in CISA's KEV catalogue, with its {@code kevDueDate} (may be null). SSVC decision points from
   * the CVE record's CISA ADP container: {@code exploitation} ("none", "poc", "active") and
   * {@code automatable} ("yes", "no"), null when absent.
   */
  public record Signals(boolean kev, LocalDate kevDueDate, boolean internetFacing, String exploitation,
      String automatable) {

    public static final Signals NONE = new Signals(false, null, false, null, null);

    /** SSVC says someone exploits it already (or a PoC exists), or it can be exploited at scale. */
    public boolean urgent() {
      String e = exploitation == null ? "" : exploitation.toLowerCase(Locale.ROOT);
      return e.equals("active") || e.equals("poc") || "yes".equalsIgnoreCase(automatable);
    }

    public Signals internetFacing(boolean facing) {
      return new Signals(kev, kevDueDate, facing, exploitation, automatable);
    }
  }

  /** The due date of a finding of this severity opened on {@code opened}. */
  public LocalDate dueDate(Severity severity, Signals s, LocalDate opened) {
    int days = switch (severity) {
      case CRITICAL -> s.urgent() ? criticalUrgentDays : criticalDays;
      case HIGH -> s.urgent() ? highUrgentDays : highDays;
      case MEDIUM, LOW, INFO, UNASSIGNED -> otherDays;
    };
    if (s.kev()) days = Math.min(days, s.internetFacing() ? kevInternetFacingDays : kevDays);
    LocalDate due = opened.plusDays(days);
    if (kevDueDateWins && s.kev() && s.kevDueDate() != null && s.kevDueDate().isBefore(due)) {
      due = s.kevDueDate().isBefore(opened) ? opened : s.kevDueDate();
    }
    return due;
  }

  /** Today in the policy's zone. */
  public LocalDate today() {
    return LocalDate.now(zone);
  }
}
