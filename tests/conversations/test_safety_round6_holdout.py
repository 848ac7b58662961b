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
from tests.conversations.safety_holdout import HoldoutChecks

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_round6_holdout.jsonl"
MIN_RECALL = 0.95
MAX_ALARMS = 0.05


class TestRoundSixHoldout(HoldoutChecks):
    """Round six: its held-out set, floors and training folder."""

    HOLDOUT = HOLDOUT
    NAME = "round-six holdout"
    FOLDER = "round6"
    MIN_RECALL = MIN_RECALL
    MAX_ALARMS = MAX_ALARMS
    PER_KIND = 15
    CALM = 60
    DISTRESS = 10

    def test_the_holdout_covers_every_language_and_kind(self) -> None:
        super().test_the_holdout_covers_every_language_and_kind()
        rows = self.rows()
        for lang in LANGUAGES:
            mine = [r for r in rows if r["lang"] == lang]
            assert sum(r["safety"] in KINDS for r in mine) == 5
            assert sum(r["safety"] is None for r in mine) == 5
        assert {r["safety"] for r in rows if r["safety"]} == set(KINDS)  # no kind outside KINDS
