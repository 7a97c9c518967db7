package io.haetae.server.broadcast.internal;

import io.haetae.server.broadcast.Attachment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What every recipient of one broadcast gets, loaded once per sending process. */
record NoticeContent(UUID id, String title, String markdown, String html, boolean requireAcknowledgement, Instant createdAt,
    List<Attachment> attachments) {}
