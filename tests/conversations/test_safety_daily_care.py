"""A relative's everyday care asked about is no crisis; a relative in danger still is.

"Pouvez-vous m'appeler ? Ma mère vit seule ... besoin d'aide pour ses courses et son ménage"
alarmed as violence: "ménage" (housework) is one letter from "menace" (a threat), and the
classifier read chores with a negation ("hij doet de afwas niet meer", "nie pierze") as a
suicide. The class: ordinary requests about a relative's shopping, housework, meals, washing,
living alone, forgetting things, a call back about it, home care, a carer tired of the daily
work. Fixed by real words of daily care read as themselves, not as typos of crisis words
(`known` in each language's file) and the chores of a relative's care named as a burden beside
an exhaustion idiom (`burden`). The rows here are wordings in all eight languages, never trained
on: ordinary questions and real crises about relatives (a parent hit, fallen and not getting up,
threatened or robbed by a carer, talking of ending it, neglected in a home). On main: 40/40
crises, 4 false alarms of 72; now 40/40 and 2.
"""

from __future__ import annotations

from pathlib import Path

from conversations.safety_signals import KINDS, detect
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import Row, read_holdout, trained_copies

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_daily_care_holdout.jsonl"
ORDINARY = {
    "callback",
    "meals",
    "washing",
    "shopping",
    "housework",
    "forgetting",
    "tired_carer",
    "home_care",
    "alone",
}
CRISES = {"hit", "fell", "carer_threat", "ending", "neglect"}
MAX_ALARMS = 2  # of 72 held-out ordinary rows: 4 on main before this class was fixed


def _held() -> list[Row]:
    return read_holdout(HOLDOUT)


def _crisis(text: str, lang: str) -> bool:
    signal = detect(text, lang=lang)
    return signal is not None and signal.kind in KINDS


def test_the_holdout_has_every_class_in_every_language_and_is_not_trained_on() -> None:
    rows = _held()
    for lang in LANGUAGES:
        mine = [r for r in rows if r["lang"] == lang]
        assert {r["class"] for r in mine if r["safety"] is None} == ORDINARY, lang
        assert {r["class"] for r in mine if r["safety"] in KINDS} == CRISES, lang
    assert trained_copies(rows) == []


def test_a_relative_hit_fallen_robbed_suicidal_or_neglected_is_still_a_crisis() -> None:
    missed = [
        r["text"] for r in _held() if r["safety"] in KINDS and not _crisis(r["text"], r["lang"])
    ]
    assert missed == []


def test_a_relatives_shopping_housework_meals_and_washing_rarely_alarm() -> None:
    alarmed = [r["text"] for r in _held() if r["safety"] is None and _crisis(r["text"], r["lang"])]
    assert len(alarmed) <= MAX_ALARMS, alarmed


def test_housework_is_not_read_as_a_threat() -> None:
    for text in (
        "Pouvez-vous me rappeler ? Mon père vit seul, il lui faut de l'aide pour le ménage",
        "ma tante cherche une aide ménagère, le ménage devient trop lourd pour elle",
    ):
        assert not _crisis(text, "fr"), text
    assert _crisis("l'aide ménagère menace ma mère et lui prend son argent", "fr")
