"""The round-seven held-out crisis set: a fifth of three independent writers' lines.

Three helpers wrote conversations/lexicon/safety/training/round7/ from a brief alone (no patterns,
tests or evaluation sets): indirect wordings of suicide and self-harm above all, dialects, crises
inside ordinary requests, and hard negatives that share their words. A fifth of their lines (by a
hash of the text) is kept here and never trained on. Measured before the round-seven training
(the round-six model): recall 115/148, false alarms 18/122; after: see the README.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.safety_holdout import (
    Row,
    check_caught_and_calm,
    check_covers_every_language_and_kind,
    check_round_training,
    read_holdout,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_round7_holdout.jsonl"
MIN_RECALL = 0.84
MAX_ALARMS = 0.18


def _rows() -> list[Row]:
    return read_holdout(HOLDOUT)


def test_the_holdout_covers_every_language_and_kind() -> None:
    check_covers_every_language_and_kind(_rows())


def test_the_holdout_is_not_training_data() -> None:
    assert trained_copies(_rows()) == []


def test_round_seven_holdout_crises_are_caught_and_ordinary_messages_stay_calm() -> None:
    check_caught_and_calm(_rows(), "round-seven holdout", MIN_RECALL, MAX_ALARMS)


def test_round_seven_training_data_has_every_kind_in_every_language() -> None:
    check_round_training("round7", 8, 40)
