-- Report templates the commune can adjust, the outline each report follows,
-- and the register of issued numbers by series. Keep in step with
-- ../../postgres.

-- A named outline kept by a unit; its reports and those of the units below
-- may start from it.
CREATE TABLE report_templates (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    name TEXT NOT NULL,
    -- JSON array of outline entries (shared::api::OutlineEntry).
    outline TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    UNIQUE (unit_id, name)
);

-- The outline a report follows, copied from its template when it was
-- started (so a later change of the template never moves its passages);
-- NULL: the outline built into tonghop.
ALTER TABLE reports ADD COLUMN outline TEXT;

-- Issued numbers. A Party committee numbers each document type from 01 over
-- its term, a State body from 01 every calendar year: the series is the
-- term (`2025-2030`) or the year (`2026`).
CREATE TABLE report_numbers (
    report_id INTEGER PRIMARY KEY NOT NULL REFERENCES reports (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    profile TEXT NOT NULL,
    series TEXT NOT NULL,
    serial INTEGER NOT NULL,
    UNIQUE (unit_id, profile, series, serial)
);

-- Numbers issued so far move to the register. Until now they ran over all
-- time, so the series is taken from the date: the five-year term starting
-- in a year divisible by five for the Party, the year for the State.
INSERT INTO report_numbers (report_id, unit_id, profile, series, serial)
SELECT id, unit_id, profile,
       CASE profile
           WHEN 'party' THEN
               (CAST(strftime('%Y', issued_on) AS INTEGER) / 5 * 5) || '-' || (CAST(strftime('%Y', issued_on) AS INTEGER) / 5 * 5 + 5)
           ELSE strftime('%Y', issued_on)
       END,
       number
FROM reports WHERE number IS NOT NULL;

-- `reports.number` is no longer used. SQLite cannot drop a column that a
-- UNIQUE constraint names without rebuilding the table, which the foreign
-- keys pointing at `reports` make unsafe here; it stays, always NULL.
UPDATE reports SET number = NULL;

-- When the unit's current Party term began (NULL: terms of five years from
-- 1 January of a year divisible by five).
ALTER TABLE units ADD COLUMN term_started_on DATE;
