"""The border between distress and crisis, by class, in all eight languages (issue 12 §1).

Unseen messages alarmed in three classes: grief, loneliness, homesickness and feeling useless
without danger read as a suicide (over half of the held-out false alarms); a carer's exhaustion
idiom ("ik kan niet meer", "تعبت", "nie daję rady", "je n'en peux plus de ce voisin") read as a
suicide although it is about a mother's care or a neighbour's noise; and idioms of dying and
killing in ordinary sentences ("je ne sais pas ce qu'elle veut dire", "this queue is killing
me"). An exhaustion idiom alone stays a crisis, and so does one beside words of death or a plan.

The patterns: exhaustion idioms are `weary` and a crisis unless the message names a `burden` in
the same language (the care of a relative: distress; a chore, a neighbour, a queue: nothing);
"since his stroke" is the past; "the queue will kill me" an idiom. The classifier trains on
paired lines of our own (training/border_classes/: each distress or ordinary line beside crises
that differ in the danger words), four fifths of them; a fifth, chosen by a crc32 of the text, is
kept in data/safety_border_classes_holdout.jsonl and never trained on. On that fifth (76 rows)
main raised 14 false alarms of 58, heard 11 of 33 distress messages and caught 17 of 18 crises;
with these classes 8 of 58, 16 of 33 and 18 of 18.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conversations.safety_signals import DISTRESS, KINDS, SUICIDE, VIOLENCE
from storage.model import LANGUAGES
from tests.conversations.safety_holdout import (
    Row,
    detected_kind,
    read_holdout,
    round_examples,
    trained_copies,
)

HOLDOUT = Path(__file__).resolve().parent / "data" / "safety_border_classes_holdout.jsonl"
CLASSES = {"grief_alone", "carer_weary", "death_idiom"}
MAX_ALARMS = 9  # of 58 held-out rows without a crisis: 14 on main before these classes, now 8
MIN_HEARD = 14  # of 33 held-out distress rows heard as distress: 11 on main, now 16
MAX_MISSED = 1  # of 18 held-out crises: 1 on main, now 0


def _held() -> list[Row]:
    return read_holdout(HOLDOUT)


def test_the_holdout_has_every_class_and_language_and_is_not_trained_on() -> None:
    rows = _held()
    assert {r["class"] for r in rows} == CLASSES
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert trained_copies(rows) == []


def test_the_training_rows_pair_every_class_with_crises_in_every_language() -> None:
    examples = round_examples("border_classes")
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        assert sum(e.label == DISTRESS for e in mine) >= 8, lang
        assert sum(e.label == "none" for e in mine) >= 6, lang
        assert sum(e.label in KINDS for e in mine) >= 5, lang


def test_held_out_crises_beside_grief_and_burdens_are_caught() -> None:
    missed = [
        r["text"]
        for r in _held()
        if r["safety"] in KINDS and detected_kind(**_args(r)) not in KINDS
    ]
    assert len(missed) <= MAX_MISSED, missed


def test_held_out_grief_burdens_and_idioms_rarely_alarm_and_grief_is_heard() -> None:
    calm = [r for r in _held() if r["safety"] not in KINDS]
    kinds = [(r, detected_kind(**_args(r))) for r in calm]
    alarmed = [r["text"] for r, kind in kinds if kind in KINDS]
    assert len(alarmed) <= MAX_ALARMS, alarmed
    heard = sum(kind == DISTRESS for r, kind in kinds if r["safety"] == DISTRESS)
    assert heard >= MIN_HEARD


def _args(row: Row) -> dict[str, str]:
    return {"text": str(row["text"]), "lang": str(row["lang"])}


# Per language: an exhaustion idiom alone (a crisis), the same idiom about a relative's care
# (distress), about a chore or a neighbour (no crisis), and beside words of death (a crisis).
WEARY: dict[str, tuple[str, str, str, str]] = {
    "nl": (
        "ik kan echt niet meer",
        "ik kan het niet meer aan, mijn schoonvader is bedlegerig en ik verzorg hem alleen",
        "ik hou het niet meer vol met die bovenburen en hun lawaai, wie kan bemiddelen?",
        "ik kan niet meer, ik wil dood, niemand zal me missen",
    ),
    "fr": (
        "je n'en peux plus",
        "je n'en peux plus, ma belle-mère a Alzheimer et je m'occupe d'elle toute seule",
        "je n'en peux plus de ces formulaires, qui peut m'aider au guichet ?",
        "je n'en peux plus de vivre, je veux mourir ce soir",
    ),
    "de": (
        "ich halte es nicht mehr aus",
        "ich halte es nicht mehr aus, meine Schwiegermutter ist bettlägerig"
        " und ich pflege sie allein",
        "ich kann nicht mehr mit dem Lärm der Nachbarn, wer kann da vermitteln?",
        "ich kann nicht mehr, ich will sterben, keiner wird mich vermissen",
    ),
    "en": (
        "I can't take it anymore",
        "I can't take it anymore, my father in law has dementia and I look after him alone",
        "I can't take it anymore with the upstairs neighbours' noise, who can mediate?",
        "I can't take it anymore, I want to die, nobody will miss me",
    ),
    "tr": (
        "artık dayanamıyorum",
        "artık dayanamıyorum, kayınvalidem yatalak ve ona tek başıma bakıyorum",
        "üst kattaki komşuların gürültüsüne artık dayanamıyorum, kim arabulucu olabilir?",
        "artık dayanamıyorum, ölmek istiyorum, kimse beni özlemeyecek",
    ),
    "ar": (
        "ما عدت أتحمل أكثر",
        "ما عدت أتحمل، حماتي طريحة الفراش وأنا أعتني بها وحدي",
        "ما عدت أتحمل ضجيج الجيران في الطابق العلوي، من يمكنه التوسط؟",
        "ما عدت أتحمل هذه الحياة، أريد أن أموت، لن يفتقدني أحد",
    ),
    "pl": (
        "już nie daję rady",
        "nie daję rady już, teściowa jest leżąca i opiekuję się nią sama",
        "nie daję rady już z hałasem sąsiadów z góry, kto może pomóc się dogadać?",
        "nie daję rady już, chcę umrzeć, nikt nie będzie za mną tęsknił",
    ),
    "uk": (
        "я так більше не можу",
        "не можу більше, свекруха лежача, і я доглядаю її сама",
        "не можу більше терпіти шум сусідів зверху, хто може допомогти домовитися?",
        "не можу більше жити, хочу померти, ніхто за мною не сумуватиме",
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_exhaustion_idiom_is_a_crisis_alone_or_with_death_but_not_beside_a_burden(
    lang: str,
) -> None:
    alone, care, chore, death = WEARY[lang]
    assert detected_kind(alone, lang) == SUICIDE
    assert detected_kind(care, lang) == DISTRESS
    assert detected_kind(chore, lang) not in KINDS
    assert detected_kind(death, lang) == SUICIDE


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ik kan niet meer, mijn zoon die ik verzorg slaat me", "nl"),
        ("je n'en peux plus, mon mari dont je m'occupe me frappe tous les soirs", "fr"),
        ("I can't take it anymore, the son I look after hits me", "en"),
    ],
)
def test_a_burden_does_not_quiet_violence_beside_it(text: str, lang: str) -> None:
    assert detected_kind(text, lang) == VIOLENCE
