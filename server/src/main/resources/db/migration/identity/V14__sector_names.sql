-- Issue 18: sectors are chosen from a list with a Korean and an English name; "name" is the
-- English one. A Korean name left empty shows the English one.
ALTER TABLE identity_sector ADD COLUMN name_ko VARCHAR(200);
