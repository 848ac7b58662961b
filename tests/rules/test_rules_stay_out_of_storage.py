"""The sign-up rules stay in rules/: the repository stores what it is told and decides nothing.

A rule moved back into the store (a capacity check in the INSERT, a move-up in an UPDATE) would
need the activity's rule fields or the calendar there, and would store something other than what
the rules asked for; both are checked here.
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
RULE_INPUTS = {
    "capacity",
    "max_companions",
    "deadline",
    "signup_deadline",
    "slot_minutes",
    "signup",  # the activity's sign-up mode
    "Activity",
    "Calendar",
    "Organisation",
    "SignupMode",
}
"""What a sign-up decision reads: the activity's rule fields, its mode, the calendar."""

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))


def rule_inputs_in(source: str, class_name: str) -> list[str]:
    """Where a class of `source` reads a rule input (by attribute, name or argument)."""
    tree = ast.parse(source)
    [cls] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
    found = []
    for node in ast.walk(cls):
        name = None
        if isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.arg):
            name = node.arg
        if name in RULE_INPUTS:
            found.append(f"line {node.lineno}: {name}")
    return found


def test_the_sign_up_repository_reads_no_rule_input() -> None:
    """SignupRepository takes keys and records, never an activity, its capacity or a calendar."""
    source = (ROOT / "storage" / "signups.py").read_text(encoding="utf-8")
    assert rule_inputs_in(source, "SignupRepository") == []


def test_the_check_sees_a_capacity_check_in_the_store() -> None:
    """The scan finds a capacity moved into a repository, so the test above can fail."""
    moved_back = (
        "class SignupRepository:\n"
        "    async def add(self, new, activity):\n"
        "        fits = 'CASE WHEN taken + ? <= ?', (new.party_size, activity.capacity)\n"
    )
    assert rule_inputs_in(moved_back, "SignupRepository") == ["line 3: capacity"]


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
