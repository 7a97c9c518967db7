package io.haetae.server.knowledge;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.knowledge.internal.AdvisoryRepository;
import io.haetae.server.knowledge.internal.EnrichmentRepository;
import io.haetae.server.knowledge.internal.VulnerabilityMerger;
import io.haetae.server.knowledge.internal.VulnerabilitySearch;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads the advisory store: by id or alias, and by package for matching. Advisories are public knowledge. */
@Service
public class AdvisoryCatalog {

  private final AdvisoryRepository repository;
  private final VulnerabilityMerger merger;
  private final VulnerabilitySearch search;
  private final EnrichmentRepository enrichments;

  AdvisoryCatalog(AdvisoryRepository repository, VulnerabilityMerger merger, VulnerabilitySearch search,
      EnrichmentRepository enrichments) {
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

  /** The advisory known by this id or alias. */
  public Optional<StoredAdvisory> find(String idOrAlias) {
    if (idOrAlias == null || idOrAlias.isBlank() || idOrAlias.length() > 255) return Optional.empty();
    return repository.findByIdOrAlias(idOrAlias.strip());
  }

  /** The advisories an import batch added or replaced. */
  public List<StoredAdvisory> changedIn(java.util.UUID analysisId) {
    return repository.changedIn(analysisId);
  }

  /** Every advisory naming one of the packages, withdrawn ones left out. */
  public List<Advisory> forPackages(Collection<PackageKey> packages) {
    return repository.findByPackages(packages);
  }

  public long count() {
    return repository.count();
  }
}
