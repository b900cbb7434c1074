-- Personal access tokens for scripts: read-only, expiring, revocable. Keep in
-- step with ../../postgres.
CREATE TABLE access_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    -- What the user called it ("Báo cáo tháng của huyện").
    name TEXT NOT NULL,
    -- The first characters of the token ('thp_a1b2c3'), shown in the list so
    -- the user can tell which one a script holds. Not enough to use it.
    prefix TEXT NOT NULL,
    -- SHA-256 of the whole token, hex. The token itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    -- Updated at most once a minute.
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX access_tokens_user ON access_tokens (user_id);
