"""A held-out crisis set written with the round-six training data: 40 crises, 40 ordinary messages.

Written with conversations/lexicon/safety/training/round6/ (5 crises and 5 ordinary messages per
language) by a writer who had not read the patterns or the blind sets, about situations the
training lines do not tell: a crisis told indirectly, inside a sign-up or about someone else, and
ordinary questions that share its words (a talk about violence, a healed cut, a dead phone). It
is not training data: a test below fails if one of its lines is copied there. Measured: recall
40/40 and false alarms 1/40 on main with and without round6/ (39/40 before the round-six
patterns; the alarm is a healed cut in Polish that a self-harm pattern reads).
"""

from __future__ import annotations

from pathlib import Path

from conversations.safety_signals import KINDS
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import (
    Row,
    check_caught_and_calm,
    check_covers_every_language_and_kind,
    check_round_training,
    read_holdout,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_round6_holdout.jsonl"
MIN_RECALL = 0.95
MAX_ALARMS = 0.05


def _rows() -> list[Row]:
    return read_holdout(HOLDOUT)


def test_the_holdout_covers_every_language_and_kind() -> None:
    rows = _rows()
    check_covers_every_language_and_kind(rows)
    for lang in LANGUAGES:
        mine = [r for r in rows if r["lang"] == lang]
        assert sum(r["safety"] in KINDS for r in mine) == 5
        assert sum(r["safety"] is None for r in mine) == 5
    assert {r["safety"] for r in rows if r["safety"]} == set(KINDS)  # no kind outside KINDS


def test_the_holdout_is_not_training_data() -> None:
    assert trained_copies(_rows()) == []


def test_round_six_holdout_crises_are_caught_and_ordinary_messages_stay_calm() -> None:
    check_caught_and_calm(_rows(), "round-six holdout", MIN_RECALL, MAX_ALARMS)


def test_round_six_training_data_has_every_kind_in_every_language() -> None:
    check_round_training("round6", 15, 60, distress=10)
