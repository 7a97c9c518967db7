package io.haetae.server.inventory;

import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.sbom.Component;
import io.haetae.engine.sbom.PurlDeriver;
import io.haetae.engine.sbom.Sbom;
import io.haetae.engine.sbom.SbomException;
import io.haetae.engine.sbom.SbomReaders;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.inventory.internal.InventoryRepository;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects and their SBOMs. Every read that takes a {@link Caller} is scoped to what that caller
 * may see; a foreign project is indistinguishable from a missing one.
 */
@Service
public class InventoryService {

  private static final Logger log = LoggerFactory.getLogger(InventoryService.class);
  private static final SbomReaders READERS = SbomReaders.standard();

  private final InventoryRepository repository;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;

  InventoryService(InventoryRepository repository, ApplicationEventPublisher events, AuditLog audit) {
    this.repository = repository;
    this.events = events;
    this.audit = audit;
  }

  /** Where an upload goes: an existing project by id, or by name and version (created if allowed). */
  public record Target(UUID projectId, String name, String version, boolean autoCreate) {}

  /**
   * Parses and stores an SBOM for a project of the caller's organisation, replacing its previous
   * components, in one transaction. Analysis follows asynchronously; the upload's token tracks it.
   */
  @Transactional
  public Upload importSbom(Caller caller, Target target, byte[] content, String source) {
    caller.require(Capability.WRITE_INVENTORY);
    Sbom sbom;
    try {
      sbom = READERS.read(content, source);
    } catch (SbomException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    Project project = resolve(caller, target);
    List<StoredComponent> components = toStored(project, sbom.components());
    Instant now = Instant.now();
    repository.replaceComponents(project.id(), components);
    repository.touchProject(project.id(), now);
    var upload = new Upload(UUID.randomUUID(), project.id(), project.orgId(),
        sbom.format() + " " + sbom.specVersion(), components.size(), now, null, null, null);
    repository.insertUpload(upload);
    events.publishEvent(new SbomImported(upload.token(), project.id(), project.orgId(), components.size()));
    audit.record(caller, "sbom.upload", project.orgId(), "project " + project.id() + " (" + components.size() + " components)");
    log.atInfo().addKeyValue("org", project.orgId()).addKeyValue("project", project.id())
        .addKeyValue("components", components.size()).log("SBOM stored");
    return upload;
  }

  private Project resolve(Caller caller, Target target) {
    if (target.projectId() != null) {
      return visible(caller, TenantScope.writable(caller), target.projectId());
    }
    if (target.name() == null || target.name().isBlank()) {
      throw new BadInputException("either 'project' (a project uuid) or 'projectName' is required");
    }
    String name = target.name().strip();
    String version = target.version() == null ? "" : target.version().strip();
    if (name.length() > 255 || version.length() > 255) {
      throw new BadInputException("'projectName' and 'projectVersion' are limited to 255 characters");
    }
    var existing = repository.findProject(TenantScope.writable(caller), name, version);
    if (existing.isPresent()) return existing.get();
    if (!target.autoCreate()) throw new NotFoundException("project");
    var created = new Project(UUID.randomUUID(), caller.orgId(), name, version, Instant.now(), null);
    repository.insertProject(created);
    return created;
  }

  private static List<StoredComponent> toStored(Project project, List<Component> components) {
    var out = new ArrayList<StoredComponent>(components.size());
    for (Component c : components) {
      // A purl the SBOM lacks but its name/group/version imply still lets the component match.
      String purl = PurlDeriver.purlOf(c).orElse(null);
      var installed = InstalledPackage.fromPurl(purl);
      out.add(new StoredComponent(UUID.randomUUID(), project.id(), project.orgId(),
          truncate(c.name(), 1024), truncate(c.group(), 1024), truncate(c.version(), 255),
          truncate(purl, 2048), truncate(c.cpe(), 1024),
          installed.map(i -> i.key().ecosystem().name()).orElse(null),
          installed.map(i -> truncate(i.key().name(), 1024)).orElse(null)));
    }
    return out;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** A project the caller may see ({@link TenantScope#of}); empty for a missing or foreign one alike. */
  public Optional<Project> project(Caller caller, UUID id) {
    return scoped(caller, TenantScope.of(caller), id);
  }

  /** The project, or 404: a foreign one is audited as a refused access and answered like a missing one. */
  private Project visible(Caller caller, TenantScope scope, UUID id) {
    return scoped(caller, scope, id).orElseThrow(() -> new NotFoundException("project"));
  }

  private Optional<Project> scoped(Caller caller, TenantScope scope, UUID id) {
    var found = repository.findProject(scope, id);
    if (found.isEmpty() && repository.projectExists(id)) audit.refused(caller, "project " + id);
    return found;
  }

  /** Dependency-Track's lookup by name: within the caller's own organisation. */
  public Optional<Project> lookup(Caller caller, String name, String version) {
    return repository.findProject(TenantScope.own(caller), name, version == null ? "" : version);
  }

  public List<Project> projectsNamed(Caller caller, String name) {
    return repository.findProjects(TenantScope.own(caller), name);
  }

  /** The projects of the caller's own organisation. */
  public List<Project> projectsOf(Caller caller) {
    return repository.findProjects(TenantScope.own(caller), null);
  }

  @Transactional
  public void delete(Caller caller, UUID id) {
    caller.require(Capability.WRITE_INVENTORY);
    Project p = visible(caller, TenantScope.writable(caller), id);
    repository.deleteProject(p.id());
    events.publishEvent(new ProjectDeleted(p.id(), p.orgId()));
    audit.record(caller, "project.delete", p.orgId(), "project " + p.id());
  }

  public Optional<Upload> upload(Caller caller, UUID token) {
    return repository.findUpload(TenantScope.of(caller), token);
  }

  /** Components of a project, for analysis (module API: callers are other modules, not users). */
  public List<StoredComponent> components(UUID projectId) {
    return repository.componentsOf(projectId);
  }

  /**
   * Components of a visible project that no advisory can reach (no usable purl), each with
   * the reason, so they are reported instead of silently passing as clean.
   */
  public List<UnmatchedComponent> unmatched(Caller caller, UUID projectId) {
    Project p = project(caller, projectId).orElseThrow(() -> new NotFoundException("project"));
    return repository.componentsOf(p.id()).stream().filter(c -> c.ecosystem() == null)
        .map(UnmatchedComponent::of).toList();
  }

  /** Every stored component of the given packages, across all organisations (the reverse path). */
  public List<StoredComponent> componentsOf(Collection<PackageKey> packages) {
    return repository.componentsByPackage(packages);
  }

  /**
   * The projects among {@code projectIds} reachable from the internet (module API, for the due-date
   * policy: docs/deadlines.md). Set by a project tag or SBOM property "internet-facing".
   */
  public java.util.Set<UUID> internetFacing(Collection<UUID> projectIds) {
    return projectIds.isEmpty() ? java.util.Set.of() : repository.internetFacing(projectIds);
  }

  public void markAnalysed(UUID token, int findings, long tookMs) {
    repository.completeUpload(token, Instant.now(), findings, tookMs);
  }
}
