CREATE TABLE knowledge_advisory (
  id          VARCHAR(255) PRIMARY KEY,
  modified    TIMESTAMP WITH TIME ZONE NOT NULL,
  published   TIMESTAMP WITH TIME ZONE,
  withdrawn   TIMESTAMP WITH TIME ZONE,
  summary     VARCHAR(4000) NOT NULL,
  severity    VARCHAR(16) NOT NULL,
  score       DOUBLE PRECISION,
  source      VARCHAR(40) NOT NULL,
  json        TEXT NOT NULL,
  imported_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_advisory_modified_idx ON knowledge_advisory (modified);

-- Every id an advisory is known by, its own included, so one lookup resolves any alias.
CREATE TABLE knowledge_alias (
  alias       VARCHAR(255) NOT NULL,
  advisory_id VARCHAR(255) NOT NULL REFERENCES knowledge_advisory (id) ON DELETE CASCADE,
  PRIMARY KEY (alias, advisory_id)
);
CREATE INDEX knowledge_alias_advisory_idx ON knowledge_alias (advisory_id);

CREATE TABLE knowledge_package (
  advisory_id  VARCHAR(255) NOT NULL REFERENCES knowledge_advisory (id) ON DELETE CASCADE,
  ecosystem    VARCHAR(40) NOT NULL,
  package_name VARCHAR(1024) NOT NULL,
  PRIMARY KEY (advisory_id, ecosystem, package_name)
);
CREATE INDEX knowledge_package_key_idx ON knowledge_package (ecosystem, package_name);
