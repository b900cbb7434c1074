-- Not restored: the column held nothing since 000007.
SELECT 1;
