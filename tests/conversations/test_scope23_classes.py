"""Outside things of the town read as ours, and our own centres read as outside (issue 14,
work set 23).

The tide, how many people live in a town, a parcel to send at a parcel point, a football club's
match and its entry ticket (the team's verb, "spielt", names no games afternoon of ours whose
title only shares its stem) and a garden centre's or DIY store's hours on a holiday are not
ours. Our centre closed for works is asked about when it opens after them ("na de verbouwing",
"після ремонту", "po remoncie"), and Dutch "het weer open" is opening again, not the weather.
Chat shorthand asks what is on like the full words ("qqch cet aprem", "smth on this arvo",
"vmiddag").

`data/scope23_classes_battery.jsonl` was written for this round in our own words, on invented
organisations (`data/eikenrode.yaml`, `data/lindewaarde.yaml`) and the demo ones, in all eight
languages; with controls of ours beside the same words.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "scope23_classes_battery.jsonl"
FLOOR = 0.96  # a regression guard: 70/71 when written


def test_outside_things_and_our_reopening(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "scope23 classes battery", FLOOR, 2, monkeypatch, capsys)
