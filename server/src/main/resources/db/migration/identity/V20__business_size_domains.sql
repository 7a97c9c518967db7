-- Issue 12: the business size (micro, small, medium, large) of an organisation, beside its
-- kind (size_class), and the internet domains it owns (kept for the domain watch). The CSV
-- import finds an organisation by its CISO's e-mail.
ALTER TABLE identity_organisation ADD COLUMN business_size VARCHAR(10);
ALTER TABLE identity_organisation ADD COLUMN domains VARCHAR(2000);
CREATE INDEX identity_organisation_ciso_idx ON identity_organisation (ciso_email);
CREATE INDEX identity_organisation_size_idx ON identity_organisation (business_size);
