"""The SQLite store: one aiosqlite connection per process, WAL, foreign keys, numbered migrations.

Every read and write goes through a `Store`. Work on the one connection is serialised by an
asyncio lock, so a transaction opened by one task never swallows another task's statements;
`transaction(immediate=True)` is the way to make a check and a write one step.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

import aiosqlite

from storage.changes import Changes
from storage.coordination import Leadership, LocalLeadership, ResidentLocks

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
"""Where the numbered `NNNN_name.sql` files live."""

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another process (a `voordeur import` beside the bot) to finish."""

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

DEFAULT_NAME = "voordeur.sqlite3"

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""

Params = Sequence[Any] | dict[str, Any]


class Row(Protocol):
    """A result row of either backend: `sqlite3.Row` and `asyncpg.Record` both read like this."""

    def __getitem__(self, key: int | str, /) -> Any:
        """A column by position or by name."""
        ...

    def keys(self) -> Any:
        """The column names."""
        ...


class IntegrityError(sqlite3.IntegrityError):
    """A constraint refused a write on a backend other than SQLite.

    It derives from `sqlite3.IntegrityError` so that the rules written first for SQLite catch it
    unchanged; the message of a unique violation starts like SQLite's ("UNIQUE constraint failed:
    <table>.") for the same reason. `unique` says which kind it was without reading the message.
    """

    def __init__(self, message: str, *, unique: bool = False) -> None:
        super().__init__(message)
        self.unique = unique


def is_unique_violation(error: sqlite3.IntegrityError, table: str | None = None) -> bool:
    """Whether a write was refused by a unique constraint (of `table`, when given)."""
    text = str(error)
    if not text.startswith("UNIQUE constraint failed:"):
        return False
    return table is None or f" {table}." in text


class Database(Protocol):
    """What the queries need of a store, on SQLite (`Store`) and on PostgreSQL (`PgStore`).

    SQL is written once, in SQLite's placeholder style (`?` or `:name`); the PostgreSQL store
    rewrites the placeholders. Inserted ids are read with `RETURNING id`, which both backends
    speak, rather than from `execute()`.
    """

    backend: str
    """"sqlite" or "postgresql"."""

    changes: Changes
    """Where writes that change what reminders are due say so (the scheduler listens)."""

    async def close(self) -> None:
        """Close the store; it cannot be used afterwards."""
        ...

    async def __aenter__(self) -> Self:
        """Use the store as `async with await open_database(value) as store:`."""
        ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store when the block ends."""
        ...

    def transaction(self, *, immediate: bool = False) -> Any:
        """An async context manager running its block in one transaction."""
        ...

    def write_lock(self, key: str) -> AbstractAsyncContextManager[Any]:
        """A transaction in which no other `write_lock(key)` of any process runs meanwhile.

        For a check and the write that depends on it (the last free place of an occurrence).
        Store-wide `transaction(immediate=True)` blocks exclude it too.
        """
        ...

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement (the returned row id is only meaningful on SQLite)."""
        ...

    async def execute_count(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        ...

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for each parameter row."""
        ...

    async def fetch_all(self, sql: str, params: Params = ()) -> Sequence[Any]:
        """All rows of a query."""
        ...

    async def fetch_one(self, sql: str, params: Params = ()) -> Any:
        """The first row of a query, or None."""
        ...

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row of a query, or None."""
        ...

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        ...

    def resident_turn(self, user_id: int) -> AbstractAsyncContextManager[None]:
        """An async context manager: no other turn of this resident runs meanwhile."""
        ...

    def leadership(self) -> Leadership:
        """The lock of the one process that plans and sends reminders."""
        ...

    async def join(self) -> None:
        """Count this process among those running on the store (until it closes)."""
        ...

    async def processes(self) -> int:
        """How many processes run on the store (at least 1)."""
        ...


@dataclass(frozen=True)
class Migration:
    """One numbered schema change."""

    version: int
    name: str
    path: Path


def discover_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in `directory`, in version order; gaps and duplicates are refused."""
    found: list[Migration] = []
    for path in directory.glob("*.sql"):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise ValueError(f"migration file name not NNNN_name.sql: {path.name}")
        found.append(Migration(int(match.group(1)), match.group(2), path))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise ValueError(
                f"migrations must be numbered 1, 2, 3...: found {migration.path.name}"
            )
    return found


class StoreUnusable(Exception):
    """The database cannot be used; the message is one sentence: what is wrong, what to do."""


def _refuse(path: str | Path, problem: str, remedy: str) -> StoreUnusable:
    return StoreUnusable(f"Cannot use the database {path}: {problem}; {remedy}.")


def unusable_from_error(path: str | Path, error: sqlite3.Error) -> StoreUnusable | None:
    """The operator's sentence for an SQLite error caused by the file, or None for other errors.

    Only result codes that say something about the file or its surroundings count; an error in
    our own SQL (a broken migration) stays the error it is.
    """
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF  # the primary result code
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return _refuse(
            path,
            "another process holds a lock on it",
            "stop the other program that has it open (another voordeur?) and try again",
        )
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        return _refuse(
            path,
            "it can only be read, not written",
            "give the user that runs voordeur write access to the file and its folder",
        )
    if code == sqlite3.SQLITE_CANTOPEN:
        return _refuse(
            path,
            "SQLite cannot open it",
            "check that it is a file the user that runs voordeur may read and write,"
            " in a folder it may write to",
        )
    if code == sqlite3.SQLITE_NOTADB:
        return _refuse(
            path,
            "it is not a SQLite database",
            "point VOORDEUR_DB (or --db) at the bot's database file",
        )
    if code == sqlite3.SQLITE_CORRUPT:
        return _damaged(path)
    if code == sqlite3.SQLITE_FULL:
        return _refuse(path, "the disk is full", "free some space and try again")
    if code == sqlite3.SQLITE_IOERR:
        return _refuse(
            path, "reading or writing it failed (I/O error)", "check the disk and the file"
        )
    return None


def _damaged(path: str | Path) -> StoreUnusable:
    return _refuse(
        path,
        "the file is damaged (corrupt or cut short)",
        "restore your latest backup (see `voordeur backup`), or move the file away to start empty",
    )


def _writable(path: Path) -> bool:
    """Whether we may write `path`; a file or folder without any write bit counts as read-only
    even for root, who could write it anyway: someone made it read-only on purpose."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def check_database(path: str | Path, *, known_version: int | None = None) -> None:
    """Refuse, with one sentence for the operator, a database file the bot could not work with.

    Checked without creating or changing anything: the folder exists and is writable (SQLite
    puts its -wal and -shm files beside the database), the path is a writable regular file
    (or absent: then it will be created), it is an undamaged SQLite database, not locked by
    another process, and its schema is not newer than `known_version` (default: the number of
    migrations we ship).
    """
    if str(path) == ":memory:" or "://" in str(path):
        return  # in memory, or a PostgreSQL URL: storage/pg.py opens and checks that itself
    if known_version is None:
        known_version = len(discover_migrations())
    target = Path(path)
    folder = target.parent
    if not folder.exists():
        raise _refuse(
            target,
            f"the folder {folder} does not exist",
            "create it, or set VOORDEUR_DB (or --db) to a file in an existing folder",
        )
    if not folder.is_dir():
        raise _refuse(
            target, f"{folder} is not a folder", "set VOORDEUR_DB (or --db) to a file path"
        )
    if target.is_dir():
        raise _refuse(
            target,
            "it is a folder, not a file",
            f"set VOORDEUR_DB (or --db) to a file inside it, such as {target / DEFAULT_NAME}",
        )
    if target.exists() and not target.is_file():
        raise _refuse(
            target, "it is not a regular file", "set VOORDEUR_DB (or --db) to a file path"
        )
    if not _writable(folder):
        raise _refuse(
            target,
            f"its folder {folder} is read-only and SQLite must create files beside it there",
            "make the folder writable for the user that runs voordeur, or move the database",
        )
    if not target.exists():
        return
    if not _writable(target):
        raise _refuse(
            target,
            "the file is read-only",
            "make it writable for the user that runs voordeur (for example chmod u+w)",
        )
    try:
        with open(target, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise _refuse(
            target,
            f"it cannot be read ({error.strerror})",
            "give the user that runs voordeur read and write access to it",
        ) from error
    if not head:
        return  # an empty file: SQLite makes a new database in it
    if head != SQLITE_MAGIC:
        raise _refuse(
            target,
            "it is not a SQLite database (its first bytes say otherwise; a text file?)",
            "point VOORDEUR_DB (or --db) at the bot's database file",
        )
    try:
        _probe(target, known_version)
    except sqlite3.Error as error:
        unusable = unusable_from_error(target, error)
        if unusable is None:
            raise
        raise unusable from error


def _probe(path: Path, known_version: int) -> None:
    """Read the whole file's structure, the schema version, and take the write lock once."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        problems = conn.execute("PRAGMA quick_check").fetchall()
        if problems != [("ok",)]:
            raise _damaged(path)
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        version = 0
        if has_table:
            version = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0
        if version > known_version:
            raise _refuse(
                path,
                f"its schema version is {version}, newer than this voordeur knows"
                f" ({known_version}), so a newer version wrote it",
                "upgrade voordeur, or use a backup made with this version",
            )
        # Another process's lock shows here (after the busy timeout), not in the middle of work.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def utc_now_iso(now: datetime | None = None) -> str:
    """A moment as the store writes it: UTC ISO 8601 to the second."""
    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("the store only takes timezone-aware moments")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Store:
    """The one connection to the SQLite database of this process."""

    backend = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self.changes = Changes()  # writes that change what reminders are due say so here
        self._turns = ResidentLocks()
        self._lock = asyncio.Lock()
        # The task inside `transaction()`: its own queries run without re-taking the lock.
        self._owner: asyncio.Task[Any] | None = None

    @classmethod
    async def open(
        cls, path: str | Path, *, migrations: Iterable[Migration] | None = None
    ) -> Store:
        """Open (creating if needed) the database at `path` and bring its schema up to date.

        A database the bot could not work with (see `check_database`) raises StoreUnusable.
        """
        target = str(path)
        if target.lower().startswith(("postgresql:", "postgres:")):
            # Not named in the sentence: the URL may hold a password.
            raise StoreUnusable(
                "A PostgreSQL URL is opened with storage.backend.open_database, not as a "
                "SQLite file (back up PostgreSQL with pg_dump, see docs/operations.md)."
            )
        known = list(migrations) if migrations is not None else discover_migrations()
        # In a thread: a lock held by another process makes the check wait the busy timeout.
        await asyncio.to_thread(check_database, target, known_version=len(known))
        try:
            # isolation_level=None: no implicit BEGIN from the sqlite3 module; we say when.
            conn = await aiosqlite.connect(target, isolation_level=None)
        except sqlite3.Error as error:
            unusable = unusable_from_error(target, error)
            if unusable is None:
                raise
            raise unusable from error
        conn.row_factory = sqlite3.Row
        store = cls(conn, target)
        try:
            await store._configure()
            await store._migrate(known)
        except sqlite3.Error as error:
            await conn.close()
            # Between the check and here the file can still fail us (a lock taken meanwhile).
            unusable = unusable_from_error(target, error)
            if unusable is None:
                raise
            raise unusable from error
        except BaseException:
            await conn.close()
            raise
        return store

    @classmethod
    async def open_read_only(cls, path: str | Path) -> Store:
        """Open an existing database only to read it: no migration, and SQLite refuses writes.

        Checked first like `open` (StoreUnusable with one sentence); the file must exist.
        """
        target = str(path)
        await asyncio.to_thread(check_database, target)
        if not Path(target).is_file():
            raise FileNotFoundError(f"no database at {target}")
        try:
            conn = await aiosqlite.connect(
                f"file:{target}?mode=ro", uri=True, isolation_level=None
            )
            await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except sqlite3.Error as error:
            unusable = unusable_from_error(target, error)
            if unusable is None:
                raise
            raise unusable from error
        conn.row_factory = sqlite3.Row
        return cls(conn, target)

    async def _configure(self) -> None:
        """Set the connection's pragmas: WAL, foreign keys, busy timeout."""
        if self.path != ":memory:":
            # WAL lets `voordeur ask` and backups read while the bot writes.
            await self._conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable across a process crash in WAL mode; only power loss may
            # lose the last commits, never corrupt the file.
            await self._conn.execute("PRAGMA synchronous=NORMAL")
        await self._conn.execute("PRAGMA foreign_keys=ON")
        await self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    async def _migrate(self, migrations: list[Migration]) -> None:
        """Apply the migrations not yet recorded, each in its own transaction."""
        async with self._lock:
            await self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            cursor = await self._conn.execute("SELECT max(version) FROM schema_migrations")
            row = await cursor.fetchone()
            current = (row[0] if row else None) or 0
            for migration in migrations:
                if migration.version <= current:
                    continue
                sql = migration.path.read_text(encoding="utf-8")
                # executescript() commits any open transaction before it runs, so the
                # transaction has to be part of the script itself.
                script = (
                    "BEGIN IMMEDIATE;\n"
                    f"{sql}\n;\n"
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                    f"({migration.version:d}, '{migration.name}', '{utc_now_iso()}');\n"
                    f"PRAGMA user_version = {migration.version:d};\n"
                    "COMMIT;"
                )
                try:
                    await self._conn.executescript(script)
                except BaseException:
                    if self._conn.in_transaction:
                        await self._conn.execute("ROLLBACK")
                    raise
                log.info("applied migration %04d_%s", migration.version, migration.name)

    async def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        await self._conn.close()

    async def __aenter__(self) -> Self:
        """Use the store as `async with await Store.open(path) as store:`."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store when the block ends."""
        await self.close()

    def resident_turn(self, user_id: int) -> AbstractAsyncContextManager[None]:
        """Run the block while no other turn of this resident runs (one process: asyncio)."""
        return self._turns.hold(user_id)

    def leadership(self) -> LocalLeadership:
        """One process on a file: it is always the leader."""
        return LocalLeadership()

    async def join(self) -> None:
        """One process on a file: nothing to count."""

    async def processes(self) -> int:
        """One process on a file."""
        return 1

    def _in_own_transaction(self) -> bool:
        """Whether the current task already holds the connection inside `transaction()`."""
        return self._owner is not None and self._owner is asyncio.current_task()

    @asynccontextmanager
    async def _hold(self) -> AsyncIterator[None]:
        """Hold the connection for one statement, unless this task's transaction already does."""
        if self._in_own_transaction():
            yield
            return
        async with self._lock:
            yield

    @asynccontextmanager
    async def transaction(self, *, immediate: bool = False) -> AsyncIterator[Store]:
        """Run the block in one transaction: committed at the end, rolled back on an error.

        `immediate=True` takes SQLite's write lock at the start (BEGIN IMMEDIATE), so a check
        and the write that depends on it cannot be split by another process. A transaction
        opened inside another one of the same task joins the outer one.
        """
        if self._in_own_transaction():
            yield self
            return
        async with self._lock:
            self._owner = asyncio.current_task()
            try:
                await self._conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
                try:
                    yield self
                except BaseException:
                    await self._conn.execute("ROLLBACK")
                    raise
                else:
                    await self._conn.execute("COMMIT")
            finally:
                self._owner = None

    def write_lock(self, key: str) -> AbstractAsyncContextManager[Store]:
        """A check-then-write transaction; on one file that is BEGIN IMMEDIATE, whatever `key`.

        SQLite has one writer at a time, so no finer lock could let two writes run together.
        """
        return self.transaction(immediate=True)

    # Each call below is one trip to aiosqlite's thread: the statement has run to completion (or
    # its rows are all read) when it returns, so its cursor needs no separate close.

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the last inserted row id (or 0 when none)."""
        async with self._hold():
            cursor = await self._conn.execute(sql, params)
            return cursor.lastrowid or 0

    async def execute_count(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        async with self._hold():
            cursor = await self._conn.execute(sql, params)
            return cursor.rowcount

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for each parameter row."""
        async with self._hold():
            await self._conn.executemany(sql, rows)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """All rows of a query."""
        async with self._hold():
            return list(await self._conn.execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of a query, or None (meant for queries that find one row)."""
        async with self._hold():
            rows = await self._conn.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row of a query, or None."""
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        return int(await self.fetch_value("SELECT max(version) FROM schema_migrations") or 0)

    async def backup(self, target: str | Path) -> Path:
        """Copy the database to `target` with SQLite's online backup, safe while the bot runs.

        The copy is written beside the target and renamed into place, so a failed backup never
        leaves a half-written file where a good one was.
        """
        if self._in_own_transaction():
            raise RuntimeError("backup() inside a transaction would copy uncommitted work")
        final = Path(target)
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(final.name + ".partial")
        partial.unlink(missing_ok=True)
        # The backup runs on aiosqlite's thread, not the one that opened the target.
        dest = sqlite3.connect(partial, check_same_thread=False)
        try:
            # Under the lock: the copy holds committed data only, never half a transaction.
            async with self._lock:
                await self._conn.backup(dest)
            # A self-contained file: fold any WAL content into it and leave rollback mode.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        os.replace(partial, final)
        return final
