-- tonghop schema, SQLite flavour. Keep in step with ../../postgres: the same
-- tables, columns and constraints; only the type spelling differs.

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES units (id),
    kind TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    -- Materialised path of ids, '/1/4/17/': subtree checks are a prefix match.
    path TEXT NOT NULL,
    depth INTEGER NOT NULL,
    calendar_kind TEXT,
    deadline_working_days INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_path ON units (path);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    role TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    -- Set on logout and when a reused token reveals a copy: never valid again.
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE login_throttle (
    username TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    locked_until TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit_of_measure TEXT NOT NULL,
    aggregation TEXT NOT NULL,
    display_precision INTEGER NOT NULL,
    higher_is_better BOOLEAN NOT NULL,
    help TEXT NOT NULL,
    -- Figures are fixed-point: ten-thousandths as 64-bit integers.
    min_value BIGINT,
    max_value BIGINT,
    numerator_id INTEGER REFERENCES indicators (id),
    denominator_id INTEGER REFERENCES indicators (id),
    active BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE forms (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit_kind TEXT NOT NULL,
    frequency TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE form_indicators (
    form_id INTEGER NOT NULL REFERENCES forms (id),
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (form_id, indicator_id)
);

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    form_id INTEGER NOT NULL REFERENCES forms (id),
    period TEXT NOT NULL,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    late BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    submitted_at TIMESTAMP,
    submitted_by INTEGER REFERENCES users (id),
    UNIQUE (unit_id, form_id, period)
);
CREATE INDEX submissions_form_period ON submissions (form_id, period);

CREATE TABLE submission_values (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    value BIGINT,
    comment TEXT,
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (submission_id, indicator_id)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
