"""The `voordeur` command as staff and operators use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

BROKEN = Path(__file__).resolve().parent.parent / "storage" / "broken"
DATA = Path(__file__).resolve().parent.parent.parent / "data"


def test_check_data_lists_every_problem_with_its_line_and_exits_non_zero(capsys) -> None:
    broken = BROKEN / "appointments-and-companions.yaml"
    expected = [
        line.removeprefix("# expect: ")
        for line in broken.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect: ")
    ]
    assert main(["check-data", str(broken)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"{broken}:{line}" for line in expected]


def test_check_data_on_a_good_file_says_so(capsys) -> None:
    assert main(["check-data", str(DATA / "oostende.yaml")]) == 0
    assert "no problems" in capsys.readouterr().out


def test_check_data_prints_warnings_but_exits_zero(capsys) -> None:
    """Warnings may be intended: staff see them, and a script that checks the file passes."""
    file = BROKEN / "closed-day.yaml"
    assert main(["check-data", str(file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4
    assert all(": warning: " in line for line in out[:3])
    assert out[3] == f"{file}: no errors, 3 warning(s) to check"


def test_import_imports_a_file_with_warnings_and_prints_them(tmp_path: Path, capsys) -> None:
    file = BROKEN / "unknown-kinds.yaml"
    assert main(["import", str(file), "--db", str(tmp_path / "v.sqlite3")]) == 0
    out = capsys.readouterr().out
    assert "test: imported" in out
    assert 'warning: activity "lunch": the bot does not understand the kind "meals"' in out


def test_import_refuses_a_weekly_rule_with_a_numbered_day(tmp_path: Path, capsys) -> None:
    """`FREQ=WEEKLY;BYDAY=1MO` is an error: nothing is imported, the fix is printed."""
    file = BROKEN / "repeat-rule-traps.yaml"
    db = tmp_path / "v.sqlite3"
    assert main(["import", str(file), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert 'write "FREQ=MONTHLY;BYDAY=1MO"' in out
    assert main(["check-data", str(file)]) == 1


def test_ask_still_answers_on_a_file_with_mistakes_it_can_run_on(tmp_path: Path, capsys) -> None:
    """A bot running on a file with "SH off" keeps answering; the checker tells staff."""
    file = BROKEN / "school-holidays.yaml"
    args = ["ask", "--json", "--data", str(file), "--at", "2026-11-23T10:15"]
    assert main([*args, "Is Noord open vandaag?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["intent"] == "opening_hours"
    assert answer["hours"] == [["09:00", "16:00"]]


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "v.sqlite3")
    assert main(["import", str(DATA / "denhaag-zuidwest.yaml"), "--db", db]) == 0
    assert "imported" in capsys.readouterr().out
    assert main(["import", str(DATA / "denhaag-zuidwest.yaml"), "--db", db]) == 0
    assert capsys.readouterr().out.strip() == "denhaag-zuidwest: unchanged"


def test_ask_answers_in_json_with_the_contract_fields(capsys) -> None:
    code = main(
        [
            "ask",
            "--json",
            "--lang",
            "en",
            "--at",
            "2026-11-23T10:15",
            "Is the Centrum centre open on Saturday?",
        ]
    )
    assert code == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["intent"] == "opening_hours"
    assert answer["centre"] == "centrum"
    assert answer["date"] == "2026-11-28"
    assert answer["hours"] == [["10:00", "13:00"]]
    assert set(answer) >= {"language", "until", "activities", "desks", "activity", "reply"}


def test_ask_in_batch_mode_answers_each_line_in_order_with_per_line_overrides(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    lines = [
        json.dumps(
            {
                "text": "Is Moerwijk open op tweede kerstdag?",
                "org": "denhaag-zuidwest",
                "at": "2026-11-23T10:15",
            }
        ),
        "Hallo",
        json.dumps(
            {
                "text": "Quand est-ce que Bissegem est ouvert ?",
                "org": "kortrijk",
                "lang": "fr",
                "at": "2026-11-27T10:00",
            }
        ),
    ]
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("\n".join(lines) + "\n"))
    assert main(["ask", "--json", "--at", "2026-11-23T10:15"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [a["intent"] for a in answers] == ["opening_hours", "greeting", "opening_hours"]
    assert answers[0]["centre"] == "moerwijk" and answers[0]["hours"] == []
    assert answers[2]["centre"] == "bissegem" and answers[2]["language"] == "fr"
    assert answers[2]["hours"] == []  # asked on a Friday: Bissegem is closed on Fridays


def test_ask_never_writes_a_database_file(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["ask", "--json", "Ik wil me inschrijven voor het kerstdiner"]) == 0
    assert list(tmp_path.iterdir()) == []


def test_chat_on_a_data_file_with_problems_lists_them_instead_of_a_traceback(
    tmp_path: Path, capsys
) -> None:
    data = tmp_path / "centres.yaml"
    data.write_bytes(b'organisation:\n  id: x\n  name: "caf\xe9"\n')  # saved as Latin-1
    code = main(["chat", "--data", str(data), "--db", str(tmp_path / "voordeur.sqlite3")])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith(f"{data}:3: ") and "UTF-8" in lines[0]
