"""Outside things beside words of ours, and our centres beside outside words (issue 14, work
set 26).

A recipe, a shop or a doctor asked about with whom it is for ("c'est pour mes
petits-enfants") stays out of scope: the grandchildren name no children's activity of ours.
Identity papers the town hall issues (a driving licence to exchange, a passport or residence
permit to renew, Ukrainian "права") are not ours, unless help with their forms is asked at our
desk. "Which café / bakery / restaurant in <town>" asks about the town's businesses, not our
coffee morning; coffee at our centre stays ours. A landmark beside where the resident lives
("we live in Vlaskouter near the church, which is closest?") asks our nearest centre, while
"the nearest pharmacy" from there does not. A centre's kind word in its name spelled the way
another language spells it ("antena", "антена", "anten", "الأنتين") names that centre.

`data/outside26_classes_battery.jsonl` was written for this round in our own words, on an
invented organisation (`data/wevelhoek.yaml`) and the demo ones, in all eight languages; with
controls of ours beside the same words.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "outside26_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard: 86/88 when written (66/88 before)


def test_outside_things_for_whom_papers_cafes_landmarks_kind_words(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "outside26 classes battery", FLOOR, 2, monkeypatch, capsys)
