-- Issue 16 (part 4): incident cases and the review committee (docs/incidents.md).
-- kind: AI_SERVICE (convenes the committee) or PRODUCT. rsit_class: an ENISA Reference Security
-- Incident Taxonomy class. aware_at starts the NIS2 article 23 reporting clocks, shown in zone.
CREATE TABLE incident_case (
  id            UUID PRIMARY KEY,
  org_id        UUID NOT NULL,
  org_name      VARCHAR(200) NOT NULL,
  org_sector    VARCHAR(100),
  title         VARCHAR(300) NOT NULL,
  kind          VARCHAR(16) NOT NULL,
  service       VARCHAR(300) NOT NULL,
  service_purl  VARCHAR(1000),
  description   TEXT NOT NULL,
  severity      VARCHAR(16) NOT NULL,
  tlp           VARCHAR(16) NOT NULL,
  rsit_class    VARCHAR(40) NOT NULL,
  aware_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  zone_id       VARCHAR(64) NOT NULL,
  opened_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  opened_by     VARCHAR(320) NOT NULL
);
CREATE INDEX incident_case_org_idx ON incident_case (org_id, opened_at);

-- The roster as it stood when the committee was convened; mailed_at is the claim that the
-- summons went out (the listener skips a member already mailed), joined_at set by the signed link.
CREATE TABLE incident_member (
  id         UUID PRIMARY KEY,
  case_id    UUID NOT NULL REFERENCES incident_case (id),
  name       VARCHAR(200) NOT NULL,
  email      VARCHAR(320) NOT NULL,
  language   VARCHAR(8) NOT NULL,
  mailed_at  TIMESTAMP WITH TIME ZONE,
  joined_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX incident_member_case_idx ON incident_member (case_id);

CREATE TABLE incident_task (
  id         UUID PRIMARY KEY,
  case_id    UUID NOT NULL REFERENCES incident_case (id),
  title      VARCHAR(500) NOT NULL,
  owner      VARCHAR(320) NOT NULL,
  due_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  done_at    TIMESTAMP WITH TIME ZONE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by VARCHAR(320) NOT NULL
);
CREATE INDEX incident_task_case_idx ON incident_task (case_id);

-- The timeline: what happened when (occurred_at, in the zone the writer gave), of what category,
-- from which source; the hub adds its own entries (opened, convened, joined, evidence, decision).
CREATE TABLE incident_event (
  id          UUID PRIMARY KEY,
  case_id     UUID NOT NULL REFERENCES incident_case (id),
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
  zone_id     VARCHAR(64) NOT NULL,
  category    VARCHAR(32) NOT NULL,
  source      VARCHAR(200) NOT NULL,
  text        VARCHAR(4000) NOT NULL,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  recorded_by VARCHAR(320) NOT NULL
);
CREATE INDEX incident_event_case_idx ON incident_event (case_id, occurred_at);

-- Decisions are appended, never changed: the hub has no statement that updates or deletes them,
-- and (case_id, seq) numbers them without gaps so a removed entry would show.
CREATE TABLE incident_decision (
  case_id     UUID NOT NULL REFERENCES incident_case (id),
  seq         INTEGER NOT NULL,
  text        VARCHAR(8000) NOT NULL,
  decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_by  VARCHAR(320) NOT NULL,
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE incident_evidence (
  id           UUID PRIMARY KEY,
  case_id      UUID NOT NULL REFERENCES incident_case (id),
  name         VARCHAR(200) NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  byte_size    BIGINT NOT NULL,
  sha256       VARCHAR(64) NOT NULL,
  content      BYTEA NOT NULL,
  added_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  added_by     VARCHAR(320) NOT NULL
);
CREATE INDEX incident_evidence_case_idx ON incident_evidence (case_id);

-- Chain of custody: every addition and download of an evidence file, by whom, from where, when.
CREATE TABLE incident_custody (
  id          UUID PRIMARY KEY,
  evidence_id UUID NOT NULL REFERENCES incident_evidence (id),
  case_id     UUID NOT NULL,
  action      VARCHAR(16) NOT NULL,
  actor       VARCHAR(320) NOT NULL,
  address     VARCHAR(64),
  happened_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX incident_custody_evidence_idx ON incident_custody (evidence_id, happened_at);

-- Advisories (by id) and findings (by uuid) the case is about.
CREATE TABLE incident_link (
  case_id   UUID NOT NULL REFERENCES incident_case (id),
  kind      VARCHAR(16) NOT NULL,
  ref       VARCHAR(200) NOT NULL,
  added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  added_by  VARCHAR(320) NOT NULL,
  PRIMARY KEY (case_id, kind, ref)
);

-- NIS2 article 23 reports the organisation says it submitted (early warning, notification, final).
CREATE TABLE incident_report (
  case_id      UUID NOT NULL REFERENCES incident_case (id),
  report       VARCHAR(16) NOT NULL,
  submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  submitted_by VARCHAR(320) NOT NULL,
  PRIMARY KEY (case_id, report)
);

-- The key of the committee's join links when haetae.incidents.link-secret is not set.
CREATE TABLE incident_link_key (
  id     INTEGER PRIMARY KEY,
  secret VARCHAR(100) NOT NULL
);
