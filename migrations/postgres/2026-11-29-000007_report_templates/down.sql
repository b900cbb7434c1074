ALTER TABLE units DROP COLUMN term_started_on;
ALTER TABLE reports ADD COLUMN number INTEGER;
UPDATE reports SET number = (SELECT serial FROM report_numbers WHERE report_id = reports.id);
ALTER TABLE reports ADD CONSTRAINT reports_unit_id_profile_number_key UNIQUE (unit_id, profile, number);
DROP TABLE report_numbers;
ALTER TABLE reports DROP COLUMN outline;
DROP TABLE report_templates;
