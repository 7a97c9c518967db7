-- Issue 12: an alert is a record with a lifecycle (SENT -> ACKNOWLEDGED, SENT -> ESCALATED ->
-- ACKNOWLEDGED), one per (analysis, organisation). The row is written in the same transaction
-- that completes the event publication, so a redelivered event finds it and sends nothing twice.
CREATE TABLE alert_alert (
  id              UUID PRIMARY KEY,
  analysis_id     UUID NOT NULL,
  org_id          UUID NOT NULL,
  state           VARCHAR(16) NOT NULL,
  message_id      VARCHAR(200) NOT NULL,
  severity        VARCHAR(16) NOT NULL,
  urgent          BOOLEAN NOT NULL,
  tlp             VARCHAR(16) NOT NULL,
  projects        VARCHAR(2000) NOT NULL,
  recipients      VARCHAR(4000) NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  acknowledged_at TIMESTAMP WITH TIME ZONE,
  acknowledged_by VARCHAR(320),
  escalated_at    TIMESTAMP WITH TIME ZONE,
  escalated_to    VARCHAR(4000),
  CONSTRAINT alert_alert_analysis_uq UNIQUE (analysis_id, org_id)
);
CREATE INDEX alert_alert_org_idx ON alert_alert (org_id, created_at);
CREATE INDEX alert_alert_escalation_idx ON alert_alert (state, urgent, sent_at);

-- The findings an alert reported, as they were when it was sent, with the recommendation.
CREATE TABLE alert_finding (
  alert_id        UUID NOT NULL,
  finding_id      UUID NOT NULL,
  position        INTEGER NOT NULL,
  project_id      UUID NOT NULL,
  component_key   VARCHAR(2048) NOT NULL,
  component       VARCHAR(1200) NOT NULL,
  component_version VARCHAR(255),
  advisory_id     VARCHAR(255) NOT NULL,
  aliases         VARCHAR(2000) NOT NULL,
  title           VARCHAR(1000) NOT NULL,
  severity        VARCHAR(16) NOT NULL,
  score           DOUBLE PRECISION,
  kev             BOOLEAN NOT NULL,
  epss            DOUBLE PRECISION,
  tlp             VARCHAR(16) NOT NULL,
  upgrade_to      VARCHAR(255),
  workaround      VARCHAR(4000),
  due_date        DATE,
  PRIMARY KEY (alert_id, finding_id)
);

-- Who gets mail, per organisation, from which severity up ('OFF': never). The in-app inbox
-- always shows every alert. No row: the CISO gets every alert, as before.
CREATE TABLE alert_setting (
  org_id         UUID PRIMARY KEY,
  ciso_min       VARCHAR(16) NOT NULL,
  members_min    VARCHAR(16) NOT NULL,
  extra_min      VARCHAR(16) NOT NULL,
  extra_addresses VARCHAR(4000) NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by     VARCHAR(320) NOT NULL
);

-- The key that signs one-click acknowledgement links: made once, kept across restarts.
CREATE TABLE alert_link_key (
  id         INTEGER PRIMARY KEY,
  secret     VARCHAR(200) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
