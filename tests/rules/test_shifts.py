"""The shift rules on both backends: who is on a shift, taking and giving back places, unlinking,
and the day-before shift reminders."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from data import demo_path
from rules.reminders import plan_shift_reminders
from rules.shifts import (
    GivenBack,
    Taken,
    give_back_shift,
    my_shifts,
    open_shifts,
    shift_slot,
    take_shift,
    unlink,
    volunteer_centres,
)
from rules.volunteers import Redeemed, create_code, redeem_code
from storage.backend import open_database
from storage.db import Database, Store
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation, ReminderPolicy, Shift, Volunteer
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence
from storage.volunteers import linked_volunteer

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)  # a Monday
MARIE_TG, ANNE_TG, PIOTR_TG = 5001, 5002, 5003
FRIDAY_RECEPTION = datetime(2026, 11, 27, 13, 0, tzinfo=BRUSSELS)
WEDNESDAY_RECEPTION = datetime(2026, 11, 25, 9, 0, tzinfo=BRUSSELS)
CHRISTMAS_SERVICE = datetime(2026, 12, 17, 11, 0, tzinfo=BRUSSELS)
STENE_KITCHEN_WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


@pytest.fixture
async def org(store: Store) -> Organisation:
    report = await import_file(store, demo_path("oostende"), now=NOW)
    return await load_organisation_from_store(store, report.org_id)


@pytest.fixture
def calendar(org: Organisation) -> Calendar:
    return Calendar(org)


async def _link(store: Store, org: Organisation, volunteer_id: str, telegram_id: int) -> None:
    repos = repositories(store)
    code = await create_code(repos, org.id, volunteer_id, now=NOW)
    assert (await redeem_code(repos, org.id, code, telegram_id, now=NOW)).outcome is (
        Redeemed.LINKED
    )


def _render(
    org: Organisation,
    calendar: Calendar,
    lang: str,
    shift: Shift,
    occurrence: Occurrence,
    today: bool = False,
) -> dict[str, Any]:
    when = "today" if today else "tomorrow"
    return {"text": f"{lang}:{shift.id}:{occurrence.start:%Y-%m-%dT%H:%M}:{when}"}


async def test_unlinking_withdraws_pending_shift_reminders(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await _link(store, org, "v-marie", MARIE_TG)
    assert await plan_shift_reminders(repositories(store), org, calendar, NOW, render=_render) > 0
    assert await unlink(repositories(store), org.id, MARIE_TG)
    assert await linked_volunteer(store, org.id, MARIE_TG) is None
    pending = await store.fetch_value(
        "SELECT count(*) FROM outbox WHERE chat_id = ? AND status = 'pending'", (MARIE_TG,)
    )
    assert pending == 0
    assert not await unlink(repositories(store), org.id, MARIE_TG)


# --- shifts ------------------------------------------------------------------------------------


async def test_volunteer_sees_their_own_shifts_in_the_window(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    slots = await my_shifts(
        repositories(store), org, calendar, "v-marie", NOW.date(), NOW.date() + timedelta(days=13)
    )
    starts = [s.occurrence.start for s in slots]
    assert starts[:2] == [datetime(2026, 11, 23, 9, 0, tzinfo=BRUSSELS), WEDNESDAY_RECEPTION]
    assert len(slots) == 4  # Mondays and Wednesdays of two weeks
    assert {s.shift.id for s in slots} == {"reception-centrum"}


async def test_open_shifts_say_how_many_people_are_still_needed(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    slots = await open_shifts(
        repositories(store),
        org,
        calendar,
        NOW.date(),
        NOW.date() + timedelta(days=30),
        centres=volunteer_centres(org, "v-marie"),
        volunteer_id="v-marie",
    )
    assert {s.shift.centre for s in slots} == {"centrum"}
    christmas = next(s for s in slots if s.shift.id == "christmas-lunch-service")
    assert christmas.still_needed == 4
    friday = next(s for s in slots if s.occurrence.start == FRIDAY_RECEPTION)
    assert friday.still_needed == 1


async def test_volunteer_without_assigned_shifts_sees_every_centre(org: Organisation) -> None:
    bare = replace(org, shifts=tuple(replace(s, volunteers=()) for s in org.shifts))
    assert volunteer_centres(bare, "v-marie") is None
    assert volunteer_centres(org, "v-anne") == frozenset({"stene"})


async def test_taking_an_open_shift_counts_the_place_and_lists_it_as_mine(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    result = await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "christmas-lunch-service",
        CHRISTMAS_SERVICE,
        now=NOW,
    )
    assert result.outcome is Taken.TAKEN and result.slot is not None
    assert result.slot.still_needed == 3
    again = await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "christmas-lunch-service",
        CHRISTMAS_SERVICE,
        now=NOW,
    )
    assert again.outcome is Taken.ALREADY_ON
    mine = await my_shifts(
        repositories(store),
        org,
        calendar,
        "v-marie",
        CHRISTMAS_SERVICE.date(),
        CHRISTMAS_SERVICE.date(),
    )
    assert [s.shift.id for s in mine] == ["christmas-lunch-service"]


async def test_two_volunteers_tapping_the_last_place_at_once_only_one_gets_it(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    # Without assigned shifts both volunteers may take a shift at any centre.
    bare = replace(org, shifts=tuple(replace(s, volunteers=()) for s in org.shifts))
    results = await asyncio.gather(
        take_shift(
            repositories(store),
            bare,
            calendar,
            "v-marie",
            "reception-centrum-friday",
            FRIDAY_RECEPTION,
            now=NOW,
        ),
        take_shift(
            repositories(store),
            bare,
            calendar,
            "v-piotr",
            "reception-centrum-friday",
            FRIDAY_RECEPTION,
            now=NOW,
        ),
    )
    assert sorted(r.outcome for r in results) == sorted([Taken.TAKEN, Taken.FULL])


async def test_two_processes_taking_the_last_place_at_once_only_one_gets_it(
    store: Store, org: Organisation, calendar: Calendar, db_url: str
) -> None:
    # Both volunteers have no assigned shifts here, so both may take any centre's shift.
    bare = replace(org, shifts=tuple(replace(s, volunteers=()) for s in org.shifts))
    async with await open_database(db_url) as other:
        results = await asyncio.gather(
            take_shift(
                repositories(store),
                bare,
                calendar,
                "v-marie",
                "reception-centrum-friday",
                FRIDAY_RECEPTION,
                now=NOW,
            ),
            take_shift(
                repositories(other),
                bare,
                calendar,
                "v-anne",
                "reception-centrum-friday",
                FRIDAY_RECEPTION,
                now=NOW,
            ),
        )
    assert sorted(r.outcome for r in results) == sorted([Taken.TAKEN, Taken.FULL])
    taken = await store.fetch_value("SELECT count(*) FROM shift_assignments")
    assert taken == 1


async def test_many_volunteers_tapping_at_once_never_overfill_the_christmas_lunch(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    many = [f"v-extra-{i}" for i in range(7)]
    crowd = replace(
        org,
        volunteers=org.volunteers + tuple(Volunteer(v, v) for v in many),
        shifts=tuple(replace(s, volunteers=()) for s in org.shifts),
    )
    await store.execute_many(
        "INSERT INTO volunteers (org_id, id, content_hash, record, updated_at)"
        " VALUES (?, ?, 'x', '{}', '2026-11-01T00:00:00+00:00')",
        [(org.id, v) for v in many],
    )
    results = await asyncio.gather(
        *(
            take_shift(
                repositories(store),
                crowd,
                calendar,
                v,
                "christmas-lunch-service",
                CHRISTMAS_SERVICE,
                now=NOW,
            )
            for v in many
        )
    )
    assert [r.outcome for r in results].count(Taken.TAKEN) == 4
    assert [r.outcome for r in results].count(Taken.FULL) == 3


async def test_second_volunteer_is_told_the_last_place_was_just_taken(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    bare = replace(org, shifts=tuple(replace(s, volunteers=()) for s in org.shifts))
    first = await take_shift(
        repositories(store),
        bare,
        calendar,
        "v-marie",
        "reception-centrum-friday",
        FRIDAY_RECEPTION,
        now=NOW,
    )
    second = await take_shift(
        repositories(store),
        bare,
        calendar,
        "v-anne",
        "reception-centrum-friday",
        FRIDAY_RECEPTION,
        now=NOW,
    )
    assert (first.outcome, second.outcome) == (Taken.TAKEN, Taken.FULL)


async def test_taking_a_shift_of_another_centre_is_refused(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    result = await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "kitchen-stene-open",
        STENE_KITCHEN_WEDNESDAY,
        now=NOW,
    )
    assert result.outcome is Taken.NOT_YOUR_CENTRE
    assert await store.fetch_value("SELECT count(*) FROM shift_assignments") == 0


async def test_a_shift_that_does_not_take_place_or_has_started_cannot_be_taken(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    tuesday = datetime(2026, 11, 24, 13, 0, tzinfo=BRUSSELS)  # the Friday shift, on a Tuesday
    wrong_day = await take_shift(
        repositories(store), org, calendar, "v-marie", "reception-centrum-friday", tuesday, now=NOW
    )
    started = await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum-friday",
        FRIDAY_RECEPTION,
        now=FRIDAY_RECEPTION + timedelta(minutes=5),
    )
    assert wrong_day.outcome is Taken.GONE and started.outcome is Taken.GONE


async def test_cant_come_reopens_the_shift_and_keeps_the_reason(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    result = await give_back_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum",
        WEDNESDAY_RECEPTION,
        reason="dokter",
        now=NOW,
    )
    assert result.outcome is GivenBack.CANCELLED and result.slot is not None
    assert result.slot.still_needed == 1
    slot = await shift_slot(
        repositories(store), org, calendar, "reception-centrum", WEDNESDAY_RECEPTION
    )
    assert slot is not None and "v-marie" not in slot.people
    mine = await my_shifts(
        repositories(store),
        org,
        calendar,
        "v-marie",
        WEDNESDAY_RECEPTION.date(),
        WEDNESDAY_RECEPTION.date(),
    )
    assert mine == []
    assert await store.fetch_value("SELECT reason FROM shift_cancellations") == "dokter"


async def test_cant_come_on_a_shift_that_is_not_yours_is_refused(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    result = await give_back_shift(
        repositories(store),
        org,
        calendar,
        "v-anne",
        "reception-centrum",
        WEDNESDAY_RECEPTION,
        reason=None,
        now=NOW,
    )
    assert result.outcome is GivenBack.NOT_ON_IT
    assert await store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0


async def test_a_taken_shift_given_back_can_be_taken_again(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum-friday",
        FRIDAY_RECEPTION,
        now=NOW,
    )
    back = await give_back_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum-friday",
        FRIDAY_RECEPTION,
        reason=None,
        now=NOW,
    )
    assert back.outcome is GivenBack.CANCELLED
    again = await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum-friday",
        FRIDAY_RECEPTION,
        now=NOW,
    )
    assert again.outcome is Taken.TAKEN


# --- reminders ---------------------------------------------------------------------------------


async def test_reminder_goes_out_the_day_before_at_five_in_the_volunteers_language(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await _link(store, org, "v-fatima", 5004)
    assert await plan_shift_reminders(repositories(store), org, calendar, NOW, render=_render) == 2
    rows = await store.fetch_all(
        "SELECT chat_id, kind, language, due_at, payload FROM outbox ORDER BY due_at"
    )
    first = rows[0]
    assert first["chat_id"] == 5004 and first["kind"] == "shift_reminder"
    assert first["language"] == "fr"
    due = datetime.fromisoformat(first["due_at"]).astimezone(BRUSSELS)
    assert due == datetime(2026, 11, 25, 17, 0, tzinfo=BRUSSELS)  # Thursday's shift
    assert "fr:conversation-host-opex:2026-11-26T13:45" in first["payload"]


async def test_planning_twice_queues_each_reminder_once(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await _link(store, org, "v-marie", MARIE_TG)
    first = await plan_shift_reminders(repositories(store), org, calendar, NOW, render=_render)
    second = await plan_shift_reminders(
        repositories(store), org, calendar, NOW + timedelta(hours=1), render=_render
    )
    assert first == 4  # today's has begun; 25 and 30 November, 2 and 7 December
    assert second == 0


async def test_reminders_respect_the_quiet_hours(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    late = replace(org, reminders=ReminderPolicy(day_before_at=time(22, 30)))
    await _link(store, org, "v-marie", MARIE_TG)
    await plan_shift_reminders(repositories(store), late, calendar, NOW, render=_render)
    due = datetime.fromisoformat(
        await store.fetch_value("SELECT min(due_at) FROM outbox")
    ).astimezone(BRUSSELS)
    assert due.time() == time(20, 0)  # an hour before the quiet hours begin at 21:00


async def test_no_reminder_for_a_shift_given_back_and_a_new_one_when_taken_again(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await _link(store, org, "v-marie", MARIE_TG)
    await plan_shift_reminders(repositories(store), org, calendar, NOW, render=_render)
    await give_back_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum",
        WEDNESDAY_RECEPTION,
        reason=None,
        now=NOW,
    )
    status = await store.fetch_value(
        "SELECT status FROM outbox WHERE ref LIKE 'shift:reception-centrum@2026-11-25T09:00%'"
    )
    assert status == "cancelled"
    await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum",
        WEDNESDAY_RECEPTION,
        now=NOW,
    )
    assert await plan_shift_reminders(repositories(store), org, calendar, NOW, render=_render) == 1


async def test_no_reminders_for_volunteers_who_never_linked(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    assert await plan_shift_reminders(repositories(store), org, calendar, NOW, render=_render) == 0


async def test_a_shift_reminder_saying_tomorrow_is_not_sent_on_the_shift_day_after_downtime(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    for volunteer, telegram_id in (("v-marie", MARIE_TG), ("v-anne", ANNE_TG)):
        await _link(store, org, volunteer, telegram_id)
    assert await plan_shift_reminders(repositories(store), org, calendar, NOW, render=_render) > 0
    wednesday = f"{WEDNESDAY_RECEPTION:%Y-%m-%d}T"
    rows = await store.fetch_all("SELECT payload FROM outbox WHERE status = 'pending'")
    assert any(wednesday in row["payload"] for row in rows)  # a Wednesday shift's reminder

    # Down from Tuesday noon until Wednesday 08:30: Tuesday 17:00's "tomorrow you have a shift"
    # would arrive on the morning of the shift itself, read as Thursday.
    received = await _dispatch(store, WEDNESDAY_RECEPTION.replace(hour=8, minute=30))
    assert not [text for text in received if wednesday in text]
    missed = await store.fetch_all("SELECT payload FROM outbox WHERE status = 'missed'")
    assert any(wednesday in row["payload"] for row in missed)


async def _dispatch(store: Store, at: datetime) -> list[str]:
    """What the dispatcher sends at `at` (the texts), as Telegram would receive them."""
    from bot.dispatcher import Dispatcher, Limits
    from storage.clock import FixedClock

    received: list[str] = []

    class Telegram:
        async def send(self, message: Any) -> None:
            received.append(message.payload["text"])

    seconds = [0.0]

    async def no_wait(delay: float) -> None:
        seconds[0] += delay

    dispatcher = Dispatcher(
        store, Telegram(), FixedClock(at), Limits(), monotonic=lambda: seconds[0], sleep=no_wait
    )
    await dispatcher.run_once()
    return received


async def _reminders_of(store: Store, start: datetime) -> list[tuple[str, str]]:
    """(status, text) of every queued reminder of the shift that begins at `start`."""
    rows = await store.fetch_all("SELECT status, payload FROM outbox ORDER BY id")
    when = f"{start:%Y-%m-%dT%H:%M}"
    return [
        (row["status"], json.loads(row["payload"])["text"])
        for row in rows
        if when in row["payload"]
    ]


async def test_after_downtime_on_the_shift_day_the_reminder_says_today_and_goes_out_once(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await _link(store, org, "v-marie", MARIE_TG)
    repos = repositories(store)
    await plan_shift_reminders(repos, org, calendar, NOW, render=_render)
    wednesday = f"nl:reception-centrum:{WEDNESDAY_RECEPTION:%Y-%m-%dT%H:%M}"
    assert await _reminders_of(store, WEDNESDAY_RECEPTION) == [
        ("pending", f"{wednesday}:tomorrow")
    ]

    # Down from Tuesday noon until Wednesday 08:30; the shift begins at 09:00. The planner
    # runs before the dispatcher has set the stale "tomorrow" aside, and twice.
    morning = WEDNESDAY_RECEPTION.replace(hour=8, minute=30)
    for _ in range(2):
        await plan_shift_reminders(repos, org, calendar, morning, render=_render)
    assert await _reminders_of(store, WEDNESDAY_RECEPTION) == [
        ("pending", f"{wednesday}:tomorrow"),
        ("pending", f"{wednesday}:today"),
    ]

    received = await _dispatch(store, morning)
    assert [text for text in received if wednesday in text] == [f"{wednesday}:today"]
    # Planned again later that morning: nothing new, the same-day one has gone.
    await plan_shift_reminders(
        repos, org, calendar, morning + timedelta(minutes=20), render=_render
    )
    assert await _reminders_of(store, WEDNESDAY_RECEPTION) == [
        ("missed", f"{wednesday}:tomorrow"),
        ("sent", f"{wednesday}:today"),
    ]


async def test_a_shift_reminder_sent_the_day_before_gets_no_second_one_on_the_day(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await _link(store, org, "v-marie", MARIE_TG)
    repos = repositories(store)
    await plan_shift_reminders(repos, org, calendar, NOW, render=_render)
    await store.execute(
        "UPDATE outbox SET status = 'sent' WHERE payload LIKE ?",
        (f"%{WEDNESDAY_RECEPTION:%Y-%m-%dT%H:%M}%",),
    )
    morning = WEDNESDAY_RECEPTION.replace(hour=8, minute=30)
    await plan_shift_reminders(repos, org, calendar, morning, render=_render)
    assert [status for status, _ in await _reminders_of(store, WEDNESDAY_RECEPTION)] == ["sent"]


async def test_a_shift_taken_on_its_day_gets_no_stale_reminder_nor_one_for_today(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    await _link(store, org, "v-marie", MARIE_TG)
    friday_morning = FRIDAY_RECEPTION.replace(hour=9)
    taken = await take_shift(
        repositories(store),
        org,
        calendar,
        "v-marie",
        "reception-centrum-friday",
        FRIDAY_RECEPTION,
        now=friday_morning,
    )
    assert taken.outcome is Taken.TAKEN
    await plan_shift_reminders(repositories(store), org, calendar, friday_morning, render=_render)
    assert await _reminders_of(store, FRIDAY_RECEPTION) == []  # they know: they just took it


# --- a second phone ------------------------------------------------------------------------------

MARIE_NEW_PHONE = 5011


async def _queued(store: Store, volunteer_id: str) -> dict[str, tuple[int, str, str]]:
    """A volunteer's shift reminders by dedupe key: (chat, status, text)."""
    rows = await store.fetch_all(
        "SELECT dedupe_key, chat_id, status, payload FROM outbox WHERE kind = 'shift_reminder'"
        " AND ref LIKE ? ORDER BY dedupe_key",
        (f"%#{volunteer_id}",),
    )
    return {
        row["dedupe_key"]: (row["chat_id"], row["status"], json.loads(row["payload"])["text"])
        for row in rows
    }


async def test_a_volunteer_who_links_a_second_phone_is_reminded_there_once_each(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    repos = repositories(store)
    await _link(store, org, "v-marie", MARIE_TG)
    assert await plan_shift_reminders(repos, org, calendar, NOW, render=_render) == 4
    before = await _queued(store, "v-marie")
    assert {chat for chat, _status, _text in before.values()} == {MARIE_TG}

    # The new phone's account chose French before Marie linked it.
    await repos.residents.give_consent(MARIE_NEW_PHONE, now=NOW, language="fr")
    later = NOW + timedelta(hours=2)
    code = await create_code(repos, org.id, "v-marie", now=later)
    assert (await redeem_code(repos, org.id, code, MARIE_NEW_PHONE, now=later)).outcome is (
        Redeemed.LINKED
    )
    # In the same step as the link: the very reminders queued, now for the new phone.
    moved = await _queued(store, "v-marie")
    assert moved.keys() == before.keys()
    assert {(chat, status) for chat, status, _text in moved.values()} == {
        (MARIE_NEW_PHONE, "pending")
    }

    # Planning again (after a restart, say) queues none twice and sends none to the old phone;
    # the reminders are now worded in the language the new phone chose.
    assert await plan_shift_reminders(repos, org, calendar, later, render=_render) == 0
    after = await _queued(store, "v-marie")
    assert after.keys() == before.keys()
    assert {chat for chat, _status, _text in after.values()} == {MARIE_NEW_PHONE}
    assert all(text.startswith("fr:reception-centrum:") for _c, _s, text in after.values())
    assert await repos.outbox.pending_for(MARIE_TG) == []


async def test_unlinked_on_the_old_phone_then_linked_on_a_new_one_nothing_is_lost(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    repos = repositories(store)
    await _link(store, org, "v-marie", MARIE_TG)
    await plan_shift_reminders(repos, org, calendar, NOW, render=_render)
    assert await unlink(repos, org.id, MARIE_TG)
    assert await repos.outbox.pending_for(MARIE_TG) == []

    await _link(store, org, "v-marie", MARIE_NEW_PHONE)
    assert await plan_shift_reminders(repos, org, calendar, NOW, render=_render) == 4
    queued = await _queued(store, "v-marie")
    assert len(queued) == 4  # the withdrawn rows queued again, not doubled
    assert {(chat, status) for chat, status, _text in queued.values()} == {
        (MARIE_NEW_PHONE, "pending")
    }


async def test_an_account_linked_to_another_volunteer_gets_only_that_ones_reminders(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    repos = repositories(store)
    await _link(store, org, "v-marie", MARIE_TG)
    await plan_shift_reminders(repos, org, calendar, NOW, render=_render)
    await _link(store, org, "v-anne", MARIE_TG)  # staff's code was for Anne: this phone is hers
    await plan_shift_reminders(repos, org, calendar, NOW, render=_render)
    pending = await repos.outbox.pending_for(MARIE_TG)
    assert pending and all(str(m.ref).endswith("#v-anne") for m in pending)

    # Marie links her own phone later: her reminders come back there.
    await _link(store, org, "v-marie", PIOTR_TG)
    assert await plan_shift_reminders(repos, org, calendar, NOW, render=_render) == 4
    assert {chat for chat, _s, _t in (await _queued(store, "v-marie")).values()} == {PIOTR_TG}


async def test_reminders_left_on_the_old_phone_by_an_earlier_version_move_at_the_next_planning(
    store: Store, org: Organisation, calendar: Calendar
) -> None:
    repos = repositories(store)
    await _link(store, org, "v-marie", MARIE_TG)
    await plan_shift_reminders(repos, org, calendar, NOW, render=_render)
    # What redeeming a code did before: the link moved, the queued reminders stayed behind.
    await repos.volunteers.unlink_volunteer(org.id, "v-marie")
    await repos.volunteers.add_link(org.id, MARIE_NEW_PHONE, "v-marie", now=NOW)

    assert await plan_shift_reminders(repos, org, calendar, NOW, render=_render) == 0
    queued = await _queued(store, "v-marie")
    assert len(queued) == 4
    assert {chat for chat, _status, _text in queued.values()} == {MARIE_NEW_PHONE}
    assert await repos.outbox.pending_for(MARIE_TG) == []
