package io.haetae.server.demo;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.knowledge.AdvisoryImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * {@code ./haetae serve --demo}: a national operator and two organisations with one SBOM each,
 * and real advisories that affect them. Passwords are new random ones at every start and are
 * printed once; there are no default credentials.
 */
@Component
@ConditionalOnProperty(name = "haetae.demo", havingValue = "true")
class DemoData implements ApplicationRunner {

  private record DemoOrg(String name, String email, String sector, Role role, SizeClass size, String sbom, String project,
      String version) {}

  private static final List<DemoOrg> ORGS = List.of(
      new DemoOrg("National CERT", "operator@cert.demo", "government", Role.OPERATOR, SizeClass.AGENCY, null, null, null),
      new DemoOrg("Hanbit Energy", "ciso@hanbit-energy.demo", "energy", Role.CISO, SizeClass.LARGE_COMPANY,
          "demo/hanbit-energy-scada-gateway.cdx.json", "scada-gateway", "4.2.0"),
      new DemoOrg("Saebyeok Hospital", "ciso@saebyeok-hospital.demo", "health", Role.CISO, SizeClass.LARGE_COMPANY,
          "demo/saebyeok-hospital-patient-records.cdx.json", "patient-records", "2.3.1"),
      // Oversees the energy sector only: sees Hanbit Energy, never the hospital.
      new DemoOrg("Ministry of Energy", "sector@energy-ministry.demo", "energy", Role.SECTOR_OPERATOR, SizeClass.MINISTRY,
          null, null, null));

  private final OrganisationService organisations;
  private final InventoryService inventory;
  private final AdvisoryImporter importer;

  DemoData(OrganisationService organisations, InventoryService inventory, AdvisoryImporter importer) {
    this.organisations = organisations;
    this.inventory = inventory;
    this.importer = importer;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    importAdvisories();
    var lines = new ArrayList<String>();
    for (DemoOrg demo : ORGS) {
      // A new organisation comes with its first key; at a later start a fresh key is issued (the
      // old ones were printed once and are stored hashed). Every key made is printed, with its role.
      var existing = organisations.findByName(demo.name());
      Organisation org;
      String apiKey;
      if (existing.isPresent()) {
        org = existing.get();
        apiKey = organisations.issueKey(org.id(), "demo", demo.role());
      } else {
        var created = organisations.create(demo.name(), demo.email(), demo.sector(), demo.size(), demo.role());
        org = created.organisation();
        apiKey = created.apiKey();
      }
      if (demo.role() == Role.SECTOR_OPERATOR) organisations.superviseSector(demo.sector(), "Energy", org.id());
      String password = OrganisationService.newPassword();
      organisations.setPassword(demo.email(), password);
      if (demo.sbom() != null) uploadSbom(org, demo);
      lines.add("  %-18s %-30s password %s%n  %-18s API key %s acting as %s".formatted(demo.name(), demo.email(), password,
          "", apiKey, demo.role()));
    }
    System.out.println();
    System.out.println("Haetae demo is loaded. Sign in at the hub's address with:");
    lines.forEach(System.out::println);
    System.out.println("Mail the hub sends (invitations, alerts) is caught in the hub: operators read it at /demo/mail.");
    System.out.println();
  }

  private void importAdvisories() throws IOException {
    Path file = Files.createTempFile("haetae-demo", ".jsonl");
    try (InputStream in = new ClassPathResource("demo/advisories.jsonl").getInputStream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      importer.importOsv(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void uploadSbom(Organisation org, DemoOrg demo) throws IOException {
    byte[] bom;
    try (InputStream in = new ClassPathResource(demo.sbom()).getInputStream()) {
      bom = in.readAllBytes();
    }
    var caller = new Caller(org.id(), org.name(), demo.email(), Role.CISO);
    inventory.importSbom(caller, new InventoryService.Target(null, demo.project(), demo.version(), true), bom, demo.sbom());
  }
}
