-- The language of an organisation's mail (alerts, notices, invitations): Korean unless chosen.
ALTER TABLE identity_organisation ADD COLUMN language VARCHAR(8) DEFAULT 'ko' NOT NULL;
