"""Housing and admin questions read as a crisis, and wishes to join the dead missed.

Two classes of the safety detection, in all eight languages, on rows written for them
(data/alarms31_classes_battery.jsonl, never trained on):
- alarm: ordinary questions whose words sound like harm. A landlord who "does not react" to
  letters or calls was read as someone unconscious; a landlord who "threatens" eviction, "kicks
  me out", "wirft mich raus", "beni evden çıkarmaya çalışıyor" or "викидає мене" as violence;
  mould and damp in the bathroom, "delete my data" ("verilerimi silin"), "take me off the
  list" and "I won't come any more" (a cancelled dinner or coffee morning) as a suicide by
  the classifier. An eviction is a housing and legal matter, not violence. Fixed by `harmless`
  phrases per language around a `landlord` word class (not answering, evicting, putting out),
  an eviction threat, mould and damp in a room, data or a name deleted from a list, not coming
  any more beside a sign-off: their words explain themselves and the classifier reads the rest.
  They never name the victim ("me", "beni", "mnie"), so that "he hits me and throws me out"
  keeps its violence.
- join: wishes to join the dead. The rule: a wish to lie in the grave with the dead ("in het
  graf", "ins Grab", "toprağın altında") is a suicide; lying, resting, being buried or joining
  them at the grave or cemetery is a suicide with a now or soon beside it ("tonight", "as soon
  as possible", "the sooner the better"); tiredness of living beside a grave or cemetery is a
  suicide. Without them it is not a crisis: visiting the grave (even today or tomorrow),
  flowers for it, and funeral wishes put off to one's natural end ("later I want to be buried
  next to my husband", "when my time comes") are at most distress; those funeral wishes are
  `harmless`, so the classifier does not read "want to be ... buried" as a crisis.
Controls: the real crisis beside the same words ("forget the mould, I want to end it all",
"my son beats me and threw me out"), a grave visit, flowers, a calm funeral wish.
On the code before this class: 64/96 right (alarm 23/48, join 10/16, controls 31/32); now
95/96 (left: a French mould complaint the classifier reads as a possible medical emergency).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from conversations.safety_signals import CRISIS, KINDS, SUICIDE, VIOLENCE, detect
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import detected_kind, read_holdout, trained_copies

BATTERY = Path(__file__).resolve().parent / "data" / "alarms31_classes_battery.jsonl"
FLOOR = 0.96  # of the battery's rows right; 95/96 when written (64/96 before)
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
    for name in ("alarm", "alarm_control", "join", "join_control"):
        assert by_class[name] == set(LANGUAGES), name
    assert 60 <= len(rows) <= 100
    assert trained_copies(rows) == []


def test_the_battery_is_mostly_right() -> None:
    rows = _rows()
    wrong = [(r["lang"], r["text"], _kind(r)) for r in rows if not _right(r)]
    assert (len(rows) - len(wrong)) / len(rows) >= FLOOR, wrong


def test_every_crisis_of_the_battery_is_still_a_crisis() -> None:
    missed = [r["text"] for r in _rows() if r["safety"] in KINDS and _kind(r) not in KINDS]
    assert missed == []


def test_a_wish_to_join_the_dead_is_a_suicide_found_by_the_patterns() -> None:
    for row in _rows():
        if row["class"] != "join":
            continue
        signal = detect(str(row["text"]), lang=str(row["lang"]))
        assert signal is not None and signal.kind == SUICIDE, row["text"]
        assert signal.level == CRISIS and signal.hits, (row["text"], signal.explain())


def test_a_landlord_who_hits_is_still_violence() -> None:
    for lang, text in (
        ("en", "my landlord hit me and kicked me out of the flat"),
        ("nl", "de huisbaas slaat me en zet me op straat"),
        ("de", "mein Vermieter schlägt mich und wirft mich raus"),
        ("tr", "ev sahibi beni dövüyor ve evden atıyor"),
        ("pl", "właściciel mnie bije i wyrzuca z mieszkania"),
        ("uk", "власник б'є мене і викидає з квартири"),
        ("ar", "صاحب البيت ضربني ورماني برا البيت"),
        ("en", "my landlord threatens to kill me"),
    ):
        signal = detect(text, lang=lang)
        assert signal is not None and signal.kind == VIOLENCE, (lang, text)
        assert signal.level == CRISIS, (text, signal.explain())


def test_visiting_a_grave_today_is_no_crisis() -> None:
    for lang, text in (
        ("uk", "сьогодні хочу піти до чоловіка на цвинтар, чи є автобус?"),
        ("ar", "بدي روح اليوم عالمقبرة زور قبر جوزي"),
        ("de", "ich möchte heute auf den Friedhof und danach ein bisschen liegen"),
        ("pl", "dziś chcę być na cmentarzu przy grobie męża, czy jest autobus?"),
        ("en", "I want to join my husband at the bingo tonight"),
    ):
        signal = detect(text, lang=lang)
        assert signal is None or signal.kind not in KINDS, (text, signal.explain())
