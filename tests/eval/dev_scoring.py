"""Scoring shared by the development sets: per-language and per-intent figures, a floor."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.eval.breakdown import SCORER, answers, scorer

DEV = Path(__file__).resolve().parent / "dev"


def check_development_set(
    number: int,
    floor: float,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Answer dev/questions_dev_<number>.jsonl, print its figures and assert the floor."""
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    monkeypatch.chdir(DEV)  # each question names its data file relative to this folder
    check = scorer().check
    lines = (DEV / f"questions_dev_{number}.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line) for line in lines if line.strip()]
    got = answers(questions)
    assert len(got) == len(questions)
    total: dict[str, Counter[str]] = {"language": Counter(), "intent": Counter()}
    right: dict[str, Counter[str]] = {"language": Counter(), "intent": Counter()}
    failures = []
    unknown_right = unknown_total = 0
    for q, a in zip(questions, got, strict=True):
        expect = q["expect"]
        keys = {
            "language": expect.get("language") or a["language"],
            "intent": expect.get("intent") or "|".join(expect.get("intent_any", [])),
        }
        wrong = check(expect, a)
        for name, key in keys.items():
            total[name][key] += 1
            right[name][key] += not wrong
        if expect.get("intent") == "unknown":
            unknown_total += 1
            unknown_right += a["intent"] == "unknown"
        if wrong:
            failures.append((q["text"], wrong))
    share = 1 - len(failures) / len(questions)
    per = {
        name: ", ".join(f"{k} {right[name][k]}/{total[name][k]}" for k in sorted(total[name]))
        for name in total
    }
    with capsys.disabled():
        print(
            f"\ndev set {number}: {len(questions) - len(failures)}/{len(questions)} fully right"
            f" ({share:.1%}); out of scope answered unknown {unknown_right}/{unknown_total};"
            f" per language: {per['language']}; per intent: {per['intent']}"
        )
    assert share >= floor, failures
