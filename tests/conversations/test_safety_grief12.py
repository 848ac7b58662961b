"""The border between grief or loneliness and a crisis: two writers' lines, a fifth held out.

Two writers who never saw the code, the patterns or any test set wrote 576 lines (72 per
language, 2026-12-06 evening; writer A nl fr de en, writer B tr ar pl uk): 30 distress lines per
language (grief for a spouse, a child, a pet, an anniversary, loneliness, homesickness, feeling
useless or old, a carer's weariness, strong wording without danger, some ending in a practical
question), 16 crises that are near twins of them (a death wish, pills saved, a plan, a place, a
goodbye, self-harm, violence, an emergency now) and 26 ordinary lines with words of loss (a
widow's paperwork, a funeral policy, a grief group, idioms, alarming food names). Four fifths
train the classifier (training/grief12/); the fifth whose text has crc32 % 5 == 0 (122 lines) is
kept here and never trained on.

Measured on all 576 lines before any of them trained: main caught 126/128 crises with 35/448
false alarms (the classifier reading grief as a suicide: "What am I even still doing here at
91", "I'd rather be with her ... but I'll keep going"); the patterns of this round 126/128 and
33/448. On the held-out fifth, main 25/25 and 8/97, with the patterns 25/25 and 7/97, trained
on the rest: see the README (Safety, "Grief and loneliness, round twelve").
"""

from __future__ import annotations

from pathlib import Path

from conversations.safety_signals import KINDS
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import (
    check_caught_and_calm,
    read_holdout,
    round_examples,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_grief12_holdout.jsonl"
MIN_RECALL = 0.95
MAX_ALARMS = 0.08  # 6/97 with the shipped model (7/97 before these lines trained, 8 on main)


def test_the_held_out_fifth_speaks_every_language_and_is_not_trained_on() -> None:
    rows = read_holdout(HOLDOUT)
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert {r["safety"] for r in rows} >= {"distress", None, *KINDS}
    assert trained_copies(rows) == []


def test_the_training_lines_pair_grief_with_crises_in_every_language() -> None:
    examples = round_examples("grief12")
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        assert sum(e.label == "distress" for e in mine) >= 20, lang
        assert sum(e.label in KINDS for e in mine) >= 8, lang
        assert sum(e.label == "none" for e in mine) >= 15, lang


def test_held_out_crises_are_caught_and_grief_rarely_alarms() -> None:
    check_caught_and_calm(read_holdout(HOLDOUT), "grief12 lines", MIN_RECALL, MAX_ALARMS)
