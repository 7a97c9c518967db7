package io.haetae.engine.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of protected names for the offline check: one a line, a domain when it has a dot,
 * a brand when it has none, {@code own:domain} for a domain that is the owner's own (never a
 * match) without being protected; {@code owner,name} gives the owner, otherwise the file's name
 * is. Blank lines and {@code #} comments are skipped.
 */
public final class ProtectedLists {

  private ProtectedLists() {}

  /** Adds the file's names to the builder; returns the rejected lines ("line 3: reason"). */
  public static List<String> read(Path file, LookalikeIndex.Builder into) throws IOException {
    var rejected = new ArrayList<String>();
    String fileOwner = file.getFileName().toString();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String s = line.strip();
      if (n == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') s = s.substring(1);
      if (s.isEmpty() || s.startsWith("#")) continue;
      String owner = fileOwner;
      int comma = s.indexOf(',');
      if (comma >= 0) {
        owner = s.substring(0, comma).strip();
        s = s.substring(comma + 1).strip();
      }
      try {
        if (s.startsWith("own:")) into.own(owner, s.substring(4).strip());
        else if (s.contains(".")) into.domain(owner, s);
        else into.brand(owner, s);
      } catch (IllegalArgumentException e) {
        rejected.add("line " + n + ": '" + s + "': " + e.getMessage());
      }
    }
    return rejected;
  }
}
