-- Look-alike domains found for an organisation (domainwatch), each waiting for the organisation's
-- next digest mail or already in one. A redelivered event inserts nothing twice (the key).
CREATE TABLE alert_domain_match (
  match_id       UUID PRIMARY KEY,
  org_id         UUID NOT NULL,
  domain         VARCHAR(300) NOT NULL,
  protected_name VARCHAR(300) NOT NULL,
  technique      VARCHAR(40) NOT NULL,
  score          INT NOT NULL,
  found_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  mailed_at      TIMESTAMP WITH TIME ZONE,
  message_id     VARCHAR(200),
  recipients     VARCHAR(4000)
);
CREATE INDEX alert_domain_match_pending ON alert_domain_match (mailed_at, org_id, found_at);
