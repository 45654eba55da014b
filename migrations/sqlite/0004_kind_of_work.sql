-- Model 2.0: every task has a kind of work (src/assess/kind.rs) next to its four ratings, and the
-- pattern is decided from both.
--
-- Catalog and O*NET tasks are rewritten whole by the next load or import (the content hash covers
-- the model version, which is now 2.0.0), so their column may stay NULL only until then; readers
-- treat NULL as "not yet known".
ALTER TABLE tasks ADD COLUMN kind TEXT;

-- Profile tasks saved under model 1.x have no kind. They are never rewritten behind the user's
-- back: a page re-assesses them with a suggested kind (the closest archetype's) and says so, and
-- the next save stores the kind the user accepts or chooses.
ALTER TABLE profile_tasks ADD COLUMN kind TEXT;
