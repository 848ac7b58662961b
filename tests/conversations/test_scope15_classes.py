"""Things in town that share words with ours (issue 14, set 15).

In French the determiner tells the walk from the market, which fold to one word: "la marche",
"une marche", "cette marche", "les marches" are a walk; "le marché", "au marché", "un marché"
a market. A team's home or away match ("speelt ... thuis?", "joue à domicile", "u siebie")
is the club's, whose name words (Sporting, Racing, Royal, FC, KV) name no sport of ours,
unless one of our activities is named by its title. Trams, tram lines and strikes are the
transport company's. Eating out in town ("uit eten", "frühstücken gehen", a restaurant) is
not ours when none of our meals is named; our Sunday breakfast is. A market near one of our
centres is a thing in town with our centre as its landmark.

`data/scope15_classes_battery.jsonl` was written for this round in our own words, on an
invented organisation (`data/eikenrode.yaml`) and the demo ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "scope15_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard


def test_things_in_town_sharing_our_words(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "scope15 classes battery", FLOOR, 2, monkeypatch, capsys)
