"""What residents want, in every language: the lexicon's own examples and a few hard cases."""

from __future__ import annotations

import pytest

from conversations.understanding import INTENTS, load_lexicon
from tests.conversations import NOW, understander

EXAMPLES = [
    pytest.param(text, intent, lang, id=f"{lang}-{intent}-{n}")
    for lang, examples in load_lexicon().examples.items()
    for n, (text, intent) in enumerate(examples)
]


def test_every_language_file_has_examples_for_most_intents() -> None:
    for lang, examples in load_lexicon().examples.items():
        covered = {intent for _, intent in examples}
        assert len(covered) >= 15, lang
        assert covered <= set(INTENTS), lang


@pytest.mark.parametrize(("text", "intent", "lang"), EXAMPLES)
def test_a_lexicon_example_is_understood_as_written(text: str, intent: str, lang: str) -> None:
    result = understander().understand(text, now=NOW)
    assert result.intent == intent
    if intent != "language":
        assert result.language == lang


@pytest.mark.parametrize("text", ["asdfgh qwerty", "xkcd blorp zzz", "12345", "???"])
def test_gibberish_is_not_understood(text: str) -> None:
    assert understander().understand(text, now=NOW).intent == "unknown"


def test_praise_with_a_thank_you_is_feedback_not_goodbye() -> None:
    text = "Het stoelturnen was super leuk vandaag, bedankt aan de begeleider!"
    assert understander().understand(text, now=NOW).intent == "feedback"


def test_a_call_back_about_the_rent_is_a_help_request() -> None:
    text = "Kan iemand mij terugbellen? Ik heb een probleem met mijn huur"
    assert understander().understand(text, now=NOW).intent == "help_request"


def test_help_with_a_smartphone_is_a_desk_question_listing_both_digital_desks() -> None:
    result = understander().understand("J'ai besoin d'aide avec mon smartphone", now=NOW)
    assert result.intent == "service_desk"
    assert set(result.desks) == {"digital-hazegras", "digital-konterdam"}


@pytest.mark.parametrize(
    ("text", "desk"),
    [
        ("Waar kan ik terecht met vragen over mijn pensioen?", "pensions"),
        ("I need free legal advice", "legal"),
        ("Ik ben mantelzorger, waar kan ik terecht?", "carers"),
        ("Де можна отримати консультацію щодо пенсії?", "pensions"),
    ],
)
def test_a_desk_topic_finds_its_desk(text: str, desk: str) -> None:
    result = understander().understand(text, now=NOW)
    assert result.intent == "service_desk"
    assert desk in result.desks


def test_a_typo_in_a_sign_up_verb_still_signs_up() -> None:
    result = understander().understand("Ik wil me inschrijen voor stoelturnen", now=NOW)
    assert (result.intent, result.activity) == ("signup", "chair-gym")


def test_a_resident_who_cannot_come_cancels() -> None:
    text = "I can't come to the smartphone café on Wednesday"
    result = understander().understand(text, now=NOW, client_language="en")
    assert (result.intent, result.activity) == ("cancel_signup", "smartphone-cafe")
