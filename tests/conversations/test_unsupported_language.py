"""A message in a language the bot does not speak gets the languages it does speak."""

from __future__ import annotations

import pytest

from conversations.engine import FrontDoor
from conversations.payloads import Language
from data import DEMO_ORGANISATIONS
from tests.conversations import NOW, understander
from tests.conversations.chat import payloads, press, say, text

LANGUAGE_BUTTONS = [Language(code) for code in ("nl", "fr", "de", "en", "tr", "ar", "pl", "uk")]

OTHER_LANGUAGES = [
    ("¿Dónde está el centro? Necesito ayuda, por favor", "es"),
    ("Hola", "es"),
    ("Buongiorno, quando apre il centro? Vorrei un corso", "it"),
    ("Olá, onde fica o centro? Preciso de ajuda", "pt"),
    ("Obrigado", "pt"),
    ("Bună ziua, unde este centrul? Vreau să mă înscriu", "ro"),
    ("Здравствуйте, где находится центр?", "ru"),
    ("Когда работает центр?", "ru"),
    ("Salaan, xarunta goorma ayay furan tahay?", "so"),
    ("ሰላም፣ እቲ ማእከል መዓስ ይኽፈት?", "ti"),
    ("Përshëndetje, kur është qendra e hapur?", "sq"),
    ("سلام، مرکز کی باز است؟ می‌خواهم ثبت نام کنم", "fa"),
    ("ببخشید، کلاس زبان هلندی چه روزی است؟", "fa"),
]

# Our eight languages, with the words they share with the languages above ("para", "que",
# "come", "das", "хочу", "мне"): none of them is another language.
OUR_LANGUAGES = [
    "Wanneer is Opex open? Is er koffie gratis?",
    "Mijn moeder komt per bus, kan ze de pot koffie betalen?",
    "Qu'est-ce qu'il y a au centre ce mardi ? Une table de conversation ?",
    "Il y a un cours de cuisine pour nos voisins ?",
    "Das ist mein Mund, ich habe Zahnschmerzen, wo ist der Arzt?",
    "Come to the choir, are you there on Tuesday?",
    "I am at the care home, do you have a program for me?",
    "Merkezde para ödemeden kursa katılabilir miyim? Ne zaman açık?",
    "هل المركز مفتوح اليوم؟",
    "واش كاين اليوگا غدا فالمركز؟",  # Darija writes گ for a g: still Arabic
    "بغيت نتسجل فالدرس ديال الخياطة، شحال كيسوا؟",
    "Gdzie jest centrum? Po co mam się zapisać?",
    "Я хочу записатися на курс, коли відкрито?",
    "Хочу на педикюр у четвер",
    "Де знаходиться центр?",
]


@pytest.mark.parametrize(("words", "code"), OTHER_LANGUAGES)
def test_a_language_we_do_not_speak_is_recognised(words: str, code: str) -> None:
    u = understander().understand(words, now=NOW, client_language="nl")
    assert u.unsupported == code
    assert u.written_in is None


@pytest.mark.parametrize("words", OUR_LANGUAGES)
def test_our_own_languages_are_never_taken_for_another(words: str) -> None:
    assert understander().understand(words, now=NOW).unsupported is None


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_no_name_of_our_data_is_taken_for_another_language(org_id: str) -> None:
    reader = understander(org_id)
    org = reader.org
    names = [c.name.values for c in org.centres] + [a.title.values for a in org.activities]
    names += [d.topic.values for d in org.desks]
    for values in names:
        for name in values.values():
            assert reader.understand(name, now=NOW).unsupported is None, name


async def test_spanish_on_a_dutch_phone_is_told_our_languages_in_english_and_dutch(
    door: FrontDoor,
) -> None:
    replies = await say(door, "¿Dónde está el centro? Necesito ayuda", user=8101, lang="nl")
    assert [r.language for r in replies] == ["en", "nl"]
    assert "I do not speak that language" in replies[0].text
    assert "die taal spreek ik niet" in replies[1].text
    assert "Français" in replies[0].text and "Українська" in replies[1].text
    assert payloads(replies)[:8] == LANGUAGE_BUTTONS  # the buttons, under the last message
    assert not replies[0].buttons


@pytest.mark.parametrize("phone", ["en", "es", None])
async def test_with_an_english_or_unsupported_phone_english_alone(
    door: FrontDoor, phone: str | None
) -> None:
    answer = await door.ask("Привет, что это за центр?", client_language=phone)
    assert (answer.intent, answer.language) == ("language", "en")
    assert [r.language for r in answer.replies] == ["en"]
    assert payloads(answer.replies)[:8] == LANGUAGE_BUTTONS


async def test_the_json_of_ask_reports_intent_language_in_english(door: FrontDoor) -> None:
    answer = await door.ask("Buongiorno, quando apre il centro?", client_language="fr")
    got = answer.to_json()
    assert (got["intent"], got["language"], got["safety"]) == ("language", "en", None)
    assert [r.language for r in answer.replies] == ["en", "fr"]
    assert "je ne parle pas cette langue" in text(answer.replies)


async def test_a_crisis_in_another_language_still_gets_the_emergency_numbers(
    door: FrontDoor,
) -> None:
    answer = await door.ask("Hola, quiero suicidarme, no puedo más", client_language="nl")
    # Heard as a possible crisis: the numbers come first, then the languages we speak.
    assert answer.safety == "suicide"
    shown = text(answer.replies)
    assert "112" in shown
    assert shown.index("112") < shown.find("I do not speak that language") or (
        "I do not speak that language" not in shown
    )


async def test_choosing_a_language_from_the_buttons_switches_to_it(door: FrontDoor) -> None:
    await say(door, "Olá, onde fica o centro?", user=8102, lang="nl")
    replies = await press(door, Language("fr"), user=8102, lang="nl")
    assert replies and all(r.language == "fr" for r in replies)
