"""The round-eight held-out crisis set: a fifth of two independent writers' lines.

Two helpers wrote conversations/lexicon/safety/training/round8/ (wa_*, wb_*) from a brief alone (no
patterns, tests or evaluation sets), four languages each: self-harm told in everyday words and new
instruments, suicide shown by finality (belongings handed on, a date, means acquired, affairs
closed), and hard negatives next to them (the same acts for an innocent reason, idioms of fright,
medicine questions, work about violence, grief as distress). A fifth of their lines (by a hash of
the text) is kept here and never trained on: recall 115/138, false alarms 11/108 with the model
before round eight; 117/138 and 11/108 once the finality and false-alarm rounds of the same
session had landed; 118/138 and 13/108 with round eight trained in (the round-seven holdout
125 -> 128/148, 16 -> 17/122; blind set 6 false alarms 5 -> 3/224): a small gain, most of what
these lines teach the patterns had already learnt. lead_negatives.jsonl holds the lead's ordinary
lines of three classes the new crisis lines pulled over the line ("I don't want <a mailing>
anymore", "I can't cope with <forms, a computer, bills>", scratching or sanding a thing).
The recall floor is 0.83: retraining with blind set 13's ordinary questions as negatives (the
session of 2026-12-06, night) moved one held-out line from 116 to 115 of 138 (an overdose plan
after "no more hospitals, no more pain"); eight variants of it in eight languages, and the same
plan with other words before it, are still caught, so it sits on the classifier's margin.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.safety_holdout import HoldoutChecks

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_round8_holdout.jsonl"
MIN_RECALL = 0.83
MAX_ALARMS = 0.13


class TestRoundEightHoldout(HoldoutChecks):
    """Round eight: its held-out set, floors and training folder."""

    HOLDOUT = HOLDOUT
    NAME = "round-eight holdout"
    FOLDER = "round8"
    MIN_RECALL = MIN_RECALL
    MAX_ALARMS = MAX_ALARMS
    PER_KIND = 8
    CALM = 40
