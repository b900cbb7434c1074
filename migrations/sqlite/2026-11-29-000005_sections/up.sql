-- Activity sections and their review decisions. Keep in step with ../../postgres.
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    -- A report period code: '2026-H1', '2026-06', '2026'.
    period TEXT NOT NULL,
    -- The text as written (paragraphs, **bold**, *italic*, '- ' bullets).
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    submitted_at TIMESTAMP,
    submitted_by INTEGER REFERENCES users (id),
    UNIQUE (unit_id, period)
);

CREATE TABLE section_reviews (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES sections (id),
    -- return, approve, reopen
    action TEXT NOT NULL,
    reason TEXT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    at TIMESTAMP NOT NULL
);
CREATE INDEX section_reviews_section ON section_reviews (section_id);
