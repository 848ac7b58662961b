"""The rules of signing up on the Oostende demo data, on every backend: places, waiting lists,
deadlines, series, appointments, desk sign-ups, cancelling and moving up."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import resolve_data
from rules.signups import (
    CANCELLATION,
    PROMOTION,
    CancelResult,
    Outcome,
    SignupResult,
    SignupRules,
    who_moves_up,
)
from storage.db import Database
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.records import Signup, SignupStatus, ensure_resident, list_occurrence_changes
from storage.repositories import Repositories, repositories
from storage.schedule import Calendar, series_sessions
from tests.present import present

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)  # Monday
CHRISTMAS_LUNCH = datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)  # 80 places
CRAFT_AFTERNOON = datetime(2026, 12, 23, 14, 0, tzinfo=BRUSSELS)  # 24 places, people counted
FIRST_LESSON = datetime(2027, 1, 12, 14, 0, tzinfo=BRUSSELS)
PEDICURE_DAY = datetime(2026, 11, 24, 9, 0, tzinfo=BRUSSELS)
CRAFT = ("grandparents-craft", "opex", CRAFT_AFTERNOON)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment on Brussels' wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


@dataclass
class World:
    """The Oostende organisation imported into a store of one backend, and its rules."""

    repos: Repositories
    org: Organisation
    calendar: Calendar

    @property
    def rules(self) -> SignupRules:
        return SignupRules.of(self.repos)

    async def residents(self, *ids: int) -> None:
        for user_id in ids:
            await ensure_resident(self.repos.db, user_id, now=NOW, name=f"Resident {user_id}")

    async def book(
        self,
        resident: int | None,
        activity: str = "christmas-lunch",
        centre: str = "centrum",
        start: datetime = CHRISTMAS_LUNCH,
        now: datetime = NOW,
        **extra: Any,
    ) -> SignupResult:
        return await self.rules.sign_up(
            self.org,
            self.calendar,
            activity_id=activity,
            centre_id=centre,
            start=start,
            now=now,
            resident_id=resident,
            **extra,
        )

    async def cancel(self, signup_id: int, **extra: Any) -> CancelResult:
        return await self.rules.cancel(self.org, self.calendar, signup_id, now=NOW, **extra)

    async def listed(
        self, activity: str = "christmas-lunch", centre: str = "centrum", start: Any = None
    ) -> list[Signup]:
        return await self.repos.signups.attendance(
            self.org.id, activity, centre, start or CHRISTMAS_LUNCH
        )


@pytest.fixture
async def world(any_store: Database) -> World:
    repos = repositories(any_store)
    report = await import_file(any_store, resolve_data("oostende"), now=NOW)
    org = await load_organisation_from_store(any_store, report.org_id)
    return World(repos, org, Calendar(org))


async def renderer(kind: str, signup: Signup) -> tuple[dict[str, Any], str]:
    return {"text": f"{kind} {signup.id}", "buttons": []}, "nl"


def _signup(signup_id: int, party: int) -> Signup:
    """A waiting sign-up of `party` people, for the move-up rule on plain values."""
    return Signup(
        id=signup_id,
        org_id="oostende",
        activity_id="grandparents-craft",
        centre_id="opex",
        occurrence_start="2026-12-23T14:00",
        series=False,
        resident_id=signup_id,
        walk_in_name=None,
        walk_in_phone=None,
        party_size=party,
        companions=party - 1,
        options={},
        reduced=False,
        status=SignupStatus.WAITING,
        created_at=NOW,
        updated_at=NOW,
        cancelled_at=None,
    )


# --- who moves up: the rule on plain values ---------------------------------------------------


def test_a_party_too_large_for_the_freed_places_keeps_its_turn() -> None:
    waiting = [_signup(1, 4), _signup(2, 2), _signup(3, 1)]
    assert [s.id for s in who_moves_up(24, 22, waiting)] == [2]  # two free: the pair goes
    assert [s.id for s in who_moves_up(24, 20, waiting)] == [1]  # four free: the big party
    assert [s.id for s in who_moves_up(24, 17, waiting)] == [1, 2, 3]
    assert who_moves_up(24, 24, waiting) == []
    assert [s.id for s in who_moves_up(None, 500, waiting)] == [1, 2, 3]  # no limit


# --- signing up -------------------------------------------------------------------------------


async def test_resident_gets_a_confirmed_place_for_the_christmas_lunch(world: World) -> None:
    await world.residents(1)
    result = await world.book(1, options={"menu": "vegetarian"}, reduced=True)
    assert result.status is Outcome.CONFIRMED and result.signup is not None
    assert result.signup.occurrence_start == "2026-12-17T12:00"
    assert result.signup.options == {"menu": "vegetarian"} and result.signup.reduced
    assert result.position is None


async def test_full_lunch_puts_the_next_residents_on_the_waiting_list_in_order(
    world: World,
) -> None:
    await world.residents(*range(1, 83))
    results = [await world.book(resident) for resident in range(1, 83)]
    assert [r.status for r in results].count(Outcome.CONFIRMED) == 80
    assert [(r.status, r.position) for r in results[80:]] == [
        (Outcome.WAITING, 1),
        (Outcome.WAITING, 2),
    ]
    second = results[81].signup
    assert second is not None and await world.repos.signups.waiting_position(second.id) == 2


async def test_signing_up_twice_for_the_same_lunch_is_refused_and_names_the_first(
    world: World,
) -> None:
    await world.residents(1)
    first = await world.book(1)
    again = await world.book(1)
    assert again.status is Outcome.DUPLICATE
    assert again.signup is not None and first.signup is not None
    assert again.signup.id == first.signup.id
    assert len(await world.listed()) == 1


async def test_resident_can_sign_up_again_after_cancelling(world: World) -> None:
    await world.residents(1)
    first = await world.book(1)
    assert first.signup is not None
    await world.cancel(first.signup.id, resident_id=1)
    assert (await world.book(1)).status is Outcome.CONFIRMED


async def test_walk_in_activity_needs_no_sign_up(world: World) -> None:
    await world.residents(1)
    result = await world.book(1, "coffee", "centrum", at(2026, 11, 24, 10, 0))
    assert result.status is Outcome.WALK_IN


async def test_christmas_lunch_closes_at_the_end_of_the_tenth(world: World) -> None:
    await world.residents(1, 2)
    assert (await world.book(1, now=at(2026, 12, 10, 23, 0))).status is Outcome.CONFIRMED
    closed = await world.book(2, now=at(2026, 12, 11, 8, 0))
    assert closed.status is Outcome.CLOSED and closed.deadline == at(2026, 12, 10, 23, 59)


async def test_lunch_closes_at_ten_the_previous_working_day(world: World) -> None:
    await world.residents(1)
    tuesday = await world.book(1, "lunch-centrum", "centrum", at(2026, 11, 24, 12, 0))
    assert tuesday.status is Outcome.CLOSED and tuesday.deadline == at(2026, 11, 23, 10, 0)
    wednesday = await world.book(1, "lunch-centrum", "centrum", at(2026, 11, 25, 12, 0))
    assert wednesday.status is Outcome.CONFIRMED


async def test_the_course_closes_on_the_eighth_of_january(world: World) -> None:
    await world.residents(1)
    late = await world.book(
        1, "computer-course", "hazegras", FIRST_LESSON, now=at(2027, 1, 9, 9, 0)
    )
    assert late.status is Outcome.CLOSED and late.deadline == at(2027, 1, 8, 23, 59)


async def test_monday_lunch_closes_at_ten_the_friday_before(world: World) -> None:
    await world.residents(1)
    monday = at(2026, 11, 30, 12, 0)
    result = await world.book(1, "lunch-centrum", "centrum", monday, now=at(2026, 11, 28, 9))
    assert result.status is Outcome.CLOSED and result.deadline == at(2026, 11, 27, 10, 0)


async def test_an_occurrence_that_has_begun_cannot_be_signed_up_for(world: World) -> None:
    await world.residents(1)
    begun = await world.book(
        1, "smartphone-cafe", "konterdam", at(2026, 11, 25, 10, 0), now=at(2026, 11, 25, 10, 5)
    )
    assert begun.status is Outcome.PAST


async def test_a_date_the_activity_does_not_take_place_is_refused(world: World) -> None:
    await world.residents(1)
    assert (await world.book(1, start=at(2026, 12, 18, 12, 0))).status is (
        Outcome.NO_SUCH_OCCURRENCE
    )
    assert (await world.book(1, "no-such")).status is Outcome.NO_SUCH_OCCURRENCE
    assert (await world.book(1, centre="stene")).status is Outcome.NO_SUCH_OCCURRENCE


async def test_every_grandchild_takes_a_place_of_the_craft_afternoon(world: World) -> None:
    await world.residents(*range(1, 9))
    for grandparent in range(1, 7):
        assert (await world.book(grandparent, *CRAFT, companions=3)).status is Outcome.CONFIRMED
    seventh = await world.book(7, *CRAFT)  # 6 x 4 = 24: full, even for one person
    assert (seventh.status, seventh.position) == (Outcome.WAITING, 1)
    too_many = await world.book(8, *CRAFT, companions=4)
    assert too_many.status is Outcome.TOO_MANY_COMPANIONS
    assert (await world.book(8, companions=1)).status is Outcome.TOO_MANY_COMPANIONS  # lunch


async def test_the_computer_course_is_one_sign_up_for_all_six_lessons(world: World) -> None:
    course = world.org.activity("computer-course")
    assert course is not None
    sessions = series_sessions(world.calendar, course, "hazegras")
    assert len(sessions) == 6 and sessions[0].start == FIRST_LESSON
    await world.residents(*range(1, 11))
    statuses = [
        (await world.book(r, "computer-course", "hazegras", FIRST_LESSON)).status
        for r in range(1, 10)
    ]
    assert statuses == [Outcome.CONFIRMED] * 8 + [Outcome.WAITING]
    rows = await world.listed("computer-course", "hazegras", FIRST_LESSON)
    assert len(rows) == 9 and all(s.series for s in rows)
    later = await world.book(10, "computer-course", "hazegras", sessions[1].start)
    assert later.status is Outcome.NO_SUCH_OCCURRENCE


async def test_each_pedicure_slot_has_its_own_place(world: World) -> None:
    await world.residents(1, 2)
    half_past = at(2026, 11, 24, 9, 30)
    first = await world.book(1, "pedicure", "mariakerke", half_past)
    assert first.status is Outcome.CONFIRMED and first.signup is not None
    assert first.signup.occurrence_start == "2026-11-24T09:30"
    assert (await world.book(2, "pedicure", "mariakerke", half_past)).status is Outcome.WAITING
    other = await world.book(2, "pedicure", "mariakerke", at(2026, 11, 24, 11, 30))
    assert other.status is Outcome.CONFIRMED
    for wrong in (at(2026, 11, 24, 9, 15), at(2026, 11, 24, 12, 0)):
        assert (await world.book(1, "pedicure", "mariakerke", wrong)).status is (
            Outcome.NO_SUCH_OCCURRENCE
        )


async def test_a_desk_sign_up_takes_a_place_and_waits_its_turn_like_anyone(
    world: World,
) -> None:
    await world.residents(1)
    await world.book(1, "pedicure", "mariakerke", PEDICURE_DAY)
    desk = await world.book(
        None,
        "pedicure",
        "mariakerke",
        PEDICURE_DAY,
        walk_in_name="Mevrouw Peeters",
        walk_in_phone="059 12 34 56",
    )
    assert (desk.status, desk.position) == (Outcome.WAITING, 1)
    rows = await world.listed("pedicure", "mariakerke", PEDICURE_DAY)
    assert [(r.resident_id, r.walk_in_name, r.status) for r in rows] == [
        (1, None, SignupStatus.CONFIRMED),
        (None, "Mevrouw Peeters", SignupStatus.WAITING),
    ]
    with pytest.raises(ValueError):
        await world.book(None, "pedicure", "mariakerke", PEDICURE_DAY)  # nobody named


# --- cancelling and moving up -----------------------------------------------------------------


async def test_a_freed_place_goes_to_the_first_waiting_whose_party_fits(world: World) -> None:
    await world.residents(*range(1, 10))
    for grandparent in range(1, 6):
        await world.book(grandparent, *CRAFT, companions=3)  # 5 x 4 = 20
    pair = await world.book(6, *CRAFT, companions=1)  # 22
    await world.book(9, *CRAFT, companions=1)  # 24: full
    big = await world.book(7, *CRAFT, companions=3)  # needs four: waits first
    small = await world.book(8, *CRAFT, companions=1)  # needs two: waits second
    assert (big.status, small.status) == (Outcome.WAITING, Outcome.WAITING)
    assert pair.signup and big.signup and small.signup

    # Two places free up: the party of four keeps its turn, the pair behind it moves up.
    result = await world.cancel(pair.signup.id, notice=renderer)
    assert result.cancelled is not None and result.cancelled.status is SignupStatus.CANCELLED
    assert [(p.id, p.status) for p in result.promoted] == [
        (small.signup.id, SignupStatus.CONFIRMED)
    ]
    assert await world.repos.signups.waiting_position(big.signup.id) == 1
    told = await world.repos.outbox.pending_for(8)
    assert [(m.kind, m.ref) for m in told] == [(PROMOTION, f"signup:{small.signup.id}")]
    assert await world.repos.outbox.pending_for(7) == []

    # Four more places: now the party of four goes.
    first = (await world.listed(*CRAFT))[0]
    again = await world.cancel(first.id)
    assert [p.id for p in again.promoted] == [big.signup.id]


async def test_no_one_moves_up_once_the_session_has_begun(world: World) -> None:
    await world.residents(1, 2)
    half_past = at(2026, 11, 24, 9, 30)
    first = await world.book(1, "pedicure", "mariakerke", half_past)
    second = await world.book(2, "pedicure", "mariakerke", half_past)
    assert first.signup and second.signup and second.status is Outcome.WAITING
    late = await world.rules.cancel(
        world.org, world.calendar, first.signup.id, now=at(2026, 11, 24, 9, 35)
    )
    assert late.cancelled is not None and late.promoted == ()
    assert await world.repos.signups.waiting_position(second.signup.id) == 1


async def test_a_resident_cannot_cancel_someone_elses_sign_up(world: World) -> None:
    await world.residents(1, 2)
    mine = await world.book(1)
    assert mine.signup is not None
    assert (await world.cancel(mine.signup.id, resident_id=2)).cancelled is None
    assert (await world.cancel(99999)).cancelled is None
    assert (await world.cancel(mine.signup.id, resident_id=1)).cancelled is not None
    assert (await world.cancel(mine.signup.id)).cancelled is None  # cancelled already


async def test_cancelling_withdraws_the_pending_reminders(world: World) -> None:
    await world.residents(1)
    mine = await world.book(1)
    assert mine.signup is not None
    await world.repos.outbox.enqueue(
        chat_id=1,
        kind="reminder_day_before",
        payload={"text": "x"},
        language="nl",
        due_at=at(2026, 12, 16, 17),
        now=NOW,
        ref=f"signup:{mine.signup.id}",
    )
    await world.cancel(mine.signup.id, resident_id=1)
    assert await world.repos.outbox.pending_for(1) == []


async def test_staff_cancel_an_occurrence_and_everyone_is_told(world: World) -> None:
    await world.residents(1, 2, 3)
    await world.book(1)
    await world.book(2)
    desk = await world.book(None, walk_in_name="Mevrouw Peeters", walk_in_phone="059 12 34 56")
    assert desk.status is Outcome.CONFIRMED
    cancelled = await world.rules.cancel_occurrence(
        world.org,
        world.calendar,
        activity_id="christmas-lunch",
        centre_id="centrum",
        start=CHRISTMAS_LUNCH,
        now=NOW,
        notice=renderer,
    )
    assert [s.resident_id for s in cancelled] == [1, 2, None]
    assert all(s.status is SignupStatus.CANCELLED for s in cancelled)
    for resident in (1, 2):
        assert [m.kind for m in await world.repos.outbox.pending_for(resident)] == [CANCELLATION]
    (change,) = await list_occurrence_changes(world.repos.db, "oostende")
    assert change.change == "cancelled" and change.notified_at is not None
    assert await world.repos.signups.is_cancelled("oostende", *cancelled_lunch())
    assert (await world.book(3)).status is Outcome.NO_SUCH_OCCURRENCE


def cancelled_lunch() -> tuple[str, str, datetime]:
    return "christmas-lunch", "centrum", CHRISTMAS_LUNCH


async def test_cancelling_a_pedicure_morning_cancels_every_slot(world: World) -> None:
    await world.residents(1, 2)
    await world.book(1, "pedicure", "mariakerke", at(2026, 11, 24, 9, 0))
    await world.book(2, "pedicure", "mariakerke", at(2026, 11, 24, 11, 30))
    cancelled = await world.rules.cancel_occurrence(
        world.org,
        world.calendar,
        activity_id="pedicure",
        centre_id="mariakerke",
        start=PEDICURE_DAY,
        now=NOW,
    )
    assert [s.resident_id for s in cancelled] == [1, 2]
    again = await world.book(1, "pedicure", "mariakerke", at(2026, 11, 24, 10, 0))
    assert again.status is Outcome.NO_SUCH_OCCURRENCE


# --- reading through the rules ------------------------------------------------------------------


async def test_my_sign_ups_are_the_active_future_ones_soonest_first(world: World) -> None:
    await world.residents(1)
    course = await world.book(1, "computer-course", "hazegras", FIRST_LESSON)
    lunch = await world.book(1)
    wednesday = await world.book(1, "lunch-centrum", "centrum", at(2026, 11, 25, 12, 0))
    craft = await world.book(1, *CRAFT)
    assert course.signup and lunch.signup and wednesday.signup and craft.signup
    await world.cancel(craft.signup.id)
    mine = await world.rules.upcoming_for(1, now=NOW)
    assert [s.id for s in mine] == [wednesday.signup.id, lunch.signup.id, course.signup.id]
    # After the first lesson the course is still to come, until its last lesson.
    later = await world.rules.upcoming_for(1, now=at(2027, 1, 20, 9), calendar=world.calendar)
    assert [s.id for s in later] == [course.signup.id]
    done = await world.rules.upcoming_for(1, now=at(2027, 2, 17, 9), calendar=world.calendar)
    assert done == []


async def test_a_place_is_free_until_the_people_of_a_party_no_longer_fit(
    world: World,
) -> None:
    craft = world.org.activity("grandparents-craft")
    assert craft is not None
    [occurrence] = world.calendar.occurrences(
        CRAFT_AFTERNOON.date(), CRAFT_AFTERNOON.date(), centre="opex", item_id=craft.id
    )
    await world.residents(*range(1, 7))
    for grandparent in range(1, 6):
        await world.book(grandparent, *CRAFT, companions=3)  # 20 of 24 places
    assert await world.rules.has_place(world.org.id, craft, occurrence, 4)
    await world.book(6, *CRAFT, companions=1)  # 22
    assert await world.rules.has_place(world.org.id, craft, occurrence, 2)
    assert not await world.rules.has_place(world.org.id, craft, occurrence, 3)
    coffee = world.org.activity("coffee")
    assert coffee is not None and coffee.capacity is None
    assert await world.rules.has_place(world.org.id, coffee, occurrence, 50)


async def test_attendance_is_registered_on_confirmed_sign_ups_only(world: World) -> None:
    await world.residents(1, 2)
    confirmed = (await world.book(1, "pedicure", "mariakerke", PEDICURE_DAY)).signup
    waiting = (await world.book(2, "pedicure", "mariakerke", PEDICURE_DAY)).signup
    assert confirmed is not None and waiting is not None and confirmed.attended is None
    later = at(2026, 11, 24, 9, 40)
    register = world.rules.register_attendance
    came = await register(confirmed.id, True, now=later)
    assert came is not None and came.attended is True and came.updated_at > confirmed.updated_at
    assert (await register(confirmed.id, False, now=later)).attended is False  # type: ignore[union-attr]
    assert (await register(confirmed.id, None, now=later)).attended is None  # type: ignore[union-attr]
    assert await register(waiting.id, True, now=later) is None
    assert await register(999999, True, now=later) is None


# --- many at once -------------------------------------------------------------------------------


async def test_200_residents_at_once_for_the_last_10_places(world: World) -> None:
    early = list(range(1, 71))
    rush = list(range(1001, 1201))
    await world.residents(*early, *rush)
    for resident in early:
        assert (await world.book(resident)).status is Outcome.CONFIRMED

    results = await asyncio.gather(*(world.book(resident) for resident in rush))

    statuses = [r.status for r in results]
    assert statuses.count(Outcome.CONFIRMED) == 10 and statuses.count(Outcome.WAITING) == 190
    # every waiting resident was told a distinct place, and the list keeps exactly that order
    told = sorted(
        (present(r.position), present(present(r.signup).resident_id))
        for r in results
        if r.status is Outcome.WAITING
    )
    assert [position for position, _ in told] == list(range(1, 191))
    rows = await world.listed()
    assert len(rows) == 270 and len({r.resident_id for r in rows}) == 270  # nobody twice
    assert sum(r.party_size for r in rows if r.status is SignupStatus.CONFIRMED) == 80
    assert [r.resident_id for r in rows if r.status is SignupStatus.WAITING] == [
        resident for _, resident in told
    ]
    if world.repos.db.backend == "sqlite":
        # One connection: arrival order is gather order, so the first ten got the places.
        assert statuses[:10] == [Outcome.CONFIRMED] * 10
        assert [resident for _, resident in told] == rush[10:]

    winners = [r.signup.id for r in results if r.status is Outcome.CONFIRMED and r.signup][:5]
    cancels = await asyncio.gather(*(world.cancel(sid, notice=renderer) for sid in winners))
    promoted = sorted(present(p.resident_id) for c in cancels for p in c.promoted)
    assert promoted == sorted(resident for _, resident in told[:5])
    rows = await world.listed()
    assert sum(r.party_size for r in rows if r.status is SignupStatus.CONFIRMED) == 80
    assert [r.resident_id for r in rows if r.status is SignupStatus.WAITING] == [
        resident for _, resident in told[5:]
    ]
    queued = [m for resident in promoted for m in await world.repos.outbox.pending_for(resident)]
    assert sorted(m.chat_id for m in queued) == promoted and {m.kind for m in queued} == {
        PROMOTION
    }
