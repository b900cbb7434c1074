DROP INDEX submissions_period_unit;
DROP TABLE imported_values;
DROP TABLE plans;
