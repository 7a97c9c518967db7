-- TLP 2.0 marking of advisories (issue 7): public OSV records are CLEAR; an advisory shared by
-- an organisation carries its origin and the sector it is shared with. TlpPolicy decides reads.
ALTER TABLE knowledge_advisory ADD COLUMN tlp VARCHAR(16) NOT NULL DEFAULT 'CLEAR';
ALTER TABLE knowledge_advisory ADD COLUMN origin_org UUID;
ALTER TABLE knowledge_advisory ADD COLUMN audience_sector VARCHAR(100);
