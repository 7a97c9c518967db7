-- Issue 18: sectors were free text, so "Water" and "water" became two sectors. Codes are now
-- lower case and trimmed (SectorCode.normalise); merge the case variants into one, keep a
-- supervising ministry if any variant had one, seed the usual sectors, and list every sector an
-- organisation names. Data only, and safe to run twice (SectorMigrationTest does).

UPDATE identity_organisation SET sector = LOWER(TRIM(sector))
  WHERE sector IS NOT NULL AND sector <> LOWER(TRIM(sector));
UPDATE identity_organisation SET sector = NULL WHERE sector = '';

INSERT INTO identity_sector (code, name, ministry_id)
  SELECT LOWER(TRIM(s.code)), s.name, s.ministry_id FROM identity_sector s
  WHERE s.code <> LOWER(TRIM(s.code)) AND LOWER(TRIM(s.code)) <> ''
    AND NOT EXISTS (SELECT 1 FROM identity_sector t WHERE t.code = LOWER(TRIM(s.code)))
    AND s.code = (SELECT MIN(u.code) FROM identity_sector u WHERE LOWER(TRIM(u.code)) = LOWER(TRIM(s.code)));

UPDATE identity_sector SET ministry_id = (
    SELECT u.ministry_id FROM identity_sector u
    WHERE LOWER(TRIM(u.code)) = identity_sector.code AND u.code <> identity_sector.code AND u.ministry_id IS NOT NULL
    ORDER BY u.code FETCH FIRST 1 ROWS ONLY)
  WHERE ministry_id IS NULL AND code = LOWER(TRIM(code))
    AND EXISTS (SELECT 1 FROM identity_sector u
      WHERE LOWER(TRIM(u.code)) = identity_sector.code AND u.code <> identity_sector.code AND u.ministry_id IS NOT NULL);

DELETE FROM identity_sector WHERE code <> LOWER(TRIM(code));

INSERT INTO identity_sector (code, name, name_ko)
  SELECT v.code, v.name, v.name_ko FROM (VALUES
    ('energy', 'Energy', '에너지'),
    ('water', 'Water', '수도'),
    ('health', 'Health', '보건의료'),
    ('finance', 'Finance', '금융'),
    ('transport', 'Transport', '교통'),
    ('telecom', 'Telecommunications', '정보통신'),
    ('government', 'Government', '정부·공공'),
    ('manufacturing', 'Manufacturing', '제조'),
    ('education', 'Education', '교육')) AS v (code, name, name_ko)
  WHERE NOT EXISTS (SELECT 1 FROM identity_sector s WHERE s.code = v.code);

UPDATE identity_sector SET name_ko = (SELECT v.name_ko FROM (VALUES
    ('energy', '에너지'), ('water', '수도'), ('health', '보건의료'), ('finance', '금융'), ('transport', '교통'),
    ('telecom', '정보통신'), ('government', '정부·공공'), ('manufacturing', '제조'), ('education', '교육')) AS v (code, name_ko)
    WHERE v.code = identity_sector.code)
  WHERE name_ko IS NULL;

INSERT INTO identity_sector (code, name)
  SELECT DISTINCT o.sector, o.sector FROM identity_organisation o
  WHERE o.sector IS NOT NULL AND NOT EXISTS (SELECT 1 FROM identity_sector s WHERE s.code = o.sector);
