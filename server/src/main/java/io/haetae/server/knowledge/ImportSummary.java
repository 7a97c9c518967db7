package io.haetae.server.knowledge;

import java.util.List;

/**
 * What an import did. {@code rejected} lists each refused record as
 * "file:line (entry) /json/pointer: reason".
 */
public record ImportSummary(int read, int inserted, int updated, int unchanged, List<String> rejected) {

  public ImportSummary {
    rejected = List.copyOf(rejected);
  }

  /** The same summary with a file's path in the rejections replaced by the name the user knows it by. */
  public ImportSummary naming(String path, String name) {
    return new ImportSummary(read, inserted, updated, unchanged, rejected.stream().map(r -> r.replace(path, name)).toList());
  }

  public boolean clean() {
    return rejected.isEmpty();
  }

  @Override
  public String toString() {
    return "%d read, %d new, %d updated, %d unchanged, %d rejected".formatted(read, inserted, updated, unchanged, rejected.size());
  }
}
