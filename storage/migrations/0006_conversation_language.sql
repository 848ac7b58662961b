-- The language a conversation is in, so a button press (which carries no words) is answered in
-- the language the resident was writing in. Kept before consent too, as where someone is in a
-- conversation is: one short row, refreshed at most hourly, dropped a day after its last use.
CREATE TABLE conversation_language (
    user_id    INTEGER PRIMARY KEY,
    language   TEXT NOT NULL,
    asked      INTEGER NOT NULL DEFAULT 0 CHECK (asked IN (0, 1)),  -- 1: "in English please"
    updated_at TEXT NOT NULL
);

CREATE INDEX conversation_language_age ON conversation_language (updated_at);
