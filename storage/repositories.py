"""Typed repositories: one small interface per aggregate, the same on SQLite and PostgreSQL.

Callers ask a repository, never the database: `repositories(db)` gives the set for an open store
(`storage.backend.open_database`). Each interface is a Protocol; the implementations here are
written against `storage.db.Database`, whose two classes (`Store` for SQLite, `PgStore` for
PostgreSQL) keep what differs between the backends: placeholders, the write lock a check-then-
write step takes, inserted ids and constraint errors. `tests/storage/test_repositories.py` runs
one contract suite over every backend.

Aggregates so far: residents and consent, conversation state, sign-ups and waiting lists (with
their rule: capacity, waiting-list order, move-up on cancel), and the outbox.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from storage import outbox as _outbox
from storage import records as _records
from storage import signups as _signups
from storage.db import Database, utc_now_iso
from storage.model import Organisation
from storage.records import (
    ConversationState,
    OccurrenceCounts,
    OutboxMessage,
    Resident,
    Signup,
)
from storage.schedule import Calendar, Occurrence
from storage.signups import CancelResult, NoticeRenderer, SignupResult

# --- the interfaces ---------------------------------------------------------------------------


class ResidentRepository(Protocol):
    """The people who talk to the bot, and their consent to be remembered."""

    async def get(self, user_id: int) -> Resident | None:
        """The resident with this Telegram id, or None."""
        ...

    async def ensure(self, user_id: int, *, now: datetime, name: str | None = None) -> Resident:
        """The resident with this id, created on first contact."""
        ...

    async def language(self, user_id: int) -> str | None:
        """The language the resident chose earlier, if any."""
        ...

    async def choose_language(self, user_id: int, language: str, *, now: datetime) -> bool:
        """Remember a language only for a consenting resident; False when it was not kept."""
        ...

    async def has_consent(self, user_id: int) -> bool:
        """Whether the resident agreed that their personal choices are remembered."""
        ...

    async def give_consent(
        self, user_id: int, *, now: datetime, name: str | None = None
    ) -> Resident:
        """Record consent (the first moment is kept) and the name Telegram gives."""
        ...

    async def seen(self, user_id: int, *, now: datetime, every: timedelta) -> None:
        """Note that a consenting resident wrote, at most once per `every`."""
        ...

    async def inactive_since(self, before: datetime) -> list[int]:
        """Ids of residents who last wrote (or changed) before `before`, in id order."""
        ...


class ConversationStateRepository(Protocol):
    """Where each resident is in a multi-step conversation, so a restart loses nothing."""

    async def load(self, user_id: int) -> ConversationState | None:
        """The saved flow and state of a resident, or None."""
        ...

    async def save(
        self, user_id: int, flow: str, state: dict[str, Any], *, now: datetime
    ) -> ConversationState:
        """Replace the resident's saved flow and state."""
        ...

    async def clear(self, user_id: int) -> bool:
        """Forget the resident's saved state; True when there was one."""
        ...

    async def purge_older_than(self, before: datetime) -> int:
        """Forget states not touched since `before`; returns how many."""
        ...


class SignupRepository(Protocol):
    """Sign-ups and waiting lists, with the rule that guards the places."""

    async def sign_up(
        self,
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
        """Take a place, or one on the waiting list, in one race-safe step."""
        ...

    async def cancel(
        self,
        org: Organisation,
        calendar: Calendar,
        signup_id: int,
        *,
        now: datetime,
        resident_id: int | None = None,
        notice: NoticeRenderer | None = None,
    ) -> CancelResult:
        """Cancel one sign-up and move the waiting list up into the freed places."""
        ...

    async def get(self, signup_id: int) -> Signup | None:
        """The sign-up with this id, or None."""
        ...

    async def waiting_position(self, signup_id: int) -> int | None:
        """Place on its waiting list (from 1), or None when it is not waiting."""
        ...

    async def upcoming_for(
        self, resident_id: int, *, now: datetime, calendar: Calendar | None = None
    ) -> list[Signup]:
        """A resident's active sign-ups still to come (`now` local), soonest first."""
        ...

    async def attendance(
        self, org_id: str, activity_id: str, centre_id: str, start: datetime | str
    ) -> list[Signup]:
        """Confirmed sign-ups of one occurrence, then its waiting list, each in order."""
        ...

    async def counts(
        self, org_id: str, activity_id: str, centre_id: str, start: datetime | str
    ) -> OccurrenceCounts:
        """How many people and sign-ups are confirmed and waiting for one occurrence."""
        ...

    async def places_taken(self, org_id: str, occurrences: list[Occurrence]) -> list[int]:
        """Places taken by confirmed sign-ups at each occurrence, in order."""
        ...

    async def register_attendance(
        self, signup_id: int, attended: bool | None, *, now: datetime
    ) -> Signup | None:
        """Register that a confirmed sign-up came (or not); None clears it."""
        ...


class OutboxRepository(Protocol):
    """Messages the bot sends on its own, queued first: pending, sending, then done."""

    async def enqueue(
        self,
        *,
        chat_id: int,
        kind: str,
        payload: dict[str, Any],
        language: str,
        due_at: datetime,
        now: datetime,
        org_id: str | None = None,
        ref: str | None = None,
        dedupe_key: str | None = None,
        revive_cancelled: bool = False,
    ) -> int | None:
        """Queue a message; its id, or None when the same `dedupe_key` is already queued."""
        ...

    async def get(self, message_id: int) -> OutboxMessage | None:
        """One queued message, or None."""
        ...

    async def pending_for(self, chat_id: int) -> list[OutboxMessage]:
        """Messages still to be sent to one chat, soonest first."""
        ...

    async def claim_due(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        """Claim up to `limit` due messages for sending; no message is claimed twice."""
        ...

    async def mark_sent(self, message_id: int, now: datetime) -> None:
        """The Bot API accepted the message."""
        ...

    async def mark_failed(self, message_id: int, error: str) -> None:
        """Give up on a message."""
        ...

    async def retry_later(
        self, message_id: int, due_at: datetime, error: str, *, count_attempt: bool = True
    ) -> None:
        """Put a claimed message back in the queue for `due_at`."""
        ...

    async def release(self, message_ids: list[int]) -> None:
        """Give claimed messages that were never tried back to the queue."""
        ...

    async def cancel_pending(self, *, ref: str, kinds: tuple[str, ...] = ()) -> int:
        """Withdraw messages about `ref` not yet sent; returns how many."""
        ...

    async def next_due_at(self) -> datetime | None:
        """When the next pending message is due, or None."""
        ...

    async def recover_in_flight(self) -> int:
        """After a crash: messages left 'sending' go back to pending."""
        ...


# --- the implementations ----------------------------------------------------------------------


class SqlResidents:
    """`ResidentRepository` on a `Database` (SQLite or PostgreSQL)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, user_id: int) -> Resident | None:
        """The resident with this Telegram id, or None."""
        return await _records.get_resident(self.db, user_id)

    async def ensure(self, user_id: int, *, now: datetime, name: str | None = None) -> Resident:
        """The resident with this id, created on first contact."""
        return await _records.ensure_resident(self.db, user_id, now=now, name=name)

    async def language(self, user_id: int) -> str | None:
        """The language the resident chose earlier, if any."""
        return await self.db.fetch_value(
            "SELECT language FROM residents WHERE user_id = ?", (user_id,)
        )

    async def choose_language(self, user_id: int, language: str, *, now: datetime) -> bool:
        """Remember a language only for a consenting resident; False when it was not kept."""
        changed = await self.db.execute_count(
            "UPDATE residents SET language = ?, updated_at = ?"
            " WHERE user_id = ? AND consent_at IS NOT NULL",
            (language, utc_now_iso(now), user_id),
        )
        return changed > 0

    async def has_consent(self, user_id: int) -> bool:
        """Whether the resident agreed that their personal choices are remembered."""
        value = await self.db.fetch_value(
            "SELECT consent_at FROM residents WHERE user_id = ?", (user_id,)
        )
        return value is not None

    async def give_consent(
        self, user_id: int, *, now: datetime, name: str | None = None
    ) -> Resident:
        """Record consent (the first moment is kept) and the name Telegram gives."""
        stamp = utc_now_iso(now)
        row = await self.db.fetch_one(
            "INSERT INTO residents (user_id, name, consent_at, created_at, updated_at,"
            " last_seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " consent_at = coalesce(residents.consent_at, excluded.consent_at),"
            " name = coalesce(excluded.name, residents.name), updated_at = excluded.updated_at,"
            " last_seen_at = excluded.last_seen_at RETURNING *",
            (user_id, name or None, stamp, stamp, stamp, stamp),
        )
        assert row is not None
        return Resident.from_row(row)

    async def seen(self, user_id: int, *, now: datetime, every: timedelta) -> None:
        """Note that a consenting resident wrote, at most once per `every`."""
        await self.db.execute(
            "UPDATE residents SET last_seen_at = ? WHERE user_id = ? AND consent_at IS NOT NULL"
            " AND (last_seen_at IS NULL OR last_seen_at < ?)",
            (utc_now_iso(now), user_id, utc_now_iso(now - every)),
        )

    async def inactive_since(self, before: datetime) -> list[int]:
        """Ids of residents who last wrote (or changed) before `before`, in id order."""
        rows = await self.db.fetch_all(
            "SELECT user_id FROM residents"
            " WHERE coalesce(last_seen_at, updated_at, created_at) < ? ORDER BY user_id",
            (utc_now_iso(before),),
        )
        return [int(row["user_id"]) for row in rows]


class SqlConversationStates:
    """`ConversationStateRepository` on a `Database` (SQLite or PostgreSQL)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def load(self, user_id: int) -> ConversationState | None:
        """The saved flow and state of a resident, or None."""
        row = await self.db.fetch_one(
            "SELECT * FROM conversation_state WHERE user_id = ?", (user_id,)
        )
        return None if row is None else ConversationState.from_row(row)

    async def save(
        self, user_id: int, flow: str, state: dict[str, Any], *, now: datetime
    ) -> ConversationState:
        """Replace the resident's saved flow and state."""
        row = await self.db.fetch_one(
            "INSERT INTO conversation_state (user_id, flow, state, updated_at) VALUES (?,?,?,?)"
            " ON CONFLICT (user_id) DO UPDATE SET flow = excluded.flow,"
            " state = excluded.state, updated_at = excluded.updated_at RETURNING *",
            (user_id, flow, json.dumps(state, ensure_ascii=False), utc_now_iso(now)),
        )
        assert row is not None
        return ConversationState.from_row(row)

    async def clear(self, user_id: int) -> bool:
        """Forget the resident's saved state; True when there was one."""
        return bool(
            await self.db.execute_count(
                "DELETE FROM conversation_state WHERE user_id = ?", (user_id,)
            )
        )

    async def purge_older_than(self, before: datetime) -> int:
        """Forget states not touched since `before`; returns how many."""
        return await self.db.execute_count(
            "DELETE FROM conversation_state WHERE updated_at < ?", (utc_now_iso(before),)
        )


class SqlSignups:
    """`SignupRepository` on a `Database`: the rule is `storage.signups`, shared by both."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def sign_up(
        self,
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
        """Take a place, or one on the waiting list, in one race-safe step."""
        return await _signups.sign_up(
            self.db,
            org,
            calendar,
            activity_id=activity_id,
            centre_id=centre_id,
            start=start,
            now=now,
            resident_id=resident_id,
            walk_in_name=walk_in_name,
            walk_in_phone=walk_in_phone,
            companions=companions,
            options=options,
            reduced=reduced,
        )

    async def cancel(
        self,
        org: Organisation,
        calendar: Calendar,
        signup_id: int,
        *,
        now: datetime,
        resident_id: int | None = None,
        notice: NoticeRenderer | None = None,
    ) -> CancelResult:
        """Cancel one sign-up and move the waiting list up into the freed places."""
        return await _signups.cancel_signup(
            self.db, org, calendar, signup_id, now=now, resident_id=resident_id, notice=notice
        )

    async def get(self, signup_id: int) -> Signup | None:
        """The sign-up with this id, or None."""
        return await _signups.get_signup(self.db, signup_id)

    async def waiting_position(self, signup_id: int) -> int | None:
        """Place on its waiting list (from 1), or None when it is not waiting."""
        return await _signups.waiting_position(self.db, signup_id)

    async def upcoming_for(
        self, resident_id: int, *, now: datetime, calendar: Calendar | None = None
    ) -> list[Signup]:
        """A resident's active sign-ups still to come (`now` local), soonest first."""
        return await _signups.signups_of(self.db, resident_id, now=now, calendar=calendar)

    async def attendance(
        self, org_id: str, activity_id: str, centre_id: str, start: datetime | str
    ) -> list[Signup]:
        """Confirmed sign-ups of one occurrence, then its waiting list, each in order."""
        return await _signups.attendance(self.db, org_id, activity_id, centre_id, start)

    async def counts(
        self, org_id: str, activity_id: str, centre_id: str, start: datetime | str
    ) -> OccurrenceCounts:
        """How many people and sign-ups are confirmed and waiting for one occurrence."""
        return await _records.count_occurrence(self.db, org_id, activity_id, centre_id, start)

    async def places_taken(self, org_id: str, occurrences: list[Occurrence]) -> list[int]:
        """Places taken by confirmed sign-ups at each occurrence, in order."""
        return await _signups.places_taken(self.db, org_id, occurrences)

    async def register_attendance(
        self, signup_id: int, attended: bool | None, *, now: datetime
    ) -> Signup | None:
        """Register that a confirmed sign-up came (or not); None clears it."""
        return await _signups.register_attendance(self.db, signup_id, attended, now=now)


class SqlOutbox:
    """`OutboxRepository` on a `Database` (SQLite or PostgreSQL)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def enqueue(
        self,
        *,
        chat_id: int,
        kind: str,
        payload: dict[str, Any],
        language: str,
        due_at: datetime,
        now: datetime,
        org_id: str | None = None,
        ref: str | None = None,
        dedupe_key: str | None = None,
        revive_cancelled: bool = False,
    ) -> int | None:
        """Queue a message; its id, or None when the same `dedupe_key` is already queued."""
        return await _outbox.enqueue(
            self.db,
            chat_id=chat_id,
            kind=kind,
            payload=payload,
            language=language,
            due_at=due_at,
            now=now,
            org_id=org_id,
            ref=ref,
            dedupe_key=dedupe_key,
            revive_cancelled=revive_cancelled,
        )

    async def get(self, message_id: int) -> OutboxMessage | None:
        """One queued message, or None."""
        return await _outbox.get_message(self.db, message_id)

    async def pending_for(self, chat_id: int) -> list[OutboxMessage]:
        """Messages still to be sent to one chat, soonest first."""
        return await _outbox.pending_for(self.db, chat_id)

    async def claim_due(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        """Claim up to `limit` due messages for sending; no message is claimed twice."""
        return await _outbox.claim_due(self.db, now, limit)

    async def mark_sent(self, message_id: int, now: datetime) -> None:
        """The Bot API accepted the message."""
        await _outbox.mark_sent(self.db, message_id, now)

    async def mark_failed(self, message_id: int, error: str) -> None:
        """Give up on a message."""
        await _outbox.mark_failed(self.db, message_id, error)

    async def retry_later(
        self, message_id: int, due_at: datetime, error: str, *, count_attempt: bool = True
    ) -> None:
        """Put a claimed message back in the queue for `due_at`."""
        await _outbox.retry_later(self.db, message_id, due_at, error, count_attempt=count_attempt)

    async def release(self, message_ids: list[int]) -> None:
        """Give claimed messages that were never tried back to the queue."""
        await _outbox.release(self.db, message_ids)

    async def cancel_pending(self, *, ref: str, kinds: tuple[str, ...] = ()) -> int:
        """Withdraw messages about `ref` not yet sent; returns how many."""
        return await _outbox.cancel_pending(self.db, ref=ref, kinds=kinds)

    async def next_due_at(self) -> datetime | None:
        """When the next pending message is due, or None."""
        return await _outbox.next_due_at(self.db)

    async def recover_in_flight(self) -> int:
        """After a crash: messages left 'sending' go back to pending."""
        return await _outbox.recover_in_flight(self.db)


@dataclass(frozen=True)
class Repositories:
    """Every repository of one open store."""

    db: Database
    residents: ResidentRepository
    conversations: ConversationStateRepository
    signups: SignupRepository
    outbox: OutboxRepository


def repositories(db: Database) -> Repositories:
    """The repositories of an open store, whichever backend it is."""
    return Repositories(
        db=db,
        residents=SqlResidents(db),
        conversations=SqlConversationStates(db),
        signups=SqlSignups(db),
        outbox=SqlOutbox(db),
    )
