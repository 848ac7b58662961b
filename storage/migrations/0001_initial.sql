-- Schema 1: everything the foundation, sign-up, reminder, volunteer and help issues need, so that
-- they add queries rather than migrations. Conventions:
--   * timestamps are TEXT: UTC ISO 8601 ('2026-11-16T09:00:00+00:00') for moments,
--     local 'YYYY-MM-DDTHH:MM' in the organisation's zone for occurrence starts (what residents
--     and the data file speak in, and stable across summer time);
--   * booleans are INTEGER 0/1 with a CHECK;
--   * records from the data file are never deleted, only marked removed_at, so the sign-ups,
--     links and changes that point at them keep a valid foreign key.

-- One row per imported data file. The YAML text is the canonical serialisation of the
-- organisation; the per-kind tables below are derived from it.
CREATE TABLE organisations (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    source_name   TEXT NOT NULL,            -- file name the text came from, for error messages
    source_text   TEXT NOT NULL,
    source_hash   TEXT NOT NULL,            -- sha256 of source_text
    settings_hash TEXT NOT NULL,            -- hash of the organisation-level fields only
    imported_at   TEXT NOT NULL
);

-- The records of the data file, one table per kind, all of the same shape: the record as JSON
-- (for staff queries and integrity checks) and its content hash (so a re-import rewrites only
-- what changed).
CREATE TABLE centres (
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    id           TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    updated_at   TEXT NOT NULL,
    removed_at   TEXT,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;

CREATE TABLE desks (
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    id           TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    updated_at   TEXT NOT NULL,
    removed_at   TEXT,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;

CREATE TABLE activities (
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    id           TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    updated_at   TEXT NOT NULL,
    removed_at   TEXT,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;

CREATE TABLE volunteers (
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    id           TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    updated_at   TEXT NOT NULL,
    removed_at   TEXT,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;

CREATE TABLE shifts (
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    id           TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    updated_at   TEXT NOT NULL,
    removed_at   TEXT,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;

CREATE TABLE staff (
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    id           TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    updated_at   TEXT NOT NULL,
    removed_at   TEXT,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;

-- A person who talks to the bot. The Telegram user id is also their private chat id.
CREATE TABLE residents (
    user_id           INTEGER PRIMARY KEY,
    name              TEXT,                 -- as Telegram gives it; for staff attendance lists
    language          TEXT,                 -- chosen or detected; NULL until known
    consent_at        TEXT,                 -- when they agreed that we remember personal choices
    reduced_tariff    INTEGER CHECK (reduced_tariff IN (0, 1)),
    reminders         TEXT NOT NULL DEFAULT 'both'
                      CHECK (reminders IN ('both', 'day_before', 'same_day', 'none')),
    unreachable_since TEXT,                 -- set when Telegram says they blocked the bot
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- a reduced-tariff right is personal data: it is only remembered with consent
    CHECK (reduced_tariff IS NULL OR consent_at IS NOT NULL)
);

-- One sign-up of one resident (or of a walk-in without Telegram, taken at the desk) for one
-- occurrence of an activity, or for a whole series (occurrence_start is then its first session).
-- Waiting-list order is (created_at, id): ids grow in the order sign-ups were stored.
CREATE TABLE signups (
    id               INTEGER PRIMARY KEY,
    org_id           TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    centre_id        TEXT NOT NULL,
    occurrence_start TEXT NOT NULL,         -- local 'YYYY-MM-DDTHH:MM'
    series           INTEGER NOT NULL DEFAULT 0 CHECK (series IN (0, 1)),
    -- no ON DELETE CASCADE: forgetting a resident must cancel their sign-ups deliberately
    -- (and promote the waiting list), not make them vanish
    resident_id      INTEGER REFERENCES residents (user_id),
    walk_in_name     TEXT,
    walk_in_phone    TEXT,
    party_size       INTEGER NOT NULL DEFAULT 1 CHECK (party_size >= 1),
    companions       INTEGER NOT NULL DEFAULT 0 CHECK (companions >= 0),
    options          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    reduced          INTEGER NOT NULL DEFAULT 0 CHECK (reduced IN (0, 1)),
    status           TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    cancelled_at     TEXT,
    CHECK (party_size = 1 + companions),
    CHECK (resident_id IS NOT NULL OR walk_in_name IS NOT NULL),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
    -- activities and centres are never deleted (see removed_at), so these always hold
    FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id),
    FOREIGN KEY (org_id, centre_id) REFERENCES centres (org_id, id)
);

-- No resident holds two active sign-ups for one occurrence; cancelled ones do not count, so a
-- resident may sign up again after cancelling.
CREATE UNIQUE INDEX signups_one_active_per_resident
    ON signups (org_id, activity_id, centre_id, occurrence_start, resident_id)
    WHERE status <> 'cancelled' AND resident_id IS NOT NULL;

CREATE INDEX signups_by_occurrence
    ON signups (org_id, activity_id, centre_id, occurrence_start, status);

CREATE INDEX signups_by_resident ON signups (resident_id, occurrence_start);

-- Occurrences that residents signed up for and that a re-import removed or moved, or that
-- staff cancelled; the notifier sends the notices and sets notified_at.
CREATE TABLE occurrence_changes (
    id               INTEGER PRIMARY KEY,
    org_id           TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    centre_id        TEXT NOT NULL,
    occurrence_start TEXT NOT NULL,         -- local 'YYYY-MM-DDTHH:MM'
    change           TEXT NOT NULL CHECK (change IN ('removed', 'moved', 'cancelled')),
    new_start        TEXT,                  -- for 'moved': the replacing occurrence
    reason           TEXT,
    detected_at      TEXT NOT NULL,
    notified_at      TEXT,
    CHECK ((change = 'moved') = (new_start IS NOT NULL)),
    UNIQUE (org_id, activity_id, centre_id, occurrence_start),
    FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id),
    FOREIGN KEY (org_id, centre_id) REFERENCES centres (org_id, id)
);

CREATE INDEX occurrence_changes_pending ON occurrence_changes (notified_at);

-- Every message the bot sends on its own initiative. The outbox, not a scheduler, is the truth.
-- 'sending' marks a row claimed by the dispatcher; after a crash such rows are the only ones
-- that may be repeated.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    org_id     TEXT,
    chat_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL,               -- reminder_day_before, promotion, change, ...
    ref        TEXT,                        -- what it is about, e.g. 'signup:42'
    payload    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    language   TEXT NOT NULL,
    due_at     TEXT NOT NULL,               -- UTC
    status     TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'missed', 'cancelled')),
    attempts   INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at    TEXT,
    dedupe_key TEXT UNIQUE                  -- the same reminder is never queued twice
);

CREATE INDEX outbox_due ON outbox (status, due_at);
CREATE INDEX outbox_by_ref ON outbox (ref);

-- Where a resident is in a multi-step conversation, so a restart loses nothing.
CREATE TABLE conversation_state (
    user_id    INTEGER PRIMARY KEY,
    flow       TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(state)),
    updated_at TEXT NOT NULL
);

-- A resident asks staff for personal help, a call back, or to become a volunteer.
CREATE TABLE help_requests (
    id            INTEGER PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisations (id),
    resident_id   INTEGER REFERENCES residents (user_id),
    centre_id     TEXT,
    kind          TEXT NOT NULL DEFAULT 'help',   -- help, callback, volunteer, ...
    message       TEXT NOT NULL,
    contact_phone TEXT,
    language      TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled', 'cancelled')),
    created_at    TEXT NOT NULL,
    handled_at    TEXT,
    handled_by    INTEGER,                        -- staff Telegram id
    FOREIGN KEY (org_id, centre_id) REFERENCES centres (org_id, id)
);

CREATE INDEX help_requests_open ON help_requests (org_id, status, created_at);

-- Feedback on an activity or a centre, or a suggestion; resident_id NULL when anonymous.
CREATE TABLE feedback (
    id          INTEGER PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    resident_id INTEGER REFERENCES residents (user_id),
    centre_id   TEXT,
    activity_id TEXT,
    kind        TEXT NOT NULL DEFAULT 'feedback' CHECK (kind IN ('feedback', 'suggestion')),
    message     TEXT NOT NULL,
    language    TEXT,
    created_at  TEXT NOT NULL,
    FOREIGN KEY (org_id, centre_id) REFERENCES centres (org_id, id),
    FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id)
);

-- A Telegram account linked to a volunteer record (one account per volunteer).
CREATE TABLE volunteer_links (
    telegram_id  INTEGER NOT NULL,
    org_id       TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    linked_at    TEXT NOT NULL,
    PRIMARY KEY (telegram_id, org_id),
    UNIQUE (org_id, volunteer_id),
    FOREIGN KEY (org_id, volunteer_id) REFERENCES volunteers (org_id, id)
);

-- One-time codes printed by `voordeur volunteer-code`.
CREATE TABLE volunteer_codes (
    code         TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,
    used_by      INTEGER,                       -- Telegram id that redeemed it
    FOREIGN KEY (org_id, volunteer_id) REFERENCES volunteers (org_id, id)
);

-- A volunteer took (a place in) an open shift on one date.
CREATE TABLE shift_assignments (
    id               INTEGER PRIMARY KEY,
    org_id           TEXT NOT NULL,
    shift_id         TEXT NOT NULL,
    occurrence_start TEXT NOT NULL,             -- local 'YYYY-MM-DDTHH:MM'
    volunteer_id     TEXT NOT NULL,
    taken_at         TEXT NOT NULL,
    cancelled_at     TEXT,
    FOREIGN KEY (org_id, shift_id) REFERENCES shifts (org_id, id),
    FOREIGN KEY (org_id, volunteer_id) REFERENCES volunteers (org_id, id)
);

CREATE UNIQUE INDEX shift_assignments_one_active
    ON shift_assignments (org_id, shift_id, occurrence_start, volunteer_id)
    WHERE cancelled_at IS NULL;

-- A volunteer assigned in the data file says "I can't come" on one date.
CREATE TABLE shift_cancellations (
    id               INTEGER PRIMARY KEY,
    org_id           TEXT NOT NULL,
    shift_id         TEXT NOT NULL,
    occurrence_start TEXT NOT NULL,             -- local 'YYYY-MM-DDTHH:MM'
    volunteer_id     TEXT NOT NULL,
    reason           TEXT,
    created_at       TEXT NOT NULL,
    UNIQUE (org_id, shift_id, occurrence_start, volunteer_id),
    FOREIGN KEY (org_id, shift_id) REFERENCES shifts (org_id, id),
    FOREIGN KEY (org_id, volunteer_id) REFERENCES volunteers (org_id, id)
);

-- Small process state: the last Telegram update handled, and the like.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
