-- Issue 13 (part 4): sector implementation checks (docs/checks.md). A check, its items and the
-- organisations in scope are written in one transaction with the invitation notices.
CREATE TABLE checks_check (
  id             UUID PRIMARY KEY,
  issuer_org     UUID NOT NULL,
  issuer_name    VARCHAR(200) NOT NULL,
  issuer_role    VARCHAR(32) NOT NULL,
  issuer_sectors VARCHAR(2000) NOT NULL,
  created_by     VARCHAR(320) NOT NULL,
  title          VARCHAR(300) NOT NULL,
  description    TEXT NOT NULL,
  due_date       DATE NOT NULL,
  scope          VARCHAR(1000) NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX checks_check_issuer_idx ON checks_check (issuer_org, created_at);

-- kind: QUESTION (answered by the organisation) or an automatic item the hub evaluates itself.
CREATE TABLE checks_item (
  check_id  UUID NOT NULL REFERENCES checks_check (id),
  position  INTEGER NOT NULL,
  kind      VARCHAR(32) NOT NULL,
  text      VARCHAR(1000),
  PRIMARY KEY (check_id, position)
);

-- Who was in scope when the check was opened (an organisation moving sector later stays in it).
CREATE TABLE checks_scope (
  check_id     UUID NOT NULL REFERENCES checks_check (id),
  org_id       UUID NOT NULL,
  org_name     VARCHAR(200) NOT NULL,
  sector       VARCHAR(100) NOT NULL,
  language     VARCHAR(8) NOT NULL,
  submitted_at TIMESTAMP WITH TIME ZONE,
  submitted_by VARCHAR(320),
  updated_at   TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (check_id, org_id)
);
CREATE INDEX checks_scope_org_idx ON checks_scope (org_id);

CREATE TABLE checks_answer (
  check_id    UUID NOT NULL,
  org_id      UUID NOT NULL,
  position    INTEGER NOT NULL,
  answer      VARCHAR(16) NOT NULL,
  comment     VARCHAR(4000),
  answered_at TIMESTAMP WITH TIME ZONE NOT NULL,
  answered_by VARCHAR(320) NOT NULL,
  PRIMARY KEY (check_id, org_id, position)
);

-- One evidence file per answer, kept with its SHA-256.
CREATE TABLE checks_evidence (
  check_id     UUID NOT NULL,
  org_id       UUID NOT NULL,
  position     INTEGER NOT NULL,
  name         VARCHAR(200) NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  sha256       VARCHAR(64) NOT NULL,
  content      BYTEA NOT NULL,
  uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  uploaded_by  VARCHAR(320) NOT NULL,
  PRIMARY KEY (check_id, org_id, position)
);

-- Each reminder goes once per organisation and offset ('P3D', 'P1D'): the row is the claim.
CREATE TABLE checks_reminder (
  check_id UUID NOT NULL,
  org_id   UUID NOT NULL,
  offset_before VARCHAR(16) NOT NULL,
  sent_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (check_id, org_id, offset_before)
);
