-- Team plans (issue #19): user data, like profiles. Never touched by catalog loads or imports.
-- Results are not stored: every read recomputes them from the roles' current reports.

CREATE TABLE plans (
    -- 32 lowercase hex digits: 128 random bits from the OS.
    id TEXT PRIMARY KEY CHECK (length(id) = 32),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- sha256 of the edit token, hex. The token itself is never stored.
    edit_token_hash TEXT NOT NULL CHECK (length(edit_token_hash) = 64),
    -- Hours per FTE-year for roles that do not give their own.
    hours_per_fte REAL NOT NULL CHECK (hours_per_fte > 0),
    -- The assumptions that differ from the defaults, as a JSON object of "person.copilot": 70.
    assumptions TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE plan_roles (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- 0-based order as entered.
    position INTEGER NOT NULL,
    -- What the role is: a catalog occupation ('occupation', by code), an imported O*NET entry
    -- ('onet', by code) or a saved profile ('profile', by id). Not foreign keys: catalog reloads
    -- replace occupations, and a deleted profile leaves the plan readable with a message.
    role_kind TEXT NOT NULL CHECK (role_kind IN ('occupation', 'onet', 'profile')),
    role_id TEXT NOT NULL,
    headcount REAL NOT NULL CHECK (headcount > 0),
    hours_per_fte REAL CHECK (hours_per_fte IS NULL OR hours_per_fte > 0),
    hourly_cost REAL CHECK (hourly_cost IS NULL OR hourly_cost > 0),
    PRIMARY KEY (plan_id, position),
    UNIQUE (plan_id, role_kind, role_id)
);
