"""Batteries of questions asked through `voordeur ask --json`: ask them all, tally per group."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

Row = dict[str, Any]
ROOT = Path(__file__).resolve().parents[2]


def read_rows(path: Path) -> list[Row]:
    """The rows of a JSONL battery file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def with_org_paths(rows: list[Row]) -> list[Row]:
    """The rows with data files of this repository (orgs ending in .yaml) by their full path."""
    return [
        {**row, "org": str(ROOT / row["org"]) if row["org"].endswith(".yaml") else row["org"]}
        for row in rows
    ]


def wrong_fields(expect: dict[str, Any], got: Row) -> list[str]:
    """The fields of `expect` the answer gets wrong (`*_include`: ids the answer must have;
    `*_exclude`: ids it must not offer)."""
    wrong = []
    for key, want in expect.items():
        if key == "desks_include":
            ok = set(want) <= {d["id"] for d in got.get("desks") or []}
        elif key == "desks_exclude":
            ok = not set(want) & {d["id"] for d in got.get("desks") or []}
        elif key == "activities_include":
            ids = {a["id"] for a in got.get("activities") or []} | {got.get("activity")}
            ok = set(want) <= ids
        elif key == "activities_exclude":
            ids = {a["id"] for a in got.get("activities") or []} | {got.get("activity")}
            ok = not set(want) & ids
        else:
            ok = got.get(key) == want
        if not ok:
            wrong.append(key)
    return wrong


def pair_wrong_fields(expect: dict[str, Any], got: Row) -> list[str]:
    """The fields of `expect` the answer gets wrong; activities as (id, centre) pairs listed
    (`activities_include`: pairs the list must have; `activities_exclude`: pairs it must not)."""
    listed = {(a["id"], a["centre"]) for a in got.get("activities") or []}
    wrong = []
    for key, want in expect.items():
        if key == "activities_include":
            ok = {tuple(pair) for pair in want} <= listed
        elif key == "activities_exclude":
            ok = not {tuple(pair) for pair in want} & listed
        else:
            ok = got.get(key) == want
        if not ok:
            wrong.append(key)
    return wrong


def ask_all(
    rows: list[Row], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[Row]:
    """Every row's question (text, at, lang, org) asked in one batch; the answers in order."""
    asked = "".join(
        json.dumps({k: row[k] for k in ("text", "at", "lang", "org")}) + "\n" for row in rows
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(asked))
    assert main(["ask", "--json"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert len(answers) == len(rows)
    return answers


@dataclass
class Tally:
    """Right answers per group (a class or an intent) and the questions answered wrong."""

    total: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, list[str], Any, Any]] = field(default_factory=list)

    @property
    def score(self) -> float:
        """The share of questions answered right."""
        return sum(self.right.values()) / max(1, sum(self.total.values()))

    def line(self, name: str) -> str:
        """One printable line: the figure overall and per group."""
        groups = ", ".join(f"{k} {self.right[k]}/{self.total[k]}" for k in sorted(self.total))
        overall = f"{sum(self.right.values())}/{sum(self.total.values())} ({self.score:.1%})"
        return f"{name}: {overall}; {groups}"


def tally(
    rows: list[Row],
    answers: list[Row],
    group: Callable[[Row], str],
    wrong: Callable[[dict[str, Any], Row], list[str]],
) -> Tally:
    """Compare each answer with its row's expectation (`wrong` lists the fields it misses)."""
    result = Tally()
    for row, got in zip(rows, answers, strict=True):
        name = group(row)
        result.total[name] += 1
        missed = wrong(row["expect"], got)
        if missed:
            result.failures.append((row["text"], missed, got.get("intent"), got.get("date")))
        else:
            result.right[name] += 1
    return result


def check_class_battery(
    path: Path,
    name: str,
    floor: float,
    min_orgs: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ask a battery grouped by class, print its line, assert the floor, languages and orgs."""
    rows = with_org_paths(read_rows(path))
    answers = ask_all(rows, monkeypatch, capsys)
    result = tally(rows, answers, lambda row: row["class"], wrong_fields)
    with capsys.disabled():
        print("\n" + result.line(name))
    assert result.score >= floor, result.failures
    languages = Counter(row["lang"] for row in rows)
    assert set(languages) == {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}
    assert len({row["org"] for row in rows}) >= min_orgs
