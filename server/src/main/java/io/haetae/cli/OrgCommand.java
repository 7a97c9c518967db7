package io.haetae.cli;

import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(name = "org", mixinStandardHelpOptions = true, description = "Manage organisations.", subcommands = OrgCommand.Create.class)
final class OrgCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = {
      "Creates an organisation with its CISO account in the data directory.",
      "Prints the CISO's first password, and the organisation's API key as the last line."})
  static final class Create implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Organisation name")
    String name;

    @Option(names = "--ciso", required = true, paramLabel = "EMAIL", description = "The CISO's e-mail; alerts go there")
    String ciso;

    @Option(names = "--sector", paramLabel = "SECTOR", description = "Sector, e.g. energy, health, finance")
    String sector;

    @Option(names = "--operator", description = "Give the organisation the national operator role")
    boolean operator;

    @Option(names = "--init", description = "Create an empty hub in the data directory if there is none")
    boolean init;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (var hub = HubContext.open(SpringArgs.check(spec, springArgs), init)) {
        NewOrganisation created;
        try {
          created = hub.bean(OrganisationService.class).create(name, ciso, sector, operator);
        } catch (IllegalArgumentException e) {
          System.err.println("haetae org create: " + e.getMessage());
          return 2;
        }
        var org = created.organisation();
        System.out.println("Organisation " + org.name() + " created (" + org.id() + ")" + (org.operator() ? ", national operator" : ""));
        System.out.println("CISO sign-in: " + org.cisoEmail() + " / " + created.cisoPassword());
        System.out.println("API key (shown once):");
        System.out.println(created.apiKey());
        return 0;
      }
    }
  }
}
