DROP INDEX submission_values_cover;
DROP INDEX submissions_unit_period;
DROP TABLE imported_values;
DROP TABLE plans;
