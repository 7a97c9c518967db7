-- Advisories the agency publishes from accepted reports (issue 16 part 3; docs/disclosure.md):
-- one per report, numbered per year in the agency's namespace (KR-HAETAE-2026-0001). The CSAF
-- document is kept as the exact bytes that were hashed and signed, so the .json, .sha256, .sha512
-- and .asc served under /.well-known/csaf always agree. tlp/origin/sector are the report's marking:
-- who may download the document and see it in a ROLIE feed.
CREATE TABLE disclosure_advisory (
  id            VARCHAR(64) PRIMARY KEY,
  report_id     UUID NOT NULL UNIQUE,
  pub_year      INTEGER NOT NULL,
  seq           INTEGER NOT NULL,
  tlp           VARCHAR(16) NOT NULL,
  origin        UUID,
  sector        VARCHAR(100),
  title         VARCHAR(500) NOT NULL,
  file_name     VARCHAR(200) NOT NULL,
  published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  published_by  VARCHAR(320) NOT NULL,
  csaf          TEXT NOT NULL,
  sha256        VARCHAR(64) NOT NULL,
  sha512        VARCHAR(128) NOT NULL,
  signature     TEXT NOT NULL,
  UNIQUE (pub_year, seq)
);
CREATE INDEX disclosure_advisory_tlp_idx ON disclosure_advisory (tlp, published_at);
