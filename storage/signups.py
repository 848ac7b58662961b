"""The sign-up repository: sign-ups, waiting lists and cancelled occurrences, and their SQL.

Only reading and writing lives here; what should happen (is there a place, confirm or wait-list,
who moves up, which notices are due) is decided in `rules.signups`, against this interface, so the
rules are the same on SQLite and PostgreSQL. A check and the write that depends on it run inside
`SignupRepository.occurrence_lock`: BEGIN IMMEDIATE on SQLite, an advisory lock of the occurrence
on PostgreSQL (see `storage.pg.PgStore.write_lock`).

How rows are kept:
- `party_size` = 1 + companions: capacity counts people, not rows.
- A series (a course of six lessons) is one row with `series = 1`, keyed on its first session.
- An appointment activity keys each row on its slot's start (`occurrence_start`).
- The waiting list is in arrival order: (created_at, id).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from storage.db import Database, is_unique_violation, utc_now_iso
from storage.records import OccurrenceCounts, Signup, SignupStatus, count_occurrence, local_start
from storage.schedule import Occurrence

Start = datetime | str
"""An occurrence start: an aware datetime, or the local 'YYYY-MM-DDTHH:MM' the store keys on."""


def _key(start: Start) -> str:
    """The local start as the store keys it."""
    return start if isinstance(start, str) else local_start(start)


@dataclass(frozen=True)
class OccurrenceKey:
    """One occurrence (an appointment slot; a series' first session) as sign-ups are keyed."""

    org_id: str
    activity_id: str
    centre_id: str
    start: str  # local 'YYYY-MM-DDTHH:MM'

    @classmethod
    def of(cls, org_id: str, activity_id: str, centre_id: str, start: Start) -> OccurrenceKey:
        """The key of an occurrence given by an aware start or a stored local one."""
        return cls(org_id, activity_id, centre_id, _key(start))

    @classmethod
    def of_signup(cls, signup: Signup) -> OccurrenceKey:
        """The key a sign-up is stored under."""
        return cls(signup.org_id, signup.activity_id, signup.centre_id, signup.occurrence_start)

    def lock_name(self) -> str:
        """The name of this occurrence's check-then-write lock."""
        return f"signups:{self.org_id}:{self.activity_id}:{self.centre_id}:{self.start}"


@dataclass(frozen=True)
class Places:
    """How one occurrence stands for a new sign-up, read in one query."""

    taken: int  # people confirmed, companions included
    waiting: int  # sign-ups on the waiting list
    existing: int | None  # the id of the resident's active sign-up here, if any
    changed: bool  # the whole occurrence was cancelled, removed or moved


@dataclass(frozen=True)
class NewSignup:
    """A sign-up to store, as the rules decided it."""

    key: OccurrenceKey
    status: SignupStatus
    party_size: int
    companions: int = 0
    series: bool = False
    resident_id: int | None = None
    walk_in_name: str | None = None
    walk_in_phone: str | None = None
    options: dict[str, str] | None = None
    reduced: bool = False


class DuplicateSignup(Exception):
    """The resident already has an active sign-up here (the unique index said so)."""


_PLACES_SQL = """
SELECT
  (SELECT coalesce(sum(party_size), 0) FROM signups
    WHERE org_id = :org AND activity_id = :activity AND centre_id = :centre
      AND occurrence_start = :start AND status = 'confirmed') AS taken,
  (SELECT count(*) FROM signups
    WHERE org_id = :org AND activity_id = :activity AND centre_id = :centre
      AND occurrence_start = :start AND status = 'waiting') AS waiting,
  (SELECT id FROM signups
    WHERE org_id = :org AND activity_id = :activity AND centre_id = :centre
      AND occurrence_start = :start AND resident_id = :resident
      AND status <> 'cancelled') AS existing,
  (SELECT change FROM occurrence_changes
    WHERE org_id = :org AND activity_id = :activity AND centre_id = :centre
      AND occurrence_start = :occurrence) AS change
"""

_INSERT_SQL = (
    "INSERT INTO signups (org_id, activity_id, centre_id, occurrence_start, series, resident_id,"
    " walk_in_name, walk_in_phone, party_size, companions, options, reduced, status, created_at,"
    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *"
)

_OCCURRENCE = "org_id = ? AND activity_id = ? AND centre_id = ? AND occurrence_start = ?"


class SignupRepository:
    """Sign-ups and waiting lists: reads, writes and the lock a check-then-write step takes."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- the check-then-write step ------------------------------------------------------------

    def occurrence_lock(self, key: OccurrenceKey) -> AbstractAsyncContextManager[Any]:
        """One transaction in which no other sign-up, cancel or move-up of `key` runs."""
        return self.db.write_lock(key.lock_name())

    async def places(
        self, key: OccurrenceKey, *, resident_id: int | None, whole_start: str | None = None
    ) -> Places:
        """Places taken and waiting at `key`, the resident's sign-up there, and whether the
        whole occurrence (starting `whole_start`, by default `key.start`) was called off."""
        row = await self.db.fetch_one(
            _PLACES_SQL,
            {
                "org": key.org_id,
                "activity": key.activity_id,
                "centre": key.centre_id,
                "start": key.start,
                "resident": resident_id,
                "occurrence": whole_start or key.start,
            },
        )
        assert row is not None
        existing = row["existing"]
        return Places(
            int(row["taken"]),
            int(row["waiting"]),
            None if existing is None else int(existing),
            row["change"] is not None,
        )

    async def add(self, new: NewSignup, *, now: datetime) -> Signup:
        """Store a sign-up; DuplicateSignup when the resident has one there already."""
        stamp = utc_now_iso(now)
        key = new.key
        try:
            row = await self.db.fetch_one(
                _INSERT_SQL,
                (
                    key.org_id,
                    key.activity_id,
                    key.centre_id,
                    key.start,
                    int(new.series),
                    new.resident_id,
                    new.walk_in_name,
                    new.walk_in_phone,
                    new.party_size,
                    new.companions,
                    json.dumps(new.options or {}, sort_keys=True, ensure_ascii=False),
                    int(new.reduced),
                    str(new.status),
                    stamp,
                    stamp,
                ),
            )
        except sqlite3.IntegrityError as error:  # storage.db.IntegrityError on PostgreSQL too
            if not is_unique_violation(error):
                raise
            raise DuplicateSignup(str(error)) from error
        assert row is not None
        return Signup.from_row(row)

    async def mark_cancelled(self, signup_id: int, *, now: datetime) -> None:
        """Set one sign-up cancelled."""
        stamp = utc_now_iso(now)
        await self.db.execute(
            "UPDATE signups SET status = 'cancelled', cancelled_at = ?, updated_at = ?"
            " WHERE id = ?",
            (stamp, stamp, signup_id),
        )

    async def confirm(self, signup_ids: Sequence[int], *, now: datetime) -> None:
        """Give waiting sign-ups their place."""
        stamp = utc_now_iso(now)
        await self.db.execute_many(
            "UPDATE signups SET status = 'confirmed', updated_at = ? WHERE id = ?",
            [(stamp, signup_id) for signup_id in signup_ids],
        )

    async def cancel_all(
        self,
        org_id: str,
        activity_id: str,
        centre_id: str,
        first: str,
        last: str,
        *,
        now: datetime,
    ) -> list[Signup]:
        """Cancel every active sign-up from `first` to `last` (local starts) and return them,
        as cancelled, in order of start and arrival."""
        stamp = utc_now_iso(now)
        where = (
            "org_id = ? AND activity_id = ? AND centre_id = ?"
            " AND occurrence_start BETWEEN ? AND ? AND status <> 'cancelled'"
        )
        params = (org_id, activity_id, centre_id, first, last)
        rows = await self.db.fetch_all(
            f"SELECT * FROM signups WHERE {where} ORDER BY occurrence_start, created_at, id",
            params,
        )
        await self.db.execute(
            f"UPDATE signups SET status = 'cancelled', cancelled_at = ?, updated_at = ?"
            f" WHERE {where}",
            (stamp, stamp, *params),
        )
        cancelled_at = datetime.fromisoformat(stamp)
        return [
            replace(Signup.from_row(row), status=SignupStatus.CANCELLED, cancelled_at=cancelled_at)
            for row in rows
        ]

    async def record_cancelled_occurrence(
        self, key: OccurrenceKey, *, reason: str | None, now: datetime, notified: bool
    ) -> None:
        """Record that staff called an occurrence off (nobody can sign up for it again)."""
        stamp = utc_now_iso(now)
        await self.db.execute(
            "INSERT INTO occurrence_changes (org_id, activity_id, centre_id, occurrence_start,"
            " change, reason, detected_at, notified_at) VALUES (?, ?, ?, ?, 'cancelled', ?, ?, ?)"
            " ON CONFLICT (org_id, activity_id, centre_id, occurrence_start) DO UPDATE SET"
            " change = 'cancelled', new_start = NULL, reason = excluded.reason,"
            " detected_at = excluded.detected_at, notified_at = excluded.notified_at",
            (
                key.org_id,
                key.activity_id,
                key.centre_id,
                key.start,
                reason,
                stamp,
                stamp if notified else None,
            ),
        )

    async def set_attended(
        self, signup_id: int, attended: bool | None, *, now: datetime
    ) -> Signup | None:
        """Set whether a confirmed sign-up came (None clears it); None when none has this id."""
        row = await self.db.fetch_one(
            "UPDATE signups SET attended = ?, updated_at = ? WHERE id = ? AND status = 'confirmed'"
            " RETURNING *",
            (None if attended is None else int(attended), utc_now_iso(now), signup_id),
        )
        return None if row is None else Signup.from_row(row)

    def reminders_changed(self, resident_id: int | None) -> None:
        """Say that the reminders due to a resident may have changed (the scheduler listens)."""
        self.db.changes.reminders_changed(resident_id)

    # -- reading ------------------------------------------------------------------------------

    async def get(self, signup_id: int) -> Signup | None:
        """The sign-up with this id, or None."""
        row = await self.db.fetch_one("SELECT * FROM signups WHERE id = ?", (signup_id,))
        return None if row is None else Signup.from_row(row)

    async def waiting_position(self, signup_id: int) -> int | None:
        """Place on its waiting list (from 1), or None when it is not waiting."""
        value = await self.db.fetch_value(
            "SELECT count(*) FROM signups AS w JOIN signups AS s ON s.id = ?"
            " WHERE s.status = 'waiting' AND w.status = 'waiting' AND w.org_id = s.org_id"
            " AND w.activity_id = s.activity_id AND w.centre_id = s.centre_id"
            " AND w.occurrence_start = s.occurrence_start"
            " AND (w.created_at, w.id) <= (s.created_at, s.id)",
            (signup_id,),
        )
        return int(value) if value else None

    async def waiting_list(self, key: OccurrenceKey) -> list[Signup]:
        """The waiting sign-ups of one occurrence, in arrival order."""
        rows = await self.db.fetch_all(
            f"SELECT * FROM signups WHERE {_OCCURRENCE} AND status = 'waiting'"
            " ORDER BY created_at, id",
            (key.org_id, key.activity_id, key.centre_id, key.start),
        )
        return [Signup.from_row(row) for row in rows]

    async def taken(self, key: OccurrenceKey) -> int:
        """Places taken at one occurrence (or slot) by confirmed sign-ups, companions included."""
        value = await self.db.fetch_value(
            f"SELECT coalesce(sum(party_size), 0) FROM signups WHERE {_OCCURRENCE}"
            " AND status = 'confirmed'",
            (key.org_id, key.activity_id, key.centre_id, key.start),
        )
        return int(value or 0)

    async def places_taken(self, org_id: str, occurrences: Sequence[Occurrence]) -> list[int]:
        """Places taken by confirmed sign-ups at each occurrence, in order (one query per 300)."""
        keys = [(o.item_id, o.centre, local_start(o.start)) for o in occurrences]
        taken: dict[tuple[str, str, str], int] = {}
        for first in range(0, len(keys), 300):  # SQLite allows 999 parameters in older builds
            chunk = keys[first : first + 300]
            rows = await self.db.fetch_all(
                "SELECT activity_id, centre_id, occurrence_start, COALESCE(SUM(party_size), 0)"
                " FROM signups WHERE org_id = ? AND status = 'confirmed'"
                " AND (activity_id, centre_id, occurrence_start) IN (VALUES "
                + ", ".join(["(?, ?, ?)"] * len(chunk))
                + ") GROUP BY activity_id, centre_id, occurrence_start",
                [org_id, *(value for key in chunk for value in key)],
            )
            taken.update({(row[0], row[1], row[2]): int(row[3]) for row in rows})
        return [taken.get(key, 0) for key in keys]

    async def is_cancelled(
        self, org_id: str, activity_id: str, centre_id: str, start: Start
    ) -> bool:
        """Whether staff cancelled (or a re-import removed) this occurrence."""
        value = await self.db.fetch_value(
            "SELECT 1 FROM occurrence_changes WHERE org_id = ? AND activity_id = ?"
            " AND centre_id = ? AND occurrence_start = ? AND change IN ('cancelled', 'removed')",
            (org_id, activity_id, centre_id, _key(start)),
        )
        return value is not None

    async def active_of(self, resident_id: int, *, after: str) -> list[Signup]:
        """A resident's sign-ups not cancelled that start after `after` (local), and every
        series of theirs, soonest first."""
        rows = await self.db.fetch_all(
            "SELECT * FROM signups WHERE resident_id = ? AND status <> 'cancelled'"
            " AND (occurrence_start > ? OR series = 1) ORDER BY occurrence_start, created_at, id",
            (resident_id, after),
        )
        return [Signup.from_row(row) for row in rows]

    async def attendance(
        self, org_id: str, activity_id: str, centre_id: str, start: Start
    ) -> list[Signup]:
        """Confirmed sign-ups of one occurrence, then its waiting list, each in order."""
        rows = await self.db.fetch_all(
            "SELECT * FROM signups WHERE org_id = ? AND activity_id = ? AND centre_id = ?"
            " AND occurrence_start = ? AND status <> 'cancelled'"
            " ORDER BY status = 'waiting', created_at, id",
            (org_id, activity_id, centre_id, _key(start)),
        )
        return [Signup.from_row(row) for row in rows]

    async def counts(
        self, org_id: str, activity_id: str, centre_id: str, start: Start
    ) -> OccurrenceCounts:
        """How many people and sign-ups are confirmed and waiting for one occurrence."""
        return await count_occurrence(self.db, org_id, activity_id, centre_id, start)

    async def residents_changed_since(self, org_id: str, since: datetime) -> set[int]:
        """Residents whose sign-ups changed at or after `since` (to plan their reminders)."""
        rows = await self.db.fetch_all(
            "SELECT DISTINCT resident_id FROM signups WHERE org_id = ? AND updated_at >= ?"
            " AND resident_id IS NOT NULL",
            (org_id, utc_now_iso(since)),
        )
        return {int(row[0]) for row in rows}

    async def active_ids_of(self, resident_id: int, *, from_local: datetime | None) -> list[int]:
        """Ids of a resident's sign-ups not cancelled (with `from_local`: not yet begun)."""
        if from_local is None:
            rows = await self.db.fetch_all(
                "SELECT id FROM signups WHERE resident_id = ? AND status <> ? ORDER BY id",
                (resident_id, SignupStatus.CANCELLED),
            )
        else:
            rows = await self.db.fetch_all(
                "SELECT id FROM signups WHERE resident_id = ? AND status <> ?"
                " AND (occurrence_start >= ? OR series = 1) ORDER BY id",
                (resident_id, SignupStatus.CANCELLED, local_start(from_local)),
            )
        return [int(row["id"]) for row in rows]

    async def anonymise_of(self, resident_id: int, *, now: datetime) -> int:
        """Cut every sign-up of a resident loose from them (name, phone, options go); how many."""
        return await self.db.execute_count(
            "UPDATE signups SET resident_id = NULL, walk_in_name = '', walk_in_phone = NULL,"
            " options = '{}', anonymised_at = ? WHERE resident_id = ?",
            (utc_now_iso(now), resident_id),
        )

    async def anonymise_desk_signups(self, org_id: str, *, before: datetime, now: datetime) -> int:
        """Drop name and phone of desk sign-ups of occurrences before `before`; how many."""
        return await self.db.execute_count(
            "UPDATE signups SET walk_in_name = '', walk_in_phone = NULL, options = '{}',"
            " anonymised_at = ? WHERE org_id = ? AND resident_id IS NULL"
            " AND anonymised_at IS NULL AND occurrence_start < ?",
            (utc_now_iso(now), org_id, local_start(before)),
        )
