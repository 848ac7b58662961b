"""Stores of every backend for the tests: SQLite in a file, PostgreSQL in a throwaway cluster.

A pytest plugin (`tests/conftest.py` loads it), so tests in every folder can take `any_store`,
`db_url` or `pg_url`.

`any_store` is parametrised over the backends, so a test (or a whole module, by defining its own
`store` fixture on top of it) runs once per backend. The PostgreSQL cluster starts once per test
session on a Unix socket; every test gets a fresh database copied from a migrated template.
Where PostgreSQL is not installed those tests are skipped with the reason, unless
`VOORDEUR_REQUIRE_POSTGRES=1` (set by `.ci/run`) turns that into a failure.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import pytest

from storage.backend import open_database
from storage.db import Database
from storage.pg import PgStore
from tests import pgcluster

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "voordeur_template"
_numbers = itertools.count(1)


def _run_async(coroutine: object) -> object:
    """Run a coroutine to the end from sync code, even while a test's event loop runs."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()  # type: ignore[arg-type]


async def _make_template(cluster: pgcluster.Cluster) -> None:
    conn = await asyncpg.connect(cluster.url())
    try:
        await conn.execute(f"CREATE DATABASE {TEMPLATE}")
    finally:
        await conn.close()
    store = await PgStore.open(cluster.url(TEMPLATE), pool_size=1)
    await store.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.Cluster]:
    """A PostgreSQL cluster for this test session, with a migrated template database."""
    reason = pgcluster.unavailable_reason()
    if reason is not None:
        if os.environ.get("VOORDEUR_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here but unavailable: {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    cluster = pgcluster.start()
    try:
        _run_async(_make_template(cluster))
        yield cluster
    finally:
        cluster.stop()


async def fresh_pg_database(cluster: pgcluster.Cluster) -> str:
    """The URL of a new, migrated, empty database of the cluster."""
    name = f"test_{os.getpid()}_{next(_numbers)}"
    conn = await asyncpg.connect(cluster.url())
    try:
        await conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    finally:
        await conn.close()
    return cluster.url(name)


async def _drop(cluster: pgcluster.Cluster, url: str) -> None:
    name = url.split("/")[-1].split("?")[0]
    conn = await asyncpg.connect(cluster.url())
    try:
        # FORCE: a connection a test left open (a killed "process") must not keep it alive.
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await conn.close()


@pytest.fixture
def pg_url(pg_cluster: pgcluster.Cluster) -> Iterator[str]:
    """The URL of a fresh, migrated PostgreSQL database, dropped after the test.

    Dropped so that a session's hundreds of databases (about 7 MB each) are not all written
    to disk and removed together at the end.
    """
    url = str(_run_async(fresh_pg_database(pg_cluster)))
    yield url
    _run_async(_drop(pg_cluster, url))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the backend a test runs on."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A `VOORDEUR_DB` value of a fresh store of the test's backend."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "voordeur.sqlite3")


@pytest.fixture
async def any_store(db_url: str) -> AsyncIterator[Database]:
    """A fresh, migrated store of each backend in turn."""
    db = await open_database(db_url)
    try:
        yield db
    finally:
        await db.close()
