"""Tests press buttons by what they mean (typed payloads), never by the strings they pack into.

A raw "su:r:0" in a test breaks silently when a payload's packing changes, and says nothing of
what is pressed. Only the payload types' own tests (tests/conversations/test_payloads.py) write
packed strings; forged strings, which no payload type accepts, stay allowed everywhere (they
test that a forged press is refused).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conversations.payloads import unpack_any

TESTS = Path(__file__).resolve().parent
OWN_TESTS = {TESTS / "conversations" / "test_payloads.py"}  # the payload types' own tests
PRESSING = {"press", "_press", "tap", "taps", "queue_callback"}  # functions that press a button


def raw_payloads(source: str) -> list[tuple[int, str]]:
    """Each string in `source` that is a valid packed payload: one with a separator anywhere,
    and any one pressed directly (`press(door, "m")`, `payload="m"`), with its line."""
    found: set[tuple[int, str]] = set()
    for node in ast.walk(ast.parse(source)):
        candidates: list[ast.expr] = []
        if isinstance(node, ast.Constant) and ":" in str(node.value):
            candidates.append(node)
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            candidates += list(node.args) if name in PRESSING else []
            candidates += [k.value for k in node.keywords if k.arg in ("payload", "data")]
        for found_node in candidates:
            value = found_node.value if isinstance(found_node, ast.Constant) else None
            if isinstance(value, str) and unpack_any(value) is not None:
                found.add((found_node.lineno, value))
    return sorted(found)


def test_no_test_presses_a_button_by_its_packed_string() -> None:
    wrong = [
        f"{path.relative_to(TESTS)}:{line}: {value!r}"
        for path in sorted(TESTS.rglob("*.py"))
        if path not in OWN_TESTS and path != Path(__file__).resolve()
        for line, value in raw_payloads(path.read_text(encoding="utf-8"))
    ]
    assert wrong == []


def test_the_check_sees_a_packed_string_and_lets_a_forged_one_pass() -> None:
    source = "\n".join(
        [
            'await tap(resident, consent, "su:ok")',  # a packed SignupConsent
            'await press(door, "m")',  # the menu, pressed by its string
            'Incoming(1, kind, payload="h")',  # hours, as an update's payload
            'await press(door, "su:zz")',  # forged: no payload type takes it
            'Incoming(1, kind, payload="start")',  # a command, not a button
            'when = "10:15"',
        ]
    )
    assert raw_payloads(source) == [(1, "su:ok"), (2, "m"), (3, "h")]
