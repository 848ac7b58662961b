"""Places of ours named like a holiday (issue 14, work set 28).

A centre, district or village of the organisation whose name is also a holiday's
("Allerheiligen", "Hemelvaart", "Sint-Niklaas"), or the organisation's own town named so
("Allerzielen"), names that place in every language: "wat is er deze week te doen in
Allerheiligen?", "Hemelvaart merkezi yarın açık mı?", "що сьогодні є в Allerheiligen?" ask about
that centre on the day they name, not about 1 November. It is the holiday only where the wording
clearly asks for the day ("op Allerheiligen", "an Allerheiligen", "Allerheiligen zelf") and
nothing else names a day; the holiday in other words beside the place ("on All Saints' Day",
"à la Toussaint", "на Вознесіння") keeps its day. Controls: holidays named the ordinary way on
organisations without such a place, and places that only begin like a holiday ("Kerstendonk").

`data/names28_classes_battery.jsonl` was written for this round in our own words, on invented
organisations (`data/roeselbeek.yaml`, `data/hoornwaard.yaml`, `data/allerzielen.yaml`) and the
demo ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "names28_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard: 99/99 when written (33/99 before)


def test_places_named_like_a_holiday(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "names28 classes battery", FLOOR, 2, monkeypatch, capsys)
