-- The sending budget every process of the bot shares (storage/send_budget.py): one row, the
-- earliest wall-clock moment (seconds) the next message may go and the end of a 429 pause.
-- Versions before this migration created the table when a process started: IF NOT EXISTS and
-- DO NOTHING keep the schedule such a database already has.
CREATE TABLE IF NOT EXISTS send_budget (
    id           integer PRIMARY KEY,
    next_slot    double precision NOT NULL,
    paused_until double precision NOT NULL
);

INSERT INTO send_budget (id, next_slot, paused_until) VALUES (1, 0, 0)
    ON CONFLICT (id) DO NOTHING;
