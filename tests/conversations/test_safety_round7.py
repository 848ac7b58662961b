"""The round-seven held-out crisis set: a fifth of three independent writers' lines.

Three helpers wrote conversations/lexicon/safety/training/round7/ from a brief alone (no patterns,
tests or evaluation sets): indirect wordings of suicide and self-harm above all, dialects, crises
inside ordinary requests, and hard negatives that share their words. A fifth of their lines (by a
hash of the text) is kept here and never trained on. Measured before the round-seven training
(the round-six model): recall 115/148, false alarms 18/122; after: see the README.
"""

from __future__ import annotations

from pathlib import Path

from conversations import safety_model as sm
from conversations.safety_signals import KINDS
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import (
    Row,
    read_holdout,
    round_examples,
    score,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_round7_holdout.jsonl"
MIN_RECALL = 0.84
MAX_ALARMS = 0.18


def _rows() -> list[Row]:
    return read_holdout(HOLDOUT)


def test_the_holdout_covers_every_language_and_kind() -> None:
    rows = _rows()
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert {r["safety"] for r in rows if r["safety"] in KINDS} == set(KINDS)


def test_the_holdout_is_not_training_data() -> None:
    assert trained_copies(_rows()) == []


def test_round_seven_holdout_crises_are_caught_and_ordinary_messages_stay_calm() -> None:
    figures = score(_rows())
    print("\n" + figures.line("round-seven holdout"))
    assert figures.recall >= MIN_RECALL, figures.missed
    assert figures.alarms <= MAX_ALARMS, figures.alarmed


def test_round_seven_training_data_has_every_kind_in_every_language() -> None:
    examples = round_examples("round7")
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        for kind in KINDS:
            assert sum(e.label == kind for e in mine) >= 8, (lang, kind)
        assert sum(e.label == sm.NONE for e in mine) >= 40, lang
