"""Desk, contact and advice classes of the twenty-first blind set (issue 14), asked in our own
words on an invented organisation (`data/ravelmonde.yaml`: a computer desk that declares no app,
no itsme and no bank; an information desk and no desk for letters or forms; activities on two
floors) and on the demo ones, in all eight languages:

- `a topic no desk declares falls to the desk that covers it`: "I can't cope with my itsme app,
  where can I go?" is the digital desk, also where a German plea's gap holds the topic ("ich
  komme mit meiner Itsme-App nicht klar") and where "my phone" is the device, not a number.
- `papers from the council one does not understand are the letters desk`: the desk for letters
  and forms, or the information desk where the organisation has no such desk.
- `where in the building an activity is, or a lift, is contact`: "which floor is the language
  café on?", "is there a lift to the first floor?" (the lexicons' `in_building`).
- `what one would suggest for someone is advice on what is on, no feedback`: "what would you
  suggest for my father?", "what do you recommend for someone who is lonely?".
- `asking whether one may go is no booking`: Turkish "... gidebilir miyim" (the lexicon's
  `may_go`) asks about the desk, activity or centre named ("Tablet kursuna gidebilir miyim, hiç
  bilmiyorum" was a sign-up), as its kin in other languages already did.

Measured on the code before this round (bc4fb6e): 43/81; after: 81/81.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "desks21_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_desk_and_advice_classes_of_set_21_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(
        BATTERY, "set 21 desk and advice classes battery", FLOOR, 3, monkeypatch, capsys
    )
