"""Finality and everyday self-harm (issue 12): the classes blind set 6 missed, in every language.

Missed: self-harm told in everyday words and with new instruments (scratching until it bleeds
"because it calms", a fist against the wall until the knuckles split, a pin or a compass point
pushed into the skin, tally marks cut with a box cutter, a relapse after days "clean", "I don't
want to die, I just want it to hurt less inside"), often inside an ordinary question; and suicide
told by its preparations: belongings given away or a subscription handed on "because I won't
need it" with a date ("from next week I won't exist"), bank cards cancelled, the last bills paid
and the keys returned, accounts deleted "so nobody has to do it after me", sleeping pills or a
rope bought, the last train one won't get on, "better for you if I go" with a letter to each
child, a flatmate who gave his things away, left a letter and cannot be reached; lines scratched
into the skin with a needle or a shard; whether the life insurance pays out on a suicide; a crisis
told "after the bad news from home" (no report) or beside a sign-up for a sewing workshop.

The examples are our own wording, not the blind set's. Four fifths (by a hash of the text) are
checked one by one here (safety_finality/<lang>.yaml): the crises must be found by the patterns;
their ordinary messages and near misses are also the classifier's training data
(conversations/lexicon/safety/training/finality/<lang>.yaml; the crises themselves, trained on,
moved unrelated ordinary messages over the line). The other fifth
(data/safety_finality_holdout.jsonl) was set apart before the patterns were written and never
trained on: its figures are printed and held to a floor. Near misses stand beside the crises:
books given away for an e-reader, a rope for the washing line, a card blocked because it was
stolen, sleeping pills bought for a flight, mosquito bites scratched open, a cat's scratch; and
the ordinary requests the crises were told inside (a sign-up, a membership handed on), the same
body words (a sore arm after a jab), "not needed any more" and "miss" in ordinary sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conversations import safety_training as st
from conversations.safety_signals import KINDS, detect
from storage.model import LANGUAGES
from tests.conversations.safety_classes import (
    classes_missing,
    crises_and_calm,
    example_id,
    folder_examples,
)
from tests.conversations.safety_holdout import read_holdout, score, trained_copies

HERE = Path(__file__).resolve().parent / "safety_finality"
HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_finality_holdout.jsonl"
CLASSES = {
    "self_harm_everyday",
    "finality_goodbye",
    "near_miss",
    "carrier",
    "body_ordinary",
    "noneed_ordinary",
    "miss_ordinary",
    "instrument_and_insurance",
    "bad_news_from_home",
}
# Measured on main before the finality cues and this training data: recall 24/29, false alarms
# 5/64; after: recall 28/29, false alarms 2/64.
MIN_RECALL = 0.92
MAX_ALARMS = 0.05


EXAMPLES = folder_examples(HERE)
CRISES, CALM = crises_and_calm(EXAMPLES)


def test_every_language_has_every_class() -> None:
    assert classes_missing(EXAMPLES, CLASSES) == {}


@pytest.mark.parametrize("example", CRISES, ids=example_id)
def test_a_crisis_of_these_classes_is_caught_by_the_patterns(
    example: tuple[str, str, str, str],
) -> None:
    lang, name, _kind, text = example
    signal = detect(text, lang=lang)
    assert signal is not None and signal.kind in KINDS, (lang, name, text)
    # The patterns see it, not only the classifier that was trained on it.
    assert signal.hits, (lang, name, text, signal.explain())


@pytest.mark.parametrize("example", CALM, ids=example_id)
def test_a_near_miss_stays_calm(example: tuple[str, str, str, str]) -> None:
    lang, name, _kind, text = example
    signal = detect(text, lang=lang)
    assert signal is None or signal.kind not in KINDS, (lang, name, text, signal.explain())


def test_the_classifier_trains_on_the_calm_examples_only() -> None:
    trained = {e.text for e in st.load_examples()}
    assert {text for *_, text in CALM} <= trained
    assert not {text for *_, text in CRISES} & trained


def test_the_holdout_covers_every_language_and_is_not_training_data() -> None:
    rows = read_holdout(HOLDOUT)
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert trained_copies(rows) == []


def test_held_out_finality_and_self_harm_are_caught_and_near_misses_stay_calm() -> None:
    figures = score(read_holdout(HOLDOUT))
    print("\n" + figures.line("finality holdout"))
    assert figures.recall >= MIN_RECALL, figures.missed
    assert figures.alarms <= MAX_ALARMS, figures.alarmed
