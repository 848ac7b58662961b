"""Consent at first contact: nothing personal is kept before a resident agrees."""

from __future__ import annotations

from datetime import timedelta

from conversations.consent import has_consent
from conversations.engine import FrontDoor
from conversations.payloads import (
    Consent,
    Contact,
    Desks,
    Help,
    Hours,
    Language,
    Menu,
    Nearest,
    Payload,
    Privacy,
    WhatsOn,
)
from conversations.reply import Incoming, IncomingKind, Reply
from storage.clock import FixedClock
from storage.conversation_language import KEPT
from tests.conversations.chat import payloads, press, say, text
from tests.conversations.traces import traces

NEWCOMER = 6123456789
MENU = {Hours(), WhatsOn(), Desks(), Contact(), Nearest(), Help(), Language(), Privacy()}


async def _start(door: FrontDoor, user: int = NEWCOMER, lang: str = "en") -> list[Reply]:
    return await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload="start", client_language=lang)
    )


async def test_start_welcomes_with_what_is_kept_why_how_long_and_how_to_delete(
    door: FrontDoor,
) -> None:
    replies = await _start(door)
    assert len(replies) == 1  # one message: the welcome, the note and the menu
    shown = text(replies)
    assert "Ostend" in shown
    assert "I keep nothing about you until you agree" in shown
    assert "your name" in shown and "the centre knows who is coming" in shown
    assert "24 months" in shown
    assert "/mydata" in shown and "/forget" in shown
    assert Consent() in payloads(replies)
    assert set(payloads(replies)) >= MENU
    assert await traces(door.store, NEWCOMER) == []


async def test_a_hello_from_someone_unknown_also_shows_the_note(door: FrontDoor) -> None:
    replies = await say(door, "Hello", user=NEWCOMER)
    assert Consent() in payloads(replies)
    assert await traces(door.store, NEWCOMER) == []


async def test_questions_are_answered_without_consent_and_leave_only_their_topic(
    door: FrontDoor,
) -> None:
    hours = await say(door, "Is Stene open tomorrow?", user=NEWCOMER, name="Nadia")
    assert "Stene" in text(hours)
    assert Consent() not in payloads(hours)  # no nagging on answers
    whats_on = await press(door, WhatsOn("stene"), user=NEWCOMER, name="Nadia")
    assert whats_on
    # Only what the last answer was about, for a follow-up question: no resident, no name.
    assert {t for t, _ in await traces(door.store, NEWCOMER, "Nadia")} == {"conversation_state"}
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0


async def test_agreeing_records_consent_and_the_welcome_stops_asking(door: FrontDoor) -> None:
    await _start(door)
    thanks = await press(door, Consent(), user=NEWCOMER)
    assert "Thank you" in text(thanks)
    assert Hours() in payloads(thanks)
    assert await has_consent(door.store, NEWCOMER)
    again = await _start(door)
    assert Consent() not in payloads(again)
    assert "until you agree" not in text(again)


async def test_agreeing_keeps_no_name_until_one_is_needed(door: FrontDoor) -> None:
    await press(door, Consent(), user=NEWCOMER, name="Nadia")
    assert await traces(door.store, NEWCOMER, "Nadia") != []  # consent is kept, with the id
    assert [t for t in await traces(door.store, NEWCOMER, "Nadia") if "Nadia" in t[1]] == []


async def test_choosing_a_language_before_consent_keeps_it_only_for_the_conversation(
    door: FrontDoor, clock: FixedClock
) -> None:
    chosen = await press(door, Language("fr"), user=NEWCOMER, lang="nl")
    assert chosen[0].language == "fr"
    assert Consent("fr") in payloads(chosen)
    assert Menu() in payloads(chosen) and Help() in payloads(chosen)
    # Only the conversation's language, in its own short-lived row: no resident, no name.
    assert {table for table, _ in await traces(door.store, NEWCOMER)} == {"conversation_language"}
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0
    later = await press(door, Hours(), user=NEWCOMER, lang="nl")
    assert later[0].language == "fr"  # the conversation goes on in French
    clock.advance(KEPT + timedelta(minutes=1))
    next_day = await press(door, Hours(), user=NEWCOMER, lang="nl")
    assert next_day[0].language == "nl"  # not remembered beyond the conversation


async def test_agreeing_at_the_language_choice_remembers_the_language(door: FrontDoor) -> None:
    await press(door, Language("fr"), user=NEWCOMER, lang="nl")
    agreed = await press(door, Consent("fr"), user=NEWCOMER, lang="nl")
    assert agreed[0].language == "fr"
    later = await press(door, Hours(), user=NEWCOMER, lang="nl")
    assert later[0].language == "fr"


async def test_with_consent_a_language_choice_is_kept_at_once(door: FrontDoor) -> None:
    await press(door, Consent(), user=NEWCOMER)
    chosen = await press(door, Language("de"), user=NEWCOMER)
    assert Consent("de") not in payloads(chosen)
    assert (await press(door, Hours(), user=NEWCOMER))[0].language == "de"


async def test_not_now_and_forged_consent_buttons_keep_nothing(door: FrontDoor) -> None:
    await press(door, Language("fr"), user=NEWCOMER)
    not_now = await press(door, Menu(), user=NEWCOMER)  # "Not now"
    assert not_now[0].language == "fr"  # not now remembered, but still the conversation's
    forgeries: list[Payload | str] = [Consent("xx")]
    forgeries += [Consent().pack() + tail for tail in (":fr:extra", ":", "ay")]
    for forged in forgeries:
        replies = await press(door, forged, user=NEWCOMER)
        assert replies[0].language == "fr"
        assert "plus valable" in text(replies), forged
    assert {t for t, _ in await traces(door.store, NEWCOMER)} == {"conversation_language"}
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0


async def test_voordeur_ask_never_writes_consent(door: FrontDoor) -> None:
    answer = await door.ask("Hello")
    assert answer.replies
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0
