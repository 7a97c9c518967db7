-- Issue 12: notices to many organisations. A broadcast and all its recipient rows are written
-- in one transaction; sender workers claim pending rows (FOR UPDATE SKIP LOCKED), send them over
-- one SMTP connection per batch and mark them sent in the same transaction (docs/broadcasts.md).
CREATE TABLE broadcast_notice (
  id            UUID PRIMARY KEY,
  kind          VARCHAR(60) NOT NULL,
  title         VARCHAR(300) NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html     TEXT NOT NULL,
  audience      VARCHAR(1000) NOT NULL,
  require_ack   BOOLEAN NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by    VARCHAR(320) NOT NULL,
  sender_org    UUID NOT NULL,
  recipients    INT NOT NULL
);
CREATE INDEX broadcast_notice_sender_idx ON broadcast_notice (sender_org, created_at);

CREATE TABLE broadcast_attachment (
  broadcast_id  UUID NOT NULL REFERENCES broadcast_notice (id),
  position      INT NOT NULL,
  name          VARCHAR(200) NOT NULL,
  content_type  VARCHAR(100) NOT NULL,
  content       BYTEA NOT NULL,
  PRIMARY KEY (broadcast_id, position)
);

-- One row per addressed organisation. state: PENDING, SENT, FAILED. The address and language
-- are copied at creation: the notice goes where the organisation's CISO was when it was sent.
CREATE TABLE broadcast_recipient (
  broadcast_id    UUID NOT NULL REFERENCES broadcast_notice (id),
  org_id          UUID NOT NULL,
  org_name        VARCHAR(200) NOT NULL,
  email           VARCHAR(320) NOT NULL,
  language        VARCHAR(8) NOT NULL,
  state           VARCHAR(10) NOT NULL,
  attempts        INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE,
  error           VARCHAR(500),
  acknowledged_at TIMESTAMP WITH TIME ZONE,
  acknowledged_by VARCHAR(320),
  PRIMARY KEY (broadcast_id, org_id)
);
CREATE INDEX broadcast_recipient_pending_idx ON broadcast_recipient (state, next_attempt_at);

-- The key that signs acknowledgement links (one row, made on first use), unless configured.
CREATE TABLE broadcast_link_key (
  id     INT PRIMARY KEY,
  secret VARCHAR(100) NOT NULL
);
