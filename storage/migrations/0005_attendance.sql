-- Schema 5: staff register who came to a session, so the reports can count attendance and
-- no-shows instead of guessing them.
--
-- Only confirmed sign-ups are registered: 1 = came, 0 = did not come (a no-show), NULL = nobody
-- registered it (the default, and what every sign-up made before this migration keeps).
ALTER TABLE signups ADD COLUMN attended INTEGER CHECK (attended IN (0, 1));
