"""Asking whether typed words answer the open form (the console does, before it reads a typed
number as its own numbered button) changes nothing: not the form, not when it was answered."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from conversations.engine import FrontDoor
from conversations.payloads import (
    Help,
    HelpCentre,
    HelpTopic,
    SignupConsent,
    SignupDate,
    SignupOption,
    SignupStart,
)
from conversations.reply import Incoming, IncomingKind
from storage.clock import FixedClock
from tests.conversations.chat import RESIDENT, first, payloads, press, say


async def state_row(door: FrontDoor) -> dict[str, Any] | None:
    """The resident's conversation state row as stored, every column."""
    row = await door.store.fetch_one(
        "SELECT * FROM conversation_state WHERE user_id = ?", (RESIDENT,)
    )
    return None if row is None else dict(row)


async def answers(door: FrontDoor, words: str) -> bool:
    """What the console asks the front door before it sends typed words."""
    return await door.answers_form(
        Incoming(RESIDENT, IncomingKind.TEXT, text=words, client_language="en")
    )


async def test_asking_about_a_sign_up_question_leaves_its_state_row_as_it_was(
    door: FrontDoor, clock: FixedClock
) -> None:
    days = await press(door, SignupStart("lunch-centrum", "centrum"))
    await press(door, first(days, SignupDate))
    meal = await press(door, SignupConsent())
    assert SignupOption(0, 1) in payloads(meal)
    before = await state_row(door)
    assert before is not None and before["flow"] == "su"
    clock.set(clock.now() + timedelta(minutes=10))  # answered a while later
    assert await answers(door, "2")  # the second meal
    assert await answers(door, "vegetarian")
    assert not await answers(door, "When is Stene open?")
    assert await state_row(door) == before  # same step, same moment: nothing saved again
    # And the form still takes the answer as before.
    tariff = await say(door, "vegetarian")
    after = await state_row(door)
    assert after is not None and after["state"] != before["state"] and "tariff" in str(tariff)


async def test_asking_about_a_help_request_question_leaves_its_state_row_as_it_was(
    door: FrontDoor, clock: FixedClock
) -> None:
    await press(door, Help())
    await press(door, HelpTopic("money"))
    await press(door, HelpCentre("c", "money", "centrum"))
    before = await state_row(door)
    assert before is not None
    clock.set(clock.now() + timedelta(minutes=10))
    assert await answers(door, "yes")
    assert not await answers(door, "What's on today?")
    assert await state_row(door) == before


async def test_asking_with_a_form_gone_stale_does_not_clear_or_save_it(
    door: FrontDoor, clock: FixedClock
) -> None:
    # The lunch's deadline passes while the resident is at the meal question: a real answer
    # would end the form; asking must not.
    clock.set(datetime(2026, 11, 24, 9, 50, tzinfo=clock.now().tzinfo))  # Tuesday
    days = await press(door, SignupStart("lunch-centrum", "centrum"))
    wednesday = first(days, SignupDate)  # its sign-up closes today at 10:00
    assert wednesday.start.date() == datetime(2026, 11, 25).date()
    await press(door, wednesday)
    await press(door, SignupConsent())
    before = await state_row(door)
    assert before is not None
    clock.set(datetime(2026, 11, 24, 10, 5, tzinfo=clock.now().tzinfo))  # closed, still fresh
    await answers(door, "2")
    assert await state_row(door) == before
