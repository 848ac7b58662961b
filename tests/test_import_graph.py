"""Flows are leaves: no flow imports another, and the rest imports only the flows' shared parts.

What several flows need lives in conversations/flows/toolkit.py (or base.py); a helper that one
flow exported to another grew copies and drifted (two phone-number regexes did).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOWS = "conversations.flows"
SHARED = {f"{FLOWS}.base", f"{FLOWS}.toolkit"}  # what any module may import from the flows
# Where the flows are put together: the engine routes to every flow, and the scheduler renders
# the messages a flow sends later (feedback questions, shift reminders).
COMPOSERS = {"conversations.engine", "bot.scheduler"}
PACKAGES = ("conversations", "bot", "storage")


def module_name(path: Path) -> str:
    """The dotted name of a source file below ROOT."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(module: str, source: str) -> list[tuple[int, str]]:
    """Every module `source` imports (also inside functions), with its line, once."""
    found = []
    package = module if module.endswith(FLOWS) else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from .x import y
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from conversations.flows import help` imports the module conversations.flows.help
            found += [
                (node.lineno, f"{base}.{a.name}" if base == FLOWS else base) for a in node.names
            ]
    return sorted(set(found))


def violations(sources: dict[str, str]) -> list[str]:
    """Each import that breaks the rule, as "module:line imports target"."""
    wrong = []
    for module, source in sorted(sources.items()):
        for line, target in imported(module, source):
            if not target.startswith(f"{FLOWS}.") or target in SHARED or target == module:
                continue
            if module.startswith(f"{FLOWS}.") or module not in COMPOSERS:
                wrong.append(f"{module}:{line} imports {target}")
    return wrong


def test_no_flow_imports_another_and_the_rest_imports_only_base_and_toolkit() -> None:
    sources = {
        module_name(path): path.read_text(encoding="utf-8")
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }
    assert f"{FLOWS}.toolkit" in sources and "conversations.safety" in sources
    assert violations(sources) == []


def test_the_check_names_a_flow_that_imports_another() -> None:
    sources = {
        "conversations.flows.help": "from conversations.flows.volunteers import ctx_in\n",
        "conversations.flows.staff": "def f():\n    from conversations.flows import my_signups\n",
        "conversations.flows.privacy": "from .my_signups import cancel_own\n",
        "conversations.safety": "import conversations.flows.volunteers\n",
        "conversations.guards": "from conversations.flows.toolkit import in_language\n",
        "conversations.engine": "from conversations.flows.help import HelpFlow\n",
        "conversations.flows.feedback": "from conversations.flows import base, toolkit\n",
    }
    assert violations(sources) == [
        "conversations.flows.help:1 imports conversations.flows.volunteers",
        "conversations.flows.privacy:1 imports conversations.flows.my_signups",
        "conversations.flows.staff:2 imports conversations.flows.my_signups",
        "conversations.safety:1 imports conversations.flows.volunteers",
    ]
