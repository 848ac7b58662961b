"""Volunteers in the store: one-time link codes, linked accounts, shifts taken and given back.

Who is on a shift on one date is worked out, never stored as one number: the volunteers the data
file assigns, minus those who said "I can't come" (shift_cancellations), plus those who took a
place (active shift_assignments). Taking a place checks and writes in one BEGIN IMMEDIATE
transaction, so two volunteers tapping at the same moment never overfill a shift.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from storage.db import Database, utc_now_iso
from storage.model import Organisation, Shift
from storage.records import local_start
from storage.schedule import SHIFT, Calendar, Occurrence

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


class Taken(StrEnum):
    """What happened when a volunteer tried to take a place in an open shift."""

    TAKEN = "taken"
    FULL = "full"  # the last place went to someone else first
    ALREADY_ON = "already_on"
    NOT_YOUR_CENTRE = "not_your_centre"
    GONE = "gone"  # no such shift on that date, or it has started


class GivenBack(StrEnum):
    """What happened when a volunteer said they cannot come."""

    CANCELLED = "cancelled"
    NOT_ON_IT = "not_on_it"
    GONE = "gone"


@dataclass(frozen=True)
class Redemption:
    """The outcome of sending a code, with the volunteer it linked to."""

    outcome: Redeemed
    volunteer_id: str | None = None


@dataclass(frozen=True)
class ShiftSlot:
    """One shift on one date and the volunteers on it (ids only: never shown to volunteers)."""

    shift: Shift
    occurrence: Occurrence
    people: frozenset[str]
    assignment_ids: dict[str, int] = field(default_factory=dict, hash=False, compare=False)

    @property
    def start_key(self) -> str:
        """The local start as the store keys it."""
        return local_start(self.occurrence.start)

    @property
    def still_needed(self) -> int:
        """How many more volunteers the shift needs on this date."""
        return max(0, self.shift.needed - len(self.people))


@dataclass(frozen=True)
class TakeResult:
    """The outcome of taking a place, with the slot as it is afterwards."""

    outcome: Taken
    slot: ShiftSlot | None = None


@dataclass(frozen=True)
class GiveBackResult:
    """The outcome of "I can't come", with the slot as it is afterwards."""

    outcome: GivenBack
    slot: ShiftSlot | None = None


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
    """Unlink a Telegram account; its pending shift reminders are withdrawn. False if unlinked."""
    async with store.transaction(immediate=True):
        removed = await store.execute_count(
            "DELETE FROM volunteer_links WHERE org_id = ? AND telegram_id = ?",
            (org_id, telegram_id),
        )
        await store.execute(
            "UPDATE outbox SET status = 'cancelled' WHERE chat_id = ? AND org_id = ?"
            " AND kind = ? AND status = 'pending'",
            (telegram_id, org_id, REMINDER_KIND),
        )
    return removed > 0


# --- shifts ------------------------------------------------------------------------------------


def volunteer_centres(org: Organisation, volunteer_id: str) -> frozenset[str] | None:
    """The centres where the data file gives a volunteer shifts; None means every centre."""
    centres = frozenset(s.centre for s in org.shifts if volunteer_id in s.volunteers)
    return centres or None


def reminder_ref(volunteer_id: str, shift_id: str, start_key: str) -> str:
    """The outbox `ref` of a volunteer's reminder for one shift on one date."""
    return f"shift:{shift_id}@{start_key}#{volunteer_id}"


async def _people(
    store: Database, org: Organisation, first_key: str, last_key: str, shift_id: str | None = None
) -> tuple[set[tuple[str, str, str]], dict[tuple[str, str], dict[str, int]]]:
    """Cancellations (shift, start, volunteer) and active assignments in a range of starts."""
    where = "org_id = ? AND occurrence_start BETWEEN ? AND ?"
    params: list[str] = [org.id, first_key, last_key]
    if shift_id is not None:
        where += " AND shift_id = ?"
        params.append(shift_id)
    cancelled = {
        (row["shift_id"], row["occurrence_start"], row["volunteer_id"])
        for row in await store.fetch_all(
            f"SELECT shift_id, occurrence_start, volunteer_id FROM shift_cancellations"
            f" WHERE {where}",
            params,
        )
    }
    taken: dict[tuple[str, str], dict[str, int]] = {}
    for row in await store.fetch_all(
        f"SELECT id, shift_id, occurrence_start, volunteer_id FROM shift_assignments"
        f" WHERE {where} AND cancelled_at IS NULL ORDER BY id",
        params,
    ):
        taken.setdefault((row["shift_id"], row["occurrence_start"]), {})[row["volunteer_id"]] = (
            row["id"]
        )
    return cancelled, taken


async def shift_slots(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    first: date,
    last: date,
    *,
    shift_id: str | None = None,
) -> list[ShiftSlot]:
    """Every shift occurrence from `first` to `last` (inclusive) with who is on it."""
    occurrences = calendar.occurrences(first, last, kind=SHIFT, item_id=shift_id)
    if not occurrences:
        return []
    cancelled, taken = await _people(
        store,
        org,
        local_start(occurrences[0].start),
        local_start(occurrences[-1].start),
        shift_id,
    )
    slots: list[ShiftSlot] = []
    for occurrence in occurrences:
        shift = org.shift(occurrence.item_id)
        if shift is None:
            continue
        key = local_start(occurrence.start)
        assigned = {v for v in shift.volunteers if (shift.id, key, v) not in cancelled}
        by_assignment = taken.get((shift.id, key), {})
        slots.append(
            ShiftSlot(shift, occurrence, frozenset(assigned | set(by_assignment)), by_assignment)
        )
    return slots


async def shift_slot(
    store: Database, org: Organisation, calendar: Calendar, shift_id: str, start: datetime
) -> ShiftSlot | None:
    """The shift `shift_id` on the date and time `start`, or None if it does not take place."""
    shift = org.shift(shift_id)
    if shift is None:
        return None
    local = start.astimezone(calendar.tz)
    for slot in await shift_slots(
        store, org, calendar, local.date(), local.date(), shift_id=shift_id
    ):
        if slot.occurrence.start == local:
            return slot
    return None


async def my_shifts(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    volunteer_id: str,
    first: date,
    last: date,
) -> list[ShiftSlot]:
    """A volunteer's own shifts from `first` to `last`, without those they gave back."""
    slots = await shift_slots(store, org, calendar, first, last)
    return [slot for slot in slots if volunteer_id in slot.people]


async def open_shifts(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    first: date,
    last: date,
    *,
    centres: frozenset[str] | None,
    volunteer_id: str | None = None,
) -> list[ShiftSlot]:
    """Shifts that still need people at `centres` (None: everywhere), not already theirs."""
    slots = await shift_slots(store, org, calendar, first, last)
    return [
        slot
        for slot in slots
        if slot.still_needed > 0
        and (centres is None or slot.shift.centre in centres)
        and volunteer_id not in slot.people
    ]


async def take_shift(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    volunteer_id: str,
    shift_id: str,
    start: datetime,
    *,
    now: datetime,
) -> TakeResult:
    """Take a place in an open shift, if it is at one of the volunteer's centres and not full."""
    shift = org.shift(shift_id)
    if shift is None or org.volunteer(volunteer_id) is None:
        return TakeResult(Taken.GONE)
    centres = volunteer_centres(org, volunteer_id)
    if centres is not None and shift.centre not in centres:
        return TakeResult(Taken.NOT_YOUR_CENTRE)
    async with store.transaction(immediate=True):
        slot = await shift_slot(store, org, calendar, shift_id, start)
        if slot is None or slot.occurrence.start <= now:
            return TakeResult(Taken.GONE)
        if volunteer_id in slot.people:
            return TakeResult(Taken.ALREADY_ON, slot)
        if slot.still_needed <= 0:
            return TakeResult(Taken.FULL, slot)
        assignment = await store.fetch_value(
            "INSERT INTO shift_assignments (org_id, shift_id, occurrence_start, volunteer_id,"
            " taken_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            (org.id, shift_id, slot.start_key, volunteer_id, utc_now_iso(now)),
        )
    store.changes.reminders_changed(None)  # a shift reminder to plan
    after = ShiftSlot(
        shift,
        slot.occurrence,
        slot.people | {volunteer_id},
        {**slot.assignment_ids, volunteer_id: int(assignment)},
    )
    return TakeResult(Taken.TAKEN, after)


async def give_back_shift(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    volunteer_id: str,
    shift_id: str,
    start: datetime,
    *,
    reason: str | None,
    now: datetime,
) -> GiveBackResult:
    """Record "I can't come" for one of the volunteer's shifts; the place opens again."""
    stamp = utc_now_iso(now)
    async with store.transaction(immediate=True):
        slot = await shift_slot(store, org, calendar, shift_id, start)
        if slot is None or slot.occurrence.start <= now:
            return GiveBackResult(GivenBack.GONE)
        if volunteer_id not in slot.people:
            return GiveBackResult(GivenBack.NOT_ON_IT, slot)
        await store.execute(
            "UPDATE shift_assignments SET cancelled_at = ? WHERE org_id = ? AND shift_id = ?"
            " AND occurrence_start = ? AND volunteer_id = ? AND cancelled_at IS NULL",
            (stamp, org.id, shift_id, slot.start_key, volunteer_id),
        )
        # Recorded for taken places too, so the database shows the reason staff were given.
        await store.execute(
            "INSERT INTO shift_cancellations (org_id, shift_id, occurrence_start, volunteer_id,"
            " reason, created_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (org_id, shift_id, occurrence_start, volunteer_id)"
            " DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at",
            (org.id, shift_id, slot.start_key, volunteer_id, reason, stamp),
        )
        await store.execute(
            "UPDATE outbox SET status = 'cancelled' WHERE ref = ? AND status = 'pending'",
            (reminder_ref(volunteer_id, shift_id, slot.start_key),),
        )
    store.changes.reminders_changed(None)
    assignments = {k: v for k, v in slot.assignment_ids.items() if k != volunteer_id}
    after = ShiftSlot(slot.shift, slot.occurrence, slot.people - {volunteer_id}, assignments)
    return GiveBackResult(GivenBack.CANCELLED, after)


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
