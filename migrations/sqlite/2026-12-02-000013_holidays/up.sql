-- Public holidays, counted out of deadlines (Tết, 30/4-1/5, 2/9, Giỗ Tổ):
-- the government announces the exact days each year, so they are data.
-- A row without a unit applies everywhere (an administrator keeps those);
-- a row of a unit applies to it and every unit below it (a commune office
-- keeps its own). Keep in step with ../../postgres.
CREATE TABLE holidays (
    id INTEGER PRIMARY KEY,
    day DATE NOT NULL,
    -- What it is («Tết Nguyên đán»).
    name TEXT NOT NULL,
    unit_id INTEGER REFERENCES units (id),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
-- One row per day and scope.
CREATE UNIQUE INDEX holidays_everywhere ON holidays (day) WHERE unit_id IS NULL;
CREATE UNIQUE INDEX holidays_of_unit ON holidays (unit_id, day) WHERE unit_id IS NOT NULL;
CREATE INDEX holidays_day ON holidays (day);
