"""Score a question file per language, per expected intent and per class, in one process.

Usage: .venv/bin/python -m tests.eval.breakdown tests/eval/questions_dev.jsonl [--verbose]
Uses the shared scorer's own field checks (../shared/eval/score.py).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from bot.cli import main as cli_main

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent.parent.parent / "shared" / "eval" / "score.py"


def scorer() -> ModuleType:
    """The shared scorer as a module."""
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answers(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`voordeur ask --json` on every question, in one batch."""
    stdin = "".join(
        json.dumps({k: q[k] for k in ("text", "at", "lang", "org") if k in q}) + "\n"
        for q in questions
    )
    out = io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out):
            cli_main(["ask", "--json"])
    finally:
        sys.stdin = old
    return [json.loads(line) for line in out.getvalue().splitlines() if line]


def breakdown(path: Path, verbose: bool = False) -> tuple[int, int]:
    """Print the figures; return (right, total)."""
    check = scorer().check
    questions = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    got = answers(questions)
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    right = 0
    for q, a in zip(questions, got, strict=True):
        wrong = check(q["expect"], a)
        ok = int(not wrong)
        right += ok
        expect = q["expect"]
        intent = expect.get("intent") or "|".join(expect.get("intent_any", []))
        lang = expect.get("language") or q.get("lang") or "?"
        for name, key in (("language", lang), ("intent", intent), ("class", q.get("class"))):
            if key:
                groups[name][key][0] += ok
                groups[name][key][1] += 1
        if wrong and verbose:
            shown = {k: a.get(k) for k in ("intent", "language", "centre", "activity")}
            shown["desks"] = [d["id"] for d in a.get("desks") or []][:4]
            print(f"FAIL {wrong} {q['text']!r}\n  want {expect}\n  got  {shown}")
    for name, table in groups.items():
        cells = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(table.items()))
        print(f"per {name}: {cells}")
    print(f"fully right: {right}/{len(questions)} ({right / len(questions):.1%})")
    return right, len(questions)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    breakdown(args.questions, args.verbose)
