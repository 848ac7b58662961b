"""Outside things asked through words of ours (issue 14, work set 28).

The price or ticket of an outside thing stays out of scope when a word of ours stands in it: a
bus or train fare "for a pensioner" (the pensioner names neither our choir nor the pension
desk), a ticket for a football match, the zoo's entrance "for a child"; our own lunch, trip and
card afternoon keep their prices. Another town's event stays out of scope where we hold one of
that kind: "the Christmas market in Ghent" is that town's, ours is asked by its own name, in our
own town or at our centre ("le marché de Noël" said as our title). A recipe of a dish of our
meal, its ingredients or how it is made, is a cook's question even with our lunch named; what
the lunch serves, and a cooking group of ours, stay ours.

`data/outside28_classes_battery.jsonl` was written for this round in our own words, on an
invented organisation (`data/brakelveld_outside28.yaml`) and the demo ones, in all eight
languages; with controls of ours beside the same words.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "outside28_classes_battery.jsonl"
FLOOR = 0.96  # a regression guard: 98/100 when written (75/100 before)


def test_outside_prices_other_towns_events_and_recipes_beside_our_words(
    monkeypatch, capsys
) -> None:
    check_class_battery(BATTERY, "outside28 classes battery", FLOOR, 2, monkeypatch, capsys)
