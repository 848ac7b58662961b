"""A crisis written in Russian by someone on a Ukrainian phone, or in Russian mixed with
Ukrainian, is caught and answered in Ukrainian (issue 12 §1, class 4).

Many Ukrainians write Russian. The understanding already answers their ordinary questions in
Ukrainian (README, language); a crisis was caught but answered in English, the language for
messages we cannot read. Ukrainian is the language we speak nearest to Russian, and the phone
says the person reads it. On a Dutch phone, with nothing Ukrainian around, a Russian crisis
stays English (tests/conversations/test_safety.py).
"""

from __future__ import annotations

import pytest

from conversations.engine import FrontDoor
from conversations.safety import KINDS, detect, message_language
from tests.conversations.chat import RESIDENT, plain, say

# Our own wording: all four kinds, with and without the letters only Russian has (ы э ъ ё),
# typos and run-ons, a crisis inside an ordinary question, Russian with Ukrainian words.
RUSSIAN_CRISES: list[tuple[str, str]] = [
    ("я больше не хочу жить, всё решено, сегодня ночью", "suicide"),
    ("Мне так плохо, я хочу умереть и чтобы всё закончилось", "suicide"),
    ("таблетки уже собрала, хочу покончить с собой", "suicide"),
    ("я снова режу себе руки, чтобы не чувствовать эту боль", "self_harm"),
    ("муж бьет меня каждый вечер и сегодня угрожал ножом", "violence"),
    ("сын забирает мою пенсию и бьёт меня, если я не даю денег", "violence"),
    ("мама упала на кухне и не может встать, у неё кровь на голове", "medical"),
    ("у мужа перекосило лицо и он не может говорить, что делать", "medical"),
    ("скажите во сколько открыт центр в среду, хотя мне уже всё равно, я не хочу жить", "suicide"),
    ("я не хочу більше жити, все вже решила", "suicide"),  # Russian with Ukrainian words
]


@pytest.mark.parametrize(("words", "kind"), RUSSIAN_CRISES)
def test_russian_crises_are_caught_and_read_as_ukrainian_from_a_ukrainian_phone(
    words: str, kind: str
) -> None:
    signal = detect(words, lang="uk")
    assert signal is not None and signal.kind in KINDS, words
    assert message_language(words, signal, "nl", ("uk",)) == "uk"
    assert message_language(words, signal, "uk") == "uk"


@pytest.mark.parametrize(("words", "kind"), RUSSIAN_CRISES[:8:3])
async def test_a_russian_crisis_from_a_ukrainian_phone_gets_the_numbers_in_ukrainian(
    door: FrontDoor, words: str, kind: str
) -> None:
    answer = (await door.ask(words, client_language="uk")).to_json()
    assert answer["safety"] in KINDS and answer["language"] == "uk"
    assert plain(answer["reply"]).startswith("🆘 112")
    assert " you " not in answer["reply"]  # not the English reply


async def test_russian_in_a_ukrainian_conversation_is_answered_in_ukrainian(
    door: FrontDoor,
) -> None:
    """The phone is Dutch, but the resident was writing Ukrainian a moment ago."""
    await say(door, "Коли відкритий центр у середу?", lang="nl")
    replies = await say(door, "я больше не хочу жить, простите меня все", lang="nl")
    mine = next(r for r in replies if r.recipient is None)
    assert mine.language == "uk"
    assert "112" in mine.text


async def test_a_russian_crisis_on_a_dutch_phone_is_still_answered_in_english(
    door: FrontDoor,
) -> None:
    replies = await say(door, "я больше не хочу жить", user=RESIDENT + 7, lang="nl")
    mine = next(r for r in replies if r.recipient is None)
    assert mine.language == "en"
