"""An activity named by a variant of its title word (issue 14, work set 31).

A resident seldom writes a title as we do: the diminutive left off or put on ("kerstmarkt" for
our "Kerstmarktje", "wandelclubje" for the "Wandelclub"), another case or number ("de
kerstmarktjes", "на ярмарку" of "Ярмарок", "Noel pazarında", "na kiermaszu świątecznym"), a
compound written apart or as one ("kerst markt", "Spiele Nachmittag", "weggeef winkel",
"repaircafe", "Tabletkurs"). Such a word names our activity, even where its last part is a
market or a shop of the town ("kerstmarkt", "winkel", "Laden"). Controls: another activity
sharing a part ("Kerstdiner" is no "Kerstmarktje"), the town's market or DIY store said alone
("markt", "bouwmarkt", "Wochenmarkt"), and our title's words said of another town ("de kerst
markt in Brugge") stay as they were.

`data/titles31_classes_battery.jsonl` was written for this round in our own words, on an
invented organisation (`data/rietkamp.yaml`) and the demo ones, in all eight languages; with
controls of ours beside the same words.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "titles31_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard: 85/85 when written (76/85 before)


def test_titles_named_by_a_variant_of_their_word(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "titles31 classes battery", FLOOR, 2, monkeypatch, capsys)
