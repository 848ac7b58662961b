"""What the reminder planner reads and writes, as typed records: no rule lives here.

The planner itself (`rules.reminders`) decides which reminders are due, when, and what a changed
occurrence does to its sign-ups; this repository only runs its statements: the sign-ups that may
need reminding with their residents' wishes, the occurrence changes not yet notified, and the
writes a change makes (move a sign-up, cancel it, mark the change notified). The outbox side (what
is queued, withdrawing a reminder) is `storage.repositories.OutboxRepository`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database, utc_now_iso
from storage.records import (
    OccurrenceChange,
    ReminderPreference,
    Signup,
    SignupStatus,
    list_occurrence_changes,
    local_start,
)


@dataclass(frozen=True)
class SignupToRemind:
    """A resident's sign-up with what the planner needs to know of the resident."""

    signup: Signup
    wanted: ReminderPreference  # which reminders the resident chose
    unreachable: bool  # Telegram said they blocked the bot


_OCCURRENCE = (
    "org_id = ? AND activity_id = ? AND centre_id = ? AND occurrence_start = ?"
    " AND resident_id IS NOT NULL"
)


def _occurrence_key(change: OccurrenceChange) -> tuple[str, str, str, str]:
    return (change.org_id, change.activity_id, change.centre_id, change.occurrence_start)


class ReminderRepository:
    """Sign-ups to remind, and occurrence changes with what they write to sign-ups."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def signups_to_remind(
        self,
        org_id: str,
        *,
        starting_after: datetime,
        until: datetime,
        resident_id: int | None = None,
    ) -> list[SignupToRemind]:
        """Residents' sign-ups (any status) for occurrences after `starting_after` up to
        `until` (local), and every series whose first session is up to `until`."""
        sql = (
            "SELECT s.*, r.reminders AS wanted, r.unreachable_since AS unreachable"
            " FROM signups AS s JOIN residents AS r ON r.user_id = s.resident_id"
            " WHERE s.org_id = ? AND (s.series = 1 OR s.occurrence_start > ?)"
            " AND s.occurrence_start <= ?"
        )
        params: list[Any] = [org_id, local_start(starting_after), local_start(until)]
        if resident_id is not None:
            sql += " AND s.resident_id = ?"
            params.append(resident_id)
        rows = await self.db.fetch_all(sql + " ORDER BY s.id", params)
        return [
            SignupToRemind(
                Signup.from_row(row),
                ReminderPreference(row["wanted"]),
                row["unreachable"] is not None,
            )
            for row in rows
        ]

    async def pending_changes(self, org_id: str) -> list[OccurrenceChange]:
        """Occurrence changes not yet notified, oldest occurrence first."""
        return await list_occurrence_changes(self.db, org_id, pending_only=True)

    async def active_signups_of(self, change: OccurrenceChange) -> list[Signup]:
        """Residents' sign-ups of a changed occurrence that are not cancelled, in id order."""
        rows = await self.db.fetch_all(
            f"SELECT * FROM signups WHERE {_OCCURRENCE} AND status <> ? ORDER BY id",
            (*_occurrence_key(change), SignupStatus.CANCELLED),
        )
        return [Signup.from_row(row) for row in rows]

    async def cancelled_signups_of(
        self, change: OccurrenceChange, *, since: datetime
    ) -> list[Signup]:
        """Residents' sign-ups of a changed occurrence cancelled at or after `since`."""
        rows = await self.db.fetch_all(
            f"SELECT * FROM signups WHERE {_OCCURRENCE} AND status = ? AND cancelled_at >= ?"
            " ORDER BY id",
            (*_occurrence_key(change), SignupStatus.CANCELLED, utc_now_iso(since)),
        )
        return [Signup.from_row(row) for row in rows]

    async def move_signup(self, signup_id: int, new_start: str, *, now: datetime) -> Signup | None:
        """Move a sign-up to the occurrence at `new_start` (local key); None, and nothing
        written, when its resident already holds an active sign-up there."""
        # Checked in the statement rather than caught as a unique violation: on PostgreSQL a
        # failed statement would abort the transaction the planner runs this in.
        moved = await self.db.execute_count(
            "UPDATE signups SET occurrence_start = ?, updated_at = ? WHERE id = ?"
            " AND NOT EXISTS (SELECT 1 FROM signups AS other"
            " WHERE other.org_id = signups.org_id AND other.activity_id = signups.activity_id"
            " AND other.centre_id = signups.centre_id AND other.occurrence_start = ?"
            " AND other.resident_id = signups.resident_id AND other.status <> ?"
            " AND other.id <> signups.id)",
            (new_start, utc_now_iso(now), signup_id, new_start, SignupStatus.CANCELLED),
        )
        return await self._get(signup_id) if moved else None

    async def cancel_signup(self, signup_id: int, *, now: datetime) -> Signup:
        """Cancel a sign-up whose occurrence is gone (no move-up: the occurrence is gone too)."""
        stamp = utc_now_iso(now)
        await self.db.execute(
            "UPDATE signups SET status = ?, cancelled_at = ?, updated_at = ?"
            " WHERE id = ? AND status <> ?",
            (SignupStatus.CANCELLED, stamp, stamp, signup_id, SignupStatus.CANCELLED),
        )
        return await self._get(signup_id)

    async def mark_notified(self, change: OccurrenceChange, *, now: datetime) -> bool:
        """Mark a change notified, unless a re-import rewrote it since it was read."""
        return (
            await self.db.execute_count(
                "UPDATE occurrence_changes SET notified_at = ? WHERE id = ? AND detected_at = ?",
                (utc_now_iso(now), change.id, utc_now_iso(change.detected_at)),
            )
            > 0
        )

    async def _get(self, signup_id: int) -> Signup:
        row = await self.db.fetch_one("SELECT * FROM signups WHERE id = ?", (signup_id,))
        assert row is not None
        return Signup.from_row(row)
