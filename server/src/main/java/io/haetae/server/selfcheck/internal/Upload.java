package io.haetae.server.selfcheck.internal;

/** One uploaded file: the name it was sent with (only its last path segment is kept) and its bytes. */
record Upload(String name, byte[] content) {

  Upload {
    name = name == null ? "" : name.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
  }
}
