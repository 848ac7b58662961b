-- Schema 3 on PostgreSQL: as SQLite's 0003_help_requests.sql. PostgreSQL can change a CHECK in
-- place, so the table is altered rather than rebuilt; the column order differs from SQLite's,
-- which no query depends on (they name their columns or read rows by name).
ALTER TABLE help_requests DROP CONSTRAINT help_requests_status_check;
ALTER TABLE help_requests ADD COLUMN topic text;
ALTER TABLE help_requests ADD COLUMN callback text;
ALTER TABLE help_requests ADD COLUMN callback_day text;
ALTER TABLE help_requests ADD COLUMN note text;
ALTER TABLE help_requests ADD COLUMN claimed_at utc_moment;
ALTER TABLE help_requests ADD COLUMN claimed_by bigint;
ALTER TABLE help_requests ADD COLUMN resolved_at utc_moment;
ALTER TABLE help_requests ADD COLUMN resolved_by bigint;

UPDATE help_requests SET
    status = 'resolved',
    claimed_at = coalesce(handled_at, created_at),
    claimed_by = handled_by,
    resolved_at = coalesce(handled_at, created_at),
    resolved_by = handled_by
WHERE status = 'handled';

ALTER TABLE help_requests DROP COLUMN handled_at;
ALTER TABLE help_requests DROP COLUMN handled_by;
ALTER TABLE help_requests ADD CONSTRAINT help_requests_status_check
    CHECK (status IN ('open', 'claimed', 'resolved', 'cancelled'));
ALTER TABLE help_requests ADD CHECK ((status IN ('claimed', 'resolved')) = (claimed_at IS NOT NULL));
ALTER TABLE help_requests ADD CHECK ((status = 'resolved') = (resolved_at IS NOT NULL));

CREATE INDEX help_requests_by_resident ON help_requests (resident_id);
