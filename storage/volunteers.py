"""Volunteers in the store: one-time link codes, linked accounts, and the rows of shifts.

This module only reads and writes rows; the rules live in `rules/`. What a code is (its shape,
how long it works), which code links and which is refused, and where a link moves are decided by
`rules.volunteers`, inside one check-then-write step (`Repositories.atomic()`). Who is on a shift
on one date is worked out by `rules.shifts`, never stored as one number: the volunteers the data
file assigns, minus those who said "I can't come" (shift_cancellations), plus those who took a
place (active shift_assignments); here only those rows are read and written (`shift_roster`,
`add_assignment`, `record_give_back`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, utc_now_iso

REMINDER_KIND = "shift_reminder"
INTEREST_KIND = "volunteer"  # help_requests.kind of "I want to become a volunteer"


@dataclass(frozen=True)
class StoredCode:
    """A link code as the store keeps it, with whether its volunteer left the data file."""

    volunteer_id: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    volunteer_removed: bool


# --- codes and links ----------------------------------------------------------------------------


def _code_hash(code: str) -> str:
    # Only the hash is stored: a copy of the database does not hand out working codes.
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def _moment(value: str | datetime | None) -> datetime | None:
    # SQLite gives the ISO text back, PostgreSQL's columns may give a datetime.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


async def volunteer_exists(store: Database, org_id: str, volunteer_id: str) -> bool:
    """Whether the volunteer is in the organisation's data file (not removed by an import)."""
    found = await store.fetch_value(
        "SELECT 1 FROM volunteers WHERE org_id = ? AND id = ? AND removed_at IS NULL",
        (org_id, volunteer_id),
    )
    return bool(found)


async def add_code(
    store: Database,
    org_id: str,
    volunteer_id: str,
    code: str,
    *,
    now: datetime,
    expires_at: datetime,
) -> None:
    """Store a new code (its hash) for a volunteer, working until `expires_at`."""
    await store.execute(
        "INSERT INTO volunteer_codes (code, org_id, volunteer_id, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (_code_hash(code), org_id, volunteer_id, utc_now_iso(now), utc_now_iso(expires_at)),
    )


async def end_unused_codes(
    store: Database, org_id: str, volunteer_id: str, *, now: datetime
) -> int:
    """Let a volunteer's codes that are unused and still working expire at `now`; how many."""
    stamp = utc_now_iso(now)
    return await store.execute_count(
        "UPDATE volunteer_codes SET expires_at = ? WHERE org_id = ? AND volunteer_id = ?"
        " AND used_at IS NULL AND expires_at > ?",
        (stamp, org_id, volunteer_id, stamp),
    )


async def find_code(store: Database, org_id: str, code: str) -> StoredCode | None:
    """The stored code of this organisation with this text, or None."""
    row = await store.fetch_one(
        "SELECT c.volunteer_id, c.created_at, c.expires_at, c.used_at, v.removed_at"
        " FROM volunteer_codes c JOIN volunteers v"
        " ON v.org_id = c.org_id AND v.id = c.volunteer_id"
        " WHERE c.code = ? AND c.org_id = ?",
        (_code_hash(code), org_id),
    )
    if row is None:
        return None
    created, expires = _moment(row["created_at"]), _moment(row["expires_at"])
    assert created is not None and expires is not None  # NOT NULL columns
    return StoredCode(
        volunteer_id=row["volunteer_id"],
        created_at=created,
        expires_at=expires,
        used_at=_moment(row["used_at"]),
        volunteer_removed=row["removed_at"] is not None,
    )


async def use_code(
    store: Database, org_id: str, code: str, telegram_id: int, *, now: datetime
) -> bool:
    """Mark an unused code used by this account; False when it was used already."""
    changed = await store.execute_count(
        "UPDATE volunteer_codes SET used_at = ?, used_by = ?"
        " WHERE code = ? AND org_id = ? AND used_at IS NULL",
        (utc_now_iso(now), telegram_id, _code_hash(code), org_id),
    )
    return changed > 0


async def add_link(
    store: Database, org_id: str, telegram_id: int, volunteer_id: str, *, now: datetime
) -> None:
    """Link a Telegram account to a volunteer record (neither may be linked already)."""
    await store.execute(
        "INSERT INTO volunteer_links (telegram_id, org_id, volunteer_id, linked_at)"
        " VALUES (?, ?, ?, ?)",
        (telegram_id, org_id, volunteer_id, utc_now_iso(now)),
    )


async def linked_volunteer(store: Database, org_id: str, telegram_id: int) -> str | None:
    """The id of the volunteer this Telegram account is linked to, or None."""
    return await store.fetch_value(
        "SELECT l.volunteer_id FROM volunteer_links l JOIN volunteers v"
        " ON v.org_id = l.org_id AND v.id = l.volunteer_id"
        " WHERE l.telegram_id = ? AND l.org_id = ? AND v.removed_at IS NULL",
        (telegram_id, org_id),
    )


async def linked_account(store: Database, org_id: str, volunteer_id: str) -> int | None:
    """The Telegram account a volunteer record is linked to, or None."""
    found = await store.fetch_value(
        "SELECT telegram_id FROM volunteer_links WHERE org_id = ? AND volunteer_id = ?",
        (org_id, volunteer_id),
    )
    return None if found is None else int(found)


async def volunteer_links(store: Database, org_id: str) -> list[tuple[int, str]]:
    """(Telegram id, volunteer id) of every linked volunteer still in the data file."""
    rows = await store.fetch_all(
        "SELECT l.telegram_id, l.volunteer_id FROM volunteer_links l JOIN volunteers v"
        " ON v.org_id = l.org_id AND v.id = l.volunteer_id"
        " WHERE l.org_id = ? AND v.removed_at IS NULL ORDER BY l.telegram_id",
        (org_id,),
    )
    return [(row["telegram_id"], row["volunteer_id"]) for row in rows]


async def unlink(store: Database, org_id: str, telegram_id: int) -> bool:
    """Remove the link of a Telegram account; False when it was not linked."""
    removed = await store.execute_count(
        "DELETE FROM volunteer_links WHERE org_id = ? AND telegram_id = ?",
        (org_id, telegram_id),
    )
    return removed > 0


async def unlink_volunteer(store: Database, org_id: str, volunteer_id: str) -> bool:
    """Remove the link of a volunteer record, whichever account has it; False when none did."""
    removed = await store.execute_count(
        "DELETE FROM volunteer_links WHERE org_id = ? AND volunteer_id = ?",
        (org_id, volunteer_id),
    )
    return removed > 0


async def forget_account(store: Database, telegram_id: int) -> None:
    """Forget a Telegram account as a volunteer's: its links in every organisation, and which
    codes it used (the codes stay used)."""
    await store.execute("DELETE FROM volunteer_links WHERE telegram_id = ?", (telegram_id,))
    await store.execute(
        "UPDATE volunteer_codes SET used_by = NULL WHERE used_by = ?", (telegram_id,)
    )


# --- shifts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftRoster:
    """The rows that change who is on shifts, for a range of starts."""

    given_back: frozenset[tuple[str, str, str]]  # (shift, local start, volunteer): can't come
    taken: dict[tuple[str, str], dict[str, int]]  # (shift, start) → volunteer → assignment id


async def shift_roster(
    store: Database, org_id: str, first_key: str, last_key: str, shift_id: str | None = None
) -> ShiftRoster:
    """Given-back places and active taken places of shifts starting from `first_key` to
    `last_key` (local keys, inclusive), of one shift or all."""
    where = "org_id = ? AND occurrence_start BETWEEN ? AND ?"
    params: list[str] = [org_id, first_key, last_key]
    if shift_id is not None:
        where += " AND shift_id = ?"
        params.append(shift_id)
    given_back = frozenset(
        (row["shift_id"], row["occurrence_start"], row["volunteer_id"])
        for row in await store.fetch_all(
            f"SELECT shift_id, occurrence_start, volunteer_id FROM shift_cancellations"
            f" WHERE {where}",
            params,
        )
    )
    taken: dict[tuple[str, str], dict[str, int]] = {}
    for row in await store.fetch_all(
        f"SELECT id, shift_id, occurrence_start, volunteer_id FROM shift_assignments"
        f" WHERE {where} AND cancelled_at IS NULL ORDER BY id",
        params,
    ):
        taken.setdefault((row["shift_id"], row["occurrence_start"]), {})[row["volunteer_id"]] = (
            int(row["id"])
        )
    return ShiftRoster(given_back, taken)


async def add_assignment(
    store: Database,
    org_id: str,
    shift_id: str,
    start_key: str,
    volunteer_id: str,
    *,
    now: datetime,
) -> int:
    """Record that a volunteer took a place in a shift; the assignment's id."""
    assignment = await store.fetch_value(
        "INSERT INTO shift_assignments (org_id, shift_id, occurrence_start, volunteer_id,"
        " taken_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        (org_id, shift_id, start_key, volunteer_id, utc_now_iso(now)),
    )
    return int(assignment)


async def record_give_back(
    store: Database,
    org_id: str,
    shift_id: str,
    start_key: str,
    volunteer_id: str,
    *,
    reason: str | None,
    now: datetime,
) -> None:
    """Record "I can't come": a place they took ends, and the reason is kept for staff."""
    stamp = utc_now_iso(now)
    await store.execute(
        "UPDATE shift_assignments SET cancelled_at = ? WHERE org_id = ? AND shift_id = ?"
        " AND occurrence_start = ? AND volunteer_id = ? AND cancelled_at IS NULL",
        (stamp, org_id, shift_id, start_key, volunteer_id),
    )
    # Recorded for taken places too, so the database shows the reason staff were given.
    await store.execute(
        "INSERT INTO shift_cancellations (org_id, shift_id, occurrence_start, volunteer_id,"
        " reason, created_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (org_id, shift_id, occurrence_start, volunteer_id)"
        " DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at",
        (org_id, shift_id, start_key, volunteer_id, reason, stamp),
    )


# --- becoming a volunteer ----------------------------------------------------------------------


async def record_volunteer_interest(
    store: Database,
    org_id: str,
    telegram_id: int,
    *,
    message: str,
    centre_id: str | None,
    language: str,
    now: datetime,
    name: str | None = None,
) -> int:
    """Put "I want to become a volunteer" in the staff inbox; returns the request id."""
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        # help_requests points at residents: the person is created on first contact.
        await store.execute(
            "INSERT INTO residents (user_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO NOTHING",
            (telegram_id, name or None, stamp, stamp),
        )
        request_id = await store.fetch_value(
            "INSERT INTO help_requests (org_id, resident_id, centre_id, kind, message, language,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (org_id, telegram_id, centre_id, INTEREST_KIND, message, language, stamp),
        )
    return int(request_id)
