-- Schema 4: forgetting a resident keeps their sign-ups as anonymous counts, and residents who
-- stop writing can be forgotten after a while.
--
-- A forgotten resident's sign-ups stay in `signups`, so every figure the reports count (sign-ups,
-- people, waiting lists, attendance) keeps adding up; only who it was is gone: resident_id is
-- NULL, the name is '' (the table demands a resident or a name), phone and choices are emptied,
-- and anonymised_at says when. Such a row is not a desk sign-up: desk sign-ups have a name.
ALTER TABLE signups ADD COLUMN anonymised_at TEXT;

-- When a consenting resident last wrote (UTC), for `privacy.inactive_months`; set at most about
-- once a day, on the first message of that day.
ALTER TABLE residents ADD COLUMN last_seen_at TEXT;
