"""The reminder planner on the Oostende data: when, for whom, idempotence, changes, summer time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import resolve_data
from rules.reminders import plan_reminders
from rules.signups import signup_rules
from storage import outbox
from storage.db import Database, Store, utc_now_iso
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation, ReminderPolicy
from storage.records import (
    OccurrenceChange,
    Signup,
    SignupStatus,
    ensure_resident,
    get_signup,
    insert_signup,
    list_occurrence_changes,
)
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=BRUSSELS)  # Monday
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)  # Tuesday, lunch at Centrum
ANNA, BERT = 4242, 4343


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment on Brussels' wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


class FakeRenderer:
    """Writes what it was asked to render, so tests can read it back from the outbox."""

    async def reminder(
        self, signup: Signup, occurrence: Occurrence, due: datetime
    ) -> tuple[dict[str, Any], str]:
        return {"text": f"reminder {signup.id} {occurrence.start:%H:%M}", "buttons": []}, "nl"

    async def change(
        self, change: OccurrenceChange, signup: Signup, now: datetime
    ) -> tuple[dict[str, Any], str]:
        return {"text": f"{change.change} {signup.id}", "buttons": []}, "fr"


World = tuple[Store, Organisation, Calendar]


@pytest.fixture
async def world(store: Store) -> World:
    report = await import_file(store, resolve_data("oostende"), now=NOW - timedelta(days=7))
    org = await load_organisation_from_store(store, report.org_id)
    for user_id in (ANNA, BERT):
        await ensure_resident(store, user_id, now=NOW - timedelta(days=7))
    return store, org, Calendar(org)


async def book(
    store: Store, resident: int, start: datetime = LUNCH, now: datetime = NOW
) -> Signup:
    return await insert_signup(
        store,
        org_id="oostende",
        activity_id="lunch-centrum",
        centre_id="centrum",
        start=start,
        now=now,
        resident_id=resident,
    )


async def plan(world: World, now: datetime = NOW, **extra: Any) -> Any:
    store, org, calendar = world
    return await plan_reminders(
        repositories(store), org, calendar, now, render=FakeRenderer(), **extra
    )


async def pending(store: Store) -> list[tuple[str, datetime]]:
    return [(m.kind, m.due_at) for m in await outbox.messages_by_status(store, "pending")]


async def prefer(store: Store, resident: int, wanted: str) -> None:
    await store.execute("UPDATE residents SET reminders = ? WHERE user_id = ?", (wanted, resident))


async def test_lunch_reminders_are_queued_the_day_before_at_five_and_two_hours_before(
    world: World,
) -> None:
    store = world[0]
    signup = await book(store, ANNA)
    report = await plan(world)
    assert report.queued == 2
    assert await pending(store) == [
        ("reminder_day_before", at(2026, 11, 23, 17, 0).astimezone(UTC)),
        ("reminder_same_day", at(2026, 11, 24, 10, 0).astimezone(UTC)),
    ]
    [first, _second] = await outbox.messages_by_status(store, "pending")
    assert first.dedupe_key == f"reminder:{signup.id}:day_before:2026-11-24T12:00"
    assert first.ref == f"signup:{signup.id}" and first.chat_id == ANNA
    assert first.payload[outbox.STARTS_AT] == utc_now_iso(LUNCH)


async def test_running_the_planner_again_queues_nothing_twice(world: World) -> None:
    store = world[0]
    await book(store, ANNA)
    await plan(world)
    again = await plan(world, NOW + timedelta(minutes=15))
    assert again.queued == 0 and again.withdrawn == 0
    assert len(await pending(store)) == 2


async def test_each_resident_gets_only_the_reminders_they_chose(world: World) -> None:
    store = world[0]
    await book(store, ANNA)
    await book(store, BERT)
    await prefer(store, ANNA, "day_before")
    await prefer(store, BERT, "none")
    await plan(world)
    assert [(m.chat_id, m.kind) for m in await outbox.messages_by_status(store, "pending")] == [
        (ANNA, "reminder_day_before")
    ]


async def test_changing_the_preference_withdraws_and_brings_back_reminders(world: World) -> None:
    store = world[0]
    await book(store, ANNA)
    await plan(world)
    await prefer(store, ANNA, "same_day")
    assert (await plan(world, resident_id=ANNA)).withdrawn == 1
    assert [kind for kind, _ in await pending(store)] == ["reminder_same_day"]
    await prefer(store, ANNA, "both")
    assert (await plan(world, resident_id=ANNA)).queued == 1
    assert [kind for kind, _ in await pending(store)] == [
        "reminder_day_before",
        "reminder_same_day",
    ]


async def test_early_activity_reminder_moves_out_of_quiet_hours_to_the_evening_before(
    world: World,
) -> None:
    store, org, calendar = world
    late_mornings = replace(org, reminders=ReminderPolicy(quiet_until=time(10, 30)))
    await book(store, ANNA)
    await prefer(store, ANNA, "same_day")
    await plan_reminders(repositories(store), late_mornings, calendar, NOW, render=FakeRenderer())
    # 10:00 is quiet until 10:30: the reminder goes the evening before, an hour before 21:00.
    assert await pending(store) == [("reminder_same_day", at(2026, 11, 23, 20, 0).astimezone(UTC))]


async def test_resident_who_signs_up_after_five_gets_no_late_day_before_reminder(
    world: World,
) -> None:
    store = world[0]
    evening = at(2026, 11, 23, 18, 30)
    await book(store, ANNA, now=evening)
    await plan(world, evening)
    assert [kind for kind, _ in await pending(store)] == ["reminder_same_day"]


async def test_reminders_planned_before_a_downtime_stay_due_for_the_dispatcher(
    world: World,
) -> None:
    store = world[0]
    await book(store, ANNA)
    await plan(world)
    # The bot was down from 16:00 to 18:00 the day before; the planner runs again at 18:00.
    report = await plan(world, at(2026, 11, 23, 18, 0))
    assert report.withdrawn == 0
    due = await outbox.claim_due(store, at(2026, 11, 23, 18, 0))
    assert [m.kind for m in due] == ["reminder_day_before"]


async def test_cancelled_sign_up_loses_its_reminders_and_they_do_not_come_back(
    world: World,
) -> None:
    store, org, calendar = world
    signup = await book(store, ANNA)
    await plan(world)
    await signup_rules(store).cancel(org, calendar, signup.id, now=NOW, resident_id=ANNA)
    assert await pending(store) == []
    assert (await plan(world)).queued == 0
    assert len(await outbox.messages_by_status(store, "cancelled")) == 2


async def test_resident_who_blocked_the_bot_gets_no_new_reminders(world: World) -> None:
    store = world[0]
    await book(store, ANNA)
    await outbox.mark_unreachable(store, ANNA, NOW)
    assert (await plan(world)).queued == 0


async def record_change(
    store: Store, change: str, new_start: str | None = None, reason: str | None = None
) -> None:
    await store.execute(
        "INSERT INTO occurrence_changes (org_id, activity_id, centre_id, occurrence_start,"
        " change, new_start, reason, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "oostende",
            "lunch-centrum",
            "centrum",
            "2026-11-24T12:00",
            change,
            new_start,
            reason,
            utc_now_iso(NOW),
        ),
    )


async def test_moved_lunch_moves_the_sign_up_its_reminders_and_sends_a_notice(
    world: World,
) -> None:
    store = world[0]
    signup = await book(store, ANNA)
    await plan(world)
    await record_change(store, "moved", "2026-11-25T12:00")
    later = NOW + timedelta(minutes=5)
    report = await plan(world, later)
    assert report.changes == 1 and report.notices == 1
    moved = await get_signup(store, signup.id)
    assert moved is not None and moved.occurrence_start == "2026-11-25T12:00"
    queued = await outbox.messages_by_status(store, "pending")
    assert [(m.kind, m.due_at, m.language) for m in queued] == [
        ("change", later.astimezone(UTC), "fr"),
        ("reminder_day_before", at(2026, 11, 24, 17, 0).astimezone(UTC), "nl"),
        ("reminder_same_day", at(2026, 11, 25, 10, 0).astimezone(UTC), "nl"),
    ]
    assert len(await outbox.messages_by_status(store, "cancelled")) == 2  # the old reminders
    [change] = await list_occurrence_changes(store, "oostende")
    assert change.notified_at == later.astimezone(UTC)
    assert (await plan(world, later)).notices == 0  # notified once


async def test_resident_already_at_the_new_time_keeps_that_place_when_their_lunch_moves(
    world: World,
) -> None:
    """Anna signed up for Tuesday's and Wednesday's lunch; Tuesday's moves to Wednesday: she
    keeps one place, is told once, and the other residents' move goes on (on both backends: a
    refused write must not undo the rest of the change)."""
    store = world[0]
    tuesday = await book(store, ANNA)
    wednesday = await book(store, ANNA, start=at(2026, 11, 25, 12, 0))
    bert = await book(store, BERT)
    await record_change(store, "moved", "2026-11-25T12:00")
    report = await plan(world, NOW + timedelta(minutes=5))
    assert report.changes == 1 and report.notices == 2
    kept = await get_signup(store, wednesday.id)
    old = await get_signup(store, tuesday.id)
    moved = await get_signup(store, bert.id)
    assert kept is not None and kept.status is SignupStatus.CONFIRMED
    assert old is not None and old.status is SignupStatus.CANCELLED
    assert moved is not None and moved.occurrence_start == "2026-11-25T12:00"
    notices = [m for m in await outbox.messages_by_status(store, "pending") if m.kind == "change"]
    assert sorted(m.chat_id for m in notices) == [ANNA, BERT]
    [change] = await list_occurrence_changes(store, "oostende")
    assert change.notified_at is not None


async def test_removed_lunch_cancels_the_sign_up_and_tells_each_resident(world: World) -> None:
    store = world[0]
    first = await book(store, ANNA)
    second = await book(store, BERT)
    await plan(world)
    await record_change(store, "removed")
    report = await plan(world)
    assert report.notices == 2
    for signup in (first, second):
        gone = await get_signup(store, signup.id)
        assert gone is not None and gone.status is SignupStatus.CANCELLED
    queued = await outbox.messages_by_status(store, "pending")
    assert sorted((m.chat_id, m.kind) for m in queued) == [
        (ANNA, "cancellation"),
        (BERT, "cancellation"),
    ]


async def test_change_found_during_quiet_hours_is_told_in_the_morning(world: World) -> None:
    store = world[0]
    await book(store, ANNA)
    await record_change(store, "removed")
    night = at(2026, 11, 16, 23, 30)
    await plan(world, night)
    [notice] = await outbox.messages_by_status(store, "pending")
    assert notice.due_at == at(2026, 11, 17, 8, 0).astimezone(UTC)


def all_year_lunch(org: Organisation) -> Organisation:
    """The Centrum lunch running on until the end of 2027 (the demo data stops in June)."""
    lunch = org.activity("lunch-centrum")
    assert lunch is not None
    sessions = tuple(
        replace(s, schedule=replace(s.schedule, until=date(2027, 12, 31))) for s in lunch.sessions
    )
    activities = tuple(
        replace(a, sessions=sessions) if a.id == lunch.id else a for a in org.activities
    )
    return replace(org, activities=activities)


@pytest.mark.parametrize(
    ("planned_at", "lunch", "day_before", "same_day", "utc_offset_hours"),
    [
        # Summer time starts on Sunday 28 March 2027 (Monday 29 is Easter Monday, no lunch):
        # planned in winter time, the reminders are still at 17:00 and 10:00 summer time.
        (at(2027, 3, 26, 9), at(2027, 3, 30, 12), at(2027, 3, 29, 17), at(2027, 3, 30, 10), 2),
        # Summer time ends on Sunday 31 October 2027: 17:00 and 10:00 are CET afterwards.
        (at(2027, 10, 29, 9), at(2027, 11, 2, 12), at(2027, 11, 1, 17), at(2027, 11, 2, 10), 1),
    ],
)
async def test_reminders_keep_local_wall_clock_times_across_summer_time_switches(
    world: World,
    planned_at: datetime,
    lunch: datetime,
    day_before: datetime,
    same_day: datetime,
    utc_offset_hours: int,
) -> None:
    store, org, _calendar = world
    org = all_year_lunch(org)
    await book(store, ANNA, start=lunch, now=planned_at)
    await plan_reminders(
        repositories(store), org, Calendar(org), planned_at, render=FakeRenderer()
    )
    [first, second] = await outbox.messages_by_status(store, "pending")
    assert first.due_at == day_before and second.due_at == same_day
    local = first.due_at.astimezone(BRUSSELS)
    assert local.hour == 17 and local.utcoffset() == timedelta(hours=utc_offset_hours)
    assert second.due_at.astimezone(BRUSSELS).hour == 10
