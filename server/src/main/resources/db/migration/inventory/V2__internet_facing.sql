-- Whether a project is reachable from the internet: its KEV-listed findings are due sooner
-- (docs/deadlines.md). Set by the Dependency-Track project API (tag "internet-facing") or by the
-- SBOM's CycloneDX metadata (property "haetae:internet-facing").
ALTER TABLE inventory_project ADD COLUMN internet_facing BOOLEAN DEFAULT FALSE NOT NULL;
