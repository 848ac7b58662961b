"""Understanding measured on our development organisation (issue 14), per language and class.

`dev_org.yaml` is a fictional Flemish city written in the documented data format; the questions
in `questions_dev.jsonl` (all eight languages) have hand-worked answers and cover out-of-scope
questions, booking versus information, topics and call-backs, and ordinary questions as a
control. Scored with the shared scorer's own field checks; the figures are printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.breakdown import SCORER, breakdown

HERE = Path(__file__).resolve().parent
MINIMUM = 0.95  # regression guard; the figures themselves are printed


def test_development_questions_are_understood(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    monkeypatch.chdir(HERE.parent.parent)  # the questions name the data file from the root
    right, total = breakdown(HERE / "questions_dev.jsonl")
    report = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + report)
    assert right / total >= MINIMUM, report
