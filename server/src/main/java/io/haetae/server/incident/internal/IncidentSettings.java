package io.haetae.server.incident.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code haetae.incidents}: the review committee's roster (each member's name, e-mail and mail
 * language), the largest evidence file a case takes, and the secret of the join links
 * (docs/incidents.md).
 *
 * <pre>
 * haetae.incidents.committee[0].name=Kim Minji
 * haetae.incidents.committee[0].email=minji.kim@msit.go.kr
 * haetae.incidents.committee[0].language=ko
 * </pre>
 */
@ConfigurationProperties("haetae.incidents")
record IncidentSettings(List<RosterMember> committee, DataSize evidenceLimit, String linkSecret) {

  IncidentSettings {
    committee = committee == null ? List.of() : List.copyOf(committee);
    if (evidenceLimit == null) evidenceLimit = DataSize.ofMegabytes(20);
    for (int i = 0; i < committee.size(); i++) {
      RosterMember m = committee.get(i);
      if (m == null || m.email() == null || !m.email().matches("[^@\\s]+@[^@\\s]+")) {
        throw new IllegalArgumentException("haetae.incidents.committee[" + i + "].email is missing or not an e-mail address");
      }
    }
  }

  /** A member of the roster; {@code language} "ko" (default) or "en". */
  record RosterMember(String name, String email, String language) {}
}
