package io.haetae.cli;

import java.util.List;
import picocli.CommandLine;

/** Arguments passed through to Spring Boot must be settings ({@code --name.with.dots=value}). */
final class SpringArgs {

  private SpringArgs() {}

  static List<String> check(CommandLine.Model.CommandSpec spec, List<String> args) {
    for (String arg : args) {
      if (!arg.matches("--[A-Za-z0-9_-]+(\\.[A-Za-z0-9_\\[\\]-]+)+=.*")) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Unknown option or argument: '" + arg + "' (Spring Boot settings look like --server.port=9090)");
      }
    }
    return args;
  }
}
