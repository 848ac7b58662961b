"""Which centre a message means (issue 14, sets 22 and 24), asked in our own words on an invented
organisation (`data/kranenbeek.yaml`), the demo ones and two blind ones (Hilversum, Nijmegen), in
the eight languages:

- `the town centre names the centre of the town-centre district, whatever its own name`: "in het
  centrum", "im Zentrum", "в центрі", "وسط المدينة" name the district Centrum, so the centre
  there, also when it has a name of its own ("De Linde").
- `a centre only a word for the town centre implies yields to where the thing asked for is`: "is
  er een kapper in het centrum?" where the hairdresser comes to Sint-Anna lists that hairdresser,
  never nothing because the centre was read from a common word.
- `getting into a named centre with a walker or wheelchair is a question of its contact`, with
  "makkelijk", "facilement", "łatwo", "легко" or another word the bot knows nothing of beside it.
- `a saint's title in a centre's name, written short or in another language`: "St-Anna", "St.
  Anna", "Sankt Anna", "Ste-Anne", "św. Anna", "Сінт Анна" name Sint-Anna.
- `the town's name in another language or script is the whole organisation`: "Неймегені",
  "نيميخن", "Краненбеку" are the town, never a typo of a centre ("Nijmegen-Oost").

On the starting main (9d61115): 51/97; after: 97/97.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "centres25_classes_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_centre_classes_of_sets_22_and_24_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(
        BATTERY, "sets 22/24 centre classes battery", FLOOR, 4, monkeypatch, capsys
    )
