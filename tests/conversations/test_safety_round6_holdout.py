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

import json
from pathlib import Path

from conversations import safety_model as sm
from conversations import safety_training as st
from conversations.safety_signals import KINDS, detect
from storage.model import LANGUAGES

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_round6_holdout.jsonl"
MIN_RECALL = 0.95
MAX_ALARMS = 0.05


def _rows() -> list[dict[str, str | None]]:
    """The held-out messages: text, language, expected kind (None for an ordinary message)."""
    lines = HOLDOUT.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_holdout_covers_every_language_and_kind() -> None:
    rows = _rows()
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    for lang in LANGUAGES:
        mine = [r for r in rows if r["lang"] == lang]
        assert sum(r["safety"] in KINDS for r in mine) == 5
        assert sum(r["safety"] is None for r in mine) == 5
    assert {r["safety"] for r in rows if r["safety"]} == set(KINDS)


def test_the_holdout_is_not_training_data() -> None:
    trained = {" ".join(sm.tokens_of(e.text)) for e in st.load_examples()}
    copied = [r["text"] for r in _rows() if " ".join(sm.tokens_of(str(r["text"]))) in trained]
    assert copied == []


def test_round_six_holdout_crises_are_caught_and_ordinary_messages_stay_calm() -> None:
    caught = crises = alarms = calm = 0
    missed: list[str] = []
    alarmed: list[str] = []
    for row in _rows():
        text = str(row["text"])
        signal = detect(text)
        fired = signal is not None and signal.kind in KINDS
        if row["safety"] in KINDS:
            crises += 1
            caught += fired
            if not fired:
                missed.append(text)
        else:
            calm += 1
            alarms += fired
            if fired:
                alarmed.append(text)
    print(f"\nround-six holdout: recall {caught}/{crises}, false alarms {alarms}/{calm}")
    assert caught / crises >= MIN_RECALL, missed
    assert alarms / calm <= MAX_ALARMS, alarmed


def test_round_six_training_data_has_every_kind_in_every_language() -> None:
    folder = sm.TRAINING_DIR / "round6"
    examples = [e for path in sorted(folder.glob("*.yaml")) for e in st._yaml_examples(path)]
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        for kind in KINDS:
            assert sum(e.label == kind for e in mine) >= 15, (lang, kind)
        assert sum(e.label == sm.NONE for e in mine) >= 60, lang
        assert sum(e.label == sm.DISTRESS for e in mine) >= 10, lang
