-- Custom task profiles: user data. Never touched by catalog loads or O*NET imports.
-- PostgreSQL edition of migrations/sqlite/0002_profiles.sql (BIGINT and DOUBLE PRECISION for the
-- app's i64 and f64; timestamps stay RFC 3339 TEXT as on SQLite).

CREATE TABLE profiles (
    -- 32 lowercase hex digits: 128 random bits from the OS, so ids cannot be guessed or listed.
    id TEXT PRIMARY KEY CHECK (length(id) = 32),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- The occupation the profile started from, if any (an O*NET-SOC code; not a foreign key,
    -- because catalog reloads replace occupations and must not touch profiles).
    base_occupation TEXT,
    -- sha256 of the edit token, hex. The token itself is never stored.
    edit_token_hash TEXT NOT NULL CHECK (length(edit_token_hash) = 64),
    -- The model version the summary columns were computed with; pages re-score when it differs.
    model_version TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('replace', 'complement', 'human_led')),
    automatability_index DOUBLE PRECISION NOT NULL,
    complementarity_index DOUBLE PRECISION NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE profile_tasks (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    -- 0-based order as entered.
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    -- Percent of working time as entered; the model normalises.
    share DOUBLE PRECISION NOT NULL CHECK (share > 0 AND share <= 100),
    standardization BIGINT NOT NULL CHECK (standardization BETWEEN 1 AND 5),
    error_tolerance BIGINT NOT NULL CHECK (error_tolerance BETWEEN 1 AND 5),
    verifiability BIGINT NOT NULL CHECK (verifiability BETWEEN 1 AND 5),
    frequency BIGINT NOT NULL CHECK (frequency BETWEEN 1 AND 5),
    notes TEXT,
    PRIMARY KEY (profile_id, position)
);
