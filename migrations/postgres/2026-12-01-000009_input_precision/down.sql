ALTER TABLE indicators DROP COLUMN input_precision;
