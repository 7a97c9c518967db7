-- One counter that every import transaction which stores or replaces an advisory raises just
-- before it commits (issue 17, part 6). A node keeps the advisories of each package, parsed and
-- rated, for as long as the counter it read before loading them is the one it reads now: an
-- upload then asks the database one number instead of four queries for the same advisories.
-- Read before the data it guards, the counter can only make a node reload too often, never
-- keep a stale entry.
CREATE TABLE knowledge_generation (
  id INT PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO knowledge_generation (id, generation) VALUES (1, 0);
