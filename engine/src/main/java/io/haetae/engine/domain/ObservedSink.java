package io.haetae.engine.domain;

/** Receives what a reader finds: domains, and the lines it had to skip (with why). */
public interface ObservedSink {

  void domain(ObservedDomain d);

  /** A skipped line or entry: {@code where} is "line 12" or "entry 3". */
  void rejected(String where, String reason);
}
