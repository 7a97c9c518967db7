package io.haetae.cli;

import io.haetae.server.HaetaeApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
    "Starts the hub (default http://localhost:8080, H2 database under $HAETAE_DATA_DIR, else the data folder beside ./haetae).",
    "Spring Boot options pass through, e.g. --server.port=9090 --spring.mail.host=smtp.example.org"})
final class ServeCommand implements Callable<Integer> {

  /** Set once the server runs, so main does not exit the JVM under it. */
  static volatile boolean serving;

  @Option(names = "--demo", description = "Load demo organisations, advisories and SBOMs, and print the demo sign-ins.")
  boolean demo;

  @Unmatched
  List<String> springArgs = new ArrayList<>();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var args = new ArrayList<>(SpringArgs.check(spec, springArgs));
    DataDirectory data = DataDirectory.resolve();
    System.err.println(data.describe(DataDirectory.embedded(args)));
    args.add(0, data.springArg());
    if (demo) args.add("--haetae.demo=true");
    SpringApplication.run(HaetaeApplication.class, args.toArray(String[]::new));
    serving = true;
    return 0;
  }
}
