"""Intents, out of scope and dates on organisations' data in our own words, in all eight
languages: a visit planned beside a question of opening hours, a limitation or a relative's
story told as the reason for a question, free advice, places with a count, a wish to learn
beside a question of what there is, a family signed up together, how to use the bot (also in
Flemish); outside things (parking prices, fuel, feasts' dates, other canteens, residence
papers) answered "I don't know"; carnival days by name, a day's number inside a named range, a
number that counts years after a weekday, a cancellation naming today's weekday, "when do you
reopen?" at an organisation of one centre, and the Turkish market ("pazarı") that is no Sunday.

`data/intents_scope_dates_battery.jsonl` was written for this round (not copied from the
sixth blind set, whose classes it follows) on the demo organisations.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from tests.conversations.battery import ask_all, read_rows, tally, wrong_fields

ROOT = Path(__file__).resolve().parents[2]
BATTERY = Path(__file__).resolve().parent / "data" / "intents_scope_dates_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard
CLASS_FLOOR = 0.85  # no class may fall apart


def _rows() -> list[dict[str, Any]]:
    """The battery's rows, with data files of this repository by their full path."""
    return [
        {**row, "org": str(ROOT / row["org"]) if row["org"].endswith(".yaml") else row["org"]}
        for row in read_rows(BATTERY)
    ]


def test_intents_scope_and_dates_of_unseen_wordings(monkeypatch, capsys) -> None:
    rows = _rows()
    answers = ask_all(rows, monkeypatch, capsys)
    result = tally(rows, answers, lambda row: row["class"], wrong_fields)
    with capsys.disabled():
        print("\n" + result.line("intents, scope and dates battery"))
    assert result.score >= FLOOR, result.failures
    for name, total in result.total.items():
        assert result.right[name] / total >= CLASS_FLOOR, (name, result.failures)
    languages = Counter(row["lang"] for row in rows)
    assert set(languages) == {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}


def test_outside_things_in_every_language_are_unknown(monkeypatch, capsys) -> None:
    rows = [row for row in _rows() if row["class"] == "outside"]
    answers = ask_all(rows, monkeypatch, capsys)
    wrong: list[Any] = [
        (row["text"], got["intent"])
        for row, got in zip(rows, answers, strict=True)
        if got["intent"] != "unknown"
    ]
    assert not wrong
    assert {row["lang"] for row in rows} == {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}
