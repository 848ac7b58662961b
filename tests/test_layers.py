"""The layers import one way: bot → conversations → rules → storage (issue 16).

The rules work against the repositories, so they may import storage but never a conversation or
the bot; the store imports no rules, so a repository cannot come to depend on a rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "rules": ("conversations", "bot"),
    "storage": ("rules", "bot"),
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """The absolute modules a file imports (also inside functions), with their lines."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.append((node.lineno, node.module))
    return found


def test_rules_and_storage_import_only_downwards() -> None:
    """rules/ imports no conversation and no bot; storage/ imports no rule and no bot."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: imports {name}"
        for package, banned in FORBIDDEN.items()
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, name in imports_of(path)
        if name.split(".")[0] in banned
    ]
    assert wrong == []


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """The scan finds an upward import, so the test above cannot pass by seeing nothing."""
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from conversations.engine import FrontDoor\n")
    assert imports_of(source) == [(2, "conversations.engine")]
