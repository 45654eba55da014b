-- The record of the O*NET import (`atlas import onet`), so that importing the same content again
-- changes nothing, a newer release replaces the stored one, and an older release is refused unless
-- forced. The imported occupations themselves are `occupations` rows with source = 'onet' and
-- source_release = the release number ("29.3"); they are replaced together with this row, in one
-- transaction (src/db/onet.rs).
--
-- Numbered 0003 because 0002 is taken by the user-profile tables; sqlx applies any migration it has
-- not yet applied, in version order, so the two can land in either order.

CREATE TABLE onet_import (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- The release number, "29.3" (from Read Me.txt or the folder or archive name), or "unknown".
    release TEXT NOT NULL,
    -- sha256 (hex) over the model version and the mapped release (every occupation, task, rating,
    -- share and explanation), so that changed files or a changed mapping count as new content.
    content_hash TEXT NOT NULL,
    -- The assessment model the summary columns of the imported occupations were computed with.
    model_version TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    occupation_count INTEGER NOT NULL,
    task_count INTEGER NOT NULL
);
