"""Our centres' names declined in Polish and Ukrainian, read one way (issue 14, work set 37).

A Dutch name of ours is declined in a Polish or Ukrainian sentence: "w Kiemie", "do Kiemu", "z
Hommelhofem", "Hommelhofowi", "w Mereldzie", "do Hoge Weidy", "w Ravelu", "w Oud Molenveldzie",
"w Sint-Rochusie", "w De Bremie"; "в Кімі", "до Кіму", "з Кімом", "до Мерельди", "в
Хоммельгофі". Such a word names that centre, whatever the name (one word or two, with an
article, a saint or an adjective, ending in a consonant, in -a, -e or -o). The forms are made
once, when the names are indexed, by the one mechanism `name_cases` of pl.yaml and uk.yaml
(entities.CentreIndex._declined; Ukrainian forms matched as heard); a form that is a word of
ours is never made. With controls: Polish and Ukrainian words that only look declined ("w
domu", "w sobotę", "w kinie", "w szpitalu", "Ravela" of the composer, a street, "stop"), the
same names in the other languages, and a language asked for ("Sprache bitte auf Polnisch", "po
polsku proszę", "can you write Polish") is a switch, not an activity.

`data/plunify37_classes_battery.jsonl` was written for this round in our own words, on an
invented organisation (`data/kalmthorst_plunify37.yaml`) and the demo ones. Before (b0385bf,
with `case_endings` beside `name_cases`): 87/90; after: 90/90.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "plunify37_classes_battery.jsonl"
FLOOR = 0.97


def test_declined_names_are_read_one_way(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "plunify37 classes battery", FLOOR, 4, monkeypatch, capsys)
