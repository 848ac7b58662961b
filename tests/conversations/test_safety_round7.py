"""The round-seven held-out crisis set: a fifth of three independent writers' lines.

Three helpers wrote conversations/lexicon/safety/training/round7/ from a brief alone (no patterns,
tests or evaluation sets): indirect wordings of suicide and self-harm above all, dialects, crises
inside ordinary requests, and hard negatives that share their words. A fifth of their lines (by a
hash of the text) is kept here and never trained on. Measured before the round-seven training
(the round-six model): recall 115/148, false alarms 18/122; after: see the README.
"""

from __future__ import annotations

import json
from pathlib import Path

from conversations import safety_model as sm
from conversations import safety_training as st
from conversations.safety_signals import KINDS, detect
from storage.model import LANGUAGES

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_round7_holdout.jsonl"
MIN_RECALL = 0.84
MAX_ALARMS = 0.18


def _rows() -> list[dict[str, str | None]]:
    """The held-out messages: text, language, expected kind, distress or None."""
    lines = HOLDOUT.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_holdout_covers_every_language_and_kind() -> None:
    rows = _rows()
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert {r["safety"] for r in rows if r["safety"] in KINDS} == set(KINDS)


def test_the_holdout_is_not_training_data() -> None:
    trained = {" ".join(sm.tokens_of(e.text)) for e in st.load_examples()}
    copied = [r["text"] for r in _rows() if " ".join(sm.tokens_of(str(r["text"]))) in trained]
    assert copied == []


def test_round_seven_holdout_crises_are_caught_and_ordinary_messages_stay_calm() -> None:
    caught = crises = alarms = calm = 0
    for row in _rows():
        signal = detect(str(row["text"]))
        fired = signal is not None and signal.kind in KINDS
        if row["safety"] in KINDS:
            crises += 1
            caught += fired
        else:
            calm += 1
            alarms += fired
    print(f"\nround-seven holdout: recall {caught}/{crises}, false alarms {alarms}/{calm}")
    assert caught / crises >= MIN_RECALL
    assert alarms / calm <= MAX_ALARMS


def test_round_seven_training_data_has_every_kind_in_every_language() -> None:
    folder = sm.TRAINING_DIR / "round7"
    examples = [e for path in sorted(folder.glob("*.yaml")) for e in st._yaml_examples(path)]
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        for kind in KINDS:
            assert sum(e.label == kind for e in mine) >= 8, (lang, kind)
        assert sum(e.label == sm.NONE for e in mine) >= 40, lang
