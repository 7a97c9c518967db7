-- Which advisories one import batch added or replaced. Events name the batch only, so an
-- event stays small however many records the batch holds.
CREATE TABLE knowledge_change (
  analysis_id UUID NOT NULL,
  advisory_id VARCHAR(255) NOT NULL,
  changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (analysis_id, advisory_id)
);
