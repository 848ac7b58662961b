"""Questions about outside things asked with words of our world, in our own words: other
organisations' and shops' hours, doctors, pharmacies, the town hall, trains and buses, prices of
outside things, weather, sport, recipes and news; the outside thing with a Turkish case ending
("eczaneye", "belediyenin", "hastaneden", "kasabı"); an adjective between it and our centre
("le supermarché turc près de De Linde"); our centre named only as a landmark ("de huisarts
tegenover buurthuis De Brem", "the nearest cash machine" asked at Het Veer). Controls ask the
same words of ours (our hours, the bus to our centre, the price of our lunch). Russian weekdays
and words from a Ukrainian phone ("Het Veer в среду работает?") and other languages' day words
are read as days.

`data/oos_classes_battery.jsonl` was written for this round (not copied from any set) on an
organisation of our own (`data/kempenveld.yaml`) and two demo ones, in all eight languages.
`data/oos_classes2_battery.jsonl` asks other outside topics, written before the second round was
measured (bulky waste, driving lessons, gyms, vets, concerts, the cinema, passports, swimming,
the zoo, flights, school holidays, plumbers: 82/96 right then), and the classes of the
development sets' misses in our own words: paying at an outside shop ("can I pay by card
there?" is no bill of ours), the municipality's own words in any language ("BSN", "gemeente"),
and a community's weekend school ("école arabe le samedi") where a homework club is ours.
`data/oos_classes3_battery.jsonl` is a third batch written before it was measured (80 outside
questions and 8 controls on four organisations of our own): 69/80 on main, 77/80 with the
rounds before it; the emergency room named with a Turkish ending ("hastanenin acil servisi")
was fixed after.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "oos_classes_battery.jsonl"
FLOOR = 0.98  # 171/202 on main before this round; a regression guard


BATTERY_2 = Path(__file__).resolve().parent / "data" / "oos_classes2_battery.jsonl"
FLOOR_2 = 0.97  # 110/137 on main before these rounds; a regression guard


BATTERY_3 = Path(__file__).resolve().parent / "data" / "oos_classes3_battery.jsonl"
FLOOR_3 = 0.96  # 77/88 on main; 86/88 now


def test_outside_things_are_out_of_scope_and_ours_stay_ours(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "out-of-scope classes battery", FLOOR, 3, monkeypatch, capsys)


def test_other_outside_topics_and_the_development_sets_classes(monkeypatch, capsys) -> None:
    check_class_battery(
        BATTERY_2, "out-of-scope classes battery 2", FLOOR_2, 4, monkeypatch, capsys
    )


def test_a_third_batch_of_outside_questions(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY_3, "out-of-scope battery 3", FLOOR_3, 4, monkeypatch, capsys)
