-- Mail the hub sent about a case to one organisation (docs/disclosure.md "Who is told"): kind
-- INVITED (the organisation was invited) or EMBARGO_EXPIRED (the hub ended the embargo). A row
-- is written once the SMTP server took the mail, so a redelivered event sends nothing twice.
CREATE TABLE disclosure_mail (
  report_id UUID NOT NULL,
  org_id    UUID NOT NULL,
  kind      VARCHAR(24) NOT NULL,
  sent_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (report_id, org_id, kind)
);
