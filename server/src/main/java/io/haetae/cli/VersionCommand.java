package io.haetae.cli;

import io.haetae.engine.version.CompareLines;
import io.haetae.engine.version.Ecosystem;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code haetae version ...}: version tools for operators and scripts. Engine only: no Spring
 * context starts on this path.
 *
 * <pre>
 * printf '1.0.0\t1.0.0-rc.1\n' | ./haetae version compare npm
 * 1.0.0	1.0.0-rc.1	1
 * </pre>
 */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Version tools: compare versions as each ecosystem orders them.",
    subcommands = {VersionCommand.CompareCommand.class})
final class VersionCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code haetae version compare ECOSYSTEM}: A&lt;TAB&gt;B lines on stdin, results on stdout. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = {
          "Reads A<TAB>B lines on stdin and prints A<TAB>B<TAB>-1|0|1 in the same order,",
          "or A<TAB>B<TAB>error<TAB>reason when the ecosystem rejects a version."})
  static final class CompareCommand implements Callable<Integer> {

    /** Exit code for an ecosystem name we do not know. */
    static final int UNKNOWN_ECOSYSTEM = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ECOSYSTEM",
        description = "As OSV spells it: Maven, npm, PyPI, Go, crates.io, NuGet, RubyGems, Packagist, Debian, Alpine, RPM...")
    String ecosystem;

    @Override
    public Integer call() {
      Optional<Ecosystem> eco = CompareLines.ecosystemNamed(ecosystem);
      if (eco.isEmpty()) {
        spec.commandLine().getErr().println(CompareLines.unknownEcosystem(ecosystem));
        return UNKNOWN_ECOSYSTEM;
      }
      var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
      var out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), false);
      try {
        CompareLines.run(eco.get(), in, out);
      } catch (IOException e) {
        throw new UncheckedIOException("reading versions from stdin", e);
      }
      out.flush();
      return 0;
    }
  }
}
