-- Annual plans and imported figures of past periods. Keep in step with ../../postgres.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    year INTEGER NOT NULL,
    -- Fixed-point like every figure: ten-thousandths.
    value BIGINT NOT NULL,
    resolution_target BOOLEAN NOT NULL DEFAULT 0,
    year_end_only BOOLEAN NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    UNIQUE (unit_id, indicator_id, year)
);

-- Figures from before a unit used tonghop: a month's figure, or a total of a
-- longer period ('2025-H1', '2025') when only that is known. They count like
-- approved figures of the unit itself.
CREATE TABLE imported_values (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    period TEXT NOT NULL,
    -- True for a month ('2025-06'): it adds into totals like a submitted figure.
    monthly BOOLEAN NOT NULL,
    value BIGINT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    imported_by INTEGER NOT NULL REFERENCES users (id),
    UNIQUE (unit_id, indicator_id, period)
);

-- Totals read each unit's range of months, then every figure of those
-- submissions; with the value in the index they never touch the table.
CREATE INDEX submissions_unit_period ON submissions (unit_id, period);
CREATE INDEX submission_values_cover ON submission_values (submission_id, indicator_id, value);
