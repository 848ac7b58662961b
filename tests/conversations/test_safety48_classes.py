"""Ordinary messages read as a crisis: leaving the bot, and frequent words read as crisis words.

Two classes of false alarms (safety48), in all eight languages:

- **Leaving the bot, said of the bot.** A resident asks to delete what we keep about them, to stop
  the reminders, or says goodbye to the service, and adds that they won't use this (the app, the
  bot, the chat, the service, Telegram) any more, are done with it, are moving away, or that this
  is their last message here. The finality cue "won't need / use ... any more" and a "last
  message" read such a message as a suicide, and so did the classifier ("please remove
  everything you have saved about me, I won't be using this anymore" scored 0.92). Each
  language's file now has a word class `bot` and `harmless` phrases of leaving it: such a phrase
  cancels the cue inside it, and the classifier reads the message without its words. The same
  words said of oneself or of life ("delete everything about me, after tonight I won't be here
  any more", "this is my last message, I've saved my pills") stay crises.
- **A frequent word read as a near spelling of a crisis word.** "le prince" was read as "le
  pince" (a violence pattern "@victim ~1 ... pince"), "корови" (cows) as "крови" (blood). A word
  of the frequent-word lists (conversations/lexicon/common_words/) is now itself, never a typo of
  a word that raises a signal (`SafetyLexicon.readings`), unless it is that word with another
  ending ("menacer", "frappes", "вбили" still read as "menace", "frappe", "вбити"); near
  spellings of quieting words are kept (the plural "formations" of a first-aid "formation").
  The Ukrainian "убити" (to kill, the у/в spelling) was one of the words read only as a typo of
  "вбити": it is now a pattern word of its own.

data/safety48_holdout.jsonl (96 rows, 12 a language: 6 of leaving the bot, 2 crises in the same
words, 2 frequent words, 2 crises with the crisis word) was written before any change and is
never trained on; tests/conversations/safety48/ holds 136 more rows of the same classes (17 a
language: 10 of leaving the bot, 3 crises beside them, 3 frequent words and a crisis), written
after the holdout was first measured, and not trained on either (see below).

Measured with `detect` (before: main d65e9db; classifier weights unchanged):
- the holdout: calm alarms 16/64 -> 4/64, crises 32/32 -> 32/32;
- the held-out ordinary questions of test_safety_alarms.py (sets 25 and 28-45, 9,732
  questions, never trained on): 8 -> 5 alarms (the two residents leaving the bot and the
  French carnival "prince" are quiet);
- the rows of tests/conversations/safety48/: calm alarms 14/104 -> 4/104, crises 29/32 -> 30/32
  (a Ukrainian "nobody will miss me when I'm gone" is an end cue now);
- every committed crisis set (blind sets 1-13, safety_examples and its classes, every held-out
  fifth in data/): recall 5,206/5,325 before and after (no set lost a crisis), false alarms
  128 -> 126/5,348 (set 6 1 -> 0, set 13 4 -> 3: a homesick line and a Turkish "orada" no
  longer read as crisis words); `python -m tests.conversations.safety_classes` unchanged
  (1,645/1,645, every class at 100%).
Retrained with the rows as classifier training data (training/safety48/): with all 136 rows the
holdout went to 1/64 and the sets' false alarms 131 -> 122, but round seven's holdout lost two
crises (130 -> 128/148); with only the 80 calm rows of leaving the bot, 0/64 and 130 -> 122, but
round nine lost two (685 -> 683/760). A change that costs a crisis on a committed set is not
kept: the shipped weights are main's, and the rows are a regression battery here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conversations.safety_signals import KINDS, load_signals
from storage.model import LANGUAGES
from tests.conversations.safety_classes import folder_examples
from tests.conversations.safety_holdout import (
    check_caught_and_calm,
    detected_kind,
    read_holdout,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety48_holdout.jsonl"
ROWS = Path(__file__).resolve().parent / "safety48"
CALM_CLASSES = {"leaving_bot", "frequent_word"}
CRISIS_CLASSES = {"leaving_life", "crisis_word"}
MIN_RECALL = 1.0  # 32/32 before and after
MAX_ALARMS = 0.1  # of 64 calm rows: 16 before, 4 after


def test_the_holdout_covers_every_language_and_class_and_is_not_trained_on() -> None:
    rows = read_holdout(HOLDOUT)
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert {r["class"] for r in rows if r["safety"] is None} == CALM_CLASSES
    assert {r["class"] for r in rows if r["safety"] in KINDS} == CRISIS_CLASSES
    assert trained_copies(rows) == []


def test_held_out_leaving_the_bot_stays_calm_and_leaving_life_is_caught() -> None:
    check_caught_and_calm(read_holdout(HOLDOUT), "safety48 holdout", MIN_RECALL, MAX_ALARMS)


def _rows() -> list[tuple[str, str, str, str]]:
    return folder_examples(ROWS)


def test_the_rows_have_both_classes_and_their_crises_in_every_language() -> None:
    for lang in LANGUAGES:
        mine = [r for r in _rows() if r[0] == lang]
        assert sum(r[1] == "leaving_bot" and r[2] == "none" for r in mine) >= 10, lang
        assert sum(r[1] == "leaving_bot" and r[2] in KINDS for r in mine) >= 3, lang
        assert sum(r[1] == "frequent_word" and r[2] == "none" for r in mine) >= 3, lang
        assert sum(r[1] == "frequent_word" and r[2] in KINDS for r in mine) >= 1, lang


def test_leaving_life_beside_leaving_the_bot_is_a_crisis_in_every_language() -> None:
    """Measured: 29/32 on main, 30/32 now. Missed before and after: a German and a Ukrainian
    "delete my data, after this weekend I won't exist any more" (deleting one's data is no
    finality act, and "after this weekend" no date cue: the Ukrainian one, added, made "after
    this weekend I'm away for a week, off to my mother's" a suicide on round eight's holdout)."""
    crises = [r for r in _rows() if r[2] in KINDS]
    missed = [r[3] for r in crises if detected_kind(r[3], r[0]) not in KINDS]
    assert len(missed) <= 2, missed


def test_leaving_the_bot_and_frequent_words_rarely_alarm() -> None:
    """Measured: 14 of the 104 calm rows alarmed on main, 4 now (the classifier: a goodbye to
    everyone, a clock that "doesn't turn any more", an Arabic last message here)."""
    calm = [r for r in _rows() if r[2] == "none"]
    alarmed = [r[3] for r in calm if detected_kind(r[3], r[0]) in KINDS]
    assert len(alarmed) <= 5, alarmed


@pytest.mark.parametrize(
    ("token", "key"),
    [("prince", "pince"), ("painted", "fainted"), ("корови", "крови"), ("geslapen", "geslagen")],
)
def test_a_frequent_word_is_no_typo_of_a_crisis_word(token: str, key: str) -> None:
    assert key not in load_signals().readings(token)


@pytest.mark.parametrize(
    ("token", "key"),
    [
        ("menacer", "menace"),
        ("frappes", "frappe"),
        ("вбили", "вбити"),
        ("formations", "formation"),
    ],
)
def test_a_frequent_word_is_still_its_own_word_with_another_ending(token: str, key: str) -> None:
    assert key in load_signals().readings(token)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "la fête était super, la musique, le prince, tout ! bravo"),
        ("uk", "на фермі корови дуже гарні, діти хочуть ще раз"),
        ("en", "please wipe what you keep about me, I'm not going to use this any more"),
        ("tr", "bilgilerimi silin lütfen, bu botu artık kullanmayacağım"),
    ],
)
def test_ordinary_messages_of_both_classes_are_no_crisis(lang: str, text: str) -> None:
    assert detected_kind(text, lang) not in KINDS


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "mon mari me pince et me frappe"),
        ("uk", "він хоче убити мене"),
        ("en", "delete everything about me, after tonight I won't be here any more"),
        ("en", "this is my last message, I have had enough of living"),
        ("nl", "dit is mijn laatste bericht, ik heb de pillen klaar liggen voor vannacht"),
    ],
)
def test_the_crisis_words_themselves_stay_crises(lang: str, text: str) -> None:
    assert detected_kind(text, lang) in KINDS
