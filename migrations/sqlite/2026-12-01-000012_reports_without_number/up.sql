-- `reports.number` went out of use in 000007 (numbers are in
-- `report_numbers`); PostgreSQL dropped it then. SQLite cannot drop a column
-- that a UNIQUE constraint names, so the table is rebuilt without it, as
-- SQLite's documentation describes, inside the migration's transaction.
--
-- Four foreign keys point at `reports` (report_headers, report_numbers,
-- report_passages and its own previous_id), none with an ON DELETE action.
-- Their checks are deferred to the commit: dropping the old table counts
-- each child row as a violation, and inserting its parent row into the new
-- table takes it back, so the commit succeeds only if every row came back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE reports_copy AS SELECT * FROM reports;
DROP TABLE reports;

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    period TEXT NOT NULL,
    -- party or state
    profile TEXT NOT NULL,
    include_provisional BOOLEAN NOT NULL,
    -- draft or issued
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    number_text TEXT,
    issued_on DATE,
    -- The issued Word file, kept as it was.
    issued_file BLOB,
    -- The issued report this draft is a new version of.
    previous_id BIGINT REFERENCES reports (id),
    created_at TIMESTAMP NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    -- The outline the report follows (NULL: the built-in one).
    outline TEXT
);
INSERT INTO reports (id, unit_id, period, profile, include_provisional, status, version, number_text, issued_on,
                     issued_file, previous_id, created_at, created_by, updated_at, updated_by, outline)
SELECT id, unit_id, period, profile, include_provisional, status, version, number_text, issued_on,
       issued_file, previous_id, created_at, created_by, updated_at, updated_by, outline
FROM reports_copy ORDER BY id;
DROP TABLE reports_copy;
CREATE INDEX reports_unit ON reports (unit_id, period);
