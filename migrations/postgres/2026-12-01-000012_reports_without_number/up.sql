-- SQLite drops `reports.number` here (PostgreSQL did in 000007): nothing to do.
SELECT 1;
