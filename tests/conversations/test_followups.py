"""Follow-up questions: a short question after an answer is read with that answer's topic."""

from __future__ import annotations

from datetime import datetime, timedelta

from conversations import residents
from conversations.engine import FrontDoor
from conversations.retention import purge_inactive
from storage.clock import FixedClock
from tests.conversations.chat import BRUSSELS, NEIGHBOUR, button, press, say, text
from tests.conversations.traces import traces

THURSDAY = datetime(2026, 12, 3, 10, 15, tzinfo=BRUSSELS)
"""Thursday 3 December 2026: tomorrow is Friday 4 December, Christmas Eve is three weeks on."""


async def test_en_morgen_after_an_hours_question_gives_tomorrows_hours_of_that_centre(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    first = text(await say(door, "Is Stene open today?", lang="nl"))
    assert "Stene" in first
    answer = text(await say(door, "en morgen?", lang="nl"))
    assert "Stene" in answer
    assert "vrijdag 4 december" in answer
    assert "Sorry" not in answer


async def test_follow_ups_in_french_ukrainian_turkish_and_arabic(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "Le centre de Stene est-il ouvert aujourd'hui ?", lang="fr")
    french = text(await say(door, "et demain ?", lang="fr"))
    assert "Stene" in french and "4 décembre" in french

    await say(door, "Коли відкрито Стене?", user=NEIGHBOUR, lang="uk")
    ukrainian = text(await say(door, "а на святвечір?", user=NEIGHBOUR, lang="uk"))
    assert "Stene" in ukrainian and "24 грудня" in ukrainian
    assert "09:00–12:00" in ukrainian  # Christmas Eve closes at noon

    await say(door, "Stene yarın açık mı?", user=NEIGHBOUR + 1, lang="tr")
    turkish = text(await say(door, "peki pazartesi?", user=NEIGHBOUR + 1, lang="tr"))
    assert "Stene" in turkish and "7 Aralık" in turkish

    await say(door, "متى يفتح مركز Stene اليوم؟", user=NEIGHBOUR + 2, lang="ar")
    arabic = text(await say(door, "وغدا؟", user=NEIGHBOUR + 2, lang="ar"))
    assert "Stene" in arabic and "4 ديسمبر" in arabic


async def test_another_centre_keeps_the_day_and_a_named_activity_keeps_centre_and_day(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "Is Stene open on Friday?")
    other = text(await say(door, "and Mariakerke?"))
    assert "Mariakerke" in other and "Friday, 4 December" in other
    lunch = text(await say(door, "what about the lunch?"))
    assert "What's on in Mariakerke" in lunch
    assert "Friday, 4 December" in lunch and "Lunch" in lunch
    assert "Coffee" not in lunch  # only what was asked about


async def test_whats_on_follow_ups_keep_the_question_and_change_the_place_or_day(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "what's on at Stene tomorrow?")
    elsewhere = text(await say(door, "and Mariakerke?"))
    assert "What's on in Mariakerke" in elsewhere and "Friday, 4 December" in elsewhere
    german = text(await say(door, "und am Montag?", lang="de"))
    assert "Mariakerke" in german and "Montag, 7. Dezember" in german


async def test_a_picked_centre_after_a_question_about_a_day_answers_for_that_day(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    which = await say(door, "open op 24 december?", lang="nl")
    answer = text(await press(door, button(which, "Hazegras"), lang="nl"))
    assert "Hazegras" in answer and "24 december" in answer
    assert "Vandaag" not in answer  # not this week's hours
    typed = text(await say(door, "en Stene?", lang="nl"))
    assert "Stene" in typed and "24 december" in typed


async def test_a_centre_typed_instead_of_picked_answers_for_the_day_asked_about(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "open op 24 december?", lang="nl")
    answer = text(await say(door, "Hazegras", lang="nl"))
    assert "Hazegras" in answer and "24 december" in answer


async def test_a_follow_up_after_half_an_hour_stands_alone(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "Is Stene open today?", lang="nl")
    clock.advance(timedelta(minutes=31))
    answer = text(await say(door, "en morgen?", lang="nl"))
    assert "Stene" not in answer


async def test_each_resident_follows_up_on_their_own_answers(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "Is Stene open today?")
    await say(door, "Is Mariakerke open today?", user=NEIGHBOUR)
    mine = text(await say(door, "and tomorrow?"))
    assert "Stene" in mine and "Mariakerke" not in mine


async def test_a_full_question_after_an_answer_is_not_bent_into_a_follow_up(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "Is Stene open tomorrow?")
    answer = text(await say(door, "What's on at Mariakerke this week?"))
    assert "What's on in Mariakerke" in answer
    assert "Stene" not in answer


async def test_ask_is_stateless_a_follow_up_there_is_not_understood(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await door.ask("Is Stene open today?", client_language="nl", at=THURSDAY)
    answer = await door.ask("en morgen?", client_language="nl", at=THURSDAY)
    assert answer.intent == "unknown" and answer.centre is None


async def test_what_a_question_was_about_is_gone_half_an_hour_later(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY)
    await say(door, "Is Stene open today?", user=NEIGHBOUR)  # no consent asked or given
    kept = await residents.my_data(door.store, NEIGHBOUR, clock.now())
    assert [row["state"]["centre"] for row in kept["conversation_state"]] == ["stene"]
    clock.advance(timedelta(minutes=31))
    await purge_inactive(door.store, door.org, door.calendar, clock.now())
    assert await traces(door.store, NEIGHBOUR) == []


async def test_and_on_friday_after_an_hours_question_keeps_the_centre(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(THURSDAY - timedelta(days=2))  # Tuesday 1 December
    await say(door, "Is Hazegras open today?")
    friday = text(await say(door, "and on Friday?"))
    assert "Hazegras" in friday and "Friday, 4 December" in friday
    assert "Sorry" not in friday
