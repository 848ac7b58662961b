-- The language a conversation is in, so a button press (which carries no words) is answered in
-- the language the resident was writing in. Kept before consent too, as where someone is in a
-- conversation is: one short row, refreshed at most hourly, dropped a day after its last use.
CREATE TABLE conversation_language (
    user_id    bigint PRIMARY KEY,
    language   text NOT NULL,
    asked      integer NOT NULL DEFAULT 0 CHECK (asked IN (0, 1)),
    updated_at utc_moment NOT NULL
);

CREATE INDEX conversation_language_age ON conversation_language (updated_at);
