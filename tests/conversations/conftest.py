"""A fresh front door on the Oostende demo data, with one staff member configured."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.runtime import build_front_door
from conversations.engine import FrontDoor
from storage.clock import FixedClock
from tests.conversations.chat import MONDAY_MORNING, STAFF


@pytest.fixture
def clock() -> FixedClock:
    """Monday morning in Oostende; tests move it by hand."""
    return FixedClock(MONDAY_MORNING)


@pytest.fixture
async def door(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FrontDoor]:
    """The front door on its own store file."""
    front_door = await build_front_door(
        "oostende", tmp_path / "bot.sqlite3", clock=clock, staff_ids=frozenset({STAFF})
    )
    yield front_door
    await front_door.close()
