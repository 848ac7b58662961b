"""The PostgreSQL store: an asyncpg pool, the same queries as SQLite, numbered migrations.

`PgStore` offers what `storage.db.Store` offers (the `Database` protocol), so the queries in
`storage/` run on both backends. The differences are kept here:

- placeholders: queries are written with `?` or `:name`; they are rewritten once to `$1, $2...`
  (string literals, quoted names, comments and `::` casts are left alone) and cached;
- `transaction(immediate=True)`: SQLite's BEGIN IMMEDIATE takes the one write lock of the file,
  so a check and the write that depends on it cannot be split. Here the same guarantee comes from
  a transaction-level advisory lock that every immediate transaction of every process takes, so
  claiming outbox rows keeps the meaning it has on SQLite. `write_lock(key)` is the finer form
  the sign-up rules take per occurrence: it holds that lock shared and the key's own exclusively,
  so places of different activities are taken side by side, those of one occurrence in turn;
- constraint errors become `storage.db.IntegrityError`, which the rules already catch;
- several processes may share the database: migrations run under a session advisory lock.

Each task outside a transaction borrows a pooled connection per statement; a transaction pins
one connection to the task that opened it (a transaction opened inside it by the same task joins
it, as on SQLite).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import asyncpg

from storage.changes import Changes
from storage.coordination import (
    CHANGES_CHANNEL,
    PRESENCE_LOCK,
    TURN_LOCKS,
    PgLeadership,
    ResidentLocks,
    turn_lock_key,
)
from storage.db import IntegrityError, Migration, Params, discover_migrations, utc_now_iso

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations_pg")
"""PostgreSQL's `NNNN_name.sql` files: the same versions as SQLite's, in PostgreSQL's SQL."""

WRITE_LOCK = 0x766F6F72
"""The advisory lock key of `transaction(immediate=True)` ("voor")."""

KEYED_LOCKS = 0x6B657973
"""The class (first key) of `write_lock(key)`'s advisory locks ("keys")."""

MIGRATION_LOCK = 0x64657572
"""The advisory lock key held while migrating ("deur"), so two starting processes take turns."""

POOL_SIZE = 10
TURN_POOL_SIZE = 8
"""Connections that hold per-resident turn locks: more residents' turns at once wait for one."""
"""Connections per process: enough for concurrent updates, small beside max_connections=100."""


@dataclass
class _Held:
    """The connection a task's open transaction holds."""

    task: asyncio.Task[Any] | None
    conn: asyncpg.Connection
    store: PgStore


_held: ContextVar[_Held | None] = ContextVar("voordeur_pg_transaction", default=None)


@lru_cache(maxsize=2048)
def translate(sql: str) -> tuple[str, tuple[str, ...] | None]:
    """SQLite-style placeholders to PostgreSQL's: (the SQL, the names in order or None)."""
    out: list[str] = []
    names: list[str] = []
    positional = 0
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":  # a string literal or a quoted name, '' and "" escapes included
            end = i + 1
            while end < n:
                if sql[end] == ch:
                    if end + 1 < n and sql[end + 1] == ch:
                        end += 2
                        continue
                    break
                end += 1
            out.append(sql[i : end + 1])
            i = end + 1
        elif ch == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end])
            i = end
        elif ch == "?":
            positional += 1
            out.append(f"${positional}")
            i += 1
        elif ch == ":" and sql.startswith("::", i):
            out.append("::")
            i += 2
        elif ch == ":" and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_"):
            end = i + 1
            while end < n and (sql[end].isalnum() or sql[end] == "_"):
                end += 1
            name = sql[i + 1 : end]
            if name not in names:
                names.append(name)
            out.append(f"${names.index(name) + 1}")
            i = end
        else:
            out.append(ch)
            i += 1
    if positional and names:
        raise ValueError("a query mixes ? and :name placeholders")
    return "".join(out), (tuple(names) if names else None)


def _arguments(names: tuple[str, ...] | None, params: Params) -> list[Any]:
    """The parameters in the order of the rewritten placeholders."""
    if names is None:
        if isinstance(params, dict):
            raise ValueError("named parameters for a query with ? placeholders")
        return list(params)
    if not isinstance(params, dict):
        raise ValueError("a query with :name placeholders needs a dict of parameters")
    return [params[name] for name in names]


def key_hash(key: str) -> int:
    """A lock key folded into the signed 32-bit second key of `pg_advisory_xact_lock(int, int)`."""
    folded = zlib.crc32(key.encode("utf-8"))
    return folded - (1 << 32) if folded >= (1 << 31) else folded


def _count(status: str) -> int:
    """The row count in a command tag such as 'UPDATE 3' or 'INSERT 0 1'."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


def _integrity(error: asyncpg.IntegrityConstraintViolationError) -> IntegrityError:
    """The backend-neutral form of a constraint violation."""
    table = getattr(error, "table_name", None) or "?"
    constraint = getattr(error, "constraint_name", None) or "?"
    if isinstance(error, asyncpg.UniqueViolationError):
        return IntegrityError(
            f"UNIQUE constraint failed: {table}.{constraint} ({error})", unique=True
        )
    # The kind first, in SQLite's words, so a message reads the same on both backends.
    kinds = (
        (asyncpg.CheckViolationError, "CHECK"),
        (asyncpg.ForeignKeyViolationError, "FOREIGN KEY"),
        (asyncpg.NotNullViolationError, "NOT NULL"),
    )
    kind = next((name for cls, name in kinds if isinstance(error, cls)), "")
    return IntegrityError(f"{kind} constraint failed: {table}.{constraint} ({error})".lstrip())


class PgStore:
    """A pool of connections to one PostgreSQL database."""

    backend = "postgresql"

    def __init__(self, pool: asyncpg.Pool, dsn: str) -> None:
        self._pool = pool
        self.dsn = dsn
        self.changes = Changes()  # writes that change what reminders are due say so here
        self.changes.announce = self._announce  # ... and the leader process hears of them
        self._turn_pool: asyncpg.Pool | None = None  # per-resident locks, opened when first used
        self._turn_pool_opening = asyncio.Lock()
        self._local_turns = ResidentLocks()
        self._announcing: set[asyncio.Task[Any]] = set()
        self._presence: asyncpg.Connection | None = None  # holds the shared presence lock

    def _announce(self, payload: str) -> None:
        """Tell the other processes of a change (NOTIFY), without making the writer wait."""

        async def notify() -> None:
            try:
                async with self._pool.acquire() as conn:
                    await conn.execute("SELECT pg_notify($1, $2)", CHANGES_CHANNEL, payload)
            except Exception:  # they still plan at their next interval
                log.warning("could not announce a change to the other processes")

        task = asyncio.ensure_future(notify())
        self._announcing.add(task)
        task.add_done_callback(self._announcing.discard)

    async def _turns(self) -> asyncpg.Pool:
        """The small pool whose connections hold the per-resident locks."""
        async with self._turn_pool_opening:
            if self._turn_pool is None:
                self._turn_pool = await asyncpg.create_pool(
                    self.dsn, min_size=1, max_size=TURN_POOL_SIZE
                )
            return self._turn_pool

    @asynccontextmanager
    async def resident_turn(self, user_id: int) -> AsyncIterator[None]:
        """Run the block while no other turn of this resident runs, in any process.

        Turns of one resident in this process queue on an asyncio lock first, so each process
        holds at most one connection per resident waiting on the server.
        """
        async with self._local_turns.hold(user_id):
            pool = await self._turns()
            async with pool.acquire() as conn:
                key = turn_lock_key(user_id)
                await conn.execute("SELECT pg_advisory_lock($1, $2)", TURN_LOCKS, key)
                try:
                    yield
                finally:
                    with contextlib.suppress(Exception):  # a lost session frees it anyway
                        await conn.execute("SELECT pg_advisory_unlock($1, $2)", TURN_LOCKS, key)

    async def join(self) -> None:
        """Count this process among those running on the database (until `close`)."""
        if self._presence is None:
            conn = await asyncpg.connect(self.dsn)
            await conn.execute("SELECT pg_advisory_lock_shared($1)", PRESENCE_LOCK)
            self._presence = conn

    async def processes(self) -> int:
        """How many processes have joined (at least 1): a session that ends leaves."""
        count = await self.fetch_value(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND classid::bigint = 0 AND objid::bigint = ? AND objsubid = 1",
            (PRESENCE_LOCK,),
        )
        return max(int(count or 0), 1)

    def leadership(self) -> PgLeadership:
        """The leader lock of this database; the leader hears the changes others announce."""
        return PgLeadership(self.dsn, on_notify=self.changes.receive)

    @classmethod
    async def open(
        cls,
        dsn: str,
        *,
        migrations: Iterable[Migration] | None = None,
        pool_size: int = POOL_SIZE,
        migrate: bool = True,
        read_only: bool = False,
    ) -> PgStore:
        """Connect to the database at `dsn` and bring its schema up to date.

        `migrate=False` leaves the schema as it is; `read_only=True` makes every transaction
        of the pool read-only on the server (the health check reads, and must never write).
        """
        settings = {"default_transaction_read_only": "on"} if read_only else None
        pool = await asyncpg.create_pool(
            dsn, min_size=1, max_size=pool_size, server_settings=settings
        )
        store = cls(pool, dsn)
        if not migrate:
            return store
        try:
            await store._migrate(
                list(migrations) if migrations is not None else discover_migrations(MIGRATIONS_DIR)
            )
        except BaseException:
            await pool.close()
            raise
        return store

    async def _migrate(self, migrations: list[Migration]) -> None:
        """Apply the migrations not yet recorded, each in its own transaction."""
        async with self._pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
            try:
                await conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)"
                )
                current = await conn.fetchval("SELECT max(version) FROM schema_migrations") or 0
                for migration in migrations:
                    if migration.version <= current:
                        continue
                    sql = migration.path.read_text(encoding="utf-8")
                    async with conn.transaction():
                        await conn.execute(sql)
                        await conn.execute(
                            "INSERT INTO schema_migrations (version, name, applied_at)"
                            " VALUES ($1, $2, $3)",
                            migration.version,
                            migration.name,
                            utc_now_iso(),
                        )
                    log.info("applied migration %04d_%s", migration.version, migration.name)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)

    async def close(self) -> None:
        """Close every connection of the pools (after the announcements under way)."""
        if self._announcing:
            await asyncio.wait(set(self._announcing), timeout=5)
        if self._turn_pool is not None:
            await self._turn_pool.close()
        if self._presence is not None:
            await self._presence.close()
            self._presence = None
        await self._pool.close()

    async def __aenter__(self) -> Self:
        """Use the store as `async with await PgStore.open(dsn) as store:`."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store when the block ends."""
        await self.close()

    def _own(self) -> asyncpg.Connection | None:
        """The connection of the current task's open transaction on this store, if any."""
        held = _held.get()
        if held is None or held.store is not self or held.task is not asyncio.current_task():
            return None
        return held.conn

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        """The task's transaction connection, or a pooled one for one statement."""
        own = self._own()
        if own is not None:
            yield own
            return
        async with self._pool.acquire() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self, *, immediate: bool = False) -> AsyncIterator[PgStore]:
        """Run the block in one transaction: committed at the end, rolled back on an error.

        `immediate=True` first takes the store-wide write lock (an advisory lock released at
        commit), so checks and writes of two immediate transactions, in this process or
        another, never interleave: the guarantee SQLite's BEGIN IMMEDIATE gives.
        """
        if self._own() is not None:
            yield self
            return
        async with self._pool.acquire() as conn, conn.transaction():
            if immediate:
                await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
            token = _held.set(_Held(asyncio.current_task(), conn, self))
            try:
                yield self
            finally:
                _held.reset(token)

    @asynccontextmanager
    async def write_lock(self, key: str) -> AsyncIterator[PgStore]:
        """A check-then-write transaction that waits only for others on the same `key`.

        It takes the store-wide write lock shared (so an immediate transaction, such as an
        import, still runs alone) and an advisory lock of its own key exclusively: sign-ups for
        two different occurrences go on side by side, two for the same one take turns. A key
        whose hash collides with another's only makes them take turns too.
        """
        async with self.transaction():
            conn = self._own()
            assert conn is not None
            await conn.execute("SELECT pg_advisory_xact_lock_shared($1)", WRITE_LOCK)
            await conn.execute("SELECT pg_advisory_xact_lock($1, $2)", KEYED_LOCKS, key_hash(key))
            yield self

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns 0 (read inserted ids with `RETURNING id`)."""
        await self.execute_count(sql, params)
        return 0

    async def execute_count(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        text, names = translate(sql)
        args = _arguments(names, params)
        async with self._connection() as conn:
            try:
                return _count(await conn.execute(text, *args))
            except asyncpg.IntegrityConstraintViolationError as error:
                raise _integrity(error) from error

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for each parameter row."""
        text, names = translate(sql)
        batch = [_arguments(names, row) for row in rows]
        if not batch:
            return
        async with self._connection() as conn:
            try:
                await conn.executemany(text, batch)
            except asyncpg.IntegrityConstraintViolationError as error:
                raise _integrity(error) from error

    async def fetch_all(self, sql: str, params: Params = ()) -> Sequence[asyncpg.Record]:
        """All rows of a query."""
        text, names = translate(sql)
        args = _arguments(names, params)
        async with self._connection() as conn:
            try:
                return list(await conn.fetch(text, *args))
            except asyncpg.IntegrityConstraintViolationError as error:
                raise _integrity(error) from error

    async def fetch_one(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        """The first row of a query, or None (meant for queries that find one row)."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row of a query, or None."""
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        return int(await self.fetch_value("SELECT max(version) FROM schema_migrations") or 0)

    async def backup(self, target: str | Path) -> Path:
        """Not done from here: PostgreSQL's own `pg_dump` makes consistent online backups."""
        raise NotImplementedError(
            "back up a PostgreSQL store with pg_dump (see docs/operations.md), e.g. "
            f"pg_dump --format=custom --file={target} DBNAME"
        )
