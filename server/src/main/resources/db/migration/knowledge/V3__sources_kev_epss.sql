-- Each source's record is its own row (OSV rows keep their id; others are keyed
-- "<source>:<id>", CSAF "csaf:<document>:<id>"), so a newer record replaces only its own
-- source's copy. vuln_key groups the rows that describe one vulnerability: the smallest CVE id
-- among a record's ids, else its own id.
ALTER TABLE knowledge_advisory ADD COLUMN vuln_key VARCHAR(255);
UPDATE knowledge_advisory SET vuln_key = COALESCE(
  (SELECT MIN(alias) FROM knowledge_alias WHERE knowledge_alias.advisory_id = knowledge_advisory.id AND alias LIKE 'CVE-%'),
  id);
ALTER TABLE knowledge_advisory ALTER COLUMN vuln_key SET NOT NULL;
CREATE INDEX knowledge_advisory_vuln_idx ON knowledge_advisory (vuln_key);

-- CPE names an advisory mentions (NVD configurations, CVE 5 cpes, CSAF product helpers), for search.
CREATE TABLE knowledge_cpe (
  advisory_id VARCHAR(255) NOT NULL REFERENCES knowledge_advisory (id) ON DELETE CASCADE,
  cpe         VARCHAR(1024) NOT NULL,
  PRIMARY KEY (advisory_id, cpe)
);
CREATE INDEX knowledge_cpe_idx ON knowledge_cpe (cpe);

-- CISA's Known Exploited Vulnerabilities catalogue, one row per CVE.
CREATE TABLE knowledge_kev (
  cve_id             VARCHAR(32) PRIMARY KEY,
  vendor_project     VARCHAR(255),
  product            VARCHAR(255),
  vulnerability_name VARCHAR(1000),
  date_added         DATE NOT NULL,
  due_date           DATE,
  required_action    VARCHAR(4000),
  ransomware_use     VARCHAR(32),
  catalog_version    VARCHAR(32),
  imported_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- FIRST EPSS, the latest score per CVE.
CREATE TABLE knowledge_epss (
  cve_id        VARCHAR(32) PRIMARY KEY,
  score         DOUBLE PRECISION NOT NULL,
  percentile    DOUBLE PRECISION NOT NULL,
  score_date    DATE NOT NULL,
  model_version VARCHAR(64)
);
