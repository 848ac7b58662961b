"""Intent classes of blind sets 8 and 9's last misses, asked in our own words on an organisation
of our own (`data/vliethoven.yaml`) and the demo ones, in all eight languages: help with a
phone, an app or a tablet is the digital-help desk, not contact; someone offering to volunteer
who names the languages they speak or where they live volunteers; "I'm at the station, which of
your centres is closest?" asks for our nearest centre; "where can I go on Saturday morning?"
asks what is on then; a remark about an activity ("the soup was lukewarm, otherwise lovely") is
feedback; a centre's reopening after works and its hours on a possible day off are opening hours;
"what am I signed up for again? I forgot" is one's sign-ups; a call back asked for beats the
topic's desk; a choir is found by its word in every language; "for me and my husband" books two
places. Controls with the same words keep their intents.

`data/intents10_classes_battery.jsonl`: 129 questions, 97/129 on main before this round.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conversations.understanding.understander import Understander
from storage.datafile import load_organisation
from tests.conversations.battery import check_class_battery

DATA = Path(__file__).resolve().parent / "data"
BATTERY = DATA / "intents10_classes_battery.jsonl"
FLOOR = 0.95


def test_the_intent_classes_of_blind_sets_8_and_9_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "intents 10 classes battery", FLOOR, 3, monkeypatch, capsys)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("ik wil me inschrijven voor de dagtocht naar Giethoorn, voor mij en mijn man", 2),
        ("je veux m'inscrire pour l'excursion à Giethoorn, pour moi et mon mari", 2),
        ("Ich möchte mich für den Ausflug nach Giethoorn anmelden, für mich und meine Frau", 2),
        ("I'd like to sign up for the trip to Giethoorn, for me and my wife", 2),
        ("Giethoorn gezisine kaydolmak istiyorum, kendim ve eşim için", 2),
        ("بغيت نسجل فالرحلة ديال Giethoorn، ليا ولراجلي", 2),
        ("chcę się zapisać na wycieczkę do Giethoorn, dla siebie i męża", 2),
        ("хочу записатися на екскурсію в Giethoorn, для себе та дружини", 2),
        ("I'd like to sign up for the trip to Giethoorn", None),
    ],
)
def test_a_booking_for_oneself_and_a_partner_asks_two_places(
    text: str, places: int | None
) -> None:
    reader = Understander(load_organisation(DATA / "vliethoven.yaml"))
    got = reader.understand(text, now=datetime(2027, 4, 28, 10, 0))
    assert (got.intent, got.places) == ("signup", places)
