-- Schema 4 on PostgreSQL: as SQLite's 0004_anonymous.sql.
ALTER TABLE signups ADD COLUMN anonymised_at utc_moment;
ALTER TABLE residents ADD COLUMN last_seen_at utc_moment;
