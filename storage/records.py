"""Typed records of what the store holds, and the queries that read and write them.

Queries are plain async functions taking the `Store` first; each returns a small frozen
dataclass (or a list of them) rather than raw rows. Later features add their queries here or in
a module of their own beside it, using the same helpers.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from storage.db import Database, Row, utc_now_iso

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
"""How occurrence starts are stored: local wall-clock time in the organisation's zone."""


def local_start(moment: datetime) -> str:
    """An occurrence start as the store keys it: local 'YYYY-MM-DDTHH:MM'."""
    return moment.strftime(LOCAL_FORMAT)


def parse_local_start(text: str, timezone: str) -> datetime:
    """The aware datetime of a stored local occurrence start."""
    return datetime.strptime(text, LOCAL_FORMAT).replace(tzinfo=ZoneInfo(timezone))


def parse_moment(text: str | None) -> datetime | None:
    """A stored UTC moment as an aware datetime (None stays None)."""
    return None if text is None else datetime.fromisoformat(text)


def _as_local_start(start: datetime | str) -> str:
    """Accept an aware datetime or an already formatted local start."""
    return start if isinstance(start, str) else local_start(start)


class ReminderPreference(StrEnum):
    """Which reminders a resident wants."""

    BOTH = "both"
    DAY_BEFORE = "day_before"
    SAME_DAY = "same_day"
    NONE = "none"


class SignupStatus(StrEnum):
    """Where a sign-up stands."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class OutboxStatus(StrEnum):
    """Where a queued message stands."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    MISSED = "missed"
    CANCELLED = "cancelled"


class ChangeKind(StrEnum):
    """What happened to an occurrence residents had signed up for."""

    REMOVED = "removed"
    MOVED = "moved"
    CANCELLED = "cancelled"


RECORD_KINDS: tuple[str, ...] = ("centres", "desks", "activities", "volunteers", "shifts", "staff")
"""The data-file record kinds the store keeps, each in a table of that name."""


@dataclass(frozen=True)
class OrganisationSource:
    """The stored data file of one organisation."""

    id: str
    name: str
    source_name: str
    source_text: str
    source_hash: str
    settings_hash: str
    imported_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> OrganisationSource:
        """Build from an `organisations` row."""
        return cls(
            id=row["id"],
            name=row["name"],
            source_name=row["source_name"],
            source_text=row["source_text"],
            source_hash=row["source_hash"],
            settings_hash=row["settings_hash"],
            imported_at=datetime.fromisoformat(row["imported_at"]),
        )


@dataclass(frozen=True)
class StoredRecord:
    """One data-file record as the store keeps it: its JSON and content hash."""

    kind: str
    org_id: str
    id: str
    content_hash: str
    record: dict[str, Any] = field(hash=False)
    updated_at: datetime
    removed_at: datetime | None


@dataclass(frozen=True)
class Resident:
    """A person who talks to the bot."""

    user_id: int
    name: str | None
    language: str | None
    consent_at: datetime | None
    reduced_tariff: bool | None
    reminders: ReminderPreference
    unreachable_since: datetime | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> Resident:
        """Build from a `residents` row."""
        reduced = row["reduced_tariff"]
        return cls(
            user_id=row["user_id"],
            name=row["name"],
            language=row["language"],
            consent_at=parse_moment(row["consent_at"]),
            reduced_tariff=None if reduced is None else bool(reduced),
            reminders=ReminderPreference(row["reminders"]),
            unreachable_since=parse_moment(row["unreachable_since"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
        )


@dataclass(frozen=True)
class Signup:
    """One sign-up for one occurrence (or a whole series) of an activity."""

    id: int
    org_id: str
    activity_id: str
    centre_id: str
    occurrence_start: str  # local 'YYYY-MM-DDTHH:MM'
    series: bool
    resident_id: int | None
    walk_in_name: str | None
    walk_in_phone: str | None
    party_size: int
    companions: int
    options: dict[str, str] = field(hash=False)
    reduced: bool
    status: SignupStatus
    created_at: datetime
    updated_at: datetime
    cancelled_at: datetime | None
    attended: bool | None = None  # registered by staff: came, did not come; None: not registered

    @property
    def active(self) -> bool:
        """Whether the sign-up still holds (or waits for) a place."""
        return self.status is not SignupStatus.CANCELLED

    @classmethod
    def from_row(cls, row: Row) -> Signup:
        """Build from a `signups` row."""
        return cls(
            id=row["id"],
            org_id=row["org_id"],
            activity_id=row["activity_id"],
            centre_id=row["centre_id"],
            occurrence_start=row["occurrence_start"],
            series=bool(row["series"]),
            resident_id=row["resident_id"],
            walk_in_name=row["walk_in_name"],
            walk_in_phone=row["walk_in_phone"],
            party_size=row["party_size"],
            companions=row["companions"],
            options=json.loads(row["options"]),
            reduced=bool(row["reduced"]),
            status=SignupStatus(row["status"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            cancelled_at=parse_moment(row["cancelled_at"]),
            attended=None if row["attended"] is None else bool(row["attended"]),
        )


@dataclass(frozen=True)
class OccurrenceCounts:
    """How full one occurrence is: people (companions included) and sign-ups per status."""

    confirmed_people: int
    waiting_people: int
    confirmed_signups: int
    waiting_signups: int


@dataclass(frozen=True)
class OccurrenceChange:
    """An occurrence residents signed up for that was removed, moved or cancelled."""

    id: int
    org_id: str
    activity_id: str
    centre_id: str
    occurrence_start: str  # local 'YYYY-MM-DDTHH:MM'
    change: ChangeKind
    new_start: str | None
    reason: str | None
    detected_at: datetime
    notified_at: datetime | None

    @classmethod
    def from_row(cls, row: Row) -> OccurrenceChange:
        """Build from an `occurrence_changes` row."""
        return cls(
            id=row["id"],
            org_id=row["org_id"],
            activity_id=row["activity_id"],
            centre_id=row["centre_id"],
            occurrence_start=row["occurrence_start"],
            change=ChangeKind(row["change"]),
            new_start=row["new_start"],
            reason=row["reason"],
            detected_at=datetime.fromisoformat(row["detected_at"]),
            notified_at=parse_moment(row["notified_at"]),
        )


@dataclass(frozen=True)
class OutboxMessage:
    """A message the bot sends on its own: a reminder, a promotion, a change notice."""

    id: int
    org_id: str | None
    chat_id: int
    kind: str
    ref: str | None
    payload: dict[str, Any] = field(hash=False)
    language: str
    due_at: datetime
    status: OutboxStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    dedupe_key: str | None

    @classmethod
    def from_row(cls, row: Row) -> OutboxMessage:
        """Build from an `outbox` row."""
        return cls(
            id=row["id"],
            org_id=row["org_id"],
            chat_id=row["chat_id"],
            kind=row["kind"],
            ref=row["ref"],
            payload=json.loads(row["payload"]),
            language=row["language"],
            due_at=datetime.fromisoformat(row["due_at"]),
            status=OutboxStatus(row["status"]),
            attempts=row["attempts"],
            last_error=row["last_error"],
            created_at=datetime.fromisoformat(row["created_at"]),
            sent_at=parse_moment(row["sent_at"]),
            dedupe_key=row["dedupe_key"],
        )


@dataclass(frozen=True)
class ConversationState:
    """Where a resident is in a multi-step conversation: the flow and its saved state."""

    user_id: int
    flow: str
    state: dict[str, Any] = field(hash=False)
    updated_at: datetime

    @classmethod
    def from_row(cls, row: Any) -> ConversationState:
        """Build from a `conversation_state` row."""
        return cls(
            user_id=row["user_id"],
            flow=row["flow"],
            state=json.loads(row["state"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
        )


@dataclass(frozen=True)
class KindCounts:
    """What an import did to one kind of record."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def touched(self) -> bool:
        """Whether anything of this kind was added, changed or removed."""
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True)
class DisappearedOccurrence:
    """A future occurrence with active sign-ups that the new data file no longer has."""

    activity_id: str
    centre_id: str
    start: str  # local 'YYYY-MM-DDTHH:MM'
    residents: int  # active sign-ups (confirmed or waiting)
    people: int  # the same, companions included
    change: ChangeKind = ChangeKind.REMOVED
    new_start: str | None = None  # for a move: the occurrence that replaces it


@dataclass(frozen=True)
class ImportReport:
    """What importing one data file changed in the store."""

    org_id: str
    unchanged: bool
    first_import: bool = False
    source_changed: bool = False  # the file's text changed, its records possibly not
    settings_changed: bool = False  # organisation-level fields: closures, holidays, reminders
    counts: dict[str, KindCounts] = field(default_factory=dict, hash=False)
    disappeared: tuple[DisappearedOccurrence, ...] = ()
    restored: tuple[str, ...] = ()  # un-notified changes withdrawn: the occurrence is back
    problems: tuple[Any, ...] = ()  # the data file's warnings (datafile.Problem), printed

    def summary_lines(self) -> list[str]:
        """A few lines for the `voordeur import` command."""
        if self.unchanged:
            note = " (only comments or layout of the file changed)" if self.source_changed else ""
            return [f"{self.org_id}: unchanged{note}"]
        head = "imported" if self.first_import else "updated"
        lines = [f"{self.org_id}: {head}"]
        if self.settings_changed and not self.first_import:
            lines.append("  organisation settings changed (closures, holidays or reminders)")
        for kind in RECORD_KINDS:
            c = self.counts.get(kind, KindCounts())
            if self.first_import:
                lines.append(f"  {kind}: {c.added}")
            elif c.touched:
                lines.append(
                    f"  {kind}: {c.added} added, {c.changed} changed, {c.removed} removed, "
                    f"{c.unchanged} unchanged"
                )
        for gone in self.disappeared:
            what = (
                f"moved to {gone.new_start.replace('T', ' ')}"
                if gone.change is ChangeKind.MOVED and gone.new_start
                else "no longer takes place"
            )
            lines.append(
                f"  ! {gone.activity_id} at {gone.centre_id} on {gone.start.replace('T', ' ')} "
                f"{what}: {gone.residents} sign-up(s), {gone.people} people to notify"
            )
        for key in self.restored:
            lines.append(f"  occurrence back in the file, change withdrawn: {key}")
        return lines


# --- organisations ----------------------------------------------------------------------------


async def get_organisation_source(store: Database, org_id: str) -> OrganisationSource | None:
    """The stored data file of an organisation, or None if it was never imported."""
    row = await store.fetch_one("SELECT * FROM organisations WHERE id = ?", (org_id,))
    return None if row is None else OrganisationSource.from_row(row)


async def list_organisation_ids(store: Database) -> list[str]:
    """Ids of every imported organisation, sorted."""
    rows = await store.fetch_all("SELECT id FROM organisations ORDER BY id")
    return [row["id"] for row in rows]


async def list_records(
    store: Database, kind: str, org_id: str, *, include_removed: bool = False
) -> list[StoredRecord]:
    """The stored records of one kind (`centres`, `activities`...) of an organisation."""
    if kind not in RECORD_KINDS:
        raise ValueError(f"unknown record kind: {kind}")
    where = "" if include_removed else " AND removed_at IS NULL"
    rows = await store.fetch_all(
        f"SELECT * FROM {kind} WHERE org_id = ?{where} ORDER BY id",  # kind checked above
        (org_id,),
    )
    return [
        StoredRecord(
            kind=kind,
            org_id=row["org_id"],
            id=row["id"],
            content_hash=row["content_hash"],
            record=json.loads(row["record"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            removed_at=parse_moment(row["removed_at"]),
        )
        for row in rows
    ]


# --- residents --------------------------------------------------------------------------------


async def get_resident(store: Database, user_id: int) -> Resident | None:
    """The resident with this Telegram user id, or None."""
    row = await store.fetch_one("SELECT * FROM residents WHERE user_id = ?", (user_id,))
    return None if row is None else Resident.from_row(row)


async def ensure_resident(
    store: Database, user_id: int, *, now: datetime, name: str | None = None
) -> Resident:
    """The resident with this id, created on first contact."""
    stamp = utc_now_iso(now)
    async with store.transaction():
        await store.execute(
            "INSERT INTO residents (user_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO NOTHING",
            (user_id, name, stamp, stamp),
        )
        resident = await get_resident(store, user_id)
    assert resident is not None
    return resident


async def set_resident_language(
    store: Database, user_id: int, language: str, *, now: datetime
) -> Resident:
    """Remember the language a resident chose, creating the resident if needed."""
    stamp = utc_now_iso(now)
    async with store.transaction():
        await store.execute(
            "INSERT INTO residents (user_id, language, created_at, updated_at)"
            " VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET"
            " language = excluded.language, updated_at = excluded.updated_at",
            (user_id, language, stamp, stamp),
        )
        resident = await get_resident(store, user_id)
    assert resident is not None
    return resident


# --- sign-ups ---------------------------------------------------------------------------------


class DuplicateSignupError(Exception):
    """The resident already holds an active sign-up for this occurrence."""


async def insert_signup(
    store: Database,
    *,
    org_id: str,
    activity_id: str,
    centre_id: str,
    start: datetime | str,
    now: datetime,
    resident_id: int | None = None,
    walk_in_name: str | None = None,
    walk_in_phone: str | None = None,
    companions: int = 0,
    options: dict[str, str] | None = None,
    reduced: bool = False,
    series: bool = False,
    status: SignupStatus = SignupStatus.CONFIRMED,
) -> Signup:
    """Store a sign-up as given; capacity and deadlines are the caller's to check first."""
    stamp = utc_now_iso(now)
    try:
        signup_id = await store.fetch_value(
            "INSERT INTO signups (org_id, activity_id, centre_id, occurrence_start, series,"
            " resident_id, walk_in_name, walk_in_phone, party_size, companions, options,"
            " reduced, status, created_at, updated_at, cancelled_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                org_id,
                activity_id,
                centre_id,
                _as_local_start(start),
                int(series),
                resident_id,
                walk_in_name,
                walk_in_phone,
                1 + companions,
                companions,
                json.dumps(options or {}, sort_keys=True),
                int(reduced),
                str(status),
                stamp,
                stamp,
                stamp if status is SignupStatus.CANCELLED else None,
            ),
        )
    except sqlite3.IntegrityError as error:
        if "UNIQUE constraint failed: signups." in str(error):
            raise DuplicateSignupError(
                f"resident {resident_id} already signed up for {activity_id} at {start}"
            ) from error
        raise
    signup = await get_signup(store, signup_id)
    assert signup is not None
    return signup


async def get_signup(store: Database, signup_id: int) -> Signup | None:
    """The sign-up with this id, or None."""
    row = await store.fetch_one("SELECT * FROM signups WHERE id = ?", (signup_id,))
    return None if row is None else Signup.from_row(row)


async def list_signups(
    store: Database,
    org_id: str,
    *,
    activity_id: str | None = None,
    centre_id: str | None = None,
    start: datetime | str | None = None,
    resident_id: int | None = None,
    active_only: bool = False,
) -> list[Signup]:
    """Sign-ups of an organisation, narrowed by what is given, in waiting-list order."""
    clauses = ["org_id = ?"]
    params: list[Any] = [org_id]
    for column, value in (
        ("activity_id", activity_id),
        ("centre_id", centre_id),
        ("occurrence_start", None if start is None else _as_local_start(start)),
        ("resident_id", resident_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if active_only:
        clauses.append("status <> 'cancelled'")
    rows = await store.fetch_all(
        f"SELECT * FROM signups WHERE {' AND '.join(clauses)}"  # fixed column names
        " ORDER BY occurrence_start, created_at, id",
        params,
    )
    return [Signup.from_row(row) for row in rows]


async def count_occurrence(
    store: Database, org_id: str, activity_id: str, centre_id: str, start: datetime | str
) -> OccurrenceCounts:
    """How many people and sign-ups are confirmed and waiting for one occurrence."""
    row = await store.fetch_one(
        "SELECT"
        " coalesce(sum(CASE WHEN status = 'confirmed' THEN party_size END), 0),"
        " coalesce(sum(CASE WHEN status = 'waiting' THEN party_size END), 0),"
        " count(CASE WHEN status = 'confirmed' THEN 1 END),"
        " count(CASE WHEN status = 'waiting' THEN 1 END)"
        " FROM signups WHERE org_id = ? AND activity_id = ? AND centre_id = ?"
        " AND occurrence_start = ?",
        (org_id, activity_id, centre_id, _as_local_start(start)),
    )
    assert row is not None
    return OccurrenceCounts(row[0], row[1], row[2], row[3])


# --- occurrence changes -----------------------------------------------------------------------


async def list_occurrence_changes(
    store: Database, org_id: str, *, pending_only: bool = False
) -> list[OccurrenceChange]:
    """Recorded changes of occurrences, oldest first; `pending_only`: not yet notified."""
    pending = " AND notified_at IS NULL" if pending_only else ""
    rows = await store.fetch_all(
        f"SELECT * FROM occurrence_changes WHERE org_id = ?{pending}"
        " ORDER BY occurrence_start, activity_id, centre_id",
        (org_id,),
    )
    return [OccurrenceChange.from_row(row) for row in rows]


# --- meta -------------------------------------------------------------------------------------


async def get_meta(store: Database, key: str) -> str | None:
    """A stored process value, or None."""
    value = await store.fetch_value("SELECT value FROM meta WHERE key = ?", (key,))
    return None if value is None else str(value)


async def set_meta(store: Database, key: str, value: str) -> None:
    """Store a process value, replacing the old one."""
    await store.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
