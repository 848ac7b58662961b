"""The classes of blind set 10's and development set 11's misses, asked in our own words.

Out of scope beside our places: a post office, a shop chain ("de Action", "Biedronka") or a
beach in a district that has a centre, recipes, changing money and other currencies, renting
bikes, eating out; while a centre's hours told beside last year's ("open op kerstavond of gaan
ze om 12u dicht zoals vorig jaar", "wie letztes Jahr") stay the centre's hours on that day, and
an everyday word ("letztes") is no misspelt desk title ("letters").

`data/set10_classes_battery.jsonl` was written for this round (not copied from the sets) on an
organisation of our own (`data/kempenveld.yaml`) and the demo ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "set10_classes_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_classes_of_blind_set_10_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "set10 classes battery", FLOOR, 2, monkeypatch, capsys)
