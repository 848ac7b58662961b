"""Help requests: a resident asks staff for personal help or a call back; staff take it up.

A request is `open` until a staff member claims it, `claimed` until they resolve it. Claiming
and resolving are single conditional UPDATEs, so two staff members pressing "Claim" at once
cannot both get it. Which staff may see a request is decided by the caller (the conversations
know who is staff); these queries only filter by centre when asked to.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from storage.db import Database, Row, utc_now_iso
from storage.records import parse_moment

HELP_KIND = "help"  # help_requests.kind of a request made with the help flow
MAX_MESSAGE = 1000
MAX_NOTE = 2000  # all notes of one request together; the oldest are cut first

TOPICS: tuple[str, ...] = ("money", "housing", "health", "lonely", "digital", "letters", "other")
"""The topics a resident can pick, in the order they are offered."""

MOMENTS: tuple[str, ...] = ("am0", "pm0", "am1", "pm1", "next", "visit")
"""Call-back moments: this/tomorrow morning/afternoon, the next opening, or "I will come by"."""


class HelpStatus(StrEnum):
    """Where a help request stands."""

    OPEN = "open"
    CLAIMED = "claimed"
    RESOLVED = "resolved"
    CANCELLED = "cancelled"


class Outcome(StrEnum):
    """What a staff action on a request came to."""

    DONE = "done"
    ALREADY_CLAIMED = "already_claimed"  # someone else took it up first
    ALREADY_YOURS = "already_yours"
    ALREADY_RESOLVED = "already_resolved"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class HelpRequest:
    """One request for help as the store keeps it."""

    id: int
    org_id: str
    resident_id: int | None
    centre_id: str | None
    kind: str
    topic: str | None
    message: str
    contact_phone: str | None
    callback: str | None
    callback_day: date | None
    language: str | None
    status: HelpStatus
    note: str | None
    created_at: datetime
    claimed_at: datetime | None
    claimed_by: int | None
    resolved_at: datetime | None
    resolved_by: int | None

    @classmethod
    def from_row(cls, row: Row) -> HelpRequest:
        """Build from a `help_requests` row."""
        day = row["callback_day"]
        return cls(
            id=row["id"],
            org_id=row["org_id"],
            resident_id=row["resident_id"],
            centre_id=row["centre_id"],
            kind=row["kind"],
            topic=row["topic"],
            message=row["message"],
            contact_phone=row["contact_phone"],
            callback=row["callback"],
            callback_day=date.fromisoformat(day) if day else None,
            language=row["language"],
            status=HelpStatus(row["status"]),
            note=row["note"],
            created_at=datetime.fromisoformat(row["created_at"]),
            claimed_at=parse_moment(row["claimed_at"]),
            claimed_by=row["claimed_by"],
            resolved_at=parse_moment(row["resolved_at"]),
            resolved_by=row["resolved_by"],
        )


@dataclass(frozen=True)
class ActionResult:
    """The outcome of a staff action and the request as it stands afterwards."""

    outcome: Outcome
    request: HelpRequest | None


async def create(
    store: Database,
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
    """Store a new open request; returns its id. The resident row is made if it is missing."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}")
    if callback not in MOMENTS:
        raise ValueError(f"unknown call-back moment {callback!r}")
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        await store.execute(
            "INSERT INTO residents (user_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO NOTHING",
            (resident_id, name or None, stamp, stamp),
        )
        request_id = await store.fetch_value(
            "INSERT INTO help_requests (org_id, resident_id, centre_id, kind, topic, message,"
            " contact_phone, callback, callback_day, language, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                org_id,
                resident_id,
                centre_id,
                HELP_KIND,
                topic,
                message[:MAX_MESSAGE],
                contact_phone,
                callback,
                callback_day.isoformat() if callback_day else None,
                language,
                stamp,
            ),
        )
    return int(request_id)


async def get(store: Database, org_id: str, request_id: int) -> HelpRequest | None:
    """One request of this organisation, or None."""
    row = await store.fetch_one(
        "SELECT * FROM help_requests WHERE id = ? AND org_id = ?", (request_id, org_id)
    )
    return None if row is None else HelpRequest.from_row(row)


def _centre_filter(centres: Collection[str] | None) -> tuple[str, list[Any]]:
    """SQL and parameters limiting to `centres` (None: every centre)."""
    if centres is None:
        return "", []
    ids = sorted(centres)
    if not ids:
        return " AND 1 = 0", []  # no centre at all: nothing (portable false)
    return f" AND centre_id IN ({', '.join('?' for _ in ids)})", ids


async def inbox(
    store: Database,
    org_id: str,
    status: HelpStatus,
    *,
    centres: Collection[str] | None = None,
    limit: int = 10,
    offset: int = 0,
) -> list[HelpRequest]:
    """Help requests with one status: open and claimed oldest first, resolved newest first."""
    where, params = _centre_filter(centres)
    order = "resolved_at DESC, id DESC" if status is HelpStatus.RESOLVED else "created_at, id"
    rows = await store.fetch_all(
        "SELECT * FROM help_requests WHERE org_id = ? AND kind = ? AND status = ?"
        f"{where} ORDER BY {order} LIMIT ? OFFSET ?",
        (org_id, HELP_KIND, str(status), *params, limit, offset),
    )
    return [HelpRequest.from_row(row) for row in rows]


async def counts(
    store: Database, org_id: str, *, centres: Collection[str] | None = None
) -> dict[HelpStatus, int]:
    """How many help requests there are with each status."""
    where, params = _centre_filter(centres)
    rows = await store.fetch_all(
        "SELECT status, count(*) AS n FROM help_requests WHERE org_id = ? AND kind = ?"
        f"{where} GROUP BY status",
        (org_id, HELP_KIND, *params),
    )
    found = {HelpStatus(row["status"]): row["n"] for row in rows}
    return {status: found.get(status, 0) for status in HelpStatus}


async def claim(
    store: Database, org_id: str, request_id: int, staff_id: int, now: datetime
) -> ActionResult:
    """Take up an open request; only one staff member can."""
    row = await store.fetch_one(
        "UPDATE help_requests SET status = 'claimed', claimed_at = ?, claimed_by = ?"
        " WHERE id = ? AND org_id = ? AND status = 'open' RETURNING *",
        (utc_now_iso(now), staff_id, request_id, org_id),
    )
    if row is not None:
        return ActionResult(Outcome.DONE, HelpRequest.from_row(row))
    current = await get(store, org_id, request_id)
    if current is None or current.status is HelpStatus.CANCELLED:
        return ActionResult(Outcome.NOT_FOUND, current)
    if current.status is HelpStatus.RESOLVED:
        return ActionResult(Outcome.ALREADY_RESOLVED, current)
    if current.claimed_by == staff_id:
        return ActionResult(Outcome.ALREADY_YOURS, current)
    return ActionResult(Outcome.ALREADY_CLAIMED, current)


async def resolve(
    store: Database, org_id: str, request_id: int, staff_id: int, now: datetime
) -> ActionResult:
    """Mark a request resolved; an open one is claimed by the same person in the same step."""
    stamp = utc_now_iso(now)
    row = await store.fetch_one(
        "UPDATE help_requests SET status = 'resolved', resolved_at = ?, resolved_by = ?,"
        " claimed_at = coalesce(claimed_at, ?), claimed_by = coalesce(claimed_by, ?)"
        " WHERE id = ? AND org_id = ? AND status IN ('open', 'claimed') RETURNING *",
        (stamp, staff_id, stamp, staff_id, request_id, org_id),
    )
    if row is not None:
        return ActionResult(Outcome.DONE, HelpRequest.from_row(row))
    current = await get(store, org_id, request_id)
    if current is None or current.status is HelpStatus.CANCELLED:
        return ActionResult(Outcome.NOT_FOUND, current)
    return ActionResult(Outcome.ALREADY_RESOLVED, current)


async def add_note(store: Database, org_id: str, request_id: int, line: str) -> HelpRequest | None:
    """Add one line to a request's notes (the oldest are cut past MAX_NOTE); None if unknown."""
    current = await get(store, org_id, request_id)
    if current is None:
        return None
    notes = "\n".join(n for n in (current.note, " ".join(line.split())) if n)
    row = await store.fetch_one(
        "UPDATE help_requests SET note = ? WHERE id = ? AND org_id = ? RETURNING *",
        (notes[-MAX_NOTE:], request_id, org_id),
    )
    return None if row is None else HelpRequest.from_row(row)


async def open_for_resident(store: Database, org_id: str, resident_id: int) -> list[HelpRequest]:
    """A resident's requests that are not resolved yet, oldest first."""
    rows = await store.fetch_all(
        "SELECT * FROM help_requests WHERE org_id = ? AND resident_id = ? AND kind = ?"
        " AND status IN ('open', 'claimed') ORDER BY created_at, id",
        (org_id, resident_id, HELP_KIND),
    )
    return [HelpRequest.from_row(row) for row in rows]


async def anonymise_of(store: Database, resident_id: int) -> int:
    """Cut a resident's requests loose from them: no id, words, phone or staff notes; how many."""
    return await store.execute_count(
        "UPDATE help_requests SET resident_id = NULL, message = '', contact_phone = NULL,"
        " note = NULL WHERE resident_id = ?",
        (resident_id,),
    )
