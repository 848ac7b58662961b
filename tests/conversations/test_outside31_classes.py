"""Another company's or place's schedule, fare, entrance or service asked through our words
(issue 14, round 31).

A question about a thing not ours stays out of scope when it uses words we have: a day or a
holiday, "open" or "how much", our town or one of our centres' districts, a word of one of our
titles. Whether a bus, tram or ferry runs on a day is the transport company's timetable, to our
district too ("rijdt de bus op tweede paasdag naar Oosterend?"); "which bus goes to Stene on
Saturday?" still asks the way to our centre. A boat or bus said of the town names no trip of ours
by a shared stem ("автобуси" beside "Автобусна поїздка"), a compound that ends in an outside thing
is that thing ("Marine|museum" beside "Chorale de marins"), the market of our town is the town's
("سوق هافنمير"), and a driving school, a dentist who speaks a language or a recipe for one's own
Christmas meal are someone else's. Controls: our centres' hours on a holiday with a bus or the
market beside as the reason ("je passe après le marché"), our boat trip, coach trip, flea market,
cooking course, lunch and Christmas dinner, and wishes for the bot's language.

`data/outside31_classes_battery.jsonl` was written for this round in our own words, on an
invented harbour town's organisation (`data/havenmeer_outside31.yaml`) and the demo ones, in all
eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "outside31_classes_battery.jsonl"
FLOOR = 0.96  # a regression guard: 100/100 when written (77/100 before)


def test_outside_schedules_fares_entrances_and_services_through_our_words(
    monkeypatch, capsys
) -> None:
    check_class_battery(BATTERY, "outside31 classes battery", FLOOR, 2, monkeypatch, capsys)
