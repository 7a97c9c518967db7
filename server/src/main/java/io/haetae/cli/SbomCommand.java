package io.haetae.cli;

import io.haetae.engine.generate.SbomGenerator;
import io.haetae.engine.sbom.CycloneDxJsonWriter;
import io.haetae.engine.sbom.CycloneDxXmlWriter;
import io.haetae.engine.sbom.SbomException;
import io.haetae.engine.sbom.SpdxJsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code haetae sbom generate DIR -o bom.json}: CycloneDX 1.6 JSON from the lockfiles and OS
 * package databases under a folder. Engine only: no Spring context starts.
 */
@Command(name = "sbom", mixinStandardHelpOptions = true, description = "SBOM tools.",
    subcommands = SbomCommand.Generate.class)
final class SbomCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "generate", mixinStandardHelpOptions = true, description = {
      "Writes a CycloneDX 1.6 JSON SBOM of every lockfile and OS package database under DIR",
      "(package-lock.json, yarn.lock, pnpm-lock.yaml, requirements*.txt, Pipfile.lock, poetry.lock, uv.lock,",
      "go.mod, Cargo.lock, composer.lock, Gemfile.lock, packages.lock.json, gradle.lockfile, pom.xml,",
      "*.jar/*.war/*.ear, var/lib/dpkg/status, lib/apk/db/installed).",
      "The folder's project is metadata.component; its direct dependencies are its edges."})
  static final class Generate implements Callable<Integer> {

    private static final List<String> FORMATS = List.of("cyclonedx", "cyclonedx-xml", "spdx");

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: standard output)")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cyclonedx",
        description = "cyclonedx (CycloneDX 1.6 JSON, default), cyclonedx-xml (CycloneDX 1.6 XML) or spdx (SPDX 2.3 JSON)")
    String format;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(dir) || !FORMATS.contains(format)) {
        System.err.println("haetae sbom generate: DIR must be a folder and --format cyclonedx, cyclonedx-xml or spdx");
        return 2;
      }
      var generator = SbomGenerator.standard();
      try {
        var sbom = generator.generate(dir);
        var json = switch (format) {
          case "spdx" -> new SpdxJsonWriter().write(sbom, "haetae");
          case "cyclonedx-xml" -> new CycloneDxXmlWriter().write(sbom, "haetae");
          default -> new CycloneDxJsonWriter().write(sbom, "haetae");
        };
        if (output == null) {
          System.out.write(json);
          System.out.println();
        } else {
          Files.write(output, json);
          System.err.println("haetae sbom generate: " + sbom.components().size() + " components from "
              + generator.lockfiles(dir).size() + " files written to " + output);
        }
        return 0;
      } catch (SbomException e) {
        System.err.println("haetae sbom generate: " + e.getMessage());
        return 1;
      }
    }
  }
}
