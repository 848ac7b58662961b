"""Understanding measured on a third development organisation (issue 14, third round).

`dev_org3.yaml` is a fictional Flemish city's service centres and neighbourhood work, named by
their neighbourhoods; `questions_dev3.jsonl` asks it, in all eight languages, the classes a
blind set found missing: outside institutions and businesses beside our neighbourhoods (and
controls that stay ours), a word for our centres with a neighbourhood, booking against desks,
Moroccan and other spoken Arabic, "what can you do", call-backs with a topic, needs described
instead of named, and Darija weekdays. Figures per class are printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.breakdown import SCORER, breakdown

HERE = Path(__file__).resolve().parent
MINIMUM = 0.9  # regression guard; the figures themselves are printed


def test_third_development_questions_are_understood(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    monkeypatch.chdir(HERE.parent.parent)  # the questions name the data file from the root
    right, total = breakdown(HERE / "questions_dev3.jsonl")
    report = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + report)
    assert right / total >= MINIMUM, report
