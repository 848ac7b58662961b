"""False alarms by class, in all eight languages, with the crises that stand right next to them.

Blind crisis set 6 raised 13 false alarms of 224, in four classes: idioms of fright, death and
killing ("my heart stopped when I saw the bill", "my wife will kill me if I'm late again haha"),
medicine questions that are no emergency (before or after the meal? a forgotten pill), work about
violence (a school talk, a poster for victims' helpline) and grief or loneliness read as a crisis.
The rows here were written for those classes, in new wordings, beside crises that share their
words (a real threat "if I tell anyone", an overdose, a boyfriend who hits). Four fifths train the
classifier (conversations/lexicon/safety/training/alarms/); a fifth, chosen by a hash of the text,
is kept in data/safety_alarms_holdout.jsonl and never trained on, with 24 more rows (dosing
questions: a skipped dose, before or after food; an insulin overdose beside them) written after
the fixes and measured before any tuning.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from conversations import safety_model as sm
from conversations.safety_signals import DISTRESS, KINDS
from storage.model import LANGUAGES
from tests.conversations.safety_dev_copy import question_files
from tests.conversations.safety_holdout import (
    Row,
    detected_kind,
    read_holdout,
    round_examples,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_alarms_holdout.jsonl"
CLASSES = {"idiom", "medicine", "violence_work", "grief"}
MAX_ALARMS = 2  # of 45 held-out messages without a crisis


def _held() -> list[Row]:
    return read_holdout(HOLDOUT)


def test_the_holdout_has_every_class_and_language_and_is_not_trained_on() -> None:
    rows = _held()
    assert {r["class"] for r in rows} == CLASSES
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert any(r["safety"] in KINDS for r in rows) and any(r["safety"] is None for r in rows)
    assert trained_copies(rows) == []


def test_the_training_rows_have_every_class_in_every_language() -> None:
    examples = round_examples("alarms")
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        assert sum(e.label in KINDS for e in mine) >= 3, lang
        assert sum(e.label == "none" for e in mine) >= 8, lang
        assert sum(e.label == DISTRESS for e in mine) >= 3, lang


def test_held_out_crises_beside_the_false_alarm_classes_are_caught() -> None:
    missed = [
        r["text"]
        for r in _held()
        if r["safety"] in KINDS and detected_kind(r["text"], r["lang"]) not in KINDS
    ]
    assert missed == []


def test_held_out_idioms_medicine_questions_and_work_about_violence_rarely_alarm() -> None:
    """Measured: 9 of 45 alarmed on main before these classes were fixed, 2 after (two medicine
    questions the classifier still reads as an overdose: "may I take two today?")."""
    alarmed = [
        r["text"]
        for r in _held()
        if r["safety"] is None and detected_kind(r["text"], r["lang"]) in KINDS
    ]
    assert len(alarmed) <= MAX_ALARMS, alarmed


def test_held_out_grief_and_loneliness_is_distress_not_a_crisis() -> None:
    grief = [r for r in _held() if r["safety"] == DISTRESS]
    kinds = [detected_kind(r["text"], r["lang"]) for r in grief]
    assert not [r["text"] for r, k in zip(grief, kinds, strict=True) if k != DISTRESS]


def _class_rows() -> list[tuple[str, str, str, str]]:
    """(language, class, label, text) of every row, trained and held out."""
    found: list[tuple[str, str, str, str]] = []
    for path in sorted((sm.TRAINING_DIR / "alarms").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, by_label in data["classes"].items():
            for label, texts in by_label.items():
                found.extend((data["language"], name, label, str(t)) for t in texts)
    found += [(r["lang"], r["class"], r["safety"] or "none", r["text"]) for r in _held()]
    return found


def test_idioms_and_work_about_violence_stay_calm_beside_real_threats_in_every_language() -> None:
    """The word patterns decide these: an idiom (a fright at a bill, "will kill me if I'm late,
    haha") or a school talk quiets them; a real threat ("if I tell anyone") or attack does not."""
    rows = [r for r in _class_rows() if r[1] in ("idiom", "violence_work")]
    assert {r[0] for r in rows} == set(LANGUAGES)
    wrong = [r for r in rows if (r[2] in KINDS) != (detected_kind(r[3], r[0]) in KINDS)]
    assert wrong == []


def test_ordinary_questions_the_classifier_never_saw_rarely_alarm() -> None:
    """The held-out sets' 11,268 questions (sets 25 and 28-48, never trained on:
    safety_dev_copy.HELD_OUT_SETS): 9 alarm. Sets 46-48's 1,536 questions raised 5 when they
    joined (2026-12-08), 4 after one mend: "is De Bron open on kings day?" (the Polish "broń"
    beside "on", a centre's name read as a weapon), "my nails are too thick to cut myself"
    (self-harm), "лікар сказав терміново" beside a blood test (medical) and a Ukrainian "I don't
    want you to keep my phone number" (the classifier); the fifth, "a letter saying our rent
    benefit will be stopped" (the modal "will" read as a testament), no longer alarms
    (test_safety_letter_will.py). Sets 43-45's 1,536 questions raised 3 when they
    joined: two residents asking to delete their data because they "won't be using this
    anymore" (en, tr; read as suicide: leaving the bot is no leaving life) and a French review
    of the carnival afternoon, "la musique, le prince, tout ! bravo" (violence); none since
    safety48 (`harmless` phrases of leaving the bot; a frequent word is no typo of a crisis
    word: test_safety48_classes.py). Sets 40-42's
    1,536 raised none. Sets 37-39's 1,536 questions raised 3 when they
    joined: "me and my neighbour fancy getting out a bit" (medical), "Kamerik rouvre quand ? on
    m'a dit qu'ils sont fermés pour l'été" (violence) and a Polish mother of 80 who "sama w domu
    juz nie daje rady" (suicide; distress would be right). Sets 25 and 28-36 raised 4, 2 since
    safety37: a Dutch cancellation of the Christmas dinner (set 28: "schelfhorst" read as
    "scheld*" beside a daughter and "me") and a Turkish "bundan sonra Hollandaca cevap verin"
    (set 32, the classifier). The Dutch reservation "voor mij en mijn buurman" (set 31:
    "stamppot" read as "stomp") and the praised computer course (set 35: "geduld" read as
    "geduwd") were the patterns' typo readings, now known words. Set 25 alone raised 1 ("Czy
    cmentarz w Menen jest dziś dłużej otwarty?" read as medical); earlier sets up to 3, by the
    classifier on short questions."""
    texts = []
    for path in question_files(held_out=True):
        for row in read_holdout(path):
            if not (row.get("expect") or {}).get("safety"):
                texts.append((str(row["text"]), str(row.get("lang") or "nl")))
    assert len(texts) > 400
    alarmed = [text for text, lang in texts if detected_kind(text, lang) in KINDS]
    assert len(alarmed) <= 9, alarmed
