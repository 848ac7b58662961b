"""Small things seniors meet: acknowledgements, a short welcome back, one way to a person,
a meal (not a "Menu"), free (never € 0,00), and every date of a series confirmed."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.runtime import build_front_door
from conversations.engine import FrontDoor
from conversations.payloads import (
    Contact,
    Desks,
    Help,
    Hours,
    Language,
    MyShifts,
    MySignups,
    Nearest,
    Privacy,
    ReminderSettings,
    SignupConfirm,
    SignupConsent,
    SignupStart,
    SignupTariff,
    VolunteerJoin,
    WhatsOn,
    unpack_any,
)
from storage.clock import FixedClock
from tests.conversations.chat import button, labels, press, say, text

THE_FULL_WELCOME = "I can tell you when a centre is open"
NOUGHT_EURO = re.compile(r"(?<![\d.,])0[,.]00")


@pytest.mark.parametrize(
    ("words", "lang"), [("👍", "nl"), ("ok", "en"), ("oké", "nl"), ("merci", "fr")]
)
async def test_acknowledgements_are_not_misunderstood(
    door: FrontDoor, words: str, lang: str
) -> None:
    answer = await say(door, words, lang=lang)
    assert "Sorry" not in text(answer) and "Désolé" not in text(answer)
    assert "Talk to a person" not in text(answer)


async def test_the_welcome_is_short_once_we_know_each_other(door: FrontDoor) -> None:
    first = text(await say(door, "Hallo", lang="nl"))
    assert "Ik vertel je wanneer" in first  # who we are and what we do, the first time
    await say(door, "Is Stene morgen open?", lang="nl")
    again = text(await say(door, "Hallo", lang="nl"))
    assert "Welkom terug" in again and "Ik vertel je wanneer" not in again


async def test_the_welcome_back_after_consent_is_short_and_asks_nothing(
    door: FrontDoor, clock: FixedClock
) -> None:
    welcome = await say(door, "Hello")
    await press(door, button(welcome, "agree"))
    clock.advance(timedelta(days=3))  # another day, another conversation
    later = await say(door, "Hello")
    assert "Welcome back" in text(later) and THE_FULL_WELCOME not in text(later)


async def test_talk_to_a_person_reads_the_same_on_every_screen(door: FrontDoor) -> None:
    menu = await say(door, "Hello")
    hours = await say(door, "Is Stene open tomorrow?")
    whats_on = await say(door, "What's on tomorrow?")
    for screen in (menu, hours, whats_on):
        to_person = [label for label in labels(screen) if label.startswith("🙋")]
        assert to_person == ["🙋 Talk to a person"], to_person


async def test_the_lunch_asks_for_a_meal_not_a_menu(door: FrontDoor) -> None:
    days = await press(door, SignupStart("lunch-centrum", "centrum"))
    consent = await press(door, button(days, "Wed"))
    question = await press(door, button(consent, "✅"))
    assert "Meal: what would you like?" in text(question)
    assert "Menu:" not in text(question)


@pytest.fixture
async def the_hague(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FrontDoor]:
    """The Den Haag demo, whose cycling lessons are free with the Ooievaarspas."""
    door = await build_front_door("denhaag-zuidwest", tmp_path / "bot.sqlite3", clock=clock)
    yield door
    await door.close()


async def test_free_is_free_never_nought_euro(the_hague: FrontDoor) -> None:
    listing = text(await say(the_hague, "fietsles voor vrouwen", lang="nl"))
    assert "gratis met het verminderd tarief" in listing
    assert not NOUGHT_EURO.search(listing)
    start = await say(the_hague, "ik wil me inschrijven voor de fietsles voor vrouwen", lang="nl")
    seen = text(start)
    for _step in range(4):  # through consent and the steps to the tariff question
        if "Dan " in seen:  # the tariff question
            break
        start = await press(the_hague, button(start, "✅"), lang="nl")
        seen = text(start)
    assert "Dan is het gratis in plaats van" in seen and not NOUGHT_EURO.search(seen)


async def test_a_series_confirmation_names_every_date(door: FrontDoor) -> None:
    await say(door, "I want to sign up for the computer course")
    await press(door, SignupConsent())
    await press(door, SignupTariff(False))
    confirmed = text(await press(door, SignupConfirm()))
    assert "All 6 dates" in confirmed
    for day in ("12 Jan", "19 Jan", "26 Jan", "2 Feb", "9 Feb", "16 Feb"):
        assert day in confirmed


async def test_sign_up_buttons_say_which_centre_and_are_never_alike(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=9, minute=30))  # before tomorrow's lunch sign-ups close
    listing = await say(door, "What's on tomorrow?")
    sign_ups = [label for label in labels(listing) if label.startswith("✍️")]
    assert len(sign_ups) >= 3 and len(set(sign_ups)) == len(sign_ups)
    assert any("Lunch · Stene" in label for label in sign_ups)
    assert any(label == "✍️ Lunch · Stene, Tue, 24 Nov" for label in sign_ups)


async def test_this_week_asked_on_a_saturday_is_the_coming_seven_days(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=5))  # Saturday 28 November
    answer = await door.ask("What's on this week?", client_language="en", at=clock.now())
    assert answer.until is not None and (answer.until - clock.now().date()).days == 6
    # A week of all centres is listed one line per activity with its days (Sunday to Saturday)
    assert "28 Nov – 4 Dec" in text(answer.replies)
    assert any(o.start.day == 1 for o in answer.activities or [])


async def test_a_walk_in_desk_open_right_now_says_so_first(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=1, minutes=-15))  # Tuesday 24 November, 10:00
    lines = text(await say(door, "social desk in Stene")).splitlines()
    assert lines[1] == "🟢 Open now until 11:00."


@pytest.mark.parametrize(("lang", "wording"), [("en", "🙋 Talk to a person"), ("nl", None)])
async def test_every_way_to_a_person_reads_the_same_on_every_kind_of_screen(
    door: FrontDoor, lang: str, wording: str | None
) -> None:
    screens = [
        await say(door, "Hello", lang=lang),
        await press(door, Hours(), lang=lang),
        await press(door, Hours("stene"), lang=lang),
        await press(door, WhatsOn(), lang=lang),
        await press(door, Contact("stene"), lang=lang),
        await press(door, Desks(), lang=lang),
        await press(door, Nearest(), lang=lang),
        await press(door, MySignups(), lang=lang),
        await press(door, Privacy(), lang=lang),
        await press(door, Language(), lang=lang),
        await press(door, SignupStart("lunch-centrum", "centrum"), lang=lang),
        await press(door, VolunteerJoin(), lang=lang),
        await press(door, MyShifts(), lang=lang),
        await press(door, ReminderSettings(), lang=lang),
        await say(door, "blablabla qwerty", lang=lang),
    ]
    ways = {
        b.label
        for screen in screens
        for reply in screen
        for row in reply.buttons
        for b in row
        if unpack_any(b.payload) == Help()
    }
    assert len(ways) == 1, ways  # one wording, wherever it is offered
    if wording is not None:
        assert ways == {wording}
    # And every screen offers it.
    for screen in screens:
        assert any(
            unpack_any(b.payload) == Help() for r in screen for row in r.buttons for b in row
        ), labels(screen)


@pytest.mark.parametrize(
    ("days", "lang", "question"),
    [(5, "en", "What's on this week?"), (6, "nl", "Wat is er deze week te doen?")],
)
async def test_this_week_on_a_weekend_day_is_the_coming_seven_days(
    door: FrontDoor, clock: FixedClock, days: int, lang: str, question: str
) -> None:
    clock.advance(timedelta(days=days))  # Saturday 28 or Sunday 29 November
    answer = await door.ask(question, client_language=lang, at=clock.now())
    assert answer.date == clock.now().date()
    assert answer.until is not None and (answer.until - clock.now().date()).days == 6
