package io.haetae.server.knowledge;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.knowledge.internal.AdvisoryRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads the advisory store: by id or alias, and by package for matching. Advisories are public knowledge. */
@Service
public class AdvisoryCatalog {

  private final AdvisoryRepository repository;

  AdvisoryCatalog(AdvisoryRepository repository) {
    this.repository = repository;
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
