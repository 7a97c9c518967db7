-- One digest per (analysis, organisation). The row is written in the same transaction that
-- completes the event publication, so a redelivered event sees it and sends nothing twice.
CREATE TABLE alert_delivery (
  analysis_id UUID NOT NULL,
  org_id      UUID NOT NULL,
  recipient   VARCHAR(320) NOT NULL,
  message_id  VARCHAR(200) NOT NULL,
  findings    INTEGER NOT NULL,
  sent_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (analysis_id, org_id)
);
