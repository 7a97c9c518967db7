-- The typed finding lifecycle (issue 13, docs/findings.md): OPEN becomes NEW, RESOLVED becomes
-- FIXED, and a finding keeps when it last moved, when it was fixed, its due date (docs/deadlines.md)
-- and the analysis a person or a VEX document gave it.
UPDATE findings_finding SET state = 'NEW' WHERE state = 'OPEN';
UPDATE findings_finding SET state = 'FIXED' WHERE state = 'RESOLVED';
ALTER TABLE findings_finding RENAME COLUMN resolved_at TO fixed_at;
ALTER TABLE findings_finding ADD COLUMN state_changed_at TIMESTAMP WITH TIME ZONE;
UPDATE findings_finding SET state_changed_at = COALESCE(fixed_at, created_at);
ALTER TABLE findings_finding ALTER COLUMN state_changed_at SET NOT NULL;
-- TRUE when the hub fixed it (a later SBOM lacked the version): only those reopen by themselves.
ALTER TABLE findings_finding ADD COLUMN fixed_by_analysis BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE findings_finding SET fixed_by_analysis = TRUE WHERE state = 'FIXED';
ALTER TABLE findings_finding ADD COLUMN due_date DATE;
-- The analysis (Dependency-Track / CycloneDX VEX vocabulary): justification and response as
-- CycloneDX spells them, free-text details, suppression, risk acceptance with its expiry.
ALTER TABLE findings_finding ADD COLUMN justification VARCHAR(64);
ALTER TABLE findings_finding ADD COLUMN response VARCHAR(64);
ALTER TABLE findings_finding ADD COLUMN details VARCHAR(4000);
ALTER TABLE findings_finding ADD COLUMN suppressed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE findings_finding ADD COLUMN risk_reason VARCHAR(4000);
ALTER TABLE findings_finding ADD COLUMN risk_expires DATE;
CREATE INDEX findings_finding_due_idx ON findings_finding (org_id, due_date);
CREATE INDEX findings_finding_advisory_idx ON findings_finding (advisory_id);
