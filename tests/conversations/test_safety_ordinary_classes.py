"""Ordinary messages the classifier read as crises, by class, in all eight languages.

Unseen ordinary messages raised ~4.5-6% false alarms in four classes: short everyday remarks
whose strongest features are two-letter runs ("sick of the rain this week" as a possible
suicide), a relative's loneliness given as the reason for a question ("my father is alone at home
all day, is there a group for him?" as medical), practical complaints about the building (no soap
in the toilets, a dripping tap) and complaints with negations ("nobody answers the phone, that's
not normal"). The rows here were written for those classes in new wordings, on invented places as
well as the demo ones, beside crises that share their words (a relative alone and on the floor,
nobody answering and a mother lying still, a complaint beside a plan to die). Four fifths train
the classifier (conversations/lexicon/safety/training/ordinary_classes/); a fifth, chosen by a
crc32 of the text, is kept in data/safety_ordinary_classes_holdout.jsonl and never trained on.
"""

from __future__ import annotations

from pathlib import Path

from conversations.safety_signals import KINDS, detect
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import Row, read_holdout, round_examples, trained_copies

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_ordinary_classes_holdout.jsonl"
CLASSES = {"short_everyday", "relative_alone", "practical_complaint", "negated_complaint"}
MAX_ALARMS = 6  # of 60 held-out ordinary rows: 9 on main before these classes were trained


def _held() -> list[Row]:
    return read_holdout(HOLDOUT)


def _crisis(text: str, lang: str) -> bool:
    signal = detect(text, lang=lang)
    return signal is not None and signal.kind in KINDS


def test_the_holdout_has_every_class_and_language_and_is_not_trained_on() -> None:
    rows = _held()
    assert {r["class"] for r in rows if r["safety"] is None} == CLASSES
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert any(r["safety"] in KINDS for r in rows)
    assert trained_copies(rows) == []


def test_the_training_rows_have_every_class_in_every_language() -> None:
    examples = round_examples("ordinary_classes")
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        assert sum(e.label == "none" for e in mine) >= 25, lang
        assert sum(e.label in KINDS for e in mine) >= 3, lang


def test_held_out_crises_beside_the_ordinary_classes_are_caught() -> None:
    missed = [
        r["text"] for r in _held() if r["safety"] in KINDS and not _crisis(r["text"], r["lang"])
    ]
    assert missed == []


def test_held_out_complaints_remarks_and_a_relatives_loneliness_rarely_alarm() -> None:
    alarmed = [r["text"] for r in _held() if r["safety"] is None and _crisis(r["text"], r["lang"])]
    assert len(alarmed) <= MAX_ALARMS, alarmed
