"""Days and what's on, as classes in eight languages, on demo and unseen organisations.

`data/dates_whats_on_battery.jsonl` holds questions written for the classes of the fifth blind
set's date and what's-on misses (never its sentences), on the demo organisations and the
regression organisations of `tests/eval/blind/orgs`: a part of the day with what's on lists only
what is on then; a weekday counted from a holiday or a month ("the Saturday before Whitsun",
"de laatste vrijdag van maart"); a holiday period with what's on; a date with a centre and
"what's on" asks for activities; reopening after a closure asks for opening hours. Each row
names its class; the expectations are checked as `../shared/eval/score.py` checks them.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conversations.answers.activities import in_day_part
from storage.schedule import Occurrence
from tests.conversations import NOW, understander
from tests.conversations.battery import ask_all, tally

HERE = Path(__file__).resolve().parent
BATTERY = HERE / "data" / "dates_whats_on_battery.jsonl"
ORGS = HERE.parent / "eval" / "blind"
FLOOR = 0.97  # measured: see the figures printed and the commit messages


def wrong_fields(expect: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The fields where an answer disagrees with its expectation, as the shared scorer says."""
    wrong = []
    for key, want in expect.items():
        if key in ("activities_include", "activities_exclude", "desks_include"):
            listed = {(a["id"], a["centre"]) for a in got.get(key.split("_")[0]) or []}
            pairs = {tuple(p) for p in want}
            if not (pairs <= listed if key.endswith("include") else not pairs & listed):
                wrong.append(key)
        elif got.get(key) != want:
            wrong.append(key)
    return wrong


def _rows() -> list[dict[str, Any]]:
    rows = []
    for line in BATTERY.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["org"].endswith(".yaml"):
                row["org"] = str(ORGS / row["org"])
            rows.append(row)
    return rows


def test_the_battery_of_dates_and_whats_on_is_understood(monkeypatch, capsys) -> None:
    rows = _rows()
    answers = ask_all(rows, monkeypatch, capsys)
    result = tally(rows, answers, lambda row: row["class"], wrong_fields)
    with capsys.disabled():
        print("\n" + result.line("dates and what's on battery"))
    assert result.score >= FLOOR, result.failures
    languages = {row["lang"] for row in rows}
    assert languages == {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("good evening, what's on in Stene on Tuesday?", None),  # a greeting names no part
        ("iyi akşamlar, salı Stene'de ne var?", None),
        ("wat is er morgen in Stene?", None),  # "morgen" alone is tomorrow
        ("wat is er morgenvroeg in Stene?", "morning"),
        ("was gibt es heute Abend in Stene?", "evening"),
        ("what's on in Stene on Tuesday, morning or afternoon?", None),  # two parts: none
    ],
)
def test_a_part_of_the_day_is_only_a_part_when_it_says_one(text: str, part: str | None) -> None:
    assert understander().understand(text, now=NOW).day_part == part


def test_an_activity_is_in_each_part_it_begins_in_or_spends_an_hour_in() -> None:
    tz = ZoneInfo("Europe/Brussels")

    def occurrence(start: int, end: int) -> Occurrence:
        day = datetime(2027, 1, 12, tzinfo=tz)
        return Occurrence("activity", "x", "stene", day.replace(hour=start), day.replace(hour=end))

    pedicure = occurrence(9, 16)
    assert in_day_part(pedicure, "morning") and in_day_part(pedicure, "afternoon")
    assert not in_day_part(pedicure, "evening")
    assert in_day_part(occurrence(17, 19), "evening")
    assert not in_day_part(occurrence(14, 17), "evening")
    assert in_day_part(occurrence(12, 13), "afternoon")
    assert not in_day_part(occurrence(12, 13), "morning")
