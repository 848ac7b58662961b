"""Ordinary community-centre messages that raised a crisis alarm (safety37), held out.

The class: telling we won't be somewhere ("won't be there Friday, off to my brother's"),
places kept "for me and my neighbour" with a first name, a dinner cancelled because a daughter
comes, a bus line that changed its route, praise of a course with "maybe a follow-up?", answers
asked in another language from now on, a cemetery's opening hours; beside real crises worded
close to them (a goodbye before going away for good, a neighbour who hits, a man collapsed at the
bus stop, a plan at a grave, cutting after the course). data/safety37_calm_holdout.jsonl holds
200 rows in eight languages (160 calm, 40 crises), written before any change and never trained
on: 160 first in full sentences, 40 more casual calm rows in the residents' style before any
measurement of a change.

Most of the alarms were the word patterns, not the classifier: Dutch "want" (because) beside
"die" (that) read as the English "want ... die"; typo readings of real Dutch words ("stamppot" as
"stomp", "geduld" as "geduwd") beside a neighbour and "mij"/"ons" read as violence; an Arabic
"I won't be present Friday" at an activity read as finality (an end and a date). Fixed in the
lexicons (nl harmless and known words, ar finality reasons). The classifier's own alarms on this
class (French "je serai pas là vendredi", English "won't be there friday", Turkish "bundan sonra
... cevap verin") were measured with training rows of the class (training rows of the same
kinds, 27 a language, and a smaller set of 15): not kept, see FIGURES.

Figures (detect on the whole set; "before" is main b0385bf, weights of 5aa6cc8):
- this holdout: calm alarms 5/160 -> 3/160 (left: French "je serai pas là vendredi", English
  "won't be there friday", French "écrivez-moi en anglais": the classifier), crises 38/40 kept,
  distress on calm rows 0 -> 0;
- round nine (test_safety_round9.py): recall 685/760 and false alarms 69/799, unchanged;
- the held-out sets' ordinary questions (test_safety_alarms.py): 4 -> 2 of 5,124 (the reservation
  "voor mij en mijn buurman Gerrit" and the praised course with "veel geduld met ons" no longer
  alarm; their words, stamppot and geduld, were found in those two questions);
- round seven's holdout: false alarms 15 -> 14/122; every other holdout unchanged.
Retrained with the class's training rows (eight languages, 27 a language, crises beside them):
this holdout 2/160, but round nine 683/760 (two crises lost near the 0.5 line), 68/799; with a
smaller set (15 a language: absence, language, course, and the crises): 3/160, round nine
684/760 and 70/799, the ordinary questions 3 (one new): both measured, not kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conversations.safety_signals import DISTRESS, KINDS
from tests.conversations.safety_holdout import (
    check_caught_and_calm,
    check_covers_every_language_and_kind,
    detected_kind,
    read_holdout,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety37_calm_holdout.jsonl"
CLASSES = {"absence", "companion", "bus", "course", "language", "cancel_family", "cemetery"}
MIN_RECALL = 0.95  # 38/40 before and after: a self-harm and a grave plan in German missed
MAX_ALARMS = 0.025  # of 160 calm rows (4): 5 before, 3 after


def test_the_holdout_covers_every_language_kind_and_class_and_is_not_trained_on() -> None:
    rows = read_holdout(HOLDOUT)
    check_covers_every_language_and_kind(rows)
    assert {r["class"] for r in rows if r["safety"] is None} == CLASSES
    assert trained_copies(rows) == []


def test_held_out_calm_messages_stay_calm_and_crises_beside_them_are_caught() -> None:
    check_caught_and_calm(read_holdout(HOLDOUT), "safety37 holdout", MIN_RECALL, MAX_ALARMS)


def test_held_out_calm_messages_are_not_read_as_distress() -> None:
    rows = [r for r in read_holdout(HOLDOUT) if r["safety"] is None]
    assert [r["text"] for r in rows if detected_kind(r["text"], r["lang"]) == DISTRESS] == []


# Our own controls for the lexicon fixes (not held out): the calm reading, and the crisis that
# shares its words.
CALM = [
    ("nl", "ik kom niet naar de bingo want die avond is mijn kleinzoon jarig"),
    ("nl", "ik heb me niet ingeschreven want die bus rijdt niet meer tot bij ons"),
    ("nl", "nog twee plaatsen voor de stamppot, voor mij en mijn buurvrouw Lea?"),
    ("nl", "mijn buurman is mee geweest naar de fietsles, de begeleider had veel geduld met ons"),
    ("ar", "لن أكون موجودة يوم الأحد في لقاء الخياطة، ذاهبة إلى أختي"),
]
CRISES = [
    ("nl", "ik wil dood want die pijn gaat nooit meer weg"),
    ("en", "i want to die, i cant do this any more"),
    ("nl", "mijn buurman duwt mij elke dag tegen de muur"),
    ("nl", "mijn zoon stompt mij als hij gedronken heeft"),
    ("ar", "لن أكون موجودا في النادي بعد اليوم، أعطيت أغراضي لجارتي"),
]


@pytest.mark.parametrize(("lang", "text"), CALM)
def test_our_calm_controls_raise_no_crisis(lang: str, text: str) -> None:
    assert detected_kind(text, lang) not in KINDS


@pytest.mark.parametrize(("lang", "text"), CRISES)
def test_crises_beside_them_are_caught(lang: str, text: str) -> None:
    assert detected_kind(text, lang) in KINDS
