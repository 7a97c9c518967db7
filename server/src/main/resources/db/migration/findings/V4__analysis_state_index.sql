-- The findings an analysis opened for an organisation (FindingRepository.openedIn, asked by every
-- alert and by the oversight projection) filter on analysis, organisation and open state. H2 has
-- no statistics to choose by and took findings_finding_org_idx (org_id, state), which matches two
-- of the three conditions as well as (analysis_id, org_id) does: it read all of the organisation's
-- findings (4,000 rows and 3,300 pages once 1,000 SBOMs were stored) to return one. With the state
-- in this index it matches all three and is chosen on both databases (BENCHMARKS.md "Spine").
CREATE INDEX findings_finding_analysis_state_idx ON findings_finding (analysis_id, org_id, state);
DROP INDEX findings_finding_analysis_idx;
