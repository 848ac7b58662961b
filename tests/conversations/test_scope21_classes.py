"""Courtesy and everyday words beside a question that is not ours, and a day asked with the
children free of school (issue 14, set 21).

A greeting or thanks said before a question about a thing not ours ("Bonjour, c'est à quelle
heure la messe de Noël ?") is courtesy: the question is out of scope. "ok" inside a question
("ceny są ok?", "is it ok to just walk in?") thanks no one. An office in town asked with a part
of the day ("Belediye binası öğlen kapalı mı?", "fermée le midi") is that office's hours: the
part of the day is when, no word of our "Après-midi cartes", and the card of an ID card names
no card game; "town" of "the town hall" names no centre called "Town centre". How to cook a
dish, a recipe, is not ours unless one of our activities is named apart from those words.
"Paskalya pazartesi bir etkinlik var mı, çocuklar okulda değil" asks what is on that day: the
children free of school say why.

`data/scope21_classes_battery.jsonl` was written for this round in our own words, on invented
organisations (`data/hofstede.yaml`, `data/brembeek.yaml`, `data/eikenrode.yaml`) and the demo
ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "scope21_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard


def test_courtesy_ok_recipes_and_days_beside_outside_things(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "scope21 classes battery", FLOOR, 2, monkeypatch, capsys)
