-- The record of the O*NET import (`atlas import onet`); PostgreSQL edition of
-- migrations/sqlite/0003_onet_import.sql, with the same meaning: importing the same content again
-- changes nothing, a newer release replaces the stored one, and an older release is refused unless
-- forced. The imported occupations are `occupations` rows with source = 'onet', replaced together
-- with this row in one transaction (src/db/onet.rs).

CREATE TABLE onet_import (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    -- The release number, "29.3" (from Read Me.txt or the folder or archive name), or "unknown".
    release TEXT NOT NULL,
    -- sha256 (hex) over the model version and the mapped release.
    content_hash TEXT NOT NULL,
    -- The assessment model the summary columns of the imported occupations were computed with.
    model_version TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    occupation_count BIGINT NOT NULL,
    task_count BIGINT NOT NULL
);
