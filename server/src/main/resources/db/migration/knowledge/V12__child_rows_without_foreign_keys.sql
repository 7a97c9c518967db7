-- The alias, package and CPE rows of an advisory are written and deleted only together with it,
-- in one transaction (AdvisoryRepository.insert/delete), so their foreign keys protected nothing
-- and cost a lookup per row: on a first import of the public corpora a third of the time spent
-- writing package rows (issue 5, BENCHMARKS.md). The tables are rebuilt without them (H2 and
-- PostgreSQL name the constraints differently, so they cannot be dropped by name).
CREATE TABLE knowledge_alias_v12 (
  alias       VARCHAR(255) NOT NULL,
  advisory_id VARCHAR(255) NOT NULL,
  PRIMARY KEY (alias, advisory_id)
);
INSERT INTO knowledge_alias_v12 (alias, advisory_id) SELECT alias, advisory_id FROM knowledge_alias;
DROP TABLE knowledge_alias;
ALTER TABLE knowledge_alias_v12 RENAME TO knowledge_alias;
CREATE INDEX knowledge_alias_advisory_idx ON knowledge_alias (advisory_id);

CREATE TABLE knowledge_package_v12 (
  advisory_id  VARCHAR(255) NOT NULL,
  ecosystem    VARCHAR(40) NOT NULL,
  package_name VARCHAR(1024) NOT NULL,
  PRIMARY KEY (advisory_id, ecosystem, package_name)
);
INSERT INTO knowledge_package_v12 (advisory_id, ecosystem, package_name)
  SELECT advisory_id, ecosystem, package_name FROM knowledge_package;
DROP TABLE knowledge_package;
ALTER TABLE knowledge_package_v12 RENAME TO knowledge_package;
CREATE INDEX knowledge_package_key_idx ON knowledge_package (ecosystem, package_name);

CREATE TABLE knowledge_cpe_v12 (
  advisory_id VARCHAR(255) NOT NULL,
  cpe         VARCHAR(1024) NOT NULL,
  PRIMARY KEY (advisory_id, cpe)
);
INSERT INTO knowledge_cpe_v12 (advisory_id, cpe) SELECT advisory_id, cpe FROM knowledge_cpe;
DROP TABLE knowledge_cpe;
ALTER TABLE knowledge_cpe_v12 RENAME TO knowledge_cpe;
CREATE INDEX knowledge_cpe_idx ON knowledge_cpe (cpe);
