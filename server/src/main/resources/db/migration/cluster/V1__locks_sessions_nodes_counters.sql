-- Several hub nodes on one database (docs/operations.md). One file for H2 and PostgreSQL.

-- ShedLock: a scheduled job runs on the node that holds its row (lock_until in the future).
CREATE TABLE cluster_lock (
  name       VARCHAR(64)  NOT NULL PRIMARY KEY,
  lock_until TIMESTAMP    NOT NULL,
  locked_at  TIMESTAMP    NOT NULL,
  locked_by  VARCHAR(255) NOT NULL
);

-- Spring Session JDBC (its own schema, renamed with the module's prefix): a session signed in
-- on one node is valid on every other.
CREATE TABLE cluster_session (
  primary_id            CHAR(36)     NOT NULL,
  session_id            CHAR(36)     NOT NULL,
  creation_time         BIGINT       NOT NULL,
  last_access_time      BIGINT       NOT NULL,
  max_inactive_interval INT          NOT NULL,
  expiry_time           BIGINT       NOT NULL,
  principal_name        VARCHAR(100),
  CONSTRAINT cluster_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX cluster_session_ix1 ON cluster_session (session_id);
CREATE INDEX cluster_session_ix2 ON cluster_session (expiry_time);
CREATE INDEX cluster_session_ix3 ON cluster_session (principal_name);

CREATE TABLE cluster_session_attributes (
  session_primary_id CHAR(36)     NOT NULL,
  attribute_name     VARCHAR(200) NOT NULL,
  attribute_bytes    BYTEA        NOT NULL,
  CONSTRAINT cluster_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
  CONSTRAINT cluster_session_attributes_fk FOREIGN KEY (session_primary_id)
    REFERENCES cluster_session (primary_id) ON DELETE CASCADE
);

-- Live nodes: each writes seen_at every few seconds; a node not seen for a while is dead, and the
-- event publications only it can have held are taken over (cluster.internal.PublicationTakeover).
CREATE TABLE cluster_node (
  id         VARCHAR(100)             NOT NULL PRIMARY KEY,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  seen_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Counters shared by the nodes (failed authentications, uploads): one row per key and window.
CREATE TABLE cluster_counter (
  counter_key  VARCHAR(400)             NOT NULL PRIMARY KEY,
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  hits         INT                      NOT NULL,
  last_hit     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cluster_counter_window_idx ON cluster_counter (window_start);
