"""One's own sign-ups asked as people ask them, and greetings alone (issue 14, round 37).

Whether one's own booking is settled ("is my place on the trip confirmed?", "mijn inschrijving,
is die doorgekomen?", "geziye yerim kesinleşti mi?", "чи підтверджене моє місце?"), whether one
is still on the waiting list, which day one signed up for, when one's appointment was again:
the resident's own sign-ups, not a new booking, what is on or the privacy of a name. One's own
booking beside a word of being settled is read in either order from the lexicons'
`booking_settled` tables. Greetings alone, long or devout, stay greetings. Controls: signing up
and cancelling with the same words, questions of what is on and of hours after a greeting.

`data/lead37_classes_battery.jsonl` was written for this round in our own words on the demo
organisations, in all eight languages. Two further sets of own-booking questions written after
the change (24 rows, not in the battery) went 13 -> 20/24.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "lead37_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard: 67/68 when written (51/68 before)


def test_own_signups_and_greetings(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "lead37 classes battery", FLOOR, 2, monkeypatch, capsys)
