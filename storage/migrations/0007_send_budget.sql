-- The sending budget every process of the bot shares (storage/send_budget.py). Only PostgreSQL
-- runs several processes and uses it; SQLite has the same table so that both backends keep one
-- numbering and one schema.
CREATE TABLE send_budget (
    id           INTEGER PRIMARY KEY,
    next_slot    REAL NOT NULL,  -- seconds on the wall clock
    paused_until REAL NOT NULL   -- the end of a 429 pause, 0 if none
);

INSERT INTO send_budget (id, next_slot, paused_until) VALUES (1, 0, 0);
