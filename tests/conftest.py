"""Fixtures shared by every test: a fresh store and a clock that tests set by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from storage.clock import FixedClock
from storage.db import Store

# `any_store`, `db_url`, `pg_url`: every backend, PostgreSQL in a throwaway cluster.
pytest_plugins = ("tests.backends",)

TIMEZONE = "Europe/Brussels"
"""The zone of the demo organisations and of the fixed clock."""

FIXED_NOW = datetime(2026, 11, 16, 10, 0)
"""Monday 16 November 2026, 10:00 local: a working day before the Christmas season."""


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A fresh store in a file of its own, with every migration applied."""
    async with await Store.open(tmp_path / "voordeur.sqlite3") as opened:
        yield opened


@pytest.fixture
def fixed_clock() -> FixedClock:
    """A clock standing still at Monday 2026-11-16 10:00 in Brussels."""
    return FixedClock(FIXED_NOW, timezone=TIMEZONE)
