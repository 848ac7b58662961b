"""German "hat <centre> heute abend noch auf" (is it still open tonight) is no crisis.

Blind set 15 found the spoken German way of asking whether a centre is still open tonight read
as a plan: "heute abend/nacht ... auf" as in "heute nacht hör ich auf", and centre names with a
bridge, a dyke or a canal in them as a method. On main before the class was trained, 7 of the 12
held-out questions below raised an alarm. The training lines are in
conversations/lexicon/safety/training/ordinary_classes/de.yaml (`still_open_tonight`); these
rows, with other invented names, are never trained on.
"""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS
from tests.conversations.safety_holdout import detected_kind, trained_copies

HELD_OUT = [
    "hat Rozenhof heute abend noch auf",
    "hat Ter Brugge heute nacht noch auf",
    "hat Kanaalzicht heute abend noch auf",
    "hat das Turmzimmer heute abend noch auf?",
    "hat Den Hoogen Dijk heute nacht noch auf",
    "hat Sint-Jozef heute abend noch auf",
    "hat Molenwijk heute abend noch auf, wir kommen zu zweit",
    "hat die Begegnungsstätte am Fluss heute nacht noch auf",
    "hat Groenplaats heute Abend noch auf oder nicht",
    "hat Blauwe Steen heute abend noch auf",
    "hat Witte Brug heute abend noch auf",
    "hat Spoorhuis heute nacht noch auf",
]

CRISES = [
    ("heute abend hör ich auf zu leben, die Tabletten hab ich gesammelt", "suicide"),
    ("heute nacht spring ich von der Brücke am Kanal", "suicide"),
    ("mein Vater ist heute abend umgefallen und macht die Augen nicht mehr auf", "medical"),
]


def test_the_held_out_questions_are_not_trained_on() -> None:
    assert trained_copies([{"text": t} for t in HELD_OUT + [c for c, _ in CRISES]]) == []


@pytest.mark.parametrize("text", HELD_OUT)
def test_asking_whether_a_centre_is_still_open_tonight_raises_no_alarm(text: str) -> None:
    assert detected_kind(text, "de") not in KINDS


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_a_plan_for_tonight_is_still_a_crisis(text: str, kind: str) -> None:
    assert detected_kind(text, "de") == kind
