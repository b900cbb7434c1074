DROP TABLE validation_rules;
