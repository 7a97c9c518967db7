-- Vulnerability reports submitted by reporters and CISOs (issue 7). A report is marked like an
-- advisory (TLP, originating organisation; no audience sector): by default TLP:AMBER+STRICT, so
-- only national operators and the submitting organisation read it (TlpPolicy decides).
-- The submission's details (description, versions, references) are kept as normalised JSON.
CREATE TABLE knowledge_report (
  id           UUID PRIMARY KEY,
  title        VARCHAR(500) NOT NULL,
  ecosystem    VARCHAR(40),
  package_name VARCHAR(1024),
  purl         VARCHAR(2048),
  details      TEXT NOT NULL,
  tlp          VARCHAR(16) NOT NULL,
  origin_org   UUID NOT NULL,
  submitter    VARCHAR(320) NOT NULL,
  submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  state        VARCHAR(16) NOT NULL
);
CREATE INDEX knowledge_report_origin_idx ON knowledge_report (origin_org, submitted_at);
