-- Published occupation measures and employment (issue #18). Figures only: codes and numbers,
-- with where they come from. The shipped ones are written from data/measures/ at start-up
-- (src/db/measures.rs); `atlas import measures NAME FILE` adds or replaces one from a user's file.
-- A measure and its values are replaced together, in one transaction.

CREATE TABLE measures (
    -- A short identifier, e.g. "eloundou_beta_model"; what `atlas import measures NAME` names.
    name TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    -- One line: what the number measures.
    what TEXT NOT NULL,
    -- How it was made (a paragraph, shown on /measures).
    method TEXT NOT NULL,
    citation TEXT NOT NULL,
    version TEXT NOT NULL,
    licence TEXT NOT NULL,
    url TEXT,
    -- The Atlas figure it is set beside: 'automatability', 'complementarity' or 'ai_share'.
    compare_with TEXT NOT NULL CHECK (compare_with IN ('automatability', 'complementarity', 'ai_share')),
    -- 'shipped' (data/measures, rewritten at start-up when the files change) or 'imported' (a
    -- user's file; start-up never overwrites it).
    origin TEXT NOT NULL CHECK (origin IN ('shipped', 'imported')),
    -- sha256 over the description and the values, so loading the same content changes nothing.
    content_hash TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    value_count INTEGER NOT NULL
);

CREATE TABLE measure_values (
    measure TEXT NOT NULL REFERENCES measures (name) ON DELETE CASCADE,
    -- The code as the source gives it, normalised: SOC 2018 "NN-NNNN" or O*NET-SOC "NN-NNNN.NN".
    code TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (measure, code)
);

-- BLS OEWS national employment and median annual wage by SOC 2018 code.
CREATE TABLE employment (
    code TEXT PRIMARY KEY,
    -- 'detailed' or 'broad' (BLS publishes a few occupations only at the broad level).
    soc_level TEXT NOT NULL CHECK (soc_level IN ('detailed', 'broad', 'total')),
    employment INTEGER,
    median_annual_wage INTEGER,
    -- Why the wage is missing: 'top-coded' (above the highest figure BLS publishes) or 'not available'.
    wage_note TEXT
);

CREATE TABLE employment_source (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    citation TEXT NOT NULL,
    version TEXT NOT NULL,
    licence TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);
