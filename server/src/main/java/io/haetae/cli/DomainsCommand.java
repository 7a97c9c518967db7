package io.haetae.cli;

import io.haetae.engine.domain.DomainMatch;
import io.haetae.engine.domain.LookalikeIndex;
import io.haetae.engine.domain.ObservedDomain;
import io.haetae.engine.domain.ObservedReaders;
import io.haetae.engine.domain.ObservedSink;
import io.haetae.engine.domain.ProtectedLists;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code haetae domains ...}: look-alike domain checks that need no hub. */
@Command(name = "domains", mixinStandardHelpOptions = true, description = "Look-alike domain watch, offline.",
    subcommands = DomainsCommand.Check.class)
final class DomainsCommand {

  @Command(name = "check", mixinStandardHelpOptions = true, description = {
      "Checks observed domains against protected names; prints one line per match and nothing for the others.",
      "--protected: one name a line, a domain when it has a dot, a brand when not; own:DOMAIN never alerts.",
      "--observed: a list (domain or domain,first_seen per line), its .gz, or RFC 6962 get-entries JSON.",
      "Bad lines are reported on stderr by line and skipped. Exit 0, or 2 for unusable input."})
  static final class Check implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--protected", required = true, paramLabel = "FILE")
    Path protectedFile;

    @Option(names = "--observed", required = true, paramLabel = "FILE")
    Path observedFile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json (one object a line)")
    String format;

    @Option(names = "--min-score", defaultValue = "0", paramLabel = "N", description = "Only matches scoring at least N (0..100)")
    int minScore;

    @Override
    public Integer call() throws IOException {
      if (!format.equals("json") && !format.equals("text")) return usage("--format is text or json");
      for (Path p : List.of(protectedFile, observedFile)) if (!Files.isRegularFile(p)) return usage(p + ": no such file");
      var builder = LookalikeIndex.builder();
      for (String r : ProtectedLists.read(protectedFile, builder)) System.err.println(protectedFile.getFileName() + ", " + r);
      var index = builder.build();
      if (index.size() == 0) return usage(protectedFile + ": no protected names");
      var out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
      String source = observedFile.getFileName().toString();
      try {
        ObservedReaders.read(observedFile, new ObservedSink() {
          @Override
          public void domain(ObservedDomain d) {
            List<DomainMatch> matches;
            try {
              matches = index.match(d.name(), d.firstSeen());
            } catch (IllegalArgumentException e) {
              rejected(d.where(), "'" + d.name() + "': " + e.getMessage());
              return;
            }
            for (DomainMatch m : matches) if (m.score() >= minScore) write(out, m);
          }

          @Override
          public void rejected(String where, String reason) {
            System.err.println(source + ", " + where + ": " + reason);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      out.flush();
      return 0;
    }

    private void write(BufferedWriter out, DomainMatch m) {
      try {
        if (format.equals("json")) {
          var o = new LinkedHashMap<String, Object>();
          o.put("domain", m.display());
          if (!m.display().equals(m.domain())) o.put("ascii", m.domain());
          o.put("protected", m.protectedName().name());
          o.put("owner", m.protectedName().owner());
          o.put("technique", m.technique().id());
          o.put("score", m.score());
          o.put("reasons", m.reasons());
          if (m.firstSeen() != null) o.put("firstSeen", m.firstSeen().toString());
          out.write(JSON.writeValueAsString(o));
        } else {
          out.write(m.score() + "\t" + m.technique().id() + "\t" + m.display() + "\t" + m.protectedName().name()
              + "\t" + String.join("; ", m.reasons()));
        }
        out.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static int usage(String message) {
      System.err.println("haetae domains check: " + message);
      return 2;
    }
  }
}
