"""The reminder planner: turns confirmed sign-ups and schedule changes into outbox rows.

A run is idempotent and cheap to repeat: every reminder has a dedupe key
`reminder:{signup_id}:{kind}:{occurrence_start}`, so the scheduler runs it every few minutes
and after sign-ups change. One run

1. notifies residents of occurrences that a re-import moved or removed, or staff cancelled
   (`occurrence_changes` not yet notified): a moved sign-up follows its occurrence, a removed
   one is cancelled, each resident gets a notice in their language, and the change is marked
   notified, all in one transaction per change;
2. queues the reminders each resident wants (residents.reminders) for the sessions of their
   confirmed sign-ups within the horizon, at `reminder_policy.reminder_times`;
3. withdraws pending reminders nobody wants any more (sign-up cancelled or moved, preference
   changed, occurrence gone).

The words come from a `ReminderRenderer` the caller passes in (conversations/reminder_messages),
which keeps translations out of the storage layer.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any, Protocol

from storage import outbox
from storage.db import Database, utc_now_iso
from storage.model import Organisation, SignupMode
from storage.outbox import STARTS_AT
from storage.records import (
    ChangeKind,
    OccurrenceChange,
    Signup,
    list_occurrence_changes,
    local_start,
    parse_local_start,
)
from storage.reminder_policy import DAY_BEFORE, SAME_DAY, after_quiet_hours, reminder_times
from storage.schedule import Calendar, Occurrence
from storage.signups import resolve, series_sessions

REMINDER_KINDS: dict[str, str] = {DAY_BEFORE: "reminder_day_before", SAME_DAY: "reminder_same_day"}
"""Outbox kind of each reminder moment."""

CHANGE_NOTICE = "change"
CANCELLATION_NOTICE = "cancellation"
HORIZON_DAYS = 14  # reminders are queued for the coming fortnight; the planner runs often


class ReminderRenderer(Protocol):
    """Writes the messages the planner queues, in the resident's language."""

    async def reminder(
        self, signup: Signup, occurrence: Occurrence, due: datetime
    ) -> tuple[dict[str, Any], str]:
        """The reminder of one session, as read at `due`: (outbox payload, language)."""
        ...

    async def change(
        self, change: OccurrenceChange, signup: Signup, now: datetime
    ) -> tuple[dict[str, Any], str]:
        """The notice of a moved, removed or cancelled occurrence: (outbox payload, language)."""
        ...


@dataclass(frozen=True)
class PlanReport:
    """What one planner run did."""

    queued: int = 0  # reminders newly queued (or queued again)
    withdrawn: int = 0  # pending reminders cancelled because nobody wants them any more
    notices: int = 0  # change and cancellation notices queued
    changes: int = 0  # occurrence changes handled


def reminder_key(signup_id: int, kind: str, occurrence_start: str) -> str:
    """The dedupe key of one reminder: one per sign-up, moment and session."""
    return f"reminder:{signup_id}:{kind}:{occurrence_start}"


def signup_ref(signup_id: int) -> str:
    """The outbox `ref` of messages about a sign-up (what storage.signups cancels)."""
    return f"signup:{signup_id}"


async def plan_reminders(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    *,
    render: ReminderRenderer,
    horizon_days: int = HORIZON_DAYS,
    resident_id: int | None = None,
) -> PlanReport:
    """Notify pending changes, then bring the queued reminders in line with the sign-ups.

    With `resident_id`, only that resident's reminders are planned (after they changed their
    preference); changes are always notified for everyone.
    """
    changes, notices = await notify_changes(store, org, calendar, now, render=render)
    queued, withdrawn = await _plan(
        store, org, calendar, now, render, horizon_days, resident_id=resident_id
    )
    return PlanReport(queued=queued, withdrawn=withdrawn, notices=notices, changes=changes)


# --- reminders --------------------------------------------------------------------------------


def end_of_day(moment: datetime, zone: tzinfo) -> datetime:
    """Midnight after `moment`'s local day: until then "today" and "tomorrow" mean what they said.

    A reminder is worded for the moment it is due ("for tomorrow" the evening before); sent on
    a later day after downtime it would be wrong, so it is not sent after this.
    """
    day = moment.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=zone)


def sessions_in_window(
    calendar: Calendar, org: Organisation, signup: Signup, now: datetime, until: datetime
) -> list[Occurrence]:
    """The sessions of a sign-up that start after `now` and no later than `until`."""
    activity = org.activity(signup.activity_id)
    if activity is None:
        return []
    if signup.series and activity.signup is SignupMode.SERIES:
        sessions = series_sessions(calendar, activity, signup.centre_id)
    else:
        start = parse_local_start(signup.occurrence_start, org.timezone)
        found = resolve(calendar, activity, signup.centre_id, start)
        sessions = [] if found is None else [found]
    return [s for s in sessions if now < s.start <= until]


async def _plan(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    render: ReminderRenderer,
    horizon_days: int,
    *,
    resident_id: int | None,
) -> tuple[int, int]:
    local_now = now.astimezone(calendar.tz)
    until = local_now + timedelta(days=horizon_days)
    # Sign-ups whose sessions may fall in the window: a series counts from its first session,
    # which can lie in the past.
    sql = (
        "SELECT s.*, r.reminders AS wanted, r.unreachable_since AS unreachable"
        " FROM signups AS s JOIN residents AS r ON r.user_id = s.resident_id"
        " WHERE s.org_id = ? AND (s.series = 1 OR s.occurrence_start > ?)"
        " AND s.occurrence_start <= ?"
    )
    params: list[Any] = [
        org.id,
        local_start(local_now - timedelta(days=1)),
        local_start(until),
    ]
    if resident_id is not None:
        sql += " AND s.resident_id = ?"
        params.append(resident_id)
    rows = await store.fetch_all(sql, params)
    refs = [signup_ref(row["id"]) for row in rows]
    existing = await _existing_keys(store, refs)
    wanted_keys: set[str] = set()
    queued = 0
    for row in rows:
        signup = Signup.from_row(row)
        if signup.status != "confirmed" or row["unreachable"] is not None:
            continue
        # A reminder whose moment passed before the sign-up took its current form (signed up,
        # promoted or moved after 17:00) is not sent late: the resident just heard about it.
        threshold = signup.updated_at
        for session in sessions_in_window(calendar, org, signup, local_now, until):
            start_key = local_start(session.start.astimezone(calendar.tz))
            times = reminder_times(session.start, org.reminders, row["wanted"])
            day_before = times.get(DAY_BEFORE)
            if (
                day_before is not None
                and SAME_DAY not in times
                and end_of_day(day_before, calendar.tz) <= local_now < session.start
                and existing.get(reminder_key(signup.id, DAY_BEFORE, start_key)) != "sent"
            ):
                # "For tomorrow" was never sent and is not sent on the day itself (read_by);
                # a resident who chose only that one would hear nothing: remind for today now.
                times[SAME_DAY] = now
            for moment, due in times.items():
                key = reminder_key(signup.id, moment, start_key)
                wanted_keys.add(key)
                if existing.get(key, "cancelled") != "cancelled":
                    continue  # queued (or sent) already; rendering it again would be wasted
                if due < threshold or due >= session.start:
                    continue
                payload, language = await render.reminder(signup, session, due)
                payload[outbox.STARTS_AT] = utc_now_iso(session.start)
                payload[outbox.READ_BY] = utc_now_iso(end_of_day(due, calendar.tz))
                new = await outbox.enqueue(
                    store,
                    chat_id=signup.resident_id or 0,
                    kind=REMINDER_KINDS[moment],
                    payload=payload,
                    language=language,
                    due_at=due,
                    now=now,
                    org_id=org.id,
                    ref=signup_ref(signup.id),
                    dedupe_key=key,
                    revive_cancelled=True,
                )
                queued += new is not None
    withdrawn = await _withdraw_unwanted(store, refs, wanted_keys, now, until)
    return queued, withdrawn


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    """Slices small enough for SQLite's limit on parameters."""
    return [items[first : first + size] for first in range(0, len(items), size)]


async def _existing_keys(store: Database, refs: list[str]) -> dict[str, str]:
    """Dedupe key → status of the reminders already in the outbox for these sign-ups."""
    kinds = tuple(REMINDER_KINDS.values())
    found: dict[str, str] = {}
    for chunk in _chunks(refs):
        rows = await store.fetch_all(
            f"SELECT dedupe_key, status FROM outbox"
            f" WHERE kind IN ({', '.join('?' for _ in kinds)})"
            f" AND ref IN ({', '.join('?' for _ in chunk)})",
            (*kinds, *chunk),
        )
        found.update({row[0]: row[1] for row in rows})
    return found


async def _withdraw_unwanted(
    store: Database, refs: list[str], wanted: set[str], now: datetime, until: datetime
) -> int:
    """Cancel pending reminders of these sign-ups that are not wanted, for sessions ahead."""
    if not refs:
        return 0
    kinds = tuple(REMINDER_KINDS.values())
    start_from, start_until = utc_now_iso(now), utc_now_iso(until)
    withdrawn = 0
    for chunk in _chunks(refs):
        rows = await store.fetch_all(
            f"SELECT id, dedupe_key, payload FROM outbox WHERE status = 'pending'"
            f" AND kind IN ({', '.join('?' for _ in kinds)})"
            f" AND ref IN ({', '.join('?' for _ in chunk)})",
            (*kinds, *chunk),
        )
        for row in rows:
            # The session's start is read here, not in SQL: JSON functions differ per backend.
            starts_at = json.loads(row["payload"]).get(STARTS_AT)
            if not isinstance(starts_at, str) or not start_from < starts_at <= start_until:
                continue
            if row["dedupe_key"] not in wanted:
                withdrawn += await store.execute_count(
                    "UPDATE outbox SET status = 'cancelled', last_error = 'not wanted'"
                    " WHERE id = ? AND status = 'pending'",
                    (row["id"],),
                )
    return withdrawn


# --- changes of occurrences -------------------------------------------------------------------


async def notify_changes(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    *,
    render: ReminderRenderer,
) -> tuple[int, int]:
    """Tell residents about moved, removed and cancelled occurrences; (changes, notices)."""
    handled = notices = 0
    for change in await list_occurrence_changes(store, org.id, pending_only=True):
        notices += await _notify_change(store, org, calendar, change, now, render)
        handled += 1
    return handled, notices


async def _notify_change(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    change: OccurrenceChange,
    now: datetime,
    render: ReminderRenderer,
) -> int:
    """Handle one change in one transaction: move or cancel the sign-ups, queue the notices."""
    stamp = utc_now_iso(now)
    old_start = parse_local_start(change.occurrence_start, org.timezone)
    # A notice is news, not a reminder: it goes out now, or when the quiet hours end.
    due = after_quiet_hours(now.astimezone(calendar.tz), org.reminders)
    where = (
        "org_id = ? AND activity_id = ? AND centre_id = ? AND occurrence_start = ?"
        " AND resident_id IS NOT NULL"
    )
    key = (org.id, change.activity_id, change.centre_id, change.occurrence_start)
    queued = 0
    async with store.transaction(immediate=True):
        if change.change is ChangeKind.CANCELLED:
            # Staff cancelled it (storage.signups.cancel_occurrence): the sign-ups are
            # cancelled already and their reminders withdrawn; only the notice is left.
            rows = await store.fetch_all(
                f"SELECT * FROM signups WHERE {where} AND status = 'cancelled'"
                " AND cancelled_at >= ?",
                (*key, utc_now_iso(change.detected_at)),
            )
        else:
            rows = await store.fetch_all(
                f"SELECT * FROM signups WHERE {where} AND status <> 'cancelled'", key
            )
        starts_at = old_start
        if change.change is ChangeKind.MOVED and change.new_start:
            starts_at = parse_local_start(change.new_start, org.timezone)
        if old_start > now:
            for row in rows:
                signup = await _apply_change(store, change, Signup.from_row(row), stamp)
                payload, language = await render.change(change, signup, now)
                payload[outbox.STARTS_AT] = utc_now_iso(starts_at)
                new = await outbox.enqueue(
                    store,
                    chat_id=signup.resident_id or 0,
                    kind=CHANGE_NOTICE
                    if change.change is ChangeKind.MOVED
                    else CANCELLATION_NOTICE,
                    payload=payload,
                    language=language,
                    due_at=due,
                    now=now,
                    org_id=org.id,
                    ref=signup_ref(signup.id),
                    dedupe_key=(
                        f"notice:{signup.id}:{change.change}:{change.occurrence_start}:"
                        f"{change.new_start or ''}"
                    ),
                )
                queued += new is not None
        # Guarded by detected_at: a re-import that rewrote the change meanwhile is notified anew.
        await store.execute(
            "UPDATE occurrence_changes SET notified_at = ? WHERE id = ? AND detected_at = ?",
            (stamp, change.id, utc_now_iso(change.detected_at)),
        )
    return queued


async def _apply_change(
    store: Database, change: OccurrenceChange, signup: Signup, stamp: str
) -> Signup:
    """Move a sign-up to the occurrence that replaced its own, or cancel it; withdraw reminders."""
    await outbox.cancel_pending(
        store, ref=signup_ref(signup.id), kinds=tuple(REMINDER_KINDS.values())
    )
    if change.change is ChangeKind.CANCELLED:
        return signup
    if change.change is ChangeKind.MOVED and change.new_start:
        try:
            await store.execute(
                "UPDATE signups SET occurrence_start = ?, updated_at = ? WHERE id = ?",
                (change.new_start, stamp, signup.id),
            )
        except sqlite3.IntegrityError:
            # They signed up for the new occurrence themselves meanwhile: keep that one.
            pass
        else:
            row = await store.fetch_one("SELECT * FROM signups WHERE id = ?", (signup.id,))
            assert row is not None
            return Signup.from_row(row)
    await store.execute(
        "UPDATE signups SET status = 'cancelled', cancelled_at = ?, updated_at = ?"
        " WHERE id = ? AND status <> 'cancelled'",
        (stamp, stamp, signup.id),
    )
    row = await store.fetch_one("SELECT * FROM signups WHERE id = ?", (signup.id,))
    assert row is not None
    return Signup.from_row(row)
