"""Typed repositories: one small interface per aggregate, the same on SQLite and PostgreSQL.

Callers ask a repository, never the database: `repositories(db)` gives the set for an open store
(`storage.backend.open_database`). Each repository is one class written once against
`storage.db.Database`, whose two classes (`Store` for SQLite, `PgStore` for PostgreSQL) keep
what differs between the backends: placeholders, the write lock a check-then-write step takes,
inserted ids and constraint errors, locks between processes. So the class is the interface: a
Protocol beside it would only repeat every signature (there is no second implementation to
hide). `tests/storage/test_repositories.py` runs one contract suite over every backend.

Aggregates: residents and consent, conversation state, sign-ups and waiting lists
(`storage.signups.SignupRepository`: reads, writes and the occurrence lock), the outbox, help
requests, feedback, volunteers and shifts (codes, links and the rows of shifts), organisation data
(the imported data file), what the reminder planner reads and writes (`storage.reminders`), and
the figures of reports and health checks. The rules of signing up and moving up, reminder
planning, shifts, volunteer codes and retention live in `rules/` and work on these classes only;
`Repositories.atomic()` is the one primitive they get beyond reads and writes: a check-then-write
step (BEGIN IMMEDIATE on SQLite, the write advisory lock on PostgreSQL), and
`SignupRepository.occurrence_lock` its finer form for one occurrence.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from storage import feedback as _feedback
from storage import help_requests as _help
from storage import importer as _importer
from storage import outbox as _outbox
from storage import records as _records
from storage import volunteers as _volunteers
from storage.changes import Changes
from storage.conversation_language import ConversationLanguage
from storage.conversation_language import from_row as conversation_language_from_row
from storage.db import Database, utc_now_iso
from storage.feedback import AskSetting, Feedback, QuestionCandidate
from storage.help_requests import ActionResult, HelpRequest, HelpStatus
from storage.model import Organisation
from storage.records import (
    ConversationState,
    ImportReport,
    OrganisationSource,
    OutboxMessage,
    ReminderPreference,
    Resident,
    Signup,
    SignupStatus,
)
from storage.reminders import ReminderRepository
from storage.reports import (
    SqlReports,
)
from storage.signups import SignupRepository
from storage.volunteers import ShiftRoster, StoredCode

ReportRepository = SqlReports
"""The aggregates of `voordeur report` and `voordeur health` (no names, no ids of people)."""

PERSONAL_ROWS: tuple[tuple[str, str, str], ...] = (
    ("residents", "user_id", "user_id"),
    ("signups", "resident_id", "id"),
    ("help_requests", "resident_id", "id"),
    ("feedback", "resident_id", "id"),
    ("feedback_settings", "user_id", "user_id"),
    ("volunteer_links", "telegram_id", "org_id"),
    ("volunteer_codes", "used_by", "code"),
    ("outbox", "chat_id", "id"),
    ("conversation_state", "user_id", "user_id"),
    ("conversation_language", "user_id", "user_id"),
)
"""Every (table, column) that holds rows about one resident, keyed by their Telegram id, with the
column that orders them (PostgreSQL has no rowid)."""


@dataclass(frozen=True)
class PersonalCounts:
    """How many rows of each kind besides the resident's own the store keeps about them."""

    signups: int = 0  # not cancelled
    help_requests: int = 0
    feedback: int = 0
    volunteer_linked: bool = False


@dataclass(frozen=True)
class TurnStart:
    """What the store knows about a resident as a turn starts, read in one query."""

    chosen: str | None = None  # the language they chose (only with consent)
    state: ConversationState | None = None  # the flow (or topic) they are in
    spoken: ConversationLanguage | None = None  # the language their conversation is in


# --- the repositories ------------------------------------------------------------------------


class ResidentRepository:
    """The people who talk to the bot, and their consent to be remembered."""

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
        self,
        user_id: int,
        *,
        now: datetime,
        name: str | None = None,
        language: str | None = None,
    ) -> Resident:
        """Record consent (the first moment is kept), the name Telegram gives and, unless one
        was chosen before, the language of the conversation they agreed in."""
        stamp = utc_now_iso(now)
        row = await self.db.fetch_one(
            "INSERT INTO residents (user_id, name, language, consent_at, created_at, updated_at,"
            " last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " consent_at = coalesce(residents.consent_at, excluded.consent_at),"
            " name = coalesce(excluded.name, residents.name),"
            " language = coalesce(residents.language, excluded.language),"
            " updated_at = excluded.updated_at, last_seen_at = excluded.last_seen_at RETURNING *",
            (user_id, name or None, language, stamp, stamp, stamp, stamp),
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

    async def names(self, user_ids: Collection[int]) -> dict[int, str | None]:
        """The names Telegram gave of these residents (those the store knows)."""
        ids = sorted(set(user_ids))
        if not ids:
            return {}
        rows = await self.db.fetch_all(
            f"SELECT user_id, name FROM residents WHERE user_id IN ({','.join('?' * len(ids))})",
            ids,  # only the placeholders are built: one "?" per id
        )
        return {int(row["user_id"]): row["name"] for row in rows}

    async def languages(self, user_ids: Collection[int]) -> dict[int, str]:
        """The languages these residents chose (those who chose one)."""
        ids = sorted(set(user_ids))
        if not ids:
            return {}
        rows = await self.db.fetch_all(
            "SELECT user_id, language FROM residents WHERE language IS NOT NULL"
            f" AND user_id IN ({','.join('?' * len(ids))})",
            ids,  # only the placeholders are built: one "?" per id
        )
        return {int(row["user_id"]): str(row["language"]) for row in rows}

    async def reminder_preference(self, user_id: int) -> ReminderPreference | None:
        """Which reminders the resident wants; None for someone the store does not know."""
        stored = await self.db.fetch_value(
            "SELECT reminders FROM residents WHERE user_id = ?", (user_id,)
        )
        return None if stored is None else ReminderPreference(stored)

    async def set_reminder_preference(
        self, user_id: int, wanted: ReminderPreference, *, now: datetime
    ) -> None:
        """Remember which reminders the resident wants (the resident is made when missing)."""
        stamp = utc_now_iso(now)
        await self.db.execute(
            "INSERT INTO residents (user_id, reminders, created_at, updated_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " reminders = excluded.reminders, updated_at = excluded.updated_at",
            (user_id, str(wanted), stamp, stamp),
        )

    async def reduced_tariff(self, user_id: int) -> bool | None:
        """The resident's answer to the reduced-tariff question, if remembered."""
        value = await self.db.fetch_value(
            "SELECT reduced_tariff FROM residents WHERE user_id = ?", (user_id,)
        )
        return None if value is None else bool(value)

    async def remember_signup_details(
        self,
        user_id: int,
        *,
        name: str | None,
        language: str,
        reduced_tariff: bool | None,
        now: datetime,
    ) -> None:
        """For a consenting resident: the name, a first language and the tariff answer."""
        tariff = None if reduced_tariff is None else int(reduced_tariff)
        await self.db.execute(
            "UPDATE residents SET name = coalesce(?, name), language = coalesce(language, ?),"
            " reduced_tariff = coalesce(?, reduced_tariff), updated_at = ?"
            " WHERE user_id = ? AND consent_at IS NOT NULL",
            (name or None, language, tariff, utc_now_iso(now), user_id),
        )

    async def personal_counts(self, user_id: int) -> PersonalCounts:
        """How much else the store keeps about a resident (for showing them their data)."""
        row = await self.db.fetch_one(
            "SELECT (SELECT count(*) FROM signups WHERE resident_id = :user"
            f" AND status <> '{SignupStatus.CANCELLED}') AS signups,"
            " (SELECT count(*) FROM help_requests WHERE resident_id = :user) AS help_requests,"
            " (SELECT count(*) FROM feedback WHERE resident_id = :user) AS feedback,"
            " (SELECT count(*) FROM volunteer_links WHERE telegram_id = :user) AS links",
            {"user": user_id},
        )
        assert row is not None
        return PersonalCounts(
            int(row["signups"]),
            int(row["help_requests"]),
            int(row["feedback"]),
            bool(row["links"]),
        )

    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row about one resident, table by table (`PERSONAL_ROWS`), as plain dicts."""
        found: dict[str, list[dict[str, Any]]] = {}
        for table, column, order in PERSONAL_ROWS:
            # Table and columns come from the fixed list above, never from input.
            rows = await self.db.fetch_all(
                f"SELECT * FROM {table} WHERE {column} = ? ORDER BY {order}", (user_id,)
            )
            found[table] = [dict(row) for row in rows]
        return found

    async def delete(self, user_id: int) -> bool:
        """Delete the resident's own row (what else is kept about them goes first)."""
        return (
            await self.db.execute_count("DELETE FROM residents WHERE user_id = ?", (user_id,)) > 0
        )


class ConversationStateRepository:
    """Where each resident is in a multi-step conversation, so a restart loses nothing."""

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

    async def purge_older_than(
        self, before: datetime, *, flow: str | None = None, flow_before: datetime | None = None
    ) -> int:
        """Forget states not touched since `before` (those of `flow` since `flow_before`)."""
        if flow is None or flow_before is None:
            return await self.db.execute_count(
                "DELETE FROM conversation_state WHERE updated_at < ?", (utc_now_iso(before),)
            )
        return await self.db.execute_count(
            "DELETE FROM conversation_state WHERE updated_at < ? OR (flow = ? AND updated_at < ?)",
            (utc_now_iso(before), flow, utc_now_iso(flow_before)),
        )

    async def forget_language(self, user_id: int) -> bool:
        """Forget the language the resident's conversation is in; True when one was noted."""
        return bool(
            await self.db.execute_count(
                "DELETE FROM conversation_language WHERE user_id = ?", (user_id,)
            )
        )

    async def purge_languages_older_than(self, before: datetime) -> int:
        """Forget conversation languages not noted since `before`; how many."""
        return await self.db.execute_count(
            "DELETE FROM conversation_language WHERE updated_at < ?", (utc_now_iso(before),)
        )

    async def start_of_turn(self, user_id: int) -> TurnStart:
        """In one query: the chosen language, the saved state and the conversation language."""
        row = await self.db.fetch_one(
            "SELECT (SELECT language FROM residents WHERE user_id = :user) AS language,"
            " c.user_id AS user_id, c.flow AS flow, c.state AS state,"
            " c.updated_at AS updated_at, l.language AS spoken, l.asked AS asked,"
            " l.updated_at AS spoken_at FROM (SELECT 1) AS one"
            " LEFT JOIN conversation_state AS c ON c.user_id = :user"
            " LEFT JOIN conversation_language AS l ON l.user_id = :user",
            {"user": user_id},
        )
        if row is None:
            return TurnStart()
        state = None if row["flow"] is None else ConversationState.from_row(row)
        spoken = conversation_language_from_row(row["spoken"], row["asked"], row["spoken_at"])
        return TurnStart(row["language"], state, spoken)


class OutboxRepository:
    """Messages the bot sends on its own, queued first: pending, sending, then done."""

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
        revive_reason: str | None = None,
    ) -> int | None:
        """Queue a message; its id, or None when the same `dedupe_key` is already queued
        (a cancelled one is queued again with `revive_cancelled`, or when it was cancelled
        for `revive_reason`)."""
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
            revive_reason=revive_reason,
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

    async def statuses(self, *, refs: list[str], kinds: tuple[str, ...]) -> dict[str, str]:
        """Dedupe key → status of the messages of these kinds about these refs."""
        return await _outbox.statuses(self.db, refs=refs, kinds=kinds)

    async def pending_about(
        self, *, refs: list[str], kinds: tuple[str, ...]
    ) -> list[OutboxMessage]:
        """Messages of these kinds about these refs not sent yet, in id order."""
        return await _outbox.pending_about(self.db, refs=refs, kinds=kinds)

    async def delete_to(self, chat_id: int) -> int:
        """Delete every message to one chat, sent or not; how many."""
        return await _outbox.delete_to(self.db, chat_id)

    async def cancel_pending_to(
        self,
        chat_id: int,
        *,
        kinds: tuple[str, ...],
        org_id: str | None = None,
        reason: str | None = None,
    ) -> int:
        """Withdraw messages of these kinds to one chat (of one organisation, or any) not sent
        yet, noting `reason`; how many."""
        return await _outbox.cancel_pending_to(
            self.db, chat_id, kinds=kinds, org_id=org_id, reason=reason
        )

    async def readdress_pending(
        self, from_chat: int, to_chat: int, *, kinds: tuple[str, ...], org_id: str
    ) -> int:
        """Messages of these kinds of one organisation waiting for `from_chat` go to `to_chat`
        instead (the same rows); how many."""
        return await _outbox.readdress_pending(
            self.db, from_chat, to_chat, kinds=kinds, org_id=org_id
        )

    async def readdress(
        self, message_id: int, *, chat_id: int, payload: dict[str, Any], language: str
    ) -> bool:
        """Give one pending message a new chat and content; False when it was not pending."""
        return await _outbox.readdress(
            self.db, message_id, chat_id=chat_id, payload=payload, language=language
        )

    async def withdraw(self, message_id: int, reason: str) -> bool:
        """Cancel one pending message; False when it was not pending any more."""
        return await _outbox.withdraw(self.db, message_id, reason)

    async def next_due_at(self) -> datetime | None:
        """When the next pending message is due, or None."""
        return await _outbox.next_due_at(self.db)

    async def recover_in_flight(self) -> int:
        """After a crash: messages left 'sending' go back to pending."""
        return await _outbox.recover_in_flight(self.db)


class HelpRequestRepository:
    """Requests for personal help: a resident asks, one staff member takes it up, resolves it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self,
        *,
        org_id: str,
        resident_id: int,
        centre_id: str | None,
        topic: str,
        message: str,
        contact_phone: str | None,
        callback: str,
        callback_day: date | None,
        language: str,
        now: datetime,
        name: str | None = None,
    ) -> int:
        """Store a new open request (the resident is made on first contact); its id."""
        return await _help.create(
            self.db,
            org_id=org_id,
            resident_id=resident_id,
            centre_id=centre_id,
            topic=topic,
            message=message,
            contact_phone=contact_phone,
            callback=callback,
            callback_day=callback_day,
            language=language,
            now=now,
            name=name,
        )

    async def get(self, org_id: str, request_id: int) -> HelpRequest | None:
        """One request of this organisation, or None."""
        return await _help.get(self.db, org_id, request_id)

    async def inbox(
        self,
        org_id: str,
        status: HelpStatus,
        *,
        centres: Collection[str] | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> list[HelpRequest]:
        """Requests with one status: open and claimed oldest first, resolved newest first."""
        return await _help.inbox(
            self.db, org_id, status, centres=centres, limit=limit, offset=offset
        )

    async def counts(
        self, org_id: str, *, centres: Collection[str] | None = None
    ) -> dict[HelpStatus, int]:
        """How many requests there are with each status."""
        return await _help.counts(self.db, org_id, centres=centres)

    async def claim(
        self, org_id: str, request_id: int, staff_id: int, now: datetime
    ) -> ActionResult:
        """Take up an open request; of two staff members at once, only one gets it."""
        return await _help.claim(self.db, org_id, request_id, staff_id, now)

    async def resolve(
        self, org_id: str, request_id: int, staff_id: int, now: datetime
    ) -> ActionResult:
        """Mark a request resolved (an open one is claimed by the same person at once)."""
        return await _help.resolve(self.db, org_id, request_id, staff_id, now)

    async def add_note(self, org_id: str, request_id: int, line: str) -> HelpRequest | None:
        """Add one line to a request's notes; None for an unknown request."""
        return await _help.add_note(self.db, org_id, request_id, line)

    async def anonymise_of(self, resident_id: int) -> int:
        """Keep a resident's requests (topic, timing) without them: no id, words, phone or
        staff notes (which may name them); how many."""
        return await _help.anonymise_of(self.db, resident_id)

    async def open_for_resident(self, org_id: str, resident_id: int) -> list[HelpRequest]:
        """A resident's requests that are not resolved yet, oldest first."""
        return await _help.open_for_resident(self.db, org_id, resident_id)


class FeedbackRepository:
    """Suggestions, complaints and day-after ratings, and who wants the day-after question."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        *,
        org_id: str,
        kind: str,
        message: str,
        now: datetime,
        resident_id: int | None = None,
        centre_id: str | None = None,
        activity_id: str | None = None,
        language: str | None = None,
    ) -> Feedback:
        """Store a suggestion or feedback as given (`rules.feedback` checks and trims it)."""
        return await _feedback.add_feedback(
            self.db,
            org_id=org_id,
            kind=kind,
            message=message,
            now=now,
            resident_id=resident_id,
            centre_id=centre_id,
            activity_id=activity_id,
            language=language,
        )

    async def add_rating(
        self, signup: Signup, rating: int, *, now: datetime, language: str | None = None
    ) -> Feedback | None:
        """Store the answer to the day-after question; None when the sign-up has one already."""
        return await _feedback.add_rating(self.db, signup, rating, now=now, language=language)

    async def set_comment(self, feedback_id: int, resident_id: int, text: str) -> bool:
        """Set the comment of a resident's own rating that has none yet; False otherwise."""
        return await _feedback.set_comment(self.db, feedback_id, resident_id, text)

    async def sent_question_refs(
        self, resident_id: int, *, since: datetime, limit: int
    ) -> list[str]:
        """Refs of the day-after questions sent to a resident since `since`, newest first."""
        return await _feedback.sent_question_refs(self.db, resident_id, since=since, limit=limit)

    async def get(self, feedback_id: int) -> Feedback | None:
        """One feedback item, or None."""
        return await _feedback.get_feedback(self.db, feedback_id)

    async def rating_of(self, signup_id: int) -> Feedback | None:
        """The rating given for a sign-up, or None."""
        return await _feedback.rating_of(self.db, signup_id)

    async def recent(
        self, org_id: str, *, centres: frozenset[str] | None = None, limit: int = 10
    ) -> list[Feedback]:
        """The latest feedback, newest first (with `centres`: theirs and what names none)."""
        return await _feedback.recent_feedback(self.db, org_id, centres=centres, limit=limit)

    async def ask_setting(self, user_id: int) -> AskSetting | None:
        """Whether the resident wants the day-after question; None when never offered."""
        return await _feedback.ask_setting(self.db, user_id)

    async def set_ask_setting(self, user_id: int, setting: AskSetting, *, now: datetime) -> None:
        """Remember whether the resident wants the day-after question."""
        await _feedback.set_ask_setting(self.db, user_id, setting, now=now)

    async def anonymise_of(self, resident_id: int) -> int:
        """Keep a resident's feedback (ratings) without them or their words; how many."""
        return await _feedback.anonymise_of(self.db, resident_id)

    async def forget_setting(self, user_id: int) -> bool:
        """Forget whether the resident wants the day-after question."""
        return await _feedback.forget_setting(self.db, user_id)

    async def unasked_signups(
        self, org_id: str, *, since: datetime, until: datetime
    ) -> list[QuestionCandidate]:
        """Sign-ups from `since` to `until` (local), and series, not yet asked about."""
        return await _feedback.unasked_signups(self.db, org_id, since=since, until=until)

    async def was_asked(self, signup_id: int) -> bool:
        """Whether the day-after question about this sign-up was queued (not withdrawn)."""
        return await _feedback.was_asked(self.db, signup_id)


class VolunteerRepository:
    """Volunteers' Telegram links (one-time codes) and their places in shifts (the rules of
    codes: `rules.volunteers`; of shifts: `rules.shifts`)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def exists(self, org_id: str, volunteer_id: str) -> bool:
        """Whether the volunteer is in the organisation's data file (not removed)."""
        return await _volunteers.volunteer_exists(self.db, org_id, volunteer_id)

    async def add_code(
        self, org_id: str, volunteer_id: str, code: str, *, now: datetime, expires_at: datetime
    ) -> None:
        """Store a new code for a volunteer (only its hash), working until `expires_at`."""
        await _volunteers.add_code(
            self.db, org_id, volunteer_id, code, now=now, expires_at=expires_at
        )

    async def end_unused_codes(self, org_id: str, volunteer_id: str, *, now: datetime) -> int:
        """Let a volunteer's unused, still working codes expire now; how many."""
        return await _volunteers.end_unused_codes(self.db, org_id, volunteer_id, now=now)

    async def find_code(self, org_id: str, code: str) -> StoredCode | None:
        """The stored code with this text in this organisation, or None."""
        return await _volunteers.find_code(self.db, org_id, code)

    async def use_code(self, org_id: str, code: str, telegram_id: int, *, now: datetime) -> bool:
        """Mark an unused code used by this account; False when it was used already."""
        return await _volunteers.use_code(self.db, org_id, code, telegram_id, now=now)

    async def add_link(
        self, org_id: str, telegram_id: int, volunteer_id: str, *, now: datetime
    ) -> None:
        """Link a Telegram account to a volunteer record (neither may be linked already)."""
        await _volunteers.add_link(self.db, org_id, telegram_id, volunteer_id, now=now)

    async def linked_volunteer(self, org_id: str, telegram_id: int) -> str | None:
        """The volunteer this Telegram account is linked to, or None."""
        return await _volunteers.linked_volunteer(self.db, org_id, telegram_id)

    async def linked_account(self, org_id: str, volunteer_id: str) -> int | None:
        """The Telegram account a volunteer record is linked to, or None."""
        return await _volunteers.linked_account(self.db, org_id, volunteer_id)

    async def links(self, org_id: str) -> list[tuple[int, str]]:
        """(Telegram id, volunteer id) of every linked volunteer still in the data file."""
        return await _volunteers.volunteer_links(self.db, org_id)

    async def unlink(self, org_id: str, telegram_id: int) -> bool:
        """Remove the link of a Telegram account; False when it was not linked."""
        return await _volunteers.unlink(self.db, org_id, telegram_id)

    async def unlink_volunteer(self, org_id: str, volunteer_id: str) -> bool:
        """Remove the link of a volunteer record, whichever account has it; False if none."""
        return await _volunteers.unlink_volunteer(self.db, org_id, volunteer_id)

    async def forget_account(self, telegram_id: int) -> None:
        """Forget a Telegram account as a volunteer's: its links, and who used a code."""
        await _volunteers.forget_account(self.db, telegram_id)

    async def shift_roster(
        self, org_id: str, first_key: str, last_key: str, *, shift_id: str | None = None
    ) -> ShiftRoster:
        """Places given back and places taken in shifts starting from `first_key` to
        `last_key` (local keys, inclusive)."""
        return await _volunteers.shift_roster(self.db, org_id, first_key, last_key, shift_id)

    async def add_assignment(
        self, org_id: str, shift_id: str, start_key: str, volunteer_id: str, *, now: datetime
    ) -> int:
        """Record that a volunteer took a place in a shift; the assignment's id."""
        return await _volunteers.add_assignment(
            self.db, org_id, shift_id, start_key, volunteer_id, now=now
        )

    async def record_give_back(
        self,
        org_id: str,
        shift_id: str,
        start_key: str,
        volunteer_id: str,
        *,
        reason: str | None,
        now: datetime,
    ) -> None:
        """Record "I can't come" (a place they took ends; the reason is kept for staff)."""
        await _volunteers.record_give_back(
            self.db, org_id, shift_id, start_key, volunteer_id, reason=reason, now=now
        )

    async def record_interest(
        self,
        org_id: str,
        telegram_id: int,
        *,
        message: str,
        centre_id: str | None,
        language: str,
        now: datetime,
        name: str | None = None,
    ) -> int:
        """Put "I want to become a volunteer" in the staff inbox; the request id."""
        return await _volunteers.record_volunteer_interest(
            self.db,
            org_id,
            telegram_id,
            message=message,
            centre_id=centre_id,
            language=language,
            now=now,
            name=name,
        )


class OrganisationRepository:
    """The organisations' data files as imported: centres, activities, volunteers, shifts."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def import_file(
        self, path: str | Path, *, now: datetime, lenient: bool = False
    ) -> ImportReport:
        """Check and import a data file (a no-op when nothing changed); DataFileError if bad."""
        return await _importer.import_file(self.db, path, now=now, lenient=lenient)

    async def load(self, org_id: str) -> Organisation:
        """The organisation as last imported; LookupError when it never was."""
        return await _importer.load_organisation_from_store(self.db, org_id)

    async def ids(self) -> list[str]:
        """Ids of every imported organisation, sorted."""
        return await _records.list_organisation_ids(self.db)

    async def source(self, org_id: str) -> OrganisationSource | None:
        """The stored data file of an organisation, or None."""
        return await _records.get_organisation_source(self.db, org_id)


@dataclass(frozen=True)
class Repositories:
    """Every repository of one open store."""

    db: Database
    residents: ResidentRepository
    conversations: ConversationStateRepository
    signups: SignupRepository
    outbox: OutboxRepository
    help_requests: HelpRequestRepository
    feedback: FeedbackRepository
    volunteers: VolunteerRepository
    organisations: OrganisationRepository
    reports: ReportRepository
    reminders: ReminderRepository

    def atomic(self) -> AbstractAsyncContextManager[Any]:
        """One check-then-write step: BEGIN IMMEDIATE on SQLite, the store's write lock (an
        advisory lock) on PostgreSQL; a step inside another joins it."""
        return cast(AbstractAsyncContextManager[Any], self.db.transaction(immediate=True))

    @property
    def changes(self) -> Changes:
        """Where a rule says that what reminders are due has changed (the scheduler listens)."""
        return self.db.changes


def repositories(db: Database) -> Repositories:
    """The repositories of an open store, whichever backend it is."""
    return Repositories(
        db=db,
        residents=ResidentRepository(db),
        conversations=ConversationStateRepository(db),
        signups=SignupRepository(db),
        outbox=OutboxRepository(db),
        help_requests=HelpRequestRepository(db),
        feedback=FeedbackRepository(db),
        volunteers=VolunteerRepository(db),
        organisations=OrganisationRepository(db),
        reports=ReportRepository(db),
        reminders=ReminderRepository(db),
    )
