-- Reports kept by the commune office, and their edited passages. Keep in
-- step with ../../postgres.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    period TEXT NOT NULL,
    -- party or state
    profile TEXT NOT NULL,
    include_provisional BOOLEAN NOT NULL,
    -- draft or issued
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    -- Numbered from 1 per issuing unit and profile when issued.
    number INTEGER,
    number_text TEXT,
    issued_on DATE,
    -- The issued Word file, kept as it was.
    issued_file BLOB,
    -- The issued report this draft is a new version of.
    previous_id INTEGER REFERENCES reports (id),
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    UNIQUE (unit_id, profile, number)
);
CREATE INDEX reports_unit ON reports (unit_id, period);

-- What the office set in a report's header and signature (no row: the
-- defaults from the unit tree).
CREATE TABLE report_headers (
    report_id INTEGER PRIMARY KEY NOT NULL REFERENCES reports (id),
    title TEXT NOT NULL,
    place TEXT NOT NULL,
    -- JSON array of the lines under «Nơi nhận:».
    recipients TEXT NOT NULL,
    signer_title TEXT NOT NULL,
    signer_name TEXT NOT NULL
);

-- A passage the office has written itself (position in the outline), with
-- what tonghop had generated when it did: a change of the figures since
-- shows. A passage without a row follows the figures.
CREATE TABLE report_passages (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    generated TEXT NOT NULL,
    PRIMARY KEY (report_id, position)
);
