"""The sending budget's table comes with migration 7 on both backends, and older databases upgrade.

Before migration 7 a process created the table when it started (on PostgreSQL only): such a
database keeps the schedule it has; one from before the shared budget gets the table and its row.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from storage.db import Database, Migration, Store, discover_migrations
from storage.pg import MIGRATIONS_DIR as PG_MIGRATIONS_DIR
from storage.pg import PgStore
from storage.send_budget import SendLedger
from tests.pgcluster import Cluster

GAP = 1 / 30
T = 1_765_000_000.0  # seconds on the wall clock
BUDGET = 7  # the migration that brings the table
_numbers = itertools.count(1)


def before_budget(migrations: list[Migration]) -> list[Migration]:
    """The migrations a database made before the budget's migration has."""
    assert migrations[BUDGET - 1].name == "send_budget"
    return migrations[: BUDGET - 1]


@pytest.fixture
async def empty_pg(pg_cluster: Cluster) -> AsyncIterator[str]:
    """The URL of an empty PostgreSQL database (not copied from the migrated template)."""
    name = f"upgrade_{os.getpid()}_{next(_numbers)}"
    admin = await asyncpg.connect(pg_cluster.url())
    try:
        await admin.execute(f"CREATE DATABASE {name}")
        yield pg_cluster.url(name)
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.close()


async def budget_row(store: Database) -> tuple[float, float] | None:
    """The schedule's row: (next_slot, paused_until), or None when there is none."""
    row = await store.fetch_one("SELECT next_slot, paused_until FROM send_budget WHERE id = 1")
    return None if row is None else (float(row[0]), float(row[1]))


async def test_a_sqlite_database_from_before_the_budget_gets_its_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations=before_budget(discover_migrations())) as old:
        assert await old.schema_version() == BUDGET - 1
    async with await Store.open(path) as store:
        assert await store.schema_version() == len(discover_migrations())
        assert await budget_row(store) == (0.0, 0.0)


async def test_a_postgresql_database_from_before_the_budget_gets_its_table(empty_pg: str) -> None:
    old = await PgStore.open(
        empty_pg, migrations=before_budget(discover_migrations(PG_MIGRATIONS_DIR))
    )
    await old.close()
    store = await PgStore.open(empty_pg)
    try:
        assert await store.schema_version() == len(discover_migrations(PG_MIGRATIONS_DIR))
        assert await budget_row(store) == (0.0, 0.0)
        ledger = SendLedger(store)
        slots = [(await ledger.book(T, GAP)).slot for _ in range(2)]
        assert slots == pytest.approx([T, T + GAP])
    finally:
        await store.close()


async def test_a_postgresql_database_whose_processes_made_the_table_keeps_its_schedule(
    empty_pg: str,
) -> None:
    old = await PgStore.open(
        empty_pg, migrations=before_budget(discover_migrations(PG_MIGRATIONS_DIR))
    )
    try:
        # What a process of the version before migration 7 did when it started, then a pause.
        await old.execute(
            "CREATE TABLE IF NOT EXISTS send_budget (id integer PRIMARY KEY,"
            " next_slot double precision NOT NULL, paused_until double precision NOT NULL)"
        )
        await old.execute(
            "INSERT INTO send_budget (id, next_slot, paused_until) VALUES (1, ?, ?)",
            (T + 1.0, T + 5.0),
        )
    finally:
        await old.close()
    store = await PgStore.open(empty_pg)
    try:
        assert await store.schema_version() == len(discover_migrations(PG_MIGRATIONS_DIR))
        assert await budget_row(store) == (T + 1.0, T + 5.0)
        # The 429 pause the old processes recorded still holds after the upgrade.
        assert (await SendLedger(store).book(T, GAP)).slot == pytest.approx(T + 5.0)
    finally:
        await store.close()


async def test_a_removed_row_is_made_again(pg_url: str) -> None:
    store = await PgStore.open(pg_url)
    try:
        await store.execute("DELETE FROM send_budget")
        assert (await SendLedger(store).book(T, GAP)).slot == pytest.approx(T)
        assert await budget_row(store) == (pytest.approx(T + GAP), 0.0)
    finally:
        await store.close()
