-- The oversight read model (docs/oversight.md): kept by events, rebuilt from the findings API.
-- Every row is keyed; listeners recompute the rows of one organisation (and its sector) under
-- a lock on oversight_org, so a redelivered event rewrites the same values instead of adding.

-- One row per finding: the timestamps the "months to days" measures are taken from.
CREATE TABLE oversight_finding (
  finding_id        UUID PRIMARY KEY,
  org_id            UUID NOT NULL,
  project_id        UUID NOT NULL,
  advisory_id       VARCHAR(255) NOT NULL,
  aliases           VARCHAR(2000) NOT NULL,
  component         VARCHAR(1024) NOT NULL,
  installed_version VARCHAR(255),
  fixed_version     VARCHAR(255),
  severity          VARCHAR(16) NOT NULL,
  kev               BOOLEAN NOT NULL,
  state             VARCHAR(20) NOT NULL,
  state_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  opened_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  due_date          DATE,
  published_at      TIMESTAMP WITH TIME ZONE,
  notified_at       TIMESTAMP WITH TIME ZONE,
  alert_id          UUID,
  fixed_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX oversight_finding_org_idx ON oversight_finding (org_id, state);
CREATE INDEX oversight_finding_project_idx ON oversight_finding (project_id, state);
CREATE INDEX oversight_finding_advisory_idx ON oversight_finding (advisory_id);
CREATE INDEX oversight_finding_alert_idx ON oversight_finding (alert_id);
CREATE INDEX oversight_finding_due_idx ON oversight_finding (due_date);

-- One row per alert: sent, acknowledged, escalated.
CREATE TABLE oversight_alert (
  alert_id        UUID PRIMARY KEY,
  org_id          UUID NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE,
  findings        INTEGER NOT NULL,
  acknowledged_at TIMESTAMP WITH TIME ZONE,
  acknowledged_by VARCHAR(320),
  escalated_at    TIMESTAMP WITH TIME ZONE,
  escalated_to    VARCHAR(320)
);
CREATE INDEX oversight_alert_org_idx ON oversight_alert (org_id);

-- One row per project (the asset view and SBOM coverage).
CREATE TABLE oversight_project (
  project_id   UUID PRIMARY KEY,
  org_id       UUID NOT NULL,
  name         VARCHAR(255) NOT NULL,
  version      VARCHAR(255) NOT NULL,
  components   INTEGER NOT NULL,
  last_sbom_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX oversight_project_org_idx ON oversight_project (org_id);

-- One row per supervised organisation: its figures now. sector '' = none.
CREATE TABLE oversight_org (
  org_id          UUID PRIMARY KEY,
  name            VARCHAR(200) NOT NULL,
  sector          VARCHAR(100) NOT NULL,
  ciso_email      VARCHAR(320),
  open_critical   BIGINT NOT NULL,
  open_high       BIGINT NOT NULL,
  open_medium     BIGINT NOT NULL,
  open_low        BIGINT NOT NULL,
  open_info       BIGINT NOT NULL,
  open_unassigned BIGINT NOT NULL,
  kev_open        BIGINT NOT NULL,
  overdue         BIGINT NOT NULL,
  alerts_unacked  BIGINT NOT NULL,
  projects        INTEGER NOT NULL,
  stale_projects  INTEGER NOT NULL,
  last_sbom_at    TIMESTAMP WITH TIME ZONE,
  refreshed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oversight_org_sector_idx ON oversight_org (sector);

-- A sector's lock row (recomputing its days) and the figures of each day, organisation and sector.
CREATE TABLE oversight_sector (
  sector VARCHAR(100) PRIMARY KEY
);
CREATE TABLE oversight_org_day (
  org_id UUID NOT NULL, on_day DATE NOT NULL,
  open_critical BIGINT NOT NULL, open_high BIGINT NOT NULL, kev_open BIGINT NOT NULL, overdue BIGINT NOT NULL,
  PRIMARY KEY (org_id, on_day)
);
CREATE TABLE oversight_sector_day (
  sector VARCHAR(100) NOT NULL, on_day DATE NOT NULL,
  open_critical BIGINT NOT NULL, open_high BIGINT NOT NULL, kev_open BIGINT NOT NULL, overdue BIGINT NOT NULL,
  PRIMARY KEY (sector, on_day)
);

-- Histograms of the durations (measure NOTIFY, ACK, FIX), per day the duration ended.
CREATE TABLE oversight_org_duration (
  org_id UUID NOT NULL, measure VARCHAR(8) NOT NULL, on_day DATE NOT NULL, bucket SMALLINT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (org_id, measure, on_day, bucket)
);
CREATE TABLE oversight_sector_duration (
  sector VARCHAR(100) NOT NULL, measure VARCHAR(8) NOT NULL, on_day DATE NOT NULL, bucket SMALLINT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (sector, measure, on_day, bucket)
);

-- SLA: per due date, findings due that day and those fixed by it.
CREATE TABLE oversight_org_sla (
  org_id UUID NOT NULL, on_day DATE NOT NULL, due BIGINT NOT NULL, met BIGINT NOT NULL,
  PRIMARY KEY (org_id, on_day)
);
CREATE TABLE oversight_sector_sla (
  sector VARCHAR(100) NOT NULL, on_day DATE NOT NULL, due BIGINT NOT NULL, met BIGINT NOT NULL,
  PRIMARY KEY (sector, on_day)
);
