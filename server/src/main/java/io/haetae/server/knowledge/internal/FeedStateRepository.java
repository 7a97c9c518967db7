package io.haetae.server.knowledge.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The validators and outcome of each feed's last pull. */
@Repository
class FeedStateRepository {

  record FeedState(String name, String url, String etag, String lastModified, String partialEtag) {}

  private final JdbcClient jdbc;

  FeedStateRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<FeedState> find(String name) {
    return jdbc.sql("SELECT name, url, etag, last_modified, partial_etag FROM knowledge_feed_state WHERE name = :name")
        .param("name", name).query(FeedState.class).optional();
  }

  /** Saves the state after a pull; {@code imported} says whether a new version was imported. */
  void save(FeedState state, boolean imported, String outcome) {
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    int updated = jdbc.sql("""
        UPDATE knowledge_feed_state SET url = :url, etag = :etag, last_modified = :lm, partial_etag = :partial,
          checked_at = :now, imported_at = CASE WHEN :imported THEN :now ELSE imported_at END, outcome = :outcome
        WHERE name = :name""")
        .param("name", state.name()).param("url", state.url()).param("etag", state.etag())
        .param("lm", state.lastModified()).param("partial", state.partialEtag()).param("now", now)
        .param("imported", imported).param("outcome", clip(outcome)).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO knowledge_feed_state (name, url, etag, last_modified, partial_etag, checked_at, imported_at, outcome)
          VALUES (:name, :url, :etag, :lm, :partial, :now, :importedAt, :outcome)""")
          .param("name", state.name()).param("url", state.url()).param("etag", state.etag())
          .param("lm", state.lastModified()).param("partial", state.partialEtag()).param("now", now)
          .param("importedAt", imported ? now : null).param("outcome", clip(outcome)).update();
    }
  }

  private static String clip(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 999) + "…";
  }
}
