package io.haetae.server.identity;

import io.haetae.server.identity.internal.DirectoryRepository;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Who can be addressed: the CISO addresses of organisations selected by sector, business size
 * or id, for notices sent on the hub's behalf (broadcasts, check invitations). Sector codes are
 * compared in their normal form ({@link #sectorCode}), so "Water" and "water " are one sector.
 */
@Service
public class OrganisationDirectory {

  private final DirectoryRepository repository;

  OrganisationDirectory(DirectoryRepository repository) {
    this.repository = repository;
  }

  /**
   * The addressees of every organisation when {@code everyone}; otherwise of those matching all
   * the non-empty filters (a sector of {@code sectors}, a size of {@code sizes}, an id of
   * {@code organisations}). All filters empty and not everyone: nobody.
   */
  public List<Addressee> addressees(boolean everyone, Set<String> sectors, Set<BusinessSize> sizes, Set<UUID> organisations) {
    if (!everyone && sectors.isEmpty() && sizes.isEmpty() && organisations.isEmpty()) return List.of();
    return repository.addressees(everyone,
        sectors.stream().map(OrganisationDirectory::sectorCode).collect(Collectors.toSet()),
        sizes.stream().map(BusinessSize::name).collect(Collectors.toSet()), organisations);
  }

  /** The sectors the hub knows (codes), in order. */
  public List<String> sectors() {
    return repository.sectorCodes();
  }

  /** The organisations of {@code ids} that exist, with their sector codes (null when none). */
  public java.util.Map<UUID, String> sectorsOf(Collection<UUID> ids) {
    return repository.sectorsOf(ids);
  }

  /** A sector's code: trimmed, inner spaces collapsed to one, lower-case; null for blank. */
  public static String sectorCode(String sector) {
    if (sector == null || sector.isBlank()) return null;
    return sector.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
