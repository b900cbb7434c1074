-- How many decimals a figure may carry, apart from how many a report shows
-- (display_precision): afforestation is reported in whole hectares, yet last
-- year's figure was 82,5 ha. Until now both were display_precision.
ALTER TABLE indicators ADD COLUMN input_precision INTEGER NOT NULL DEFAULT 0;
UPDATE indicators SET input_precision = display_precision;
