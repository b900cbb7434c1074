DROP TABLE reminder_settings;
DROP TABLE push_messages;
DROP TABLE push_subscriptions;
