-- One self-check (docs/self-check.md): the answers and the derived result, never the uploaded files.
-- The id is the only key a visitor holds (128 random bits); org_id is set only when a signed-in
-- organisation saved the check to its account.
CREATE TABLE selfcheck_result (
  id VARCHAR(32) PRIMARY KEY,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  questionnaire_version INT NOT NULL,
  lang VARCHAR(5) NOT NULL,
  size_class VARCHAR(20),
  sector VARCHAR(100),
  score INT NOT NULL,
  level VARCHAR(40) NOT NULL,
  answers TEXT NOT NULL,
  result TEXT NOT NULL,
  org_id UUID,
  saved_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX selfcheck_result_org ON selfcheck_result (org_id, created_at);
CREATE INDEX selfcheck_result_sector ON selfcheck_result (sector, size_class);

-- For the anonymous national picture: which questions counted as no, which packages were vulnerable.
CREATE TABLE selfcheck_gap (
  check_id VARCHAR(32) NOT NULL REFERENCES selfcheck_result (id) ON DELETE CASCADE,
  question_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (check_id, question_id)
);
CREATE TABLE selfcheck_package (
  check_id VARCHAR(32) NOT NULL REFERENCES selfcheck_result (id) ON DELETE CASCADE,
  package VARCHAR(500) NOT NULL,
  PRIMARY KEY (check_id, package)
);
