"""SQL lives in storage/ only: everything else asks a repository (issue 16).

The test reads every Python file of the project outside storage/ and tests/ and names each SQL
statement in a string and each raw query call on a store, so a query written again in a flow or
in the bot fails here with its file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = ("storage", "tests")  # the store itself, and tests that look into a database
SKIPPED = (".venv", "build", "dist", ".git")

SQL = re.compile(
    r"^\s*(SELECT\s.+\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|"
    r"CREATE\s+(TABLE|INDEX)\s|ALTER\s+TABLE\s|PRAGMA\s|BEGIN\b|WITH\s+\w+\s+AS\s*\()",
    re.DOTALL,  # the project writes SQL keywords in capitals; prose does not
)
RAW_CALLS = {"execute", "execute_count", "execute_many", "fetch_one", "fetch_all", "fetch_value"}


def project_files() -> list[Path]:
    """Python files of the project outside storage/ and tests/."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in ALLOWED or any(
            part in SKIPPED or part.endswith(".egg-info") for part in parts
        ):
            continue
        found.append(path)
    return found


def sql_in(path: Path) -> list[str]:
    """Where a file holds an SQL statement or calls a store's raw query methods."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = str(path.relative_to(ROOT))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL.match(node.value)
        ):
            found.append(f"{where}:{node.lineno}: SQL text {node.value[:40]!r}")
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                str(part.value) for part in node.values if isinstance(part, ast.Constant)
            )
            if SQL.match(str(text)):
                found.append(f"{where}:{node.lineno}: SQL text {str(text)[:40]!r}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in RAW_CALLS
        ):
            found.append(f"{where}:{node.lineno}: raw query call .{node.func.attr}()")
    return found


def test_the_check_finds_sql_where_it_is() -> None:
    """The detector itself: it names a query in a flow-like file, and passes plain prose."""
    sample = ROOT / "storage" / "repositories.py"
    assert sql_in(sample), "the detector found no SQL in storage/repositories.py"
    assert SQL.match("SELECT language FROM residents WHERE user_id = ?")
    assert SQL.match("UPDATE residents SET name = ? WHERE user_id = ?")
    assert not SQL.match("Select a centre from the list below")
    assert not SQL.match("Update: the lunch is moved")


def test_no_sql_outside_storage() -> None:
    """No flow, handler, command or benchmark writes SQL or queries a store directly."""
    files = project_files()
    assert any(path.parts[-2] == "flows" for path in files)  # the walk reached conversations/
    found = [line for path in files for line in sql_in(path)]
    assert not found, "SQL outside storage/ (ask a repository instead):\n" + "\n".join(found)
