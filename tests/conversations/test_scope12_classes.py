"""The classes of the misses left on blind sets 9-11, asked in our own words.

An activity named by its verb ("wordt er gekaart", "wird gewandert", "kağıt oynanıyor", "чи
гуляють", "هل يطبخون") with a centre and a day is that activity. The weather told beside a
question about us ("Het weer is zo mooi") is why one asks, no question of its own. "Co
ciekawego w ten weekend?" asks what is on. Taking one's sign-up off ("kan mijn aanmelding ...
eraf", "streep me door") cancels it.

Out of scope beside our words: a market or fair's hours, a football club's home match and its
kick-off, tennis, meals for a hospital's visitors, a dish's recipe.

Desks by situation: "في مكان بيساعد ..." is "is there a place that helps", no centre named
(the centre is "المركز", with its article); home care for a parent is the desk of care, not the
carers' own desk; "is there help somewhere?" about a phone one was given is the digital desk,
not the smartphone course. A centre by a word for its kind ("دار القرية", "دار الحي") or a
branch ("filia") is that centre, and "مواعيد" beside it asks its hours; the way from the
station "on foot or by bus" ("zu Fuß" is no "zu", closed) asks the way to it.

Activities by need: exercise "so I don't fall" is fall prevention (an age, "mam 78 lat", names
no title's "8-14 lat"); help with a child's homework, where no desk has that topic, is the
homework club.

`data/scope12_classes_battery.jsonl` was written for this round (not copied from the sets) on
organisations of our own (`data/kempenveld.yaml`, `data/kempenbroek.yaml`,
`data/rijnmonde.yaml`) and the demo ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "scope12_classes_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_classes_of_the_blind_sets_left_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "scope12 classes battery", FLOOR, 2, monkeypatch, capsys)
