"""Classes of the fourteenth blind set's misses, asked in our own words on an invented
organisation (`data/beekveld.yaml`: the centre of the town centre has a name of its own, the
social desk holds sessions at two centres, one the OCMW's house), set 14's Haarlem and Waregem
and the demo ones, in all eight languages:

- `repair of a housing problem`: a repair said beside the tenancy (a landlord, the rent, damp:
  `tenancy` per language), negated or not ("my landlord won't fix the mould", "repairs in my
  rented flat"), is the housing desk; `repair of a thing stays the repair café` ("can you
  repair my toaster").
- `a desk at the centre named`: the organisation's word for a desk that is also a centre's
  alias ("OCMW", "CPAS") names the desk; the place named beside it is where ("... приймає в
  Олмені?" is that centre's session).
- `debts`: debts in every language, spoken Arabic too ("الكريدي", "مديون"), and "I don't know
  what to do" ("ما بعرف", "nie wiem co robić"), which names neither a centre nor what is on.
- `open on a day, coming for a desk`: "is X open on Thursday evening, I was coming for the tax
  help" asks the centre's hours (`going_to` phrases); "when is the tax help at X" the desk.
- `coming on a day for a desk`: "I want to come on Friday" beside a desk's topic and a wish for
  advice ("проконсультуватися", "advies") is that desk, not a sign-up.
- `an activity for someone who can no longer manage`: "where can I get a pedicure? my mum can't
  manage on her own any more" is that activity, not a plea for a person nor a desk sharing its
  broad topic (care); the idiom is no crisis (safety examples `none`).
- `at the centre is no town centre`: "у центрі", "im Zentrum", "au centre", "in het centrum"
  say "at your centre" where the centre of the town centre has a name of its own ("De Wissel",
  district Centrum); `the town centre still names its centre` ("stadscentrum", "centre-ville",
  its own name, and Oostende's centre called Centrum).

Measured on the code before this round: 83/111; after: 111/111.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "desks14_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_desk_classes_of_set_14_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "set 14 desk classes battery", FLOOR, 3, monkeypatch, capsys)
