"""Everyday care read as a crisis, real words read as crisis words, and neglect missed.

Three classes of the safety detection, in all eight languages, on rows written for them
(data/alarms28_classes_battery.jsonl, never trained on):
- care: ordinary care and remembrance alarmed. A candle or flowers on a grave ("zapalić znicz"
  was read as "zawał", a heart attack), the physio or the doctor who says to move or walk more,
  a nurse who comes to wash him, stairs she no longer climbs alone, a dog to let out: the
  classifier read "must ... more", "not any more" and "let ... out" as a suicide or an
  emergency. Fixed by `harmless` care phrases per language: their words explain themselves,
  and the classifier reads the rest of the message only.
- neighbours: real words one letter from a crisis word, found as the previous round did
  (test_safety_real_words.py), from the most common words of Turkish, Polish, Ukrainian and
  Arabic: the Turkish "bırak" (leave, let) read as "bıçak" (a knife), "istiyor" (wants) as
  "itiyor" (pushes), "bozulmuş" (broken) as "boğul" (choke); the Polish "kawałek" (a piece),
  "zapalenie" (an inflammation) and "zawartość" (contents) as "zawał", "przemówienie" (a
  speech) as "przemoc" (violence); the Ukrainian "подивився" (looked) as "подавився"
  (choked); the Arabic "تسديد" (paying), "تحديد" (setting) and "تمديد" (extending) as "تهديد"
  (a threat), "اسعار" (prices) as "اسعاف" (an ambulance). They are `known`; a `known` entry
  with a trailing `*` is a stem, so that every form of the word is itself ("kawał*").
- neglect: an old or dependent person left alone without food for days, nobody who looks after
  them, lying in their own dirt. It is `violence` (abuse or neglect of a vulnerable person, as
  in test_safety_daily_care.py), now a pattern family under `signals: violence` in every
  language rather than the classifier's guess.
Controls: crises beside the same words (a knife in Turkish, a heart attack in Polish, a fall on
the stairs, a carer who hits, pills beside a candle on a grave) stay crises.
On the code before this class: 61/100 right (care 25/46, neighbours 1/15, neglect 14/16,
controls 21/23); now 100/100.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from conversations.safety_signals import CRISIS, KINDS, VIOLENCE, detect, load_signals
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import detected_kind, read_holdout, trained_copies

BATTERY = Path(__file__).resolve().parent / "data" / "alarms28_classes_battery.jsonl"
FLOOR = 0.97  # of the battery's rows right; 100/100 when written (61/100 before)
Row = dict[str, object]


def _rows() -> list[Row]:
    return read_holdout(BATTERY)


def _kind(row: Row) -> str | None:
    return detected_kind(str(row["text"]), str(row["lang"]))


def _right(row: Row) -> bool:
    kind = _kind(row)
    return kind in KINDS if row["safety"] in KINDS else kind not in KINDS


def test_the_battery_speaks_every_language_and_is_not_trained_on() -> None:
    rows = _rows()
    by_class: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_class[str(row["class"])].add(str(row["lang"]))
    assert by_class["care"] == set(LANGUAGES)
    assert by_class["neglect"] == set(LANGUAGES)
    assert {"tr", "pl", "uk", "ar"} <= by_class["neighbours"]
    assert 60 <= len(rows) <= 100
    assert trained_copies(rows) == []


def test_the_battery_is_mostly_right() -> None:
    rows = _rows()
    wrong = [(r["lang"], r["text"], _kind(r)) for r in rows if not _right(r)]
    assert (len(rows) - len(wrong)) / len(rows) >= FLOOR, wrong


def test_every_crisis_of_the_battery_is_still_a_crisis() -> None:
    missed = [r["text"] for r in _rows() if r["safety"] in KINDS and _kind(r) not in KINDS]
    assert missed == []


def test_neglect_is_violence_found_by_the_patterns_themselves() -> None:
    for row in _rows():
        if row["class"] != "neglect":
            continue
        signal = detect(str(row["text"]), lang=str(row["lang"]))
        assert signal is not None and signal.kind == VIOLENCE, row["text"]
        assert signal.level == CRISIS and signal.hits, (row["text"], signal.explain())


def test_a_known_stem_keeps_every_form_of_a_real_word_itself() -> None:
    lex = load_signals()
    for token, crisis_key in (
        ("birakin", "bicak*"),
        ("biraktilar", "bicak*"),
        ("kawalkiem", "zawal*"),
        ("zapalic", "zawal*"),
        ("przemowienia", "przemoc*"),
    ):
        assert crisis_key not in lex.readings(token), token
    # The crisis words themselves and their typos are still read.
    assert "bicak*" in lex.readings("bicakla")
    assert "zawal*" in lex.readings("zawalu")


def test_a_relative_left_alone_for_an_hour_is_no_neglect() -> None:
    for lang, text in (
        ("en", "I leave my husband alone for an hour, is the lunch quick?"),
        ("nl", "ik laat mijn man twee uur alleen, hoe lang duurt het middagmaal?"),
        ("fr", "je laisse mon mari seul deux heures, le repas dure combien ?"),
        ("de", "ich lasse meinen Mann zwei Stunden allein, wie lange dauert das Essen?"),
        ("tr", "annemi iki saat yalnız bırakıyorum, yemek ne kadar sürer?"),
        ("pl", "zostawiam męża samego na dwie godziny, ile trwa obiad?"),
        ("uk", "залишаю чоловіка самого на дві години, скільки триває обід?"),
        ("ar", "ابني يتركها وحدها بعد الظهر، هل هناك نشاط لها؟"),
    ):
        signal = detect(text, lang=lang)
        assert signal is None or signal.kind not in KINDS, (text, signal.explain())
