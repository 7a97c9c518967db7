package io.haetae.server.broadcast.internal;

import io.haetae.server.broadcast.Attachment;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a broadcast's content for the senders. */
@Component
class NoticeLoader {

  private final JdbcClient jdbc;

  NoticeLoader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  NoticeContent load(UUID id) {
    var attachments = jdbc.sql("SELECT name, content_type, content FROM broadcast_attachment WHERE broadcast_id = :id ORDER BY position")
        .param("id", id)
        .query((rs, n) -> new Attachment(rs.getString("name"), rs.getString("content_type"), rs.getBytes("content")))
        .list();
    return jdbc.sql("SELECT id, title, body_markdown, body_html, require_ack, created_at FROM broadcast_notice WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> new NoticeContent(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body_markdown"),
            rs.getString("body_html"), rs.getBoolean("require_ack"), BroadcastRepository.instant(rs, "created_at"), attachments))
        .single();
  }
}
