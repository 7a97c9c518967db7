-- Refreshing an organisation's figures (Projection.refresh) reads every one of its findings three
-- times: open counts by severity, the durations and the SLA rows. With (org_id, state) H2 fetched
-- each finding's whole row from the table (thousands of pages an organisation once 400,000 findings
-- were stored); this index holds every column those reads use, so H2 answers them from the index
-- alone (3 to 4 times faster, BENCHMARKS.md "Spine"). Its first columns are those of the index it
-- replaces, which serves every other lookup by organisation and state as before.
CREATE INDEX oversight_finding_org_facts_idx ON oversight_finding
  (org_id, state, severity, kev, due_date, published_at, opened_at, notified_at, fixed_at);
DROP INDEX oversight_finding_org_idx;
