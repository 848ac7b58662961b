"""The days a question means (issue 14, set 25's classes; docs/dates.md).

A bridge day ("brugdag", "Brückentag", "jour de pont", "bridge day", "köprü günü") is the next
working day between a public holiday of the organisation's country and the weekend, the Friday
after Ascension or after 11 November, the Monday before King's Day. A date written out beats a
holiday named in an aside ("18 May, or is that still Whitsun?"). A holiday in a clause that tells
what happened ("my son bought me it at Christmas", "ma fille me l'a offert à Noël") is no day
asked, with or without a question mark. Opening hours for "this week" or "next week" are the
week's range, in all eight languages. A weekday with "next" is that weekday in next week, and
so is Arabic's "الخميس الجاي".

`data/dates25_classes_battery.jsonl` was written for this round in our own words, on an invented
organisation (`data/brugstede.yaml`, Belgian), another (`data/eikenrode.yaml`, Dutch) and the
demo ones, in the languages where each class is said, with controls.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "dates25_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard


def test_bridge_days_asides_told_days_and_week_ranges(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "dates25 classes battery", FLOOR, 2, monkeypatch, capsys)
