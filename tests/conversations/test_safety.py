"""Safety: a crisis is answered first with the emergency numbers, staff are alerted, and
ordinary phrases that only sound alarming are left alone, in every language."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from bot.runtime import build_front_door
from conversations.engine import FrontDoor, default_guards
from conversations.payloads import (
    Feedback,
    Help,
    HelpCentre,
    HelpStep,
    HelpTopic,
    Resume,
    ShiftAction,
    SignupConfirm,
    SignupConsent,
    SignupTariff,
    VolunteerJoinChoice,
    WhatsOn,
)
from conversations.reply import Incoming, IncomingKind
from conversations.safety import KINDS, SAFETY_DIR, SafetyGuard, detect, message_language
from rules.volunteers import create_code
from storage.clock import FixedClock
from storage.model import LANGUAGES
from storage.repositories import repositories
from tests.conversations.chat import RESIDENT, STAFF, payloads, plain, press, say, text

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
    assert plain(mine[0].text).startswith("🆘 112")  # the numbers first
    assert payloads(mine)[0] == Help() and len(payloads(mine)) <= 3  # a person, not nine buttons
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
        assert kinds - {"distress"} == set(KINDS), lang
        assert data["harmless"], lang


def test_the_safety_guard_comes_before_every_other_guard() -> None:
    assert isinstance(default_guards()[0], SafetyGuard)


async def test_the_guard_answers_before_a_waiting_flow_and_the_resident_can_go_on(
    door: FrontDoor,
) -> None:
    await press(door, HelpTopic("health"))
    await press(door, HelpCentre("c", "health", "centrum"))
    await press(door, HelpCentre("ok", "health", "centrum"))
    replies = await say(door, "I have chest pain")
    assert "112" in text(replies)
    state = await door.store.fetch_value("SELECT flow FROM conversation_state")
    assert state == "p"  # the help request is still open
    assert Resume() in payloads(replies)
    again = await press(door, Resume())  # one button back to the question they were at
    assert HelpStep("skip") in payloads(again)
    phone_step = await press(door, HelpStep("skip"))
    assert HelpStep("nophone") in payloads(phone_step)
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


async def test_at_the_phone_step_a_crisis_is_answered_first_and_the_step_comes_back(
    door: FrontDoor,
) -> None:
    await press(door, HelpTopic("health"))
    await press(door, HelpCentre("c", "health", "centrum"))
    await press(door, HelpCentre("ok", "health", "centrum"))
    await press(door, HelpStep("skip"))  # now at the phone-number step
    replies = await say(door, "my husband collapsed and is not breathing")
    mine = [r for r in replies if r.recipient is None]
    assert plain(mine[0].text).startswith("🆘 112")
    assert [r.recipient for r in replies].count(STAFF) == 1
    again = await press(door, Resume())
    assert HelpStep("nophone") in payloads(again)  # the phone question again
    assert await door.store.fetch_value("SELECT count(*) FROM help_requests") == 0


async def test_a_crisis_typed_as_feedback_is_not_filed_and_the_message_can_be_written_after(
    door: FrontDoor,
) -> None:
    await say(door, "/start")  # nothing to do with safety: a fresh resident
    await press(door, Feedback())  # "What would you like to tell the staff?"
    replies = await say(door, "I fell in the bathroom and I can't get up")
    assert "112" in text(replies) and Resume() in payloads(replies)
    assert await door.store.fetch_value("SELECT count(*) FROM feedback") == 0
    again = await press(door, Resume())
    assert "tell the staff" in text(again)


async def test_a_crisis_in_the_middle_of_a_sign_up_comes_first_and_the_sign_up_waits(
    door: FrontDoor,
) -> None:
    await say(door, "I want to sign up for the Christmas lunch")
    before = await door.store.fetch_value("SELECT flow FROM conversation_state")
    replies = await say(door, "i wanna sign up but honestly i dont want to live anymore")
    assert plain(replies[0].text).startswith("🆘 112") and "1813" in replies[0].text
    after = await door.store.fetch_value("SELECT flow FROM conversation_state")
    assert after == before  # whatever step they were at is still there
    assert await door.store.fetch_value("SELECT count(*) FROM signups") == 0


async def test_the_reply_is_in_the_language_of_the_message_not_of_the_phone(
    door: FrontDoor,
) -> None:
    replies = await say(door, "jai envie de me suicider", lang="nl")
    mine = next(r for r in replies if r.recipient is None)
    assert mine.language == "fr"
    assert "jour et nuit" in mine.text  # the helplines described in French, not Dutch
    english = await say(door, "i wanna die", lang="de", user=RESIDENT + 1)
    assert next(r for r in english if r.recipient is None).language == "en"


@pytest.mark.parametrize(
    "words",
    [
        "Quiero suicidarme esta noche, ya no puedo más",
        "У меня мысли о самоубийстве, я больше не могу",
    ],
)
async def test_a_crisis_in_a_language_we_do_not_speak_gets_the_numbers_in_english(
    door: FrontDoor, words: str
) -> None:
    """Not in the phone's language (Dutch here): English is the likeliest to be read."""
    answer = (await door.ask(words, client_language="nl")).to_json()
    assert answer["safety"] == "suicide" and answer["language"] == "en"
    assert "112" in answer["reply"] and " you " in answer["reply"]  # written in English


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("پدرم روی زمین افتاده و نفس نمی‌کشد", "medical"),  # Persian
        ("شوهرم هر شب مرا کتک می‌زند", "violence"),
        ("Я не хочу больше жить, устала от всего", "suicide"),  # Russian, no ы э ъ ё
    ],
)
async def test_a_crisis_in_persian_or_russian_is_caught_and_answered_in_english(
    door: FrontDoor, words: str, kind: str
) -> None:
    answer = (await door.ask(words, client_language="nl")).to_json()
    assert answer["safety"] == kind and answer["language"] == "en"
    assert plain(answer["reply"]).startswith("🆘 112")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Quiero matarme, ya no puedo más", "en"),
        ("Хочу умереть, мысли о смерти не уходят", "en"),
        ("می‌خواهم بمیرم، دیگر نمی‌توانم", "en"),
        ("بغيت نموت، ما بقيتش قادر", "ar"),
        ("je veux mourir", "fr"),
    ],
)
def test_the_crisis_reply_language_of_a_message_we_cannot_read_is_english(
    words: str, expected: str
) -> None:
    assert message_language(words, detect(words), "nl") == expected


async def test_ask_json_reports_the_kind_of_crisis_distress_or_nothing(door: FrontDoor) -> None:
    crisis = (await door.ask("Mijn man slaat mij", client_language="nl")).to_json()
    assert crisis["safety"] == "violence" and plain(crisis["reply"]).startswith("🆘 112")
    lonely = (await door.ask("ik voel me zo alleen sinds mijn man er niet meer is")).to_json()
    assert lonely["safety"] == "distress"
    assert "106" in lonely["reply"] and "112" not in lonely["reply"]
    ordinary = (await door.ask("Wanneer is het centrum open?", client_language="nl")).to_json()
    assert ordinary["safety"] is None


async def test_loneliness_gets_a_person_a_listening_line_and_company_not_a_shrug(
    door: FrontDoor,
) -> None:
    replies = await say(door, "I feel so lonely since my wife died")
    assert all(r.recipient is None for r in replies)  # no alarm for staff
    assert "106" in text(replies) and "Tele-Onthaal" in text(replies)
    assert "meet people" in text(replies)
    assert Help() in payloads(replies) and WhatsOn() in payloads(replies)


async def test_loneliness_beside_a_question_gets_a_kind_word_and_the_answer(
    door: FrontDoor,
) -> None:
    replies = await say(door, "I miss my wife so much. When is the centre in Stene open?")
    assert "106" in replies[0].text
    assert "Stene" in text(replies[1:])  # and the opening hours after it


async def test_after_a_crisis_in_a_sign_up_continue_asks_that_sign_up_question_again(
    door: FrontDoor,
) -> None:
    await say(door, "I want to sign up for the Christmas lunch")
    tariff = await press(door, SignupConsent())  # "Do you have a right to the reduced tariff?"
    crisis = await say(door, "by friday i wont be alive anyway, everything is arranged")
    assert crisis[0].text.startswith("🆘 112") and Resume() in payloads(crisis)
    again = await press(door, Resume())
    assert text(again) == text(tariff)  # the very question, not "type your answer, or choose"
    assert payloads(again) == payloads(tariff)
    summary = await press(door, SignupTariff(False))  # and the sign-up goes on from there
    assert "Christmas lunch" in text(summary) and SignupConfirm() in payloads(summary)


async def test_after_a_crisis_while_becoming_a_volunteer_continue_asks_that_question_again(
    door: FrontDoor,
) -> None:
    await say(door, "I would like to volunteer")
    where = await press(
        door, VolunteerJoinChoice("w", "kitchen")
    )  # "At which centre would you like to help?"
    crisis = await say(door, "my husband grabbed me by the throat last night")
    assert crisis[0].text.startswith("🆘 112") and Resume() in payloads(crisis)
    again = await press(door, Resume())
    assert text(again) == text(where) and payloads(again) == payloads(where)
    when = await press(door, VolunteerJoinChoice("c", "stene"))
    assert "When are you free?" in text(when)


async def test_after_a_crisis_typed_as_a_volunteers_reason_the_reason_is_asked_again(
    door: FrontDoor,
) -> None:
    marie = 5001  # v-marie in the Oostende data: reception on Wednesday mornings
    shift = ("reception-centrum", datetime(2026, 11, 25, 9, 0))
    code = await create_code(
        repositories(door.store), door.org.id, "v-marie", now=door.clock.now()
    )
    await door.handle(Incoming(marie, IncomingKind.COMMAND, payload="start", text=code))
    ask = await press(door, ShiftAction("c!", *shift), user=marie)  # "tell the centre why?"
    crisis = await say(
        door, "i have been collecting my pills and tonight i take them all", user=marie
    )
    assert crisis[0].text.startswith("🆘 112") and Resume() in payloads(crisis)
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0
    again = await press(door, Resume(), user=marie)
    assert text(again) == text(ask) and payloads(again) == payloads(ask)


async def test_a_message_that_is_only_possibly_a_crisis_gets_the_numbers_and_the_normal_answer(
    door: FrontDoor,
) -> None:
    replies = await say(door, "My son is so aggressive lately. When is the centre in Stene open?")
    first, *rest = [r for r in replies if r.recipient is None]
    assert "112" in first.text and not first.text.startswith("🆘")  # gentle, not the alarm
    assert "1712" in first.text  # the violence line for this kind
    assert Help() in payloads([first])  # a person
    assert "Stene" in text(rest)  # and the opening hours they asked for
    assert all(r.recipient is None for r in replies)  # staff hear of certain signals only
    answer = (await door.ask("my son is so aggressive lately", client_language="en")).to_json()
    assert answer["safety"] == "violence"  # reported for both tiers
    certain = (await door.ask("my son hits me", client_language="en")).to_json()
    assert certain["safety"] == "violence" and certain["reply"].startswith("🆘 112")
