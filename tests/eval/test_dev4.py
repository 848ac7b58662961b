"""Understanding measured on a fourth development organisation (issue 14, fourth round).

`dev_org4.yaml` is a fictional Dutch town's four buurthuizen; `questions_dev4.jsonl` asks it,
in all eight languages, the classes a fourth blind set found missing: "what's on" with a centre
and a day or weekend, a generic activity word that must list every activity of its kind,
information questions that are no booking, letters and bills not understood that belong to a
desk, DigiD log-in trouble, call-backs with a language wish and "what can I ask you". Figures
per class are printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.breakdown import SCORER, breakdown

HERE = Path(__file__).resolve().parent
MINIMUM = 0.9  # regression guard; the figures themselves are printed


def test_fourth_development_questions_are_understood(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    monkeypatch.chdir(HERE.parent.parent)  # the questions name the data file from the root
    right, total = breakdown(HERE / "questions_dev4.jsonl")
    report = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + report)
    assert right / total >= MINIMUM, report
