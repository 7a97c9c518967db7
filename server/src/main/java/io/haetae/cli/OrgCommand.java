package io.haetae.cli;

import io.haetae.server.identity.ImportReport;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.OrganisationImport;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(name = "org", mixinStandardHelpOptions = true, description = "Manage organisations.", subcommands = {OrgCommand.Create.class, OrgCommand.Import.class})
final class OrgCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = {
      "Creates an organisation with its first user's account in the data directory.",
      "Roles: ciso (default), sector-operator (a ministry; --supervises its sectors), isac-analyst (--sector),",
      "operator (the national CERT; --operator is the same).",
      "Prints the first user's password, and an API key of that role as the last line."})
  static final class Create implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Organisation name")
    String name;

    @Option(names = "--ciso", required = true, paramLabel = "EMAIL", description = "The first user's e-mail (the CISO's); alerts go there")
    String ciso;

    @Option(names = "--sector", paramLabel = "SECTOR", description = "Sector, e.g. energy, health, finance")
    String sector;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "ciso",
        description = "ciso, sector-operator, isac-analyst or operator (default: ${DEFAULT-VALUE})")
    String role;

    @Option(names = "--supervises", paramLabel = "SECTOR[,SECTOR]", split = ",",
        description = "For --role sector-operator: the sectors the ministry supervises")
    List<String> supervises = new ArrayList<>();

    @Option(names = "--operator", description = "Same as --role operator")
    boolean operator;

    @Option(names = "--init", description = "Create an empty hub in the data directory if there is none")
    boolean init;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Role first;
      try {
        first = operator ? Role.OPERATOR : role(role);
        check(first);
      } catch (IllegalArgumentException e) {
        System.err.println("haetae org create: " + e.getMessage());
        return 2;
      }
      try (var hub = HubContext.open(SpringArgs.check(spec, springArgs), init)) {
        var organisations = hub.bean(OrganisationService.class);
        NewOrganisation created;
        var sectors = new LinkedHashSet<String>();
        supervises.forEach(s -> {
          String code = OrganisationDirectory.sectorCode(s);
          if (code != null) sectors.add(code);
        });
        try {
          String ownSector = first == Role.SECTOR_OPERATOR ? null : OrganisationDirectory.sectorCode(sector);
          created = organisations.create(name, ciso, ownSector, kind(first), first);
          for (String code : sectors) organisations.superviseSector(code, code, created.organisation().id());
        } catch (IllegalArgumentException e) {
          System.err.println("haetae org create: " + e.getMessage());
          return 2;
        }
        var org = created.organisation();
        System.out.println("Organisation " + org.name() + " created (" + org.id() + ") as " + org.sizeClass()
            + ", first user " + first.name().toLowerCase(Locale.ROOT).replace('_', '-')
            + (sectors.isEmpty() ? "" : ", supervising " + String.join(", ", sectors)));
        System.out.println("Sign-in: " + org.cisoEmail() + " / " + created.cisoPassword());
        System.out.println("API key (shown once):");
        System.out.println(created.apiKey());
        return 0;
      }
    }

    private void check(Role first) {
      if (first == Role.SECTOR_OPERATOR && supervises.isEmpty()) {
        throw new IllegalArgumentException("--role sector-operator needs --supervises SECTOR[,SECTOR]");
      }
      if (first != Role.SECTOR_OPERATOR && !supervises.isEmpty()) {
        throw new IllegalArgumentException("--supervises is for --role sector-operator");
      }
      if (first == Role.ISAC_ANALYST && (sector == null || sector.isBlank())) {
        throw new IllegalArgumentException("--role isac-analyst needs --sector SECTOR");
      }
    }

    static Role role(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
        case "ciso" -> Role.CISO;
        case "sector-operator" -> Role.SECTOR_OPERATOR;
        case "isac-analyst" -> Role.ISAC_ANALYST;
        case "operator" -> Role.OPERATOR;
        default -> throw new IllegalArgumentException("--role must be ciso, sector-operator, isac-analyst or operator, not '" + value + "'");
      };
    }

    /** The organisation kind a first role implies: a ministry, an ISAC, the CERT (an agency), or a company. */
    static SizeClass kind(Role first) {
      return switch (first) {
        case SECTOR_OPERATOR -> SizeClass.MINISTRY;
        case ISAC_ANALYST -> SizeClass.ISAC;
        case OPERATOR -> SizeClass.AGENCY;
        default -> SizeClass.LARGE_COMPANY;
      };
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = {
      "Creates or updates organisations from a CSV file (header: name,ciso_email,sector,size[,domains]),",
      "keyed by the CISO's e-mail. Bad rows are reported by line and field; the others are imported.",
      "Nobody is mailed; docs/organisations.md says how CISOs get their first sign-in."})
  static final class Import implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "UTF-8 CSV file (with or without BOM)")
    Path file;

    @Option(names = "--init", description = "Create an empty hub in the data directory if there is none")
    boolean init;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      byte[] csv;
      try {
        csv = Files.readAllBytes(file);
      } catch (IOException e) {
        System.err.println("haetae org import: cannot read " + file + ": " + e.getMessage());
        return 2;
      }
      try (var hub = HubContext.open(SpringArgs.check(spec, springArgs), init)) {
        long started = System.nanoTime();
        ImportReport report;
        try {
          report = hub.bean(OrganisationImport.class).importCsv(System.getProperty("user.name"), csv);
        } catch (io.haetae.server.web.BadInputException e) {
          System.err.println("haetae org import: " + file.getFileName() + ", " + e.getMessage());
          return 2;
        }
        for (ImportReport.Rejection r : report.rejected()) {
          System.err.println(file.getFileName() + ", " + r);
        }
        System.out.printf("created %d, updated %d, unchanged %d, rejected %d (%d ms)%n", report.created(), report.updated(),
            report.unchanged(), report.rejected().size(), (System.nanoTime() - started) / 1_000_000);
        return report.rejected().isEmpty() ? 0 : 1;
      }
    }
  }
}
