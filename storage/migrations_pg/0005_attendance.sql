-- Schema 5 on PostgreSQL: as SQLite's 0005_attendance.sql.
ALTER TABLE signups ADD COLUMN attended smallint CHECK (attended IN (0, 1));
