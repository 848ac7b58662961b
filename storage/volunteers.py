"""Volunteers in the store: one-time link codes, linked accounts, and the rows of shifts.

Who is on a shift on one date is worked out by `rules.shifts`, never stored as one number: the
volunteers the data file assigns, minus those who said "I can't come" (shift_cancellations), plus
those who took a place (active shift_assignments). This module only reads and writes those rows
(`shift_roster`, `add_assignment`, `record_give_back`); the rule takes a place inside one
check-then-write step (`Repositories.atomic()`), so two volunteers tapping at the same moment
never overfill a shift.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from storage.db import Database, utc_now_iso

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits nobody confuses on paper or on the phone: no 0/O, 1/I/L."""

CODE_LENGTH = 10
CODE_VALID_FOR = timedelta(days=7)
REMINDER_KIND = "shift_reminder"
INTEREST_KIND = "volunteer"  # help_requests.kind of "I want to become a volunteer"

_CODE_SHAPE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


class Redeemed(StrEnum):
    """What happened to a code someone sent."""

    LINKED = "linked"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


@dataclass(frozen=True)
class Redemption:
    """The outcome of sending a code, with the volunteer it linked to."""

    outcome: Redeemed
    volunteer_id: str | None = None


# --- codes and links ----------------------------------------------------------------------------


def new_code() -> str:
    """A fresh random code: 10 characters, about 50 bits, safe in a Telegram deep link."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """The code in `text` as stored (upper case), or None when it cannot be a code."""
    candidate = text.strip().upper()
    return candidate if _CODE_SHAPE.match(candidate) else None


def _code_hash(code: str) -> str:
    # Only the hash is stored: a copy of the database does not hand out working codes.
    return hashlib.sha256(code.encode("ascii")).hexdigest()


async def create_code(store: Database, org_id: str, volunteer_id: str, *, now: datetime) -> str:
    """A new one-time code for a volunteer; earlier unused codes of theirs stop working."""
    exists = await store.fetch_value(
        "SELECT 1 FROM volunteers WHERE org_id = ? AND id = ? AND removed_at IS NULL",
        (org_id, volunteer_id),
    )
    if not exists:
        raise LookupError(f"no volunteer {volunteer_id!r} in {org_id!r}")
    code = new_code()
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        await store.execute(
            "UPDATE volunteer_codes SET expires_at = ? WHERE org_id = ? AND volunteer_id = ?"
            " AND used_at IS NULL AND expires_at > ?",
            (stamp, org_id, volunteer_id, stamp),
        )
        await store.execute(
            "INSERT INTO volunteer_codes (code, org_id, volunteer_id, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (_code_hash(code), org_id, volunteer_id, stamp, utc_now_iso(now + CODE_VALID_FOR)),
        )
    return code


async def redeem_code(
    store: Database, org_id: str, code: str, telegram_id: int, *, now: datetime
) -> Redemption:
    """Link a Telegram account with a code; an unknown, expired or used code links nothing."""
    normal = normalise_code(code)
    if normal is None:
        return Redemption(Redeemed.UNKNOWN)
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        row = await store.fetch_one(
            "SELECT c.volunteer_id, c.expires_at, c.used_at, v.removed_at"
            " FROM volunteer_codes c JOIN volunteers v"
            " ON v.org_id = c.org_id AND v.id = c.volunteer_id"
            " WHERE c.code = ? AND c.org_id = ?",
            (_code_hash(normal), org_id),
        )
        if row is None or row["removed_at"] is not None:
            return Redemption(Redeemed.UNKNOWN)
        if row["used_at"] is not None:
            return Redemption(Redeemed.USED)
        if datetime.fromisoformat(row["expires_at"]) <= now:
            return Redemption(Redeemed.EXPIRED)
        volunteer_id = row["volunteer_id"]
        await store.execute(
            "UPDATE volunteer_codes SET used_at = ?, used_by = ? WHERE code = ?",
            (stamp, telegram_id, _code_hash(normal)),
        )
        # The code is staff's word: it moves the record to this account, and this account
        # away from any other volunteer record.
        await store.execute(
            "DELETE FROM volunteer_links"
            " WHERE org_id = ? AND (telegram_id = ? OR volunteer_id = ?)",
            (org_id, telegram_id, volunteer_id),
        )
        await store.execute(
            "INSERT INTO volunteer_links (telegram_id, org_id, volunteer_id, linked_at)"
            " VALUES (?, ?, ?, ?)",
            (telegram_id, org_id, volunteer_id, stamp),
        )
    store.changes.reminders_changed(telegram_id)  # their shifts now have reminders
    return Redemption(Redeemed.LINKED, volunteer_id)


async def linked_volunteer(store: Database, org_id: str, telegram_id: int) -> str | None:
    """The id of the volunteer this Telegram account is linked to, or None."""
    return await store.fetch_value(
        "SELECT l.volunteer_id FROM volunteer_links l JOIN volunteers v"
        " ON v.org_id = l.org_id AND v.id = l.volunteer_id"
        " WHERE l.telegram_id = ? AND l.org_id = ? AND v.removed_at IS NULL",
        (telegram_id, org_id),
    )


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
