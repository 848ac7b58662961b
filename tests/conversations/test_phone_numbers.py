"""One reading of a typed phone number, in the help request and in the staff's desk sign-up."""

from __future__ import annotations

import pytest

from conversations.engine import FrontDoor
from conversations.flows.toolkit import is_phone
from conversations.payloads import HelpCentre, HelpStep, HelpTopic
from tests.conversations import chat
from tests.conversations.test_staff import button, open_session, press, type_text

# The ways people in Flanders and the Netherlands write a number; the brackets of "+32 (0)59" were
# taken by the help request and refused at the desk before the two regexes became one.
WRITTEN = [
    "059 12 34 56",
    "+32 470 12 34 56",
    "0470/12.34.56",
    "0470-12-34-56",
    "+32 (0)59 12 34 56",
]
NOT_NUMBERS = [
    "tomorrow please",
    "12",
    "energiefactuur",
    "bel me",
    "+",
    "059 12 34 56 78 90 12 34",
]


@pytest.mark.parametrize("number", WRITTEN)
def test_numbers_as_people_write_them_are_phone_numbers(number: str) -> None:
    assert is_phone(number)


@pytest.mark.parametrize("words", NOT_NUMBERS)
def test_words_and_short_or_endless_digits_are_not(words: str) -> None:
    assert not is_phone(words)


async def help_request_phone_step(door: FrontDoor, number: str) -> str:
    """A resident types `number` at the phone step of a help request; the reply's text."""
    await chat.press(door, HelpTopic("health"))
    await chat.press(door, HelpCentre("c", "health", "centrum"))
    await chat.press(door, HelpCentre("ok", "health", "centrum"))
    await chat.press(door, HelpStep("skip"))
    return chat.text(await chat.say(door, number))


async def desk_phone_step(door: FrontDoor, number: str) -> str:
    """Staff type `number` at the phone step of a desk sign-up; the reply's text."""
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    await press(door, button(attendance, "Sign up someone"))
    await type_text(door, "Mevrouw Peeters")
    return chat.text(await type_text(door, number))


@pytest.mark.parametrize("number", WRITTEN)
async def test_both_flows_take_the_same_numbers(door: FrontDoor, number: str) -> None:
    assert "phone number" not in await help_request_phone_step(door, number)
    assert "phone number" not in await desk_phone_step(door, number)


@pytest.mark.parametrize("words", ["tomorrow please", "12"])
async def test_both_flows_ask_again_for_anything_else(door: FrontDoor, words: str) -> None:
    assert "does not look like a phone number" in await help_request_phone_step(door, words)
    assert "does not look like a phone number" in await desk_phone_step(door, words)
