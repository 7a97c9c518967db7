CREATE TABLE identity_organisation (
  id          UUID PRIMARY KEY,
  name        VARCHAR(200) NOT NULL,
  sector      VARCHAR(100),
  ciso_email  VARCHAR(320) NOT NULL,
  operator    BOOLEAN NOT NULL DEFAULT FALSE,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT identity_organisation_name_uq UNIQUE (name)
);

-- API keys are stored as SHA-256 of the key; the key itself is shown once, at creation.
CREATE TABLE identity_api_key (
  id           UUID PRIMARY KEY,
  org_id       UUID NOT NULL REFERENCES identity_organisation (id),
  key_hash     VARCHAR(64) NOT NULL,
  key_prefix   VARCHAR(16) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at TIMESTAMP WITH TIME ZONE,
  revoked_at   TIMESTAMP WITH TIME ZONE,
  CONSTRAINT identity_api_key_hash_uq UNIQUE (key_hash)
);

CREATE TABLE identity_user (
  id            UUID PRIMARY KEY,
  org_id        UUID NOT NULL REFERENCES identity_organisation (id),
  email         VARCHAR(320) NOT NULL,
  password_hash VARCHAR(200) NOT NULL,
  role          VARCHAR(30) NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT identity_user_email_uq UNIQUE (email)
);
CREATE INDEX identity_user_org_idx ON identity_user (org_id);
