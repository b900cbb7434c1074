-- The shared rate limits (`rate_limit_store = "database"`,
-- `auth::rate_limit`): per key (`login:<address>`, `token:<id>`) the moment,
-- in microseconds since the Unix epoch, at which it is fully rested. Rows
-- past that moment carry nothing and are swept.
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY NOT NULL,
    rested_at BIGINT NOT NULL
);
