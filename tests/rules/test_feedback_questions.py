"""The day-after question on both backends: who is asked about what, when; "don't ask again"."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

import pytest

from rules.reminders import plan_feedback_questions, set_question_setting
from storage import outbox
from storage.db import Database, Store
from storage.feedback import (
    QUESTION_KIND,
    AskSetting,
    ask_setting,
    question_key,
    set_ask_setting,
)
from storage.model import ReminderPolicy
from storage.records import Signup, SignupStatus
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence
from tests.feedback_world import (
    AFTER_LUNCH,
    ANNA,
    BERT,
    BOOKED,
    BRUSSELS,
    LUNCH,
    NEXT_MORNING,
    World,
    book,
    make_world,
)


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


class Asked:
    """A renderer that notes what it was asked to write."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, datetime, bool]] = []

    async def __call__(
        self, signup: Signup, occurrence: Occurrence, due: datetime, first_time: bool
    ) -> tuple[dict[str, Any], str]:
        self.calls.append((signup.id, due, first_time))
        return {"text": f"how was {signup.activity_id}?", "buttons": []}, "nl"


@pytest.fixture
async def world(store: Store) -> World:
    """Oostende with Anna and Bert (tests/feedback_world.py)."""
    return await make_world(store)


async def questions(store: Store) -> list[outbox.OutboxMessage]:
    rows = await store.fetch_all(
        "SELECT * FROM outbox WHERE kind = ? ORDER BY id", (QUESTION_KIND,)
    )
    return [outbox.OutboxMessage.from_row(row) for row in rows]


# --- the day-after question -------------------------------------------------------------------


async def test_the_question_is_queued_for_ten_the_morning_after_the_lunch(world: World) -> None:
    store, org, calendar = world
    signup = await book(store, ANNA)
    render = Asked()
    assert (
        await plan_feedback_questions(repositories(store), org, calendar, LUNCH, render=render)
        == 0
    )
    assert (
        await plan_feedback_questions(
            repositories(store), org, calendar, AFTER_LUNCH, render=render
        )
        == 1
    )
    assert (
        await plan_feedback_questions(
            repositories(store), org, calendar, AFTER_LUNCH, render=render
        )
        == 0
    )
    [queued] = await questions(store)
    assert queued.due_at == NEXT_MORNING
    assert queued.dedupe_key == question_key(signup.id) and queued.ref == f"signup:{signup.id}"
    assert queued.chat_id == ANNA and render.calls == [(signup.id, NEXT_MORNING, True)]
    # Not sent when the day after has gone by (the bot was down): it is about yesterday.
    assert datetime.fromisoformat(queued.payload[outbox.STARTS_AT]) == datetime(
        2026, 11, 25, 21, 0, tzinfo=BRUSSELS
    )
    assert await ask_setting(store, ANNA) is AskSetting.OFFERED


async def test_an_ignored_offer_asks_nothing_more(world: World) -> None:
    store, org, calendar = world
    await book(store, ANNA)
    await book(store, ANNA, LUNCH + timedelta(days=1))
    await plan_feedback_questions(repositories(store), org, calendar, AFTER_LUNCH, render=Asked())
    later = AFTER_LUNCH + timedelta(days=1)
    assert (
        await plan_feedback_questions(repositories(store), org, calendar, later, render=Asked())
        == 0
    )
    assert len(await questions(store)) == 1


async def test_a_first_offer_is_one_question_even_after_two_activities_that_day(
    world: World,
) -> None:
    store, org, calendar = world
    await book(store, ANNA)
    pedicure = datetime(2026, 11, 24, 9, 0, tzinfo=BRUSSELS)
    await book(store, ANNA, pedicure, "pedicure", centre="mariakerke")
    evening = datetime(2026, 11, 24, 18, 0, tzinfo=BRUSSELS)
    render = Asked()
    assert (
        await plan_feedback_questions(repositories(store), org, calendar, evening, render=render)
        == 1
    )
    assert (
        await plan_feedback_questions(repositories(store), org, calendar, evening, render=render)
        == 0
    )
    assert len(render.calls) == 1


async def test_a_resident_who_said_yes_is_asked_after_every_activity(world: World) -> None:
    store, org, calendar = world
    await book(store, ANNA)
    await book(store, ANNA, LUNCH + timedelta(days=1))
    await set_ask_setting(store, ANNA, AskSetting.YES, now=BOOKED)
    render = Asked()
    await plan_feedback_questions(repositories(store), org, calendar, AFTER_LUNCH, render=render)
    await plan_feedback_questions(
        repositories(store), org, calendar, AFTER_LUNCH + timedelta(days=1), render=render
    )
    assert [first for _id, _due, first in render.calls] == [False, False]
    assert len(await questions(store)) == 2


async def test_nobody_is_asked_about_what_they_did_not_attend_or_declined(world: World) -> None:
    store, org, calendar = world
    await book(store, ANNA, status=SignupStatus.WAITING)
    await book(store, ANNA, LUNCH + timedelta(days=1), status=SignupStatus.CANCELLED)
    await book(store, BERT)
    await set_ask_setting(store, BERT, AskSetting.NO, now=BOOKED)
    later = AFTER_LUNCH + timedelta(days=1)
    assert (
        await plan_feedback_questions(
            repositories(store), org, calendar, AFTER_LUNCH, render=Asked()
        )
        == 0
    )
    assert (
        await plan_feedback_questions(repositories(store), org, calendar, later, render=Asked())
        == 0
    )


async def test_residents_without_consent_or_who_blocked_the_bot_are_not_asked(
    world: World,
) -> None:
    store, org, calendar = world
    await book(store, ANNA)
    await book(store, BERT)
    await store.execute("UPDATE residents SET consent_at = NULL WHERE user_id = ?", (ANNA,))
    await outbox.mark_unreachable(store, BERT, AFTER_LUNCH)
    assert (
        await plan_feedback_questions(
            repositories(store), org, calendar, AFTER_LUNCH, render=Asked()
        )
        == 0
    )


async def test_the_question_waits_for_the_end_of_quiet_hours(world: World) -> None:
    store, org, _calendar = world
    late_risers = replace(org, reminders=ReminderPolicy(quiet_from=time(20), quiet_until=time(11)))
    await book(store, ANNA)
    await plan_feedback_questions(
        repositories(store), late_risers, Calendar(late_risers), AFTER_LUNCH, render=Asked()
    )
    [queued] = await questions(store)
    assert queued.due_at == NEXT_MORNING.replace(hour=11)


async def test_activities_longer_ago_than_two_days_are_not_asked_about(world: World) -> None:
    store, org, calendar = world
    await book(store, ANNA)
    days_later = AFTER_LUNCH + timedelta(days=3)
    assert (
        await plan_feedback_questions(
            repositories(store), org, calendar, days_later, render=Asked()
        )
        == 0
    )


async def test_dont_ask_again_withdraws_a_question_still_queued(world: World) -> None:
    store, org, calendar = world
    await set_ask_setting(store, ANNA, AskSetting.YES, now=BOOKED)
    await book(store, ANNA)
    await plan_feedback_questions(repositories(store), org, calendar, AFTER_LUNCH, render=Asked())
    await set_question_setting(repositories(store), ANNA, AskSetting.NO, now=AFTER_LUNCH)
    [queued] = await questions(store)
    assert queued.status == "cancelled"
    assert (
        await plan_feedback_questions(
            repositories(store), org, calendar, AFTER_LUNCH, render=Asked()
        )
        == 0
    )
