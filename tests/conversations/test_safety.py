"""Safety: a crisis is answered first with the emergency numbers, staff are alerted, and
ordinary phrases that only sound alarming are left alone, in every language."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from bot.runtime import build_front_door
from conversations.engine import FrontDoor, default_guards
from conversations.safety import KINDS, SAFETY_DIR, SafetyGuard, detect
from storage.clock import FixedClock
from storage.model import LANGUAGES
from tests.conversations.chat import RESIDENT, STAFF, payloads, press, say, text

CRISES: list[tuple[str, str, str]] = [
    ("en", "I want to kill myself", "suicide"),
    ("en", "I keep cutting myself", "self_harm"),
    ("en", "My husband hits me every night", "violence"),
    ("en", "My neighbour collapsed and he is not breathing", "medical"),
    ("en", "I have chest pain", "medical"),
    ("nl", "Ik wil niet meer leven", "suicide"),
    ("nl", "Mijn man slaat mij", "violence"),
    ("nl", "Ik word bedreigd door mijn zoon", "violence"),
    ("nl", "Ik heb pijn op de borst en krijg geen lucht", "medical"),
    ("fr", "Je veux mourir", "suicide"),
    ("fr", "Mon mari me frappe", "violence"),
    ("fr", "J'ai une douleur à la poitrine", "medical"),
    ("de", "Ich will nicht mehr leben", "suicide"),
    ("de", "Mein Mann schlägt mich", "violence"),
    ("de", "Ich bekomme keine Luft", "medical"),
    ("tr", "Kendimi öldürmek istiyorum", "suicide"),
    ("tr", "Kocam beni dövüyor", "violence"),
    ("tr", "Göğüs ağrım var, nefes alamıyorum", "medical"),
    ("ar", "أريد أن أموت", "suicide"),
    ("ar", "زوجي يضربني", "violence"),
    ("ar", "عندي ألم في الصدر", "medical"),
    ("pl", "Nie chcę już żyć", "suicide"),
    ("pl", "Mąż mnie bije", "violence"),
    ("pl", "Nie mogę oddychać", "medical"),
    ("uk", "Я хочу померти", "suicide"),
    ("uk", "Чоловік б'є мене", "violence"),
    ("uk", "У мене біль у грудях", "medical"),
]

ORDINARY: list[tuple[str, str]] = [
    ("en", "I'm dying to know when the lunch starts"),
    ("en", "Just killing time, what's on today?"),
    ("en", "What a stroke of luck that Stene is open!"),
    ("en", "It hit me that I forgot my keys at the centre"),
    ("en", "That quiz almost gave me a heart attack, so much fun"),
    ("nl", "Ik ga dood van het lachen bij de bingo"),
    ("nl", "Hartelijk bedankt voor de lunch!"),
    ("nl", "Ik ben doodmoe na de wandeling"),
    ("nl", "Geweldig die kookles"),
    ("fr", "Je suis mort de rire"),
    ("fr", "Je meurs de faim, c'est quand le dîner ?"),
    ("fr", "On tue le temps au café"),
    ("de", "Ich lache mich tot"),
    ("de", "Herzlichen Dank für alles"),
    ("de", "Wir schlagen die Zeit tot"),
    ("tr", "Gülmekten öldüm"),
    ("tr", "Bu yemeğe bayıldım"),
    ("tr", "Vakit öldürmek için geldim"),
    ("ar", "أموت من الضحك"),
    ("ar", "شكرا جزيلا على الغداء"),
    ("pl", "Umieram ze śmiechu"),
    ("pl", "Zabijamy czas w kawiarni"),
    ("uk", "Помираю від сміху"),
    ("uk", "Вбиваю час у кафе"),
]


@pytest.mark.parametrize(("lang", "words", "kind"), CRISES)
async def test_a_crisis_is_answered_at_once_with_the_numbers_in_the_residents_language(
    door: FrontDoor, lang: str, words: str, kind: str
) -> None:
    assert detect(words) is not None and detect(words).kind == kind  # type: ignore[union-attr]
    replies = await say(door, words, lang=lang)
    mine = [r for r in replies if r.recipient is None]
    assert len(mine) == 1
    assert mine[0].language == lang
    assert "112" in mine[0].text
    if kind in ("suicide", "self_harm"):
        assert "1813" in mine[0].text and "106" in mine[0].text
    assert "p" in payloads(mine) and "m" not in payloads(mine)  # the menu, with a person
    alerts = [r for r in replies if r.recipient == STAFF]
    assert len(alerts) == 1
    assert words not in alerts[0].text  # staff hear that, not what


@pytest.mark.parametrize(("lang", "words"), ORDINARY)
async def test_ordinary_phrases_that_only_sound_alarming_raise_no_alarm(
    door: FrontDoor, lang: str, words: str
) -> None:
    assert detect(words) is None
    replies = await say(door, words, lang=lang)
    assert all(r.recipient is None for r in replies)
    assert "112" not in text(replies)


def test_every_language_has_signals_of_every_kind_in_its_data_file() -> None:
    for lang in LANGUAGES:
        data = yaml.safe_load((SAFETY_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
        assert data["language"] == lang
        kinds = set(data.get("crisis") or {}) | set(data.get("signals") or {})
        assert kinds == set(KINDS), lang
        assert data["harmless"], lang


def test_the_safety_guard_comes_before_every_other_guard() -> None:
    assert isinstance(default_guards()[0], SafetyGuard)


async def test_the_guard_answers_before_a_waiting_flow_and_the_resident_can_go_on(
    door: FrontDoor,
) -> None:
    await press(door, "p:t:health")
    await press(door, "p:c:health:centrum")
    await press(door, "p:ok:health:centrum")
    replies = await say(door, "I have chest pain")
    assert "112" in text(replies)
    state = await door.store.fetch_value("SELECT flow FROM conversation_state")
    assert state == "p"  # the help request is still open
    phone_step = await press(door, "p:skip")
    assert "p:nophone" in payloads(phone_step)
    assert await door.store.fetch_value("SELECT count(*) FROM help_requests") == 0


async def test_staff_are_alerted_once_per_half_hour_while_the_resident_always_gets_help(
    door: FrontDoor, clock: FixedClock
) -> None:
    first = await say(door, "I want to die")
    second = await say(door, "I want to die")
    assert [r.recipient for r in first].count(STAFF) == 1
    assert [r.recipient for r in second].count(STAFF) == 0
    assert "1813" in text(second)
    clock.advance(timedelta(minutes=31))
    third = await say(door, "I want to die")
    assert [r.recipient for r in third].count(STAFF) == 1


async def test_ask_shows_the_numbers_and_alerts_nobody(door: FrontDoor) -> None:
    answer = await door.ask("I want to kill myself", client_language="en")
    assert answer.intent == "help_request"
    assert "112" in text(answer.replies)
    assert all(r.recipient is None for r in answer.replies)


async def test_the_message_text_is_never_logged(
    door: FrontDoor, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="conversations")
    await say(door, "Mijn man slaat mij", lang="nl")
    assert "slaat" not in caplog.text
    assert str(RESIDENT) not in caplog.text


async def test_french_speakers_in_belgium_also_get_the_french_speaking_lines(
    door: FrontDoor,
) -> None:
    replies = await say(door, "Je veux mourir", lang="fr")
    assert "0800 32 123" in text(replies) and "107" in text(replies)


@pytest.fixture
async def hague(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FrontDoor]:
    """The Den Haag demo organisation: in the Netherlands."""
    front_door = await build_front_door(
        "denhaag-zuidwest", tmp_path / "nl.sqlite3", clock=clock, staff_ids=frozenset({STAFF})
    )
    yield front_door
    await front_door.close()


async def test_in_the_netherlands_the_dutch_numbers_are_given(hague: FrontDoor) -> None:
    replies = await say(hague, "Ik wil dood", lang="nl")
    mine = text([r for r in replies if r.recipient is None])
    assert "112" in mine and "113" in mine and "0800-0113" in mine
    assert "1813" not in mine and "106" not in mine
    medical = await say(hague, "Mijn vrouw is bewusteloos", lang="nl")
    assert "112" in text(medical) and "113" not in text(medical)
