-- Web Push: the browsers that asked for notifications, what is to be sent
-- to them, and how many days before a deadline a commune reminds its
-- villages. Keep in step with ../../postgres.

-- One row per browser (its push service's endpoint), for the user who last
-- subscribed on it: another user logging in on the same phone takes it over.
CREATE TABLE push_subscriptions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    endpoint TEXT NOT NULL,
    -- The browser's P-256 public key and auth secret, base64url (RFC 8291).
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX push_subscriptions_endpoint ON push_subscriptions (endpoint);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- A notification for one subscription: written in the transaction of what
-- it tells (a return, a submission) or by the daily reminder, then sent by
-- whichever server claims it first (claimed_until), kept once sent so that
-- a reminder's once_key is never queued twice, and pruned after 60 days.
CREATE TABLE push_messages (
    id INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    -- The JSON the service worker shows: title, body, url, tag.
    payload TEXT NOT NULL,
    -- A reminder's key («reminder/unit/form/period/subscription»), so that
    -- two servers, or two runs of one, queue it once; NULL for the others.
    once_key TEXT,
    created_at TIMESTAMP NOT NULL,
    -- Not before: the next try after a failure.
    due_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    claimed_until TIMESTAMP,
    sent_at TIMESTAMP
);
CREATE UNIQUE INDEX push_messages_once ON push_messages (once_key);
CREATE INDEX push_messages_due ON push_messages (due_at) WHERE sent_at IS NULL;
CREATE INDEX push_messages_subscription ON push_messages (subscription_id);

-- How many days before a deadline the units below this one (a commune) are
-- reminded; NULL: no reminders. A unit without a row takes its nearest
-- ancestor's, or the default (2 days).
CREATE TABLE reminder_settings (
    unit_id INTEGER PRIMARY KEY REFERENCES units (id),
    days_before INTEGER,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);
