"""Shift reminders: the day before each shift of each linked volunteer, queued in the outbox.

The planner is idempotent (one dedupe key per volunteer, shift and start), so the dispatcher may
call it as often as it likes. The message text comes from a `render` callable the caller passes
in, which keeps the conversations (and their translations) out of the storage layer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database, utc_now_iso
from storage.model import Organisation, Shift
from storage.outbox import READ_BY, STARTS_AT, enqueue
from storage.reminder_policy import DAY_BEFORE, reminder_times
from storage.reminders import end_of_day
from storage.schedule import Calendar, Occurrence
from storage.volunteers import REMINDER_KIND, reminder_ref, shift_slots, volunteer_links

ShiftReminderRender = Callable[[Organisation, Calendar, str, Shift, Occurrence], dict[str, Any]]
"""(org, calendar, language, shift, occurrence) → the outbox payload of the reminder."""


def reminder_key(org_id: str, volunteer_id: str, shift_id: str, start_key: str) -> str:
    """The outbox dedupe key of one reminder."""
    return f"shift-reminder:{org_id}:{volunteer_id}:{shift_id}:{start_key}"


async def plan_shift_reminders(
    store: Database,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    horizon_days: int = 14,
    *,
    render: ShiftReminderRender,
) -> int:
    """Queue the day-before reminders of the coming shifts; returns how many were new."""
    links = await volunteer_links(store, org.id)
    if not links:
        return 0
    chosen = {
        row["user_id"]: row["language"]
        for row in await store.fetch_all(
            "SELECT user_id, language FROM residents WHERE language IS NOT NULL"
            f" AND user_id IN ({', '.join('?' for _ in links)})",
            [telegram_id for telegram_id, _ in links],
        )
    }
    local_now = now.astimezone(calendar.tz)
    slots = await shift_slots(
        store, org, calendar, local_now.date(), local_now.date() + timedelta(days=horizon_days)
    )
    queued = 0
    for telegram_id, volunteer_id in links:
        volunteer = org.volunteer(volunteer_id)
        if volunteer is None:
            continue
        language = chosen.get(telegram_id) or volunteer.language or org.default_language
        for slot in slots:
            if volunteer_id not in slot.people or slot.occurrence.start <= now:
                continue
            due = reminder_times(slot.occurrence.start, org.reminders, DAY_BEFORE)[DAY_BEFORE]
            if due <= now:
                continue  # taken after the reminder time: they know
            key = reminder_key(org.id, volunteer_id, slot.shift.id, slot.start_key)
            assignment = slot.assignment_ids.get(volunteer_id)
            if assignment is not None:
                # A place taken again after "I can't come" gets a reminder of its own; the
                # withdrawn one keeps its key.
                key += f":a{assignment}"
            new = await enqueue(
                store,
                chat_id=telegram_id,
                kind=REMINDER_KIND,
                payload={
                    **render(org, calendar, language, slot.shift, slot.occurrence),
                    # a reminder still due once the shift has begun is recorded as missed
                    STARTS_AT: utc_now_iso(slot.occurrence.start),
                    # and one that says "tomorrow" is not sent on the day itself
                    READ_BY: utc_now_iso(end_of_day(due, calendar.tz)),
                },
                language=language,
                due_at=due,
                now=now,
                org_id=org.id,
                ref=reminder_ref(volunteer_id, slot.shift.id, slot.start_key),
                dedupe_key=key,
            )
            queued += new is not None
    return queued
