"""What's on for a week, a part of a day, a holiday period and an activity not on the day asked:
a battery in eight languages on the demo organisations and an invented one (brembeek.yaml).

`activities_include` and `activities_exclude` list (activity, centre) pairs the reply must and
must not list, as the shared scorer reads them (the activity field alone does not count);
`reply_has` is words the reply text must have."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.conversations.battery import ROOT, Row, ask_all, read_rows, tally, with_org_paths

BATTERY = ROOT / "tests" / "conversations" / "data" / "activity_lists_battery.jsonl"
FLOOR = 0.95


def wrong_fields(expect: dict[str, Any], got: Row) -> list[str]:
    """The fields of `expect` the answer gets wrong."""
    wrong = []
    for key, want in expect.items():
        if key == "activities_include":
            listed = {(a["id"], a["centre"]) for a in got.get("activities") or []}
            ok = {tuple(pair) for pair in want} <= listed
        elif key == "activities_exclude":
            listed = {(a["id"], a["centre"]) for a in got.get("activities") or []}
            ok = not {tuple(pair) for pair in want} & listed
        elif key == "reply_has":
            ok = want in got.get("reply", "")
        else:
            ok = got.get(key) == want
        if not ok:
            wrong.append(key)
    return wrong


def test_activity_lists_battery(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = with_org_paths(read_rows(BATTERY))
    answers = ask_all(rows, monkeypatch, capsys)
    result = tally(rows, answers, lambda row: row["class"], wrong_fields)
    with capsys.disabled():
        print("\n" + result.line("activity lists"))
    assert result.score >= FLOOR, result.failures
    assert set(Counter(row["lang"] for row in rows)) == {
        "nl",
        "fr",
        "de",
        "en",
        "tr",
        "ar",
        "pl",
        "uk",
    }
    assert len({row["org"] for row in rows}) >= 2
