-- One row per (project, component, advisory). Component details are copied in so the finding
-- stays readable after the SBOM is replaced; finding_key makes re-analysis idempotent.
CREATE TABLE findings_finding (
  id                UUID PRIMARY KEY,
  finding_key       VARCHAR(64) NOT NULL,
  org_id            UUID NOT NULL,
  project_id        UUID NOT NULL,
  component_key     VARCHAR(2048) NOT NULL,
  component_name    VARCHAR(1024) NOT NULL,
  component_group   VARCHAR(1024),
  component_version VARCHAR(255),
  component_purl    VARCHAR(2048),
  advisory_id       VARCHAR(255) NOT NULL,
  aliases           VARCHAR(2000) NOT NULL,
  title             VARCHAR(1000) NOT NULL,
  severity          VARCHAR(16) NOT NULL,
  score             DOUBLE PRECISION,
  fixed_version     VARCHAR(255),
  verdict           VARCHAR(16) NOT NULL,
  reason            VARCHAR(1000),
  state             VARCHAR(20) NOT NULL,
  analysis_id       UUID NOT NULL,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  resolved_at       TIMESTAMP WITH TIME ZONE,
  CONSTRAINT findings_finding_key_uq UNIQUE (finding_key)
);
CREATE INDEX findings_finding_project_idx ON findings_finding (project_id, state);
CREATE INDEX findings_finding_org_idx ON findings_finding (org_id, state);
CREATE INDEX findings_finding_analysis_idx ON findings_finding (analysis_id, org_id);
