"""Services, events, prayer, shops and health of the town that share words with ours (issue 14,
set 16 and the session's work sets).

A thing of the town named plainly (`in_town` in the lexicon: bulky waste to register, a passport
to renew, a pass's office, a bus subscription, a carnival parade, a town festival, Friday
prayer, iftar, a market day, a match ticket, cheap vegetables to buy, a blood test at a lab) is
not ours, even where words of ours stand beside it ("anmelden" of a sign-up, "seniors" of an
activity's kind, "karnaval" of our own carnival party, "графік" of a rota). A place for lunch by
the sea is a meal out in town. Our own lunch, breakfast, cooking group, give-away shop and café,
a centre named like a thing in town ("De Markt"), a desk named, a city pass for our price and
our centres' opening hours stay ours.

`data/scope16_classes_battery.jsonl` was written for this round in our own words, on invented
organisations (`data/eikenrode.yaml`, `data/brembeek.yaml`, `data/two_markets.yaml`) and the
demo ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "scope16_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard


def test_town_things_sharing_our_words(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "scope16 classes battery", FLOOR, 2, monkeypatch, capsys)
