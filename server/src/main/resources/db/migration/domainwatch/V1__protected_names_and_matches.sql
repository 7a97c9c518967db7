-- Names an organisation protects: registrable domains and brand labels (docs/domainwatch.md).
CREATE TABLE domainwatch_protected (
  org_id     UUID NOT NULL,
  name       VARCHAR(253) NOT NULL,
  kind       VARCHAR(10) NOT NULL,
  source     VARCHAR(20) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (org_id, name, kind)
);

-- One row per organisation, observed domain and protected name: a redelivered feed adds nothing.
CREATE TABLE domainwatch_match (
  id             UUID PRIMARY KEY,
  org_id         UUID NOT NULL,
  domain         VARCHAR(253) NOT NULL,
  display        VARCHAR(253) NOT NULL,
  protected_name VARCHAR(253) NOT NULL,
  technique      VARCHAR(30) NOT NULL,
  score          INTEGER NOT NULL,
  reasons        VARCHAR(4000) NOT NULL,
  first_seen     TIMESTAMP WITH TIME ZONE,
  found_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  verdict        VARCHAR(10) NOT NULL,
  decided_at     TIMESTAMP WITH TIME ZONE,
  decided_by     VARCHAR(200),
  CONSTRAINT domainwatch_match_unique UNIQUE (org_id, domain, protected_name)
);
CREATE INDEX domainwatch_match_org ON domainwatch_match (org_id, found_at);
CREATE INDEX domainwatch_match_verdict ON domainwatch_match (verdict);

-- One mail per match: written in the transaction that completes the event, so a redelivered
-- event sends nothing twice.
CREATE TABLE domainwatch_mail (
  match_id UUID PRIMARY KEY,
  sent_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
