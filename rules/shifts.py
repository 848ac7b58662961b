"""The rules of volunteers' shifts: who is on one, taking a place, giving one back, unlinking.

Who is on a shift on one date is worked out here, never stored as one number: the volunteers
the data file assigns, minus those who said "I can't come", plus those who took a place
(`storage.volunteers.ShiftRoster`). The limits:
- one place per volunteer in a shift on a date (taking it twice says so);
- never more volunteers than the shift needs: the check and the write are one step
  (`Repositories.atomic()`), so two volunteers tapping the last place at once, in one process or
  two, never overfill it;
- a volunteer assigned to some centres takes places only there (one with no assigned shifts
  may help anywhere);
- a shift that does not take place, or has begun, is neither taken nor given back.
Giving a place back reopens it and withdraws its reminder; unlinking an account withdraws the
account's pending shift reminders (as `UNLINKED`, so they are queued again for whichever
account links that volunteer next: `rules.reminders.plan_shift_reminders`). Everything goes
through the repositories, so the rules are the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from storage.model import Organisation, Shift
from storage.records import local_start
from storage.repositories import Repositories
from storage.schedule import SHIFT, Calendar, Occurrence
from storage.volunteers import REMINDER_KIND

UNLINKED = "unlinked"
"""Why a shift reminder was withdrawn when its volunteer's link ended (the outbox row says so)."""


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


def volunteer_centres(org: Organisation, volunteer_id: str) -> frozenset[str] | None:
    """The centres where the data file gives a volunteer shifts; None means every centre."""
    centres = frozenset(s.centre for s in org.shifts if volunteer_id in s.volunteers)
    return centres or None


def reminder_ref(volunteer_id: str, shift_id: str, start_key: str) -> str:
    """The outbox `ref` of a volunteer's reminder for one shift on one date."""
    return f"shift:{shift_id}@{start_key}#{volunteer_id}"


# --- who is on a shift -------------------------------------------------------------------------


async def shift_slots(
    repos: Repositories,
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
    roster = await repos.volunteers.shift_roster(
        org.id,
        local_start(occurrences[0].start),
        local_start(occurrences[-1].start),
        shift_id=shift_id,
    )
    slots: list[ShiftSlot] = []
    for occurrence in occurrences:
        shift = org.shift(occurrence.item_id)
        if shift is None:
            continue
        key = local_start(occurrence.start)
        assigned = {v for v in shift.volunteers if (shift.id, key, v) not in roster.given_back}
        by_assignment = roster.taken.get((shift.id, key), {})
        slots.append(
            ShiftSlot(shift, occurrence, frozenset(assigned | set(by_assignment)), by_assignment)
        )
    return slots


async def shift_slot(
    repos: Repositories, org: Organisation, calendar: Calendar, shift_id: str, start: datetime
) -> ShiftSlot | None:
    """The shift `shift_id` on the date and time `start`, or None if it does not take place."""
    if org.shift(shift_id) is None:
        return None
    local = start.astimezone(calendar.tz)
    for slot in await shift_slots(
        repos, org, calendar, local.date(), local.date(), shift_id=shift_id
    ):
        if slot.occurrence.start == local:
            return slot
    return None


async def my_shifts(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    volunteer_id: str,
    first: date,
    last: date,
) -> list[ShiftSlot]:
    """A volunteer's own shifts from `first` to `last`, without those they gave back."""
    slots = await shift_slots(repos, org, calendar, first, last)
    return [slot for slot in slots if volunteer_id in slot.people]


async def open_shifts(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    first: date,
    last: date,
    *,
    centres: frozenset[str] | None,
    volunteer_id: str | None = None,
) -> list[ShiftSlot]:
    """Shifts that still need people at `centres` (None: everywhere), not already theirs."""
    slots = await shift_slots(repos, org, calendar, first, last)
    return [
        slot
        for slot in slots
        if slot.still_needed > 0
        and (centres is None or slot.shift.centre in centres)
        and volunteer_id not in slot.people
    ]


# --- taking and giving back --------------------------------------------------------------------


def take_refusal(slot: ShiftSlot | None, volunteer_id: str, now: datetime) -> Taken | None:
    """Why a volunteer cannot take a place in `slot` now, or None when they can."""
    if slot is None or slot.occurrence.start <= now:
        return Taken.GONE
    if volunteer_id in slot.people:
        return Taken.ALREADY_ON
    if slot.still_needed <= 0:
        return Taken.FULL
    return None


def give_back_refusal(
    slot: ShiftSlot | None, volunteer_id: str, now: datetime
) -> GivenBack | None:
    """Why a volunteer cannot give back their place in `slot` now, or None when they can."""
    if slot is None or slot.occurrence.start <= now:
        return GivenBack.GONE
    if volunteer_id not in slot.people:
        return GivenBack.NOT_ON_IT
    return None


async def take_shift(
    repos: Repositories,
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
    async with repos.atomic():
        slot = await shift_slot(repos, org, calendar, shift_id, start)
        refusal = take_refusal(slot, volunteer_id, now)
        if refusal is Taken.GONE or slot is None:
            return TakeResult(Taken.GONE)
        if refusal is not None:
            return TakeResult(refusal, slot)
        assignment = await repos.volunteers.add_assignment(
            org.id, shift_id, slot.start_key, volunteer_id, now=now
        )
    repos.changes.reminders_changed(None)  # a shift reminder to plan
    after = ShiftSlot(
        shift,
        slot.occurrence,
        slot.people | {volunteer_id},
        {**slot.assignment_ids, volunteer_id: assignment},
    )
    return TakeResult(Taken.TAKEN, after)


async def give_back_shift(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    volunteer_id: str,
    shift_id: str,
    start: datetime,
    *,
    reason: str | None,
    now: datetime,
) -> GiveBackResult:
    """Record "I can't come" for one of the volunteer's shifts; the place opens again and its
    reminder is withdrawn."""
    async with repos.atomic():
        slot = await shift_slot(repos, org, calendar, shift_id, start)
        refusal = give_back_refusal(slot, volunteer_id, now)
        if refusal is GivenBack.GONE or slot is None:
            return GiveBackResult(GivenBack.GONE)
        if refusal is not None:
            return GiveBackResult(refusal, slot)
        await repos.volunteers.record_give_back(
            org.id, shift_id, slot.start_key, volunteer_id, reason=reason, now=now
        )
        await repos.outbox.cancel_pending(ref=reminder_ref(volunteer_id, shift_id, slot.start_key))
    repos.changes.reminders_changed(None)
    assignments = {k: v for k, v in slot.assignment_ids.items() if k != volunteer_id}
    after = ShiftSlot(slot.shift, slot.occurrence, slot.people - {volunteer_id}, assignments)
    return GiveBackResult(GivenBack.CANCELLED, after)


async def unlink(repos: Repositories, org_id: str, telegram_id: int) -> bool:
    """Unlink a Telegram account; its pending shift reminders are withdrawn. False if unlinked."""
    async with repos.atomic():
        removed = await repos.volunteers.unlink(org_id, telegram_id)
        await repos.outbox.cancel_pending_to(
            telegram_id, org_id=org_id, kinds=(REMINDER_KIND,), reason=UNLINKED
        )
    return removed
