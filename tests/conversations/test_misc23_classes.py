"""Language wishes, checking one's sign-ups, a desk's address, told days (issue 14, set 23).

A language asked for with a verb of switching or changing and its object ("switch this to
Ukrainian for my mum", "passer ça en polonais pour ma voisine") is a wish for that language,
whoever it is for. "Did my signup go through? what am I booked for?" checks one's sign-ups.
The address or phone of a desk or point at a centre ("the address of the Veemarkt info
point") is that centre's contact. Today's weekday told as a habit beside "tomorrow" ("ik zit
op zondag altijd alleen", asked on a Sunday) leaves tomorrow alone; a holiday told as the
reason ("open on Monday? I think it's Easter") does not beat the weekday asked unless it falls
on it; a day in a clause that tells what happened ("the tablet my grandson gave me at
Christmas, is there a course?") is not the day asked.

`data/misc23_classes_battery.jsonl` was written for this round in our own words, on an invented
organisation (`data/eikenrode.yaml`) and the demo ones, in all eight languages, with controls.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "misc23_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard


def test_wishes_signups_desk_addresses_and_told_days(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "misc23 classes battery", FLOOR, 2, monkeypatch, capsys)
