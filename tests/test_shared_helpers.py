"""The helpers flows once copied from each other (issue 15) are written once: telling staff in
their language, cancelling one's own sign-up, the staff of a centre, reading a phone number and
laying buttons out in rows. A second definition, or a second phone-number pattern, fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONCE = {  # helper -> where it lives
    "in_language": "conversations/flows/toolkit.py",
    "translator": "conversations/flows/toolkit.py",
    "cancel_own": "conversations/flows/toolkit.py",
    "staff_ids_for": "conversations/flows/toolkit.py",
    "to_staff": "conversations/flows/toolkit.py",
    "is_phone": "conversations/flows/toolkit.py",
    "rows_of": "conversations/answers/menu.py",
}
CHUNKS = re.compile(r"\[\s*\w+\s*:\s*\w+\s*\+\s*\w+\s*\]\s*\)\s*for\s+\w+\s+in\s+range\(0,")


def sources() -> dict[str, str]:
    """Every source file of the bot and the conversations, by its path."""
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for package in ("conversations", "bot")
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def definitions(files: dict[str, str], name: str) -> list[str]:
    """Where a function of that name is defined (also as a method or an alias)."""
    found = []
    for path, source in files.items():
        for node in ast.walk(ast.parse(source)):
            defined = (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name
            )
            assigned = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets
            )
            if defined or assigned:
                found.append(path)
    return found


def test_each_shared_helper_is_defined_once_where_it_belongs() -> None:
    files = sources()
    assert {name: definitions(files, name) for name in ONCE} == {
        name: [path] for name, path in ONCE.items()
    }


def test_buttons_are_cut_into_rows_in_one_place_and_phones_read_by_one_pattern() -> None:
    files = sources()
    chunking = [path for path, source in files.items() if CHUNKS.search(source)]
    assert chunking == [ONCE["rows_of"]]
    phone_patterns = [
        path
        for path, source in files.items()
        for line in source.splitlines()
        if "re.compile" in line and "[0-9]" in line and "+" in line
    ]
    assert phone_patterns == ["conversations/flows/toolkit.py"]


def test_the_check_sees_a_copy() -> None:
    files = {
        "a.py": "def in_language(ctx, lang):\n    return ctx\n",
        "b.py": "in_language = other\nrows = tuple(tuple(b[i : i + 2]) for i in range(0, 4, 2))\n",
    }
    assert definitions(files, "in_language") == ["a.py", "b.py"]
    assert CHUNKS.search(files["b.py"])
