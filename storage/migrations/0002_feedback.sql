-- Schema 2: feedback gets a rating (1-5), the occurrence and sign-up it is about, and whether it
-- answers the day-after question; residents get the "ask me how it was" setting.
-- The kind CHECK is unchanged, so columns are added rather than the table recreated.

ALTER TABLE feedback ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE feedback ADD COLUMN occurrence_start TEXT;     -- local 'YYYY-MM-DDTHH:MM'
-- No foreign key: forgetting a resident deletes their sign-ups, while the rating stays as an
-- anonymous figure for the reports.
ALTER TABLE feedback ADD COLUMN signup_id INTEGER;
ALTER TABLE feedback ADD COLUMN asked INTEGER NOT NULL DEFAULT 0 CHECK (asked IN (0, 1));

-- A sign-up is rated once.
CREATE UNIQUE INDEX feedback_one_per_signup ON feedback (signup_id) WHERE signup_id IS NOT NULL;
CREATE INDEX feedback_recent ON feedback (org_id, created_at);

-- "Ask me how it was": absent until the bot first offers the day-after question ('offered'),
-- then 'yes' once the resident answers one, or 'no' after "don't ask again". A table of its own
-- (not a residents column) so it goes with the resident when they are forgotten.
CREATE TABLE feedback_settings (
    user_id    INTEGER PRIMARY KEY REFERENCES residents (user_id) ON DELETE CASCADE,
    ask        TEXT NOT NULL CHECK (ask IN ('offered', 'yes', 'no')),
    updated_at TEXT NOT NULL
);
