package io.haetae.engine.feed;

/** Control flow inside a reader only: names the JSON pointer of bad data; becomes a Rejected entry. */
final class Invalid extends RuntimeException {
  final String pointer;

  Invalid(String pointer, String reason) {
    super(reason, null, false, false);
    this.pointer = pointer;
  }
}
