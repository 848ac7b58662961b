-- Schema 3: help requests with a warm handoff. A request is open until a staff member claims it,
-- then claimed until they resolve it; the resident picks a topic and a call-back moment, and
-- staff keep a short note. SQLite cannot change a CHECK constraint, so the table is rebuilt
-- with its rows (and its foreign keys) copied; the old 'handled' status becomes 'resolved'.
CREATE TABLE help_requests_new (
    id            INTEGER PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisations (id),
    resident_id   INTEGER REFERENCES residents (user_id),
    centre_id     TEXT,
    kind          TEXT NOT NULL DEFAULT 'help',   -- help, volunteer, ...
    topic         TEXT,                           -- money, housing, health, lonely, digital, ...
    message       TEXT NOT NULL,
    contact_phone TEXT,
    callback      TEXT,                           -- the moment chosen: am0, pm0, am1, pm1, visit
    callback_day  TEXT,                           -- local 'YYYY-MM-DD' the moment falls on
    language      TEXT,
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'claimed', 'resolved', 'cancelled')),
    note          TEXT,                           -- staff notes, newest last
    created_at    TEXT NOT NULL,
    claimed_at    TEXT,
    claimed_by    INTEGER,                        -- staff Telegram id
    resolved_at   TEXT,
    resolved_by   INTEGER,                        -- staff Telegram id
    -- resolving an open request claims it in the same step, so a taken-up time always exists
    CHECK ((status IN ('claimed', 'resolved')) = (claimed_at IS NOT NULL)),
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
    FOREIGN KEY (org_id, centre_id) REFERENCES centres (org_id, id)
);

INSERT INTO help_requests_new (id, org_id, resident_id, centre_id, kind, message, contact_phone,
    language, status, created_at, claimed_at, claimed_by, resolved_at, resolved_by)
SELECT id, org_id, resident_id, centre_id, kind, message, contact_phone, language,
    CASE status WHEN 'handled' THEN 'resolved' ELSE status END,
    created_at,
    CASE status WHEN 'handled' THEN coalesce(handled_at, created_at) END,
    CASE status WHEN 'handled' THEN handled_by END,
    CASE status WHEN 'handled' THEN coalesce(handled_at, created_at) END,
    CASE status WHEN 'handled' THEN handled_by END
FROM help_requests;

DROP INDEX help_requests_open;
DROP TABLE help_requests;
ALTER TABLE help_requests_new RENAME TO help_requests;

CREATE INDEX help_requests_open ON help_requests (org_id, status, created_at);
CREATE INDEX help_requests_by_resident ON help_requests (resident_id);
