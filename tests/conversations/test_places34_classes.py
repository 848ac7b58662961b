"""The centre a resident means but words otherwise than our data (issue 14), asked in our own
words on an invented organisation (`data/eikelvoorde.yaml`: a centre of the town centre's
district "Binnenstad", a village hall of "Rijsdonk-Dorp", a two-word district "Hoge Vonder", a
long compound "Schuttersveldhoek" sharing a postcode, a centre with a name of its own, and a
café and a card club each held at one centre) and the demo ones, in the eight languages:

- `the town centre's common words name the centre whose district is the town centre`: "im
  Zentrum", "in het centrum", "in the centre", "w centrum" name the one centre whose district
  is the town centre, as they name a district called "Centrum", also where the district is
  "Binnenstad" (`CentreIndex.town_centre`), and so do "Altstadt", "inner city", "stare miasto"
  (`town_centre`); such a centre still yields to where the activity asked about is held ("is
  er een kaartclub in het centrum?"), and another town's old town is no centre of ours.
- `a name with a case ending or a foreign form of its parts is still that name`: Polish case
  forms of the name ("w Heikancie", "w Opeksie", "do Opeksu": `name_cases` in pl.yaml, made
  once from the names), Dutch parts of a name as German writes them ("Mariakirche" of Mariakerke:
  `name_parts` in de.yaml), Turkish suffixes and Arabic spellings of our names; an Arabic word
  heard as one word of a two-word name ("لانخه مونته") is no typo of an Arabic word
  (`CentreIndex.names_part`).
- `a two-word name with an everyday word, misspelt or cut short, is still that name`: "Lange
  Munt" of Lange Munte, "Hoge Vondr" of Hoge Vonder: the everyday word written as the name has
  it anchors the typo of the other to that name only (`CentreIndex._anchored`).
- `an activity asked by name for a day is about the one centre that holds it`: "is the
  neighbourhood café on today? ... before I walk over" carries that café's centre
  (`Understander._held_only_at`).
- `controls: no single centre meant`: plural words for our centres, a postcode several centres
  share, an activity held at several centres, an activity looked for ("is there a card club
  somewhere?", "nerede oynanıyor?"), other towns (Zandvoort, Brügge) and Polish words that end
  like a case ending.

On the starting main (6a7b820): 51/85; after: 85/85.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "places34_classes_battery.jsonl"
FLOOR = 0.97


def test_the_centre_meant_is_recognised(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "places34 classes battery", FLOOR, 4, monkeypatch, capsys)
