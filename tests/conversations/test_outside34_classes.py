"""Another organisation's service, timetable, price or event asked through our words (issue 14,
round 34).

A question stays out of scope when what it asks about belongs to someone else, whatever words
of ours it uses: how often a bus or tram runs, a detour or a changed route ("як часто ходить
автобус до Стене?", "le bus 12 a changé d'itinéraire ?") is the transport company's, to our
district too; a park or a cemetery asked about itself ("Heule mezarlığı kaçta kapanıyor?", "the
park at Ter Beke") is the town's, and a street named after a park ("Zuiderparklaan") makes the
park no centre of ours; one's new address registered ("I moved to Ter Beke, how do I register
my new address?", "ummelden", "zameldować się") is the town's population register, the area one
moved to being where one lives; what to do with the grandchildren in a place the bot knows
nothing of ("in Gent", "w Antwerpii", "Rotterdam'da") is that town's; a price or discount for
whom only (seniors, pensioners) of a thing the bot knows nothing of ("akvaryumda yaşlılara
indirim") is that thing's. Controls: our day trip to Brugge, card club, walking club and walking
football, our afternoon for grandparents and grandchildren, our centres' hours in the same
districts, our pension, social, housing and digital desks, prices of our lunch and trip for
seniors.

`data/outside34_classes_battery.jsonl` was written for this round in our own words, on an
invented Flemish organisation (`data/meerlaar_outside34.yaml`) and the demo ones, in all eight
languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "outside34_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard: 97/100 when written (78/100 before)


def test_another_organisations_service_asked_through_our_words(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "outside34 classes battery", FLOOR, 2, monkeypatch, capsys)
