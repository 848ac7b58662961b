"""The conversation's language is decided once per update and carried to button presses."""

from __future__ import annotations

from typing import TypedDict

import pytest

from conversations.engine import FrontDoor
from conversations.i18n import Translator
from conversations.payloads import (
    Consent,
    Hours,
    Menu,
    SignupConfirm,
    SignupConsent,
    SignupTariff,
    WhatsOn,
)
from tests.conversations.chat import payloads, press, say, text
from tests.conversations.test_signup_flow import signed_up


class Writer(TypedDict):
    """Who writes: the resident and their phone's language."""

    user: int
    lang: str


FRENCH_WITH_DUTCH_PHONE: Writer = {"user": 7001, "lang": "nl"}


def in_language(replies: list, lang: str) -> bool:
    """Every reply is marked as written in `lang`."""
    return bool(replies) and all(r.language == lang for r in replies)


async def test_french_sign_up_on_a_dutch_phone_stays_french_through_consent(
    door: FrontDoor,
) -> None:
    asked = await say(
        door, "Je voudrais m'inscrire au déjeuner de Noël", **FRENCH_WITH_DUTCH_PHONE
    )
    assert in_language(asked, "fr") and SignupConsent() in payloads(asked)
    tariff = await press(door, SignupConsent(), **FRENCH_WITH_DUTCH_PHONE)  # "✅ Oui, d'accord"
    assert in_language(tariff, "fr")
    summary = await press(door, SignupTariff(False), **FRENCH_WITH_DUTCH_PHONE)
    assert in_language(summary, "fr")
    done = await press(door, SignupConfirm(), **FRENCH_WITH_DUTCH_PHONE)
    assert in_language(done, "fr")
    assert [s.resident_id for s in await signed_up(door)] == [7001]
    kept = await door.store.fetch_value("SELECT language FROM residents WHERE user_id = 7001")
    assert kept == "fr"


@pytest.mark.parametrize(
    ("words", "lang"),
    [("Bonjour, quels sont les horaires ?", "fr"), ("مرحبا، ما هي مواعيد العمل؟", "ar")],
)
async def test_before_consent_a_button_press_answers_in_the_language_written_in(
    door: FrontDoor, words: str, lang: str
) -> None:
    first = await say(door, words, user=7002, lang="nl")
    assert in_language(first, lang)
    for payload in (Hours(), WhatsOn(), Menu()):
        pressed = await press(door, payload, user=7002, lang="nl")
        assert in_language(pressed, lang), payload
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0


async def test_writing_in_the_phones_language_leaves_no_conversation_row(
    door: FrontDoor,
) -> None:
    await say(door, "Wanneer is Opex open?", user=7003, lang="nl")
    await press(door, Hours(), user=7003, lang="nl")
    assert await door.store.fetch_value("SELECT count(*) FROM conversation_language") == 0


async def test_in_english_please_then_not_now_stays_english(door: FrontDoor) -> None:
    asked = await say(door, "in english please", user=7004, lang="nl")
    assert in_language(asked, "en") and Consent("en") in payloads(asked)
    not_now = await press(door, Menu(), user=7004, lang="nl")
    assert in_language(not_now, "en")
    hours = await press(door, Hours(), user=7004, lang="nl")
    assert in_language(hours, "en")
    # Even a message that reads as Dutch is answered in the language asked for.
    question = await say(door, "Opex morgen open?", user=7004, lang="nl")
    assert in_language(question, "en")


async def test_naming_dutch_as_a_subject_does_not_switch_the_conversation(
    door: FrontDoor,
) -> None:
    replies = await say(door, "when is the dutch language café", user=7005, lang="nl")
    assert in_language(replies, "en")
    switched = Translator("nl").gettext("From now on I will answer in English.")
    assert switched not in text(replies)
    then = await press(door, Hours(), user=7005, lang="nl")
    assert in_language(then, "en")


async def test_a_typed_answer_inside_a_flow_is_answered_in_the_conversations_language(
    door: FrontDoor,
) -> None:
    await say(door, "Je voudrais parler à quelqu'un", user=7006, lang="nl")
    pressed = await press(door, Hours(), user=7006, lang="nl")
    assert in_language(pressed, "fr")
    short = await say(door, "2", user=7006, lang="nl")  # no language of its own
    assert in_language(short, "fr")
