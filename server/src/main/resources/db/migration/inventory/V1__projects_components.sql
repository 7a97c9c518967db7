CREATE TABLE inventory_project (
  id          UUID PRIMARY KEY,
  org_id      UUID NOT NULL,
  name        VARCHAR(255) NOT NULL,
  version     VARCHAR(255) NOT NULL DEFAULT '',
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  last_bom_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT inventory_project_uq UNIQUE (org_id, name, version)
);

CREATE TABLE inventory_component (
  id           UUID PRIMARY KEY,
  project_id   UUID NOT NULL REFERENCES inventory_project (id) ON DELETE CASCADE,
  org_id       UUID NOT NULL,
  bom_ref      VARCHAR(1024),
  name         VARCHAR(1024) NOT NULL,
  grp          VARCHAR(1024),
  version      VARCHAR(255),
  purl         VARCHAR(2048),
  cpe          VARCHAR(1024),
  ecosystem    VARCHAR(40),
  package_name VARCHAR(1024)
);
CREATE INDEX inventory_component_project_idx ON inventory_component (project_id);
-- The reverse path: a new advisory asks for the components of its packages only.
CREATE INDEX inventory_component_package_idx ON inventory_component (ecosystem, package_name);

CREATE TABLE inventory_bom_upload (
  token        UUID PRIMARY KEY,
  project_id   UUID NOT NULL REFERENCES inventory_project (id) ON DELETE CASCADE,
  org_id       UUID NOT NULL,
  format       VARCHAR(40) NOT NULL,
  components   INTEGER NOT NULL,
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  processed_at TIMESTAMP WITH TIME ZONE,
  findings     INTEGER,
  took_ms      BIGINT
);
