"""The sign-up rules stay in rules/: the repository stores what it is told and decides nothing.

A rule moved back into the store (a capacity check in the INSERT, a move-up in an UPDATE) would
need the activity's rule fields or the calendar there, and would store something other than what
the rules asked for; both are checked here. The feedback store likewise holds no rating range,
no trimming and no refusal: those are `rules.feedback`'s.
"""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.runtime import resolve_data
from storage.db import Database
from storage.records import SignupStatus, ensure_resident
from storage.repositories import repositories
from storage.signups import NewSignup, OccurrenceKey

ROOT = Path(__file__).resolve().parents[2]
RULE_FIELDS = {
    "capacity",
    "max_companions",
    "deadline",
    "signup_deadline",
    "slot_minutes",
    "signup",
}
"""What a sign-up decision reads of an activity: its limits, deadline, slots and sign-up mode."""
RULE_TYPES = {"Activity", "Calendar", "Organisation", "SignupMode", "capacity", "max_companions"}
"""What a decision would need handed in: the activity, the calendar, the organisation."""

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))


def rule_inputs_in(source: str) -> list[str]:
    """Where a module reads a rule input: an activity's rule field, or takes a rule type."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in RULE_FIELDS:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in RULE_TYPES:
            found.append(f"line {node.lineno}: {node.id}")
        elif isinstance(node, ast.arg) and node.arg in RULE_TYPES:
            found.append(f"line {node.lineno}: {node.arg}")
    return found


def test_the_sign_up_repository_reads_no_rule_input() -> None:
    """storage/signups.py takes keys and records, never an activity, a capacity or a calendar."""
    source = (ROOT / "storage" / "signups.py").read_text(encoding="utf-8")
    assert rule_inputs_in(source) == []


def test_the_check_sees_a_capacity_check_in_the_store() -> None:
    """The scan finds a capacity moved back into the store, so the test above can fail."""
    moved_back = (
        "from storage.model import Activity\n"
        "async def add(db, new, activity: Activity):\n"
        "    await db.execute('CASE WHEN taken + ? <= ?', (new.party_size, activity.capacity))\n"
    )
    assert rule_inputs_in(moved_back) == ["line 2: Activity", "line 3: .capacity"]


async def test_the_store_keeps_the_status_the_rules_chose_even_past_capacity(
    any_store: Database,
) -> None:
    """The store does not second-guess a decision: it has no idea of capacity or order."""
    repos = repositories(any_store)
    await repos.organisations.import_file(resolve_data("oostende"), now=NOW)
    key = OccurrenceKey("oostende", "pedicure", "mariakerke", "2026-11-24T09:30")  # 1 place
    stored = []
    for resident in (1, 2, 3):
        await ensure_resident(any_store, resident, now=NOW)
        status = SignupStatus.WAITING if resident == 1 else SignupStatus.CONFIRMED
        stored.append(
            await repos.signups.add(
                NewSignup(key=key, status=status, party_size=1, resident_id=resident), now=NOW
            )
        )
    assert [s.status for s in stored] == [
        SignupStatus.WAITING,
        SignupStatus.CONFIRMED,
        SignupStatus.CONFIRMED,
    ]
    assert await repos.signups.taken(key) == 2  # more than the slot holds: the rules' to prevent
    await repos.signups.mark_cancelled(stored[1].id, now=NOW)
    assert [s.id for s in await repos.signups.waiting_list(key)] == [stored[0].id]  # nobody moved


def feedback_decisions_in(source: str) -> list[str]:
    """Where a module decides about feedback: refuses (raise), trims or cuts text, compares with
    a number (a rating's range, a length; "> 0" on a count of rows written is no decision)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise):
            found.append(f"line {node.lineno}: raise")
        elif isinstance(node, ast.Attribute) and node.attr in {"strip", "lstrip", "rstrip"}:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            found.append(f"line {node.lineno}: a slice")
        elif isinstance(node, ast.Compare) and any(
            isinstance(part, ast.Constant) and isinstance(part.value, int) and part.value != 0
            for part in (node.left, *node.comparators)
        ):
            found.append(f"line {node.lineno}: a comparison with a number")
    return sorted(found)


def test_the_feedback_store_decides_nothing() -> None:
    """storage/feedback.py stores what rules/feedback.py accepted: no rating range, no trimming."""
    source = (ROOT / "storage" / "feedback.py").read_text(encoding="utf-8")
    assert feedback_decisions_in(source) == []


def test_the_check_sees_a_rating_rule_in_the_store() -> None:
    """The scan finds the rules the feedback store used to hold, so the test above can fail."""
    moved_back = (
        "async def record_rating(store, signup, rating, comment):\n"
        "    if not 1 <= rating <= 5:\n"
        "        raise ValueError('a rating is 1 to 5')\n"
        "    text = comment.strip()[:1000]\n"
    )
    assert feedback_decisions_in(moved_back) == [
        "line 2: a comparison with a number",
        "line 3: raise",
        "line 4: .strip",
        "line 4: a slice",
    ]
