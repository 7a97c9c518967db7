package io.haetae.server.domainwatch;

import io.haetae.engine.domain.DomainMatch;
import io.haetae.engine.domain.DomainNames;
import io.haetae.engine.domain.LookalikeIndex;
import io.haetae.engine.domain.ObservedDomain;
import io.haetae.engine.domain.ObservedReaders;
import io.haetae.engine.domain.ObservedSink;
import io.haetae.engine.domain.ProtectedName;
import io.haetae.server.domainwatch.internal.DomainWatchRepository;
import io.haetae.server.domainwatch.internal.DomainWatchRepository.NewMatch;
import io.haetae.server.domainwatch.internal.DomainWatchRepository.ProtectedRow;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Protected names per organisation, observed domains in, matches out (docs/domainwatch.md).
 * The look-alike index over every organisation's names is built once and rebuilt when a name
 * changes; checking an upload is the engine's hash lookups per observed domain.
 */
@Service
public class DomainWatch {

  static final int MAX_NAMES = 500;

  private final DomainWatchRepository repository;
  private final OrganisationService organisations;
  private final OrganisationDirectory directory;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final DomainNames names = new DomainNames();
  private volatile LookalikeIndex index;

  DomainWatch(DomainWatchRepository repository, OrganisationService organisations, OrganisationDirectory directory,
      AuditLog audit, ApplicationEventPublisher events) {
    this.repository = repository;
    this.organisations = organisations;
    this.directory = directory;
    this.audit = audit;
    this.events = events;
  }

  /** An organisation's protected names: registrable domains and brands. */
  public record Protected(List<String> domains, List<String> brands) {}

  public Protected protectedNames(Caller caller) {
    requireMember(caller);
    return toProtected(repository.protectedNames(caller.orgId()));
  }

  /**
   * Replaces the names the organisation entered (the import's {@code domains} column is kept
   * apart). Every name is normalised: {@code www.shop.example.co.kr} protects {@code example.co.kr}.
   */
  @Transactional
  public Protected setProtected(Caller caller, List<String> domains, List<String> brands) {
    requireMember(caller);
    if (!caller.may(Capability.MANAGE_ORGANISATION)) throw new AccessDeniedException(caller.role() + " may not change protected names");
    var rows = normalise(caller.orgId(), domains, brands, "api");
    repository.replace(caller.orgId(), "api", rows);
    audit.record(caller, "domains.protect", caller.orgId(), rows.size() + " names");
    index = null;
    return toProtected(repository.protectedNames(caller.orgId()));
  }

  /** The organisation import's domains column (event from identity); replaces the import's names. */
  @Transactional
  public void importedDomains(UUID orgId, Collection<String> domains) {
    List<ProtectedRow> rows = new ArrayList<>();
    for (String d : domains) {
      try {
        rows.add(new ProtectedRow(orgId, names.parse(d).registrable(), "domain", "import"));
      } catch (IllegalArgumentException e) {
        // identity checked the syntax; a public suffix on its own protects nothing
      }
    }
    repository.replace(orgId, "import", rows);
    index = null;
  }

  private List<ProtectedRow> normalise(UUID orgId, List<String> domains, List<String> brands, String source) {
    var rows = new LinkedHashSet<ProtectedRow>();
    int i = 0;
    for (String d : domains == null ? List.<String>of() : domains) {
      try {
        rows.add(new ProtectedRow(orgId, names.parse(d).registrable(), "domain", source));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("domains[" + i + "]: '" + d + "': " + e.getMessage());
      }
      i++;
    }
    i = 0;
    for (String b : brands == null ? List.<String>of() : brands) {
      try {
        rows.add(new ProtectedRow(orgId, ProtectedName.brand(orgId.toString(), b).name(), "brand", source));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("brands[" + i + "]: '" + b + "': " + e.getMessage());
      }
      i++;
    }
    if (rows.size() > MAX_NAMES) throw new BadInputException("at most " + MAX_NAMES + " protected names per organisation");
    return List.copyOf(rows);
  }

  /**
   * Checks observed domains (a list, its gzip, or CT get-entries JSON) against every
   * organisation's names and stores the new matches; each new one is an event (mail).
   * Operators only: the feed is national.
   */
  @Transactional
  public ObservedSummary observe(Caller caller, InputStream in, String source) {
    if (!caller.isOperator()) throw new AccessDeniedException("only the national operator submits observed domains");
    var summary = observe(in, source);
    audit.record(caller, "domains.observe", caller.orgId(), source + ": " + summary.names() + " names, " + summary.newMatches() + " new matches");
    return summary;
  }

  /** The same without a caller: the feed poller. */
  @Transactional
  public ObservedSummary observe(InputStream in, String source) {
    LookalikeIndex idx = index();
    var rejected = new ArrayList<String>();
    int[] counts = new int[3];
    try {
      ObservedReaders.read(in, new ObservedSink() {
        @Override
        public void domain(ObservedDomain d) {
          counts[0]++;
          List<DomainMatch> found;
          try {
            found = idx.match(d.name(), d.firstSeen());
          } catch (IllegalArgumentException e) {
            rejected(d.where(), "'" + d.name() + "': " + e.getMessage());
            return;
          }
          for (DomainMatch m : found) {
            counts[1]++;
            if (store(m)) counts[2]++;
          }
        }

        @Override
        public void rejected(String where, String reason) {
          if (rejected.size() < 1000) rejected.add(source + ", " + where + ": " + reason);
        }
      });
    } catch (IOException e) {
      throw new BadInputException(source + ": unreadable (" + e.getMessage() + ")");
    } catch (UncheckedIOException e) {
      throw new BadInputException(source + ": unreadable (" + e.getCause().getMessage() + ")");
    }
    return new ObservedSummary(counts[0], counts[1], counts[2], rejected);
  }

  private boolean store(DomainMatch m) {
    UUID org = UUID.fromString(m.protectedName().owner());
    var stored = repository.insertIfNew(new NewMatch(org, m.domain(), m.display(), m.protectedName().name(),
        m.technique().id(), m.score(), m.reasons(), m.firstSeen()));
    stored.ifPresent(id -> events.publishEvent(new DomainMatchFound(id, org, m.display(), m.protectedName().name(),
        m.technique().id(), m.score())));
    return stored.isPresent();
  }

  private LookalikeIndex index() {
    LookalikeIndex idx = index;
    if (idx != null) return idx;
    synchronized (this) {
      if (index != null) return index;
      var b = LookalikeIndex.builder(names);
      for (ProtectedRow r : repository.protectedNames(null)) {
        String owner = r.orgId().toString();
        if (r.kind().equals("brand")) b.add(new ProtectedName(owner, r.name(), r.name(), true));
        else b.domain(owner, r.name());
      }
      for (String[] own : repository.ownDomains()) b.own(own[0], own[1]);
      index = idx = b.build();
      return idx;
    }
  }

  /**
   * The caller's matches; the national operator's all, a sector operator's those of its sectors;
   * filters by organisation, sector, technique and verdict (each optional).
   */
  public List<StoredMatch> matches(Caller caller, UUID org, String sector, String technique, String verdict, int limit) {
    requireMember(caller);
    Verdict v = verdict == null || verdict.isBlank() ? null : Verdict.parse(verdict);
    if (verdict != null && !verdict.isBlank() && v == null) throw new BadInputException("verdict: one of new, malicious, benign, own");
    String t = technique == null || technique.isBlank() ? null : technique.strip();
    int max = Math.max(1, Math.min(limit, 5000));
    List<StoredMatch> rows;
    Map<UUID, String> sectors;
    if (caller.isOperator() || caller.role() == Role.SECTOR_OPERATOR) {
      Collection<UUID> scope = null;
      if (caller.role() == Role.SECTOR_OPERATOR || sector != null && !sector.isBlank()) {
        Set<String> wanted = sector != null && !sector.isBlank() ? Set.of(OrganisationDirectory.sectorCode(sector)) : caller.sectors();
        if (caller.role() == Role.SECTOR_OPERATOR && !caller.sectors().containsAll(wanted)) return List.of();
        scope = directory.addressees(false, wanted, Set.of(), Set.of()).stream().map(a -> a.orgId()).toList();
      }
      rows = repository.matches(org, scope, t, v, max);
    } else {
      rows = repository.matches(caller.orgId(), null, t, v, max);
    }
    sectors = directory.sectorsOf(rows.stream().map(StoredMatch::orgId).distinct().toList());
    var orgNames = new HashMap<UUID, String>();
    return rows.stream().map(m -> new StoredMatch(m.id(), m.orgId(),
        orgNames.computeIfAbsent(m.orgId(), id -> organisations.find(id).map(Organisation::name).orElse(null)),
        sectors.get(m.orgId()), m.domain(), m.display(), m.protectedName(), m.technique(), m.score(), m.reasons(),
        m.firstSeen(), m.foundAt(), m.verdict(), m.decidedAt(), m.decidedBy())).toList();
  }

  /** The protecting organisation says what a match is; "own" also stops it alerting again. */
  @Transactional
  public StoredMatch decide(Caller caller, UUID id, String verdict) {
    requireMember(caller);
    StoredMatch m = repository.find(id).filter(x -> x.orgId().equals(caller.orgId()))
        .orElseThrow(() -> new NotFoundException("no match " + id));
    Verdict v = Verdict.parse(verdict);
    if (v == null || v == Verdict.NEW) throw new BadInputException("verdict: one of malicious, benign, own");
    if (caller.role() == Role.MEMBER && !caller.may(Capability.WRITE_INVENTORY)) {
      throw new AccessDeniedException(caller.role() + " may not judge matches");
    }
    repository.decide(id, v, caller.name());
    audit.record(caller, "domains.verdict", caller.orgId(), m.display() + " " + v.id());
    if (v == Verdict.OWN) index = null;
    return repository.find(id).orElseThrow();
  }

  /** Confirmed-malicious domains for the blocklist: national operator only. */
  public List<StoredMatch> confirmedMalicious(Caller caller) {
    if (!caller.isOperator()) throw new AccessDeniedException("only the national operator exports the blocklist");
    return repository.confirmedMalicious();
  }

  private static void requireMember(Caller caller) {
    if (!caller.may(Capability.READ_INVENTORY)) throw new AccessDeniedException(caller.role() + " may not see domain matches");
  }

  private static Protected toProtected(List<ProtectedRow> rows) {
    return new Protected(rows.stream().filter(r -> r.kind().equals("domain")).map(ProtectedRow::name).distinct().toList(),
        rows.stream().filter(r -> r.kind().equals("brand")).map(ProtectedRow::name).distinct().toList());
  }
}
