-- The occupation catalog: the curated occupations shipped in data/ and, later, imported ones.
--
-- Everything in these tables is derived from files and is replaced as a whole when the catalog
-- changes (see src/catalog/load.rs). User data (custom profiles) lives in other tables and is never
-- touched by a catalog load.
--
-- Portable SQL except the FTS5 table at the end (PostgreSQL gets its own full-text index).

-- One row: which catalog is loaded, so start-up can tell whether the files changed.
CREATE TABLE catalog_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- sha256 over the data files and the model version; a different hash triggers a reload.
    content_hash TEXT NOT NULL,
    -- Shown to users and stamped on downloads: "<date of load>.<first 8 hex digits of the hash>".
    catalog_version TEXT NOT NULL,
    -- The assessment model the stored summary columns were computed with.
    model_version TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    occupation_count INTEGER NOT NULL,
    task_count INTEGER NOT NULL
);

-- The 22 SOC major groups (code "11" .. "53").
CREATE TABLE major_groups (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL
);

CREATE TABLE occupations (
    id INTEGER PRIMARY KEY,
    -- O*NET-SOC 2019 code, "NN-NNNN.NN".
    code TEXT NOT NULL,
    -- 'curated' (data/catalog) or 'onet' (imported). A code may exist once per source; the curated
    -- entry wins wherever one occupation is shown.
    source TEXT NOT NULL CHECK (source IN ('curated', 'onet')),
    -- For imports: the release, e.g. "O*NET 29.3". NULL for curated entries.
    source_release TEXT,
    title TEXT NOT NULL,
    major_group TEXT NOT NULL REFERENCES major_groups (code),
    -- Alternative titles, one per line.
    alt_titles TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL,
    -- Summary of the assessment, computed by src/assess at load time (never hand-written) and kept
    -- in columns so the list can filter and sort in SQL. Detail pages recompute from the tasks.
    model_version TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('replace', 'complement', 'human_led')),
    automatability_index REAL NOT NULL,
    complementarity_index REAL NOT NULL,
    dominant_pattern TEXT NOT NULL,
    share_automate REAL NOT NULL,
    share_human_approves REAL NOT NULL,
    share_second_reader REAL NOT NULL,
    share_triage REAL NOT NULL,
    share_quality_control REAL NOT NULL,
    share_copilot REAL NOT NULL,
    share_human_led REAL NOT NULL,
    -- Time-weighted task feasibility and autonomy risk (0-100): the axes of the automation map.
    mean_feasibility REAL NOT NULL,
    mean_autonomy_risk REAL NOT NULL,
    UNIQUE (code, source)
);

CREATE INDEX occupations_by_major_group ON occupations (major_group);
CREATE INDEX occupations_by_verdict ON occupations (verdict);
CREATE INDEX occupations_by_dominant_pattern ON occupations (dominant_pattern);
CREATE INDEX occupations_by_source ON occupations (source);
CREATE INDEX occupations_by_automatability ON occupations (automatability_index);
CREATE INDEX occupations_by_complementarity ON occupations (complementarity_index);

CREATE TABLE tasks (
    occupation_id INTEGER NOT NULL REFERENCES occupations (id) ON DELETE CASCADE,
    -- 0-based order within the occupation, as written in the file.
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    -- Percent of working time as written; the model normalises.
    share REAL NOT NULL CHECK (share > 0),
    standardization INTEGER NOT NULL CHECK (standardization BETWEEN 1 AND 5),
    error_tolerance INTEGER NOT NULL CHECK (error_tolerance BETWEEN 1 AND 5),
    verifiability INTEGER NOT NULL CHECK (verifiability BETWEEN 1 AND 5),
    frequency INTEGER NOT NULL CHECK (frequency BETWEEN 1 AND 5),
    -- The archetype from data/archetypes.toml (curated tasks only).
    archetype TEXT,
    rationale TEXT NOT NULL,
    -- Why the ratings differ from the archetype's, when they do.
    deviation TEXT,
    PRIMARY KEY (occupation_id, position)
);

CREATE TABLE evidence (
    occupation_id INTEGER NOT NULL REFERENCES occupations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,
    year INTEGER NOT NULL,
    finding TEXT NOT NULL,
    url TEXT,
    PRIMARY KEY (occupation_id, position)
);

-- Full-text search over titles, alternative titles and task text. rowid = occupations.id.
-- Prefix indexes make "radiol*" fast; unicode61 folds case and diacritics.
CREATE VIRTUAL TABLE occupation_search USING fts5 (
    title,
    alt_titles,
    task_text,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
