"""A language told, a suggestion made, a centre with a Turkish case ending (issue 14, set 20).

A language named as a reason or a skill asks the bot for nothing: "my mother speaks no other
language than Turkish, but she knits well" asks for an activity, "I could volunteer translating
Arabic–Dutch" offers help; "no other language", "başka dil bilmiyor" said with a negation of
its own tell what someone lacks. A suggestion verb ("I suggest", "je propose", "ich schlage
vor", "öneriyorum", "proponuję", "пропоную", "أقترح") about a centre's days or hours is
feedback, with the people who work in the week as its reason ("багато людей працює": people
work, the centre is not open). A date that falls on a day "becomes" that day ("Pazar günü
oluyor sanırım"): the Turkish "oluyor" folds like "ölüyor" (is dying), and is no emergency
after a weekday; the centre named with "-deki", "-taki", "-nin" keeps its date.

`data/lang16_classes_battery.jsonl` was written for this round in our own words, on an invented
organisation (`data/eikenrode.yaml`) and the demo ones, in all eight languages, with controls
(asking for a language, asking the hours, someone dying said with a hedge).
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "lang16_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard


def test_languages_told_suggestions_and_case_endings(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "lang16 classes battery", FLOOR, 2, monkeypatch, capsys)
