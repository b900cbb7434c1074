ALTER TABLE units DROP COLUMN term_started_on;
UPDATE reports SET number = (SELECT serial FROM report_numbers WHERE report_id = reports.id);
DROP TABLE report_numbers;
ALTER TABLE reports DROP COLUMN outline;
DROP TABLE report_templates;
