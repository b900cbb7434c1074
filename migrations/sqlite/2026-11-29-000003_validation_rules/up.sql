-- Validation rules as data. Keep in step with ../../postgres.
CREATE TABLE validation_rules (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    -- range, not_greater_than, required
    kind TEXT NOT NULL,
    other_indicator_id INTEGER REFERENCES indicators (id),
    min_value BIGINT,
    max_value BIGINT,
    -- hard (blocks submission) or soft (warns)
    severity TEXT NOT NULL,
    message TEXT
);
CREATE INDEX validation_rules_indicator ON validation_rules (indicator_id);
