"""Arabic replies read right: numbers, times and prices keep their order (checked with UAX #9)."""

from __future__ import annotations

import re

from bidi import get_display

from conversations.bidi import isolate_ltr
from conversations.engine import FrontDoor
from conversations.payloads import Contact
from conversations.reply import Reply
from tests.conversations.chat import press, say
from tests.present import present

ISOLATES = re.compile("[\u2066-\u2069]")


def shown(text: str) -> str:
    """What a screen shows, left to right, for a right-to-left paragraph (isolates invisible)."""
    return ISOLATES.sub("", get_display(text, base_dir="R"))


def test_a_phone_number_in_an_arabic_sentence_shows_in_its_own_order() -> None:
    sentence = "اتصل على 059 00 10 01 الآن"
    assert "059 00 10 01" not in shown(sentence)  # scrambled without isolates: "01 10 00 059"
    assert "059 00 10 01" in shown(isolate_ltr(sentence))


def test_times_dates_and_prices_keep_their_order() -> None:
    sentence = "مفتوح من 09:00–12:00 و 13:00–16:30، يوم 24/12، بسعر 9.50\u00a0€"
    display = shown(isolate_ltr(sentence))
    for run in ("09:00–12:00", "13:00–16:30", "24/12", "9.50\u00a0€"):
        assert run in display, run


def test_isolating_twice_changes_nothing_and_other_languages_are_left_alone() -> None:
    once = isolate_ltr("اتصل على 059 00 10 01")
    assert isolate_ltr(once) == once
    assert Reply("Bel 059 00 10 01", language="nl").text == "Bel 059 00 10 01"
    assert Reply("اتصل على 059 00 10 01", language="ar").text == once


async def test_an_arabic_contact_answer_shows_the_phone_number_in_order(door: FrontDoor) -> None:
    replies = await press(door, Contact("stene"), lang="ar")
    phone = present(door.org.centre("stene")).phone
    assert phone and any(phone in shown(r.text) for r in replies)


async def test_arabic_opening_hours_show_each_interval_in_order(door: FrontDoor) -> None:
    replies = await say(door, "متى يفتح مركز ستين؟", lang="ar")
    display = "\n".join(shown(r.text) for r in replies)
    assert re.search(r"\d\d:\d\d–\d\d:\d\d", display)
    assert "،" in replies[0].text or "\n" in replies[0].text
