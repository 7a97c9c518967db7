package io.haetae.engine.advisory;

/** An OSV reference: {@code type} as OSV spells it (ADVISORY, FIX, WEB, PACKAGE, ...). */
public record Reference(String type, String url) {}
