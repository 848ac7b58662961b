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
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from storage import outbox
from storage.db import Database, is_unique_violation, utc_now_iso
from storage.model import Activity, Organisation, SignupMode
from storage.records import OccurrenceCounts, Signup, SignupStatus, count_occurrence, local_start
from storage.schedule import (  # noqa: F401 (slots: still imported from here until next commit)
    ACTIVITY,
    Calendar,
    Occurrence,
    containing,
    resolve,
    series_sessions,
    slots,
)

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


# === Below: the rules as they were, kept until the callers use rules.signups (next commit) ===

CONFIRMED = "confirmed"
WAITING = "waiting"
DUPLICATE = "duplicate"
CLOSED = "closed"
WALK_IN = "walk_in"
PAST = "past"
NO_SUCH_OCCURRENCE = "no_such_occurrence"
TOO_MANY_COMPANIONS = "too_many_companions"

PROMOTION = "promotion"
CANCELLATION = "cancellation"
"""Outbox kinds of the notices queued here."""

NoticeRenderer = Callable[[str, Signup], Awaitable[tuple[dict[str, Any], str]]]
"""Renders a notice of a kind (PROMOTION, CANCELLATION) about a sign-up: (outbox payload, lang)."""

_OPEN_ENDED_SERIES_DAYS = 366  # a series without an end date is read as at most a year long


@dataclass(frozen=True)
class SignupResult:
    """What happened to a sign-up attempt."""

    status: str  # one of the module constants CONFIRMED ... TOO_MANY_COMPANIONS
    signup: Signup | None = None  # the stored (or, for DUPLICATE, the existing) sign-up
    position: int | None = None  # place on the waiting list, from 1
    deadline: datetime | None = None  # for CLOSED: until when signing up was possible


@dataclass(frozen=True)
class CancelResult:
    """A cancellation: the cancelled sign-up (None: nothing to cancel) and who moved up."""

    cancelled: Signup | None
    promoted: tuple[Signup, ...] = ()


# -- signing up --------------------------------------------------------------------------------

_STATE_SQL = """
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


async def sign_up(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    *,
    activity_id: str,
    centre_id: str,
    start: datetime,
    now: datetime,
    resident_id: int | None = None,
    walk_in_name: str | None = None,
    walk_in_phone: str | None = None,
    companions: int = 0,
    options: dict[str, str] | None = None,
    reduced: bool = False,
) -> SignupResult:
    """Sign a resident (or a walk-in taken at the desk) up for one occurrence, if the rules allow.

    The resident must already exist in `residents`. A walk-in needs `walk_in_name`.
    """
    activity = org.activity(activity_id)
    if activity is None or centre_id not in activity.centres:
        return SignupResult(NO_SUCH_OCCURRENCE)
    if activity.signup is SignupMode.WALK_IN:
        return SignupResult(WALK_IN)
    if resident_id is None and not walk_in_name:
        raise ValueError("a sign-up needs a resident or a walk-in name")
    party = 1 + companions
    if (
        companions < 0
        or companions > activity.max_companions
        or (activity.capacity is not None and party > activity.capacity)
    ):
        return SignupResult(TOO_MANY_COMPANIONS)
    occurrence = resolve(calendar, activity, centre_id, start)
    if occurrence is None:
        return SignupResult(NO_SUCH_OCCURRENCE)
    if occurrence.start <= now:
        return SignupResult(PAST)
    deadline = calendar.signup_deadline(activity, occurrence.start)
    if deadline is not None and now > deadline:
        return SignupResult(CLOSED, deadline=deadline)
    key = local_start(occurrence.start.astimezone(calendar.tz))
    whole = containing(calendar, activity, occurrence)
    stamp = utc_now_iso(now)
    params = {
        "org": org.id,
        "activity": activity.id,
        "centre": centre_id,
        "start": key,
        "resident": resident_id,
        "occurrence": local_start(whole.start.astimezone(calendar.tz)),
    }
    async with store.transaction(immediate=True):
        row = await store.fetch_one(_STATE_SQL, params)
        assert row is not None
        if row["change"] is not None:
            return SignupResult(NO_SUCH_OCCURRENCE)
        if resident_id is not None and row["existing"] is not None:
            existing = await _get(store, int(row["existing"]))
            return SignupResult(
                DUPLICATE, existing, await waiting_position(store, int(row["existing"]))
            )
        fits = activity.capacity is None or row["taken"] + party <= activity.capacity
        status = SignupStatus.CONFIRMED if fits else SignupStatus.WAITING
        try:
            inserted = await store.fetch_one(
                _INSERT_SQL,
                (
                    org.id,
                    activity.id,
                    centre_id,
                    key,
                    int(activity.signup is SignupMode.SERIES),
                    resident_id,
                    walk_in_name,
                    walk_in_phone,
                    party,
                    companions,
                    json.dumps(options or {}, sort_keys=True, ensure_ascii=False),
                    int(reduced),
                    str(status),
                    stamp,
                    stamp,
                ),
            )
        except sqlite3.IntegrityError as error:
            # Only the unique index can refuse it here: checked above, so another process won.
            if "UNIQUE" not in str(error):
                raise
            return SignupResult(DUPLICATE)
    assert inserted is not None
    signup = Signup.from_row(inserted)
    store.changes.reminders_changed(resident_id)
    if fits:
        return SignupResult(CONFIRMED, signup)
    return SignupResult(WAITING, signup, int(row["waiting"]) + 1)


# -- cancelling --------------------------------------------------------------------------------


async def cancel_signup(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    signup_id: int,
    *,
    now: datetime,
    resident_id: int | None = None,
    notice: NoticeRenderer | None = None,
) -> CancelResult:
    """Cancel one sign-up and give the freed places to the waiting list.

    With `resident_id`, only that resident's own sign-up is cancelled. With `notice`, each
    promoted resident gets a PROMOTION message in the outbox, in the same transaction.
    """
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        signup = await _get(store, signup_id)
        if (
            signup is None
            or signup.org_id != org.id
            or not signup.active
            or (resident_id is not None and signup.resident_id != resident_id)
        ):
            return CancelResult(None)
        await store.execute(
            "UPDATE signups SET status = 'cancelled', cancelled_at = ?, updated_at = ?"
            " WHERE id = ?",
            (stamp, stamp, signup_id),
        )
        await outbox.cancel_pending(store, ref=f"signup:{signup_id}")
        promoted: tuple[Signup, ...] = ()
        activity = org.activity(signup.activity_id)
        started = _start_of(calendar, signup) <= now
        if activity is not None and not started:
            promoted = await _promote(store, activity, signup, stamp)
            if notice is not None:
                for moved_up in promoted:
                    await _enqueue(store, org, notice, PROMOTION, moved_up, now)
        cancelled = await _get(store, signup_id)
    for changed in (signup, *promoted):
        store.changes.reminders_changed(changed.resident_id)
    return CancelResult(cancelled, promoted)


async def _promote(
    store: Database, activity: Activity, freed: Signup, stamp: str
) -> tuple[Signup, ...]:
    """Confirm, in arrival order, everyone waiting for `freed`'s occurrence whose party fits."""
    where = (
        "org_id = ? AND activity_id = ? AND centre_id = ? AND occurrence_start = ?",
        (freed.org_id, freed.activity_id, freed.centre_id, freed.occurrence_start),
    )
    taken = await store.fetch_value(
        f"SELECT coalesce(sum(party_size), 0) FROM signups WHERE {where[0]}"
        " AND status = 'confirmed'",
        where[1],
    )
    rows = await store.fetch_all(
        f"SELECT * FROM signups WHERE {where[0]} AND status = 'waiting' ORDER BY created_at, id",
        where[1],
    )
    free = None if activity.capacity is None else activity.capacity - int(taken)
    promoted: list[Signup] = []
    for row in rows:
        waiting = Signup.from_row(row)
        if free is not None and waiting.party_size > free:
            continue
        await store.execute(
            "UPDATE signups SET status = 'confirmed', updated_at = ? WHERE id = ?",
            (stamp, waiting.id),
        )
        promoted.append(replace(waiting, status=SignupStatus.CONFIRMED))
        if free is not None:
            free -= waiting.party_size
            if free <= 0:
                break
    return tuple(promoted)


async def cancel_occurrence(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    *,
    activity_id: str,
    centre_id: str,
    start: datetime,
    now: datetime,
    reason: str | None = None,
    notice: NoticeRenderer | None = None,
) -> list[Signup]:
    """Staff cancel one occurrence: every active sign-up is cancelled and returned.

    The cancellation is recorded in `occurrence_changes` (so nobody can sign up for it again).
    With `notice`, every resident signed up gets a CANCELLATION message in the outbox and the
    change is marked notified; without it, the caller (or the notifier) tells them.
    """
    activity = org.activity(activity_id)
    local = start.astimezone(calendar.tz)
    first = last = local_start(local)
    if activity is not None and activity.signup is SignupMode.APPOINTMENT:
        # Every slot of the occurrence goes with it.
        slot = Occurrence(ACTIVITY, activity_id, centre_id, local, local)
        whole = containing(calendar, activity, slot)
        first = local_start(whole.start.astimezone(calendar.tz))
        last = local_start((whole.end - timedelta(minutes=1)).astimezone(calendar.tz))
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        rows = await store.fetch_all(
            "SELECT * FROM signups WHERE org_id = ? AND activity_id = ? AND centre_id = ?"
            " AND occurrence_start BETWEEN ? AND ? AND status <> 'cancelled'"
            " ORDER BY occurrence_start, created_at, id",
            (org.id, activity_id, centre_id, first, last),
        )
        await store.execute(
            "UPDATE signups SET status = 'cancelled', cancelled_at = ?, updated_at = ?"
            " WHERE org_id = ? AND activity_id = ? AND centre_id = ?"
            " AND occurrence_start BETWEEN ? AND ? AND status <> 'cancelled'",
            (stamp, stamp, org.id, activity_id, centre_id, first, last),
        )
        await store.execute(
            "INSERT INTO occurrence_changes (org_id, activity_id, centre_id, occurrence_start,"
            " change, reason, detected_at, notified_at) VALUES (?, ?, ?, ?, 'cancelled', ?, ?, ?)"
            " ON CONFLICT (org_id, activity_id, centre_id, occurrence_start) DO UPDATE SET"
            " change = 'cancelled', new_start = NULL, reason = excluded.reason,"
            " detected_at = excluded.detected_at, notified_at = excluded.notified_at",
            (org.id, activity_id, centre_id, first, reason, stamp, stamp if notice else None),
        )
        cancelled: list[Signup] = []
        for row in rows:
            signup = replace(
                Signup.from_row(row),
                status=SignupStatus.CANCELLED,
                cancelled_at=datetime.fromisoformat(stamp),
            )
            await outbox.cancel_pending(store, ref=f"signup:{signup.id}")
            if notice is not None:
                await _enqueue(store, org, notice, CANCELLATION, signup, now)
            cancelled.append(signup)
    for signup in cancelled:
        store.changes.reminders_changed(signup.resident_id)
    return cancelled


async def _enqueue(
    store: Database,
    org: Organisation,
    notice: NoticeRenderer,
    kind: str,
    signup: Signup,
    now: datetime,
) -> None:
    """Queue a notice about a sign-up to its resident (walk-ins have no chat: staff phone them)."""
    if signup.resident_id is None:
        return
    payload, language = await notice(kind, signup)
    await outbox.enqueue(
        store,
        chat_id=signup.resident_id,
        kind=kind,
        payload=payload,
        language=language,
        due_at=now,
        now=now,
        org_id=org.id,
        ref=f"signup:{signup.id}",
        dedupe_key=f"{kind}:{signup.id}",
    )


# -- attendance --------------------------------------------------------------------------------


async def register_attendance(
    store: Database, signup_id: int, attended: bool | None, *, now: datetime
) -> Signup | None:
    """Register whether a confirmed sign-up came (True) or not (False); None clears it again.

    Returns the updated sign-up, or None when there is no confirmed sign-up with this id. Who
    may register, and for which session, is the caller's to check (staff scope, the session).
    """
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        row = await store.fetch_one(
            "UPDATE signups SET attended = ?, updated_at = ? WHERE id = ? AND status = 'confirmed'"
            " RETURNING *",
            (None if attended is None else int(attended), stamp, signup_id),
        )
    if row is None:
        return None
    signup = Signup.from_row(row)
    store.changes.reminders_changed(signup.resident_id)  # the day-after question depends on it
    return signup


# -- reading -----------------------------------------------------------------------------------


async def _get(store: Database, signup_id: int) -> Signup | None:
    row = await store.fetch_one("SELECT * FROM signups WHERE id = ?", (signup_id,))
    return None if row is None else Signup.from_row(row)


def _start_of(calendar: Calendar, signup: Signup) -> datetime:
    return datetime.strptime(signup.occurrence_start, "%Y-%m-%dT%H:%M").replace(tzinfo=calendar.tz)


async def get_signup(store: Database, signup_id: int) -> Signup | None:
    """The sign-up with this id, or None."""
    return await _get(store, signup_id)


async def waiting_position(store: Database, signup_id: int) -> int | None:
    """The place of a waiting sign-up on its waiting list (from 1); None when it is not waiting."""
    value = await store.fetch_value(
        "SELECT count(*) FROM signups AS w JOIN signups AS s ON s.id = ?"
        " WHERE s.status = 'waiting' AND w.status = 'waiting' AND w.org_id = s.org_id"
        " AND w.activity_id = s.activity_id AND w.centre_id = s.centre_id"
        " AND w.occurrence_start = s.occurrence_start"
        " AND (w.created_at, w.id) <= (s.created_at, s.id)",
        (signup_id,),
    )
    return int(value) if value else None


async def signups_of(
    store: Database, resident_id: int, *, now: datetime, calendar: Calendar | None = None
) -> list[Signup]:
    """A resident's active sign-ups (confirmed or waiting) still to come, soonest first.

    `now` is local time in the organisation's zone. A series counts as still to come until its
    last session has begun; that needs the `calendar` (without it, only its first session counts).
    """
    today = local_start(now)
    rows = await store.fetch_all(
        "SELECT * FROM signups WHERE resident_id = ? AND status <> 'cancelled'"
        " AND (occurrence_start > ? OR series = 1) ORDER BY occurrence_start, created_at, id",
        (resident_id, today),
    )
    found: list[Signup] = []
    for row in rows:
        signup = Signup.from_row(row)
        if signup.series and signup.occurrence_start <= today:
            activity = calendar.org.activity(signup.activity_id) if calendar else None
            if activity is None or calendar is None:
                continue
            sessions = series_sessions(calendar, activity, signup.centre_id)
            if not sessions or sessions[-1].start <= now:
                continue
        found.append(signup)
    return found


async def attendance(
    store: Database, org_id: str, activity_id: str, centre_id: str, start: datetime | str
) -> list[Signup]:
    """Who comes to one occurrence: confirmed sign-ups, then the waiting list, each in order."""
    key = start if isinstance(start, str) else local_start(start)
    rows = await store.fetch_all(
        "SELECT * FROM signups WHERE org_id = ? AND activity_id = ? AND centre_id = ?"
        " AND occurrence_start = ? AND status <> 'cancelled'"
        " ORDER BY status = 'waiting', created_at, id",
        (org_id, activity_id, centre_id, key),
    )
    return [Signup.from_row(row) for row in rows]


async def taken(
    store: Database, org_id: str, activity_id: str, centre_id: str, start: datetime | str
) -> int:
    """Places taken at one occurrence (or slot) by confirmed sign-ups, companions included."""
    key = start if isinstance(start, str) else local_start(start)
    value = await store.fetch_value(
        "SELECT coalesce(sum(party_size), 0) FROM signups WHERE org_id = ? AND activity_id = ?"
        " AND centre_id = ? AND occurrence_start = ? AND status = 'confirmed'",
        (org_id, activity_id, centre_id, key),
    )
    return int(value or 0)


async def is_cancelled(
    store: Database, org_id: str, activity_id: str, centre_id: str, start: datetime | str
) -> bool:
    """Whether staff cancelled (or a re-import removed) this occurrence."""
    key = start if isinstance(start, str) else local_start(start)
    value = await store.fetch_value(
        "SELECT 1 FROM occurrence_changes WHERE org_id = ? AND activity_id = ? AND centre_id = ?"
        " AND occurrence_start = ? AND change IN ('cancelled', 'removed')",
        (org_id, activity_id, centre_id, key),
    )
    return value is not None


async def places_taken(
    store: Database, org_id: str, occurrences: Sequence[Occurrence]
) -> list[int]:
    """Places taken at each occurrence by confirmed sign-ups, in one query per 300 of them."""
    keys = [(o.item_id, o.centre, local_start(o.start)) for o in occurrences]
    taken: dict[tuple[str, str, str], int] = {}
    for first in range(0, len(keys), 300):  # SQLite allows 999 parameters in older builds
        chunk = keys[first : first + 300]
        rows = await store.fetch_all(
            "SELECT activity_id, centre_id, occurrence_start, COALESCE(SUM(party_size), 0)"
            " FROM signups WHERE org_id = ? AND status = 'confirmed'"
            " AND (activity_id, centre_id, occurrence_start) IN (VALUES "
            + ", ".join(["(?, ?, ?)"] * len(chunk))
            + ") GROUP BY activity_id, centre_id, occurrence_start",
            [org_id, *(value for key in chunk for value in key)],
        )
        taken.update({(row[0], row[1], row[2]): int(row[3]) for row in rows})
    return [taken.get(key, 0) for key in keys]


async def residents_changed_since(store: Database, org_id: str, since: datetime) -> set[int]:
    """Residents whose sign-ups changed at or after `since` (waiting lists moved up included)."""
    rows = await store.fetch_all(
        "SELECT DISTINCT resident_id FROM signups WHERE org_id = ? AND updated_at >= ?"
        " AND resident_id IS NOT NULL",
        (org_id, utc_now_iso(since)),
    )
    return {int(row[0]) for row in rows}
