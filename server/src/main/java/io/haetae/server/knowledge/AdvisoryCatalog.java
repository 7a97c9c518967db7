package io.haetae.server.knowledge;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Tlp;
import io.haetae.server.identity.TlpPolicy;
import io.haetae.server.knowledge.internal.AdvisoryRepository;
import io.haetae.server.knowledge.internal.KnowledgeGeneration;
import io.haetae.server.knowledge.internal.PackageAdvisories;
import io.haetae.server.knowledge.internal.Remediations;
import io.haetae.server.knowledge.internal.EnrichmentRepository;
import io.haetae.server.knowledge.internal.VulnerabilityMerger;
import io.haetae.server.knowledge.internal.VulnerabilitySearch;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads the advisory store: by id or alias, and by package for matching. Public (TLP:CLEAR) unless a caller says otherwise. */
@Service
public class AdvisoryCatalog {

  private final AdvisoryRepository repository;
  private final VulnerabilityMerger merger;
  private final VulnerabilitySearch search;
  private final EnrichmentRepository enrichments;
  private final Remediations remediations;
  private final PackageAdvisories packageAdvisories;
  private final KnowledgeGeneration generation;

  AdvisoryCatalog(AdvisoryRepository repository, VulnerabilityMerger merger, VulnerabilitySearch search,
      EnrichmentRepository enrichments, Remediations remediations,
      PackageAdvisories packageAdvisories, KnowledgeGeneration generation) {
    this.generation = generation;
    this.packageAdvisories = packageAdvisories;
    this.remediations = remediations;
    this.repository = repository;
    this.merger = merger;
    this.search = search;
    this.enrichments = enrichments;
  }

  /** KEV membership and EPSS scores of the CVE ids among {@code ids} (other ids are ignored). */
  public Exploitation exploitation(Collection<String> ids) {
    var cves = ids.stream().filter(i -> i.startsWith("CVE-") && i.length() <= 32).distinct().toList();
    var epss = new java.util.HashMap<String, Double>();
    enrichments.epss(cves).forEach((cve, row) -> epss.put(cve, row.score()));
    return new Exploitation(enrichments.kev(cves).keySet(), epss);
  }

  /** The merged record of every source that knows this id or alias (see {@link Vulnerability}). */
  public Optional<Vulnerability> vulnerability(String idOrAlias) {
    if (idOrAlias == null || idOrAlias.isBlank() || idOrAlias.length() > 255) return Optional.empty();
    return merger.merge(idOrAlias.strip());
  }

  /** One page of vulnerabilities matching the query, most recently changed first. */
  public VulnerabilityQuery.Page search(VulnerabilityQuery query) {
    return search.search(query);
  }

  /** The public (TLP:CLEAR) advisory known by this id or alias: what anyone may read. */
  public Optional<StoredAdvisory> find(String idOrAlias) {
    return find(null, idOrAlias);
  }

  /** The advisory known by this id or alias that the caller (null: anonymous) may read under TLP. */
  public Optional<StoredAdvisory> find(Caller caller, String idOrAlias) {
    if (idOrAlias == null || idOrAlias.isBlank() || idOrAlias.length() > 255) return Optional.empty();
    return repository.candidates(idOrAlias.strip()).stream().filter(s -> TlpPolicy.maySee(caller, s.marking())).findFirst();
  }

  /** The package keys the advisories of an import batch name: cheaper than {@link #changedIn}, no JSON parsed. */
  public List<PackageKey> packagesChangedIn(java.util.UUID analysisId) {
    return repository.packagesChangedIn(analysisId);
  }

  /** The advisories an import batch added or replaced. */
  public List<StoredAdvisory> changedIn(java.util.UUID analysisId) {
    return repository.changedIn(analysisId);
  }

  /** Every public (TLP:CLEAR) advisory naming one of the packages, withdrawn ones left out. */
  public List<Advisory> forPackages(Collection<PackageKey> packages) {
    return forPackages(null, packages);
  }

  /** Every advisory naming one of the packages that the caller (null: anonymous) may read under TLP. */
  public List<Advisory> forPackages(Caller caller, Collection<PackageKey> packages) {
    return repository.findStoredByPackages(packages).stream().filter(s -> TlpPolicy.maySee(caller, s.marking()))
        .map(StoredAdvisory::advisory).toList();
  }

  /**
   * Every advisory naming one of the packages, whatever its TLP, with its marking: for matching,
   * which must keep each organisation to its audience ({@link TlpPolicy#admits}). Each advisory
   * carries the best rating of any public record of the same vulnerability (AliasSeverity), so
   * a finding is never "unassigned" when a CVE 5, NVD or GHSA record scores it.
   */
  public List<StoredAdvisory> forMatching(Collection<PackageKey> packages) {
    return packageAdvisories.of(packages);
  }

  /**
   * The TLP label of each advisory id as findings name them: the strictest label among the stored
   * rows known by that id (a CSAF document shared as AMBER and a public record of the same CVE
   * make an AMBER finding); ids not stored count as TLP:CLEAR. Alerts carry the labels of what
   * they report, so a CISO knows how far a mail may go.
   */
  public Map<String, Tlp> tlpOf(Collection<String> advisoryIds) {
    var out = new java.util.HashMap<String, Tlp>();
    repository.tlpOf(advisoryIds).forEach((id, labels) -> out.put(id,
        labels.stream().map(Tlp::valueOf).max(java.util.Comparator.naturalOrder()).orElse(Tlp.CLEAR)));
    return out;
  }

  /**
   * What KEV says about each CVE id among {@code ids} (other ids are ignored), for due dates
   * (docs/deadlines.md): listed or not, KEV's own due date, and the SSVC decision points of the
   * CVE record's CISA ADP container when stored. Ids neither listed nor scored are absent.
   */
  public Map<String, ExploitSignals> signals(Collection<String> ids) {
    var cves = ids.stream().filter(i -> i.startsWith("CVE-") && i.length() <= 32).distinct().toList();
    var out = new java.util.HashMap<String, ExploitSignals>();
    var kev = new java.util.HashMap<String, EnrichmentRepository.KevRow>();
    for (int from = 0; from < cves.size(); from += 1000) {
      kev.putAll(enrichments.kev(cves.subList(from, Math.min(cves.size(), from + 1000))));
    }
    var ssvc = ssvcOf(cves);
    for (String cve : cves) {
      var k = kev.get(cve);
      var s = ssvc.get(cve);
      if (k == null && s == null) continue;
      out.put(cve, new ExploitSignals(cve, k != null, k == null ? null : k.dueDate(),
          s == null ? null : s.exploitation(), s == null ? null : s.automatable(), s == null ? null : s.technicalImpact(),
          k == null ? null : k.dateAdded()));
    }
    return out;
  }

  /**
   * The SSVC decision points of the CVE records of these CVEs: read from each record's JSON, which
   * for CVE 5 records is large, so kept for the knowledge generation (every upload asks for the
   * CVEs of its findings).
   */
  private Map<String, AdvisoryRepository.Ssvc> ssvcOf(List<String> cves) {
    Map<String, Optional<AdvisoryRepository.Ssvc>> found = generation.cached("ssvc",
        () -> Caffeine.newBuilder().maximumSize(200_000), cves, missing -> {
          var loaded = repository.ssvc(List.copyOf(missing));
          var out = new java.util.HashMap<String, Optional<AdvisoryRepository.Ssvc>>();
          missing.forEach(cve -> out.put(cve, Optional.ofNullable(loaded.get(cve)))); // "none" is kept too
          return out;
        });
    var out = new java.util.HashMap<String, AdvisoryRepository.Ssvc>();
    found.forEach((cve, s) -> s.ifPresent(v -> out.put(cve, v)));
    return out;
  }

  /**
   * The ids findings may name for these vulnerability ids: the ids themselves and the own id of
   * every stored record known by one of them (a GHSA record aliasing a CVE, a CVE 5 record).
   */
  public java.util.Set<String> idsNaming(Collection<String> ids) {
    var out = new java.util.HashSet<String>(ids);
    for (String rowId : repository.advisoriesKnownAs(ids)) {
      out.add(rowId);
      int colon = rowId.indexOf(':');
      if (colon > 0 && !rowId.startsWith("csaf:")) out.add(rowId.substring(colon + 1));
    }
    return out;
  }

  /**
   * The workaround or remediation text of each advisory id (or alias) that has one: a CSAF
   * record's workaround, mitigation or vendor_fix remediation, else the Workarounds section of an
   * OSV/GHSA record's details. Public (TLP:CLEAR) records only; ids without one are absent.
   */
  public Map<String, String> workarounds(Collection<String> ids) {
    return remediations.of(ids);
  }

  public long count() {
    return repository.count();
  }
}
