package io.haetae.cli;

/**
 * A failure the user can act on, printed as one line (never a stack trace) with an exit code:
 * no hub in the data directory, a hub that cannot be reached, a key it refused.
 */
final class CommandFailure extends RuntimeException {

  private final int exitCode;

  CommandFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
