-- Vulnerability reports move to their own module, disclosure (issue 16): triage, embargo and
-- clustering are its business, so the table takes its prefix. The rows stay as they are.
ALTER TABLE knowledge_report RENAME TO disclosure_report;
ALTER INDEX knowledge_report_origin_idx RENAME TO disclosure_report_origin_idx;
