"""The rules of the front door, written once against the repositories of `storage.repositories`.

Sign-up and move-up, reminder planning, shifts and retention decide here what should happen; the
repositories only read and write. So the rules hold no SQL (tests/test_sql_only_in_storage.py) and
are the same on SQLite and PostgreSQL. `conversations/` and `bot/` call the rules; the rules never
import them.
"""
