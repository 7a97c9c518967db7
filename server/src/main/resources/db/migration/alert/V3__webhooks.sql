-- Issue 12 (3b): webhooks per organisation, signed as Standard Webhooks says (docs/webhooks.md).
CREATE TABLE alert_webhook (
  id              UUID PRIMARY KEY,
  org_id          UUID NOT NULL,
  url             VARCHAR(2000) NOT NULL,
  -- whsec_ + base64 of the key: needed to sign every delivery, never shown again after creation.
  secret          VARCHAR(200) NOT NULL,
  min_severity    VARCHAR(16) NOT NULL,
  events          VARCHAR(500) NOT NULL,
  enabled         BOOLEAN NOT NULL,
  disabled_reason VARCHAR(500),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by      VARCHAR(320) NOT NULL
);
CREATE INDEX alert_webhook_org_idx ON alert_webhook (org_id);

-- One message per (event, endpoint). The id is the webhook-id header: derived from the event and
-- the endpoint, so a redelivered event inserts nothing and every retry carries the same id.
CREATE TABLE alert_webhook_message (
  id              VARCHAR(64) PRIMARY KEY,
  webhook_id      UUID NOT NULL,
  org_id          UUID NOT NULL,
  event_type      VARCHAR(64) NOT NULL,
  payload         TEXT NOT NULL,
  state           VARCHAR(16) NOT NULL,
  attempts        INTEGER NOT NULL,
  -- When the next attempt is due; while an attempt is in flight, the end of its lease.
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  delivered_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alert_webhook_message_due_idx ON alert_webhook_message (state, next_attempt_at);
CREATE INDEX alert_webhook_message_hook_idx ON alert_webhook_message (webhook_id, created_at);

-- Every attempt, as the organisation sees it on /webhooks and in the API.
CREATE TABLE alert_webhook_attempt (
  message_id      VARCHAR(64) NOT NULL,
  attempt         INTEGER NOT NULL,
  webhook_id      UUID NOT NULL,
  attempted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  status          INTEGER,
  error           VARCHAR(500),
  duration_ms     INTEGER NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (message_id, attempt)
);
CREATE INDEX alert_webhook_attempt_hook_idx ON alert_webhook_attempt (webhook_id, attempted_at);
