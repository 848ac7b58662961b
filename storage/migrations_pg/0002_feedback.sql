-- Schema 2 on PostgreSQL: as SQLite's 0002_feedback.sql.
ALTER TABLE feedback ADD COLUMN rating integer CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE feedback ADD COLUMN occurrence_start local_start;
ALTER TABLE feedback ADD COLUMN signup_id bigint;
ALTER TABLE feedback ADD COLUMN asked smallint NOT NULL DEFAULT 0 CHECK (asked IN (0, 1));

CREATE UNIQUE INDEX feedback_one_per_signup ON feedback (signup_id) WHERE signup_id IS NOT NULL;
CREATE INDEX feedback_recent ON feedback (org_id, created_at);

CREATE TABLE feedback_settings (
    user_id    bigint PRIMARY KEY REFERENCES residents (user_id) ON DELETE CASCADE,
    ask        text NOT NULL CHECK (ask IN ('offered', 'yes', 'no')),
    updated_at utc_moment NOT NULL
);
