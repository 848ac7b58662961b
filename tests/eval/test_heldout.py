"""Understanding measured on questions written apart from the code (all languages and orgs).

`questions_heldout.jsonl` was written by someone who had not seen the understanding code, from
the reference data only. It is scored with the shared scorer's own field checks.
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest

from bot.cli import main

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent.parent.parent / "shared" / "eval" / "score.py"
MINIMUM = 0.90  # regression guard; the figure itself is printed


def _scorer():
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_held_out_questions_are_understood(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    score = _scorer()
    questions = [
        json.loads(line)
        for line in (HERE / "questions_heldout.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    stdin = "".join(
        json.dumps({k: q[k] for k in ("text", "at", "lang", "org") if k in q}) + "\n"
        for q in questions
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["ask", "--json"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert len(answers) == len(questions)
    failures = [
        (q["text"], wrong)
        for q, got in zip(questions, answers, strict=True)
        if (wrong := score.check(q["expect"], got))
    ]
    right = 1 - len(failures) / len(questions)
    with capsys.disabled():
        print(
            f"\nheld-out questions fully right: {len(questions) - len(failures)}"
            f"/{len(questions)} ({right:.1%})"
        )
    assert right >= MINIMUM, failures
