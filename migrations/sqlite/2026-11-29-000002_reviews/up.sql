-- Review decisions on submissions. Keep in step with ../../postgres.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    -- return, approve, reopen
    action TEXT NOT NULL,
    reason TEXT,
    -- JSON array of {"indicator_id", "comment"}
    figure_comments TEXT NOT NULL,
    -- JSON array of {"indicator_id", "value"}: the figures as they were
    -- decided on, so the reviewer later sees what changed since a return.
    values_json TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    at TIMESTAMP NOT NULL
);
CREATE INDEX reviews_submission ON reviews (submission_id);
