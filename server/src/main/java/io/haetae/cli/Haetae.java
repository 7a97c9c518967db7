package io.haetae.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code ./haetae serve} starts the hub; the other commands work on the
 * local data directory or talk to a running hub. Engine-only commands (version, scan) start
 * no Spring context.
 */
@Command(
    name = "haetae",
    mixinStandardHelpOptions = true,
    version = "Haetae 0.1.0",
    description = "National vulnerability and patch coordination hub.",
    subcommands = {
        ServeCommand.class,
        OrgCommand.class,
        ImportCommand.class,
        VersionCommand.class,
        SbomCommand.class,
        ScanCommand.class,
        DomainsCommand.class,
    })
public final class Haetae implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = run(args);
    // A running server keeps the JVM alive; every other command ends here.
    if (!ServeCommand.serving) System.exit(code);
  }

  /** Runs a command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    return new CommandLine(new Haetae())
        // A failure the user can act on is one line on stderr, never a stack trace.
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          if (e instanceof CommandFailure f) {
            cmd.getErr().println("haetae " + cmd.getCommandName() + ": " + f.getMessage());
            return f.exitCode();
          }
          throw e;
        })
        // Spring Boot settings (--server.port=9090) pass through to the commands that start the hub;
        // SpringArgs checks that nothing else slipped through.
        .setUnmatchedOptionsArePositionalParams(true)
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
