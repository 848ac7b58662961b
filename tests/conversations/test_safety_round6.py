"""The classes the fifth blind crisis set missed or raised alarms on, in every language.

Missed: self-harm as a habit with new means and places (a razor on the stomach or thighs, a
cigarette stubbed out on a palm, words scratched into an arm, a hand held in boiling water, a
glass shard "to feel something"); a goodbye told as a decision ("I've decided", "I won't need it
any more", letters for the children, the notary, pills saved, "my last week on this earth"); a
drowning (pulled out of the water, cold and blue); a collapse with snoring or strange breathing;
a child touched by a stepfather or uncle and threatened; a grandson taking the bank card with
threats (setting the house on fire, hurting a pet); bones broken over money; a neighbour's child
beaten every day; walking into the water never to come back. Alarmed: a "brutal" TV crime
series, "tired to death" of work, "going crazy" with an app, a stroke years ago and a wheelchair
question, and "lonely. that's all" (distress, not a crisis); and near misses of the new patterns
(things given away that are no longer needed, the best coffee in the world, a snoring husband).
The examples (safety_round6/<lang>.yaml) are our own wording, not the blind set's messages, and
are not copied into the classifier's training data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conversations.safety_signals import DISTRESS, KINDS, detect
from storage.model import LANGUAGES
from tests.conversations.safety_classes import (
    classes_missing,
    crises_and_calm,
    example_id,
    folder_examples,
)

HERE = Path(__file__).resolve().parent / "safety_round6"
CLASSES = {
    "habit_self_harm_means",
    "goodbye_decided",
    "drowning",
    "collapse_breathing",
    "child_touched",
    "grandson_card",
    "money_threat",
    "neighbour_child_beaten",
    "water_no_return",
    "tv_brutal",
    "tired_of_work",
    "crazy_with_app",
    "stroke_years_ago",
    "lonely_that_is_all",
    "near_miss",
}


EXAMPLES = folder_examples(HERE)
CRISES, CALM = crises_and_calm(EXAMPLES)


def test_every_language_has_every_class() -> None:
    assert classes_missing(EXAMPLES, CLASSES) == {}


@pytest.mark.parametrize("example", CRISES, ids=example_id)
def test_a_crisis_of_these_classes_is_caught_and_explained(
    example: tuple[str, str, str, str],
) -> None:
    lang, name, _kind, text = example
    signal = detect(text)
    assert signal is not None and signal.kind in KINDS, (lang, name, text)
    assert signal.explain(), "the reason it fired (a pattern or the classifier's n-grams)"


@pytest.mark.parametrize("example", CALM, ids=example_id)
def test_a_message_of_these_classes_raises_no_alarm(example: tuple[str, str, str, str]) -> None:
    lang, name, _kind, text = example
    signal = detect(text)
    assert signal is None or signal.kind not in KINDS, (lang, name, text, signal.explain())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lonely_in_a_word_is_heard_as_distress(lang: str) -> None:
    """ "Lonely. That's all.": a kind word and a listening line, not nothing, not a crisis."""
    told = [text for lg, _, kind, text in CALM if lg == lang and kind == DISTRESS]
    assert told
    for text in told:
        signal = detect(text)
        assert signal is not None and signal.kind == DISTRESS, text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("self_harm", "ich schneide mir mit einem Rasiermesser in den Bauch, keiner weiß es"),
        ("medical", "wyciągnęli męża z morza, jest zimny i siny i ledwo oddycha"),
        ("violence", "een man dreigt mijn botten te breken als ik die 1000 euro niet terugbetaal"),
        ("suicide", "this will be my last week on this earth"),
        ("suicide", "bu dünyadaki son haftam olacak"),
    ],
)
def test_the_new_classes_fire_on_a_pattern_not_only_on_the_classifier(
    kind: str, text: str
) -> None:
    """Explainable: a written pattern says why, whatever the classifier scores."""
    signal = detect(text)
    assert signal is not None and signal.kind == kind and signal.hits, (text, signal)
