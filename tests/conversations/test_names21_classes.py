"""How centres and activities are found by name (issue 14, set 21), asked in our own words on an
invented organisation (`data/hoogmeer.yaml`), two test ones (`data/many_centres.yaml`,
`data/rijnmonde.yaml`) and the Kortrijk demo, in the eight languages:

- `a compass word of a district in the resident's language`: "Hoogmeer-Ouest", "West Hoogmeer",
  "Hoogmeer Batı", "Hoogmeer-Zachód", "Hoogmeer غرب" name Hoogmeer-West, also after "le centre
  de" ("le centre de Hoogmeer-Ouest" is no centre of the town Hoogmeer).
- `the town named alone is the whole organisation`: where the organisation's name names one
  town, its name in other scripts ("Хогмеєр", "هوخمير") is no alias of the town centre's centre;
  "центр Хогмеєр", "مركز هوخمير" (its centre) still are.
- `another place that starts like one of our names`: "Verleedal", "Heulebrug", "Markegrot" are
  other places, no typo or run-together of "Verlee", "Heule", "Marke" ("verleeopen" still is).
- `a short form or spelling of a title word`: "bbq", "barbeque", "шашлики" find the barbecue,
  "expo", "експо" the exhibition (concepts in the lexicon, per language).

On the starting main (bc4fb6e): 23/65; after: 65/65.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "names21_classes_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_naming_classes_of_set_21_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "set 21 naming classes battery", FLOOR, 4, monkeypatch, capsys)
