"""Several processes on one store: one resident's turn at a time, and one leader.

- A resident's turn (read the conversation state, answer, save it) runs under a per-resident
  lock, so two updates of one resident that reach two processes are handled one after the
  other and no step is lost. On SQLite (one process) an asyncio lock per resident does it; on
  PostgreSQL a session advisory lock per resident, taken on a connection of a small pool of its
  own, so waiting turns never starve the queries of the turn that holds the lock.
- Exactly one process plans and sends reminders (and, with long polling, polls): the leader.
  On SQLite that is the one process. On PostgreSQL it is the process whose dedicated connection
  holds a session advisory lock; the others wait for it on the server (`pg_advisory_lock`), so
  when the leader dies its session ends, the lock is free and a standby takes over at once.
  The leader's connection also listens for the changes other processes announce (NOTIFY), so a
  sign-up handled by any process gets its reminders planned by the leader within a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol

log = logging.getLogger(__name__)

LEADER_LOCK = 0x6C656164  # "lead": the session advisory lock the leader holds
TURN_LOCKS = 0x7475726E  # "turn": the class of the per-resident advisory locks
PRESENCE_LOCK = 0x68657265  # "here": held shared by every running process, to count them
WATCH_EVERY = 5.0  # seconds between the leader's checks that its session is alive
CHANGES_CHANNEL = "voordeur_changes"  # NOTIFY channel of `storage.changes` across processes


class Leadership(Protocol):
    """Being the one process that plans and sends reminders (and polls)."""

    lost: asyncio.Event
    """Set when this process stopped being the leader (its session to the database ended)."""

    async def try_acquire(self) -> bool:
        """Become the leader if no other process is; False without waiting when one is."""
        ...

    async def acquire(self) -> None:
        """Wait until this process is the leader."""
        ...

    async def release(self) -> None:
        """Stop being the leader (or stop waiting to become it)."""
        ...


class LocalLeadership:
    """One process on a SQLite file: always the leader."""

    def __init__(self) -> None:
        self.lost = asyncio.Event()

    async def try_acquire(self) -> bool:
        """Leader at once."""
        return True

    async def acquire(self) -> None:
        """Leader at once."""

    async def release(self) -> None:
        """Nothing held."""


class ResidentLocks:
    """One asyncio lock per resident, forgotten when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    @asynccontextmanager
    async def hold(self, user_id: int) -> AsyncIterator[None]:
        """Run the block while no other turn of this resident runs in this process."""
        lock = self._locks.get(user_id)
        if lock is None:
            lock = self._locks[user_id] = asyncio.Lock()
        async with lock:
            yield


def turn_lock_key(user_id: int) -> int:
    """A resident's id folded into the 32-bit second key of `pg_advisory_lock(int, int)`."""
    folded = user_id % (1 << 32)
    return folded - (1 << 32) if folded >= (1 << 31) else folded


class PgLeadership:
    """The leader lock on a PostgreSQL database, held on a connection of its own."""

    def __init__(
        self, dsn: str, *, on_notify: Callable[[str], None] | None = None, key: int = LEADER_LOCK
    ) -> None:
        self.dsn = dsn
        self.key = key
        self.on_notify = on_notify
        self.lost = asyncio.Event()
        self._conn: Any = None  # asyncpg.Connection, imported lazily with the driver
        self._watch: asyncio.Future[None] | None = None

    async def _watchdog(self, conn: Any) -> None:
        """A session that died silently (a network cut) shows here: no longer the leader."""
        while self._conn is conn:
            await asyncio.sleep(WATCH_EVERY)
            try:
                await asyncio.wait_for(conn.fetchval("SELECT 1"), WATCH_EVERY)
            except Exception:
                if self._conn is conn:
                    log.warning("the leader's database session does not answer")
                    self._conn = None
                    self.lost.set()
                    conn.terminate()
                return

    async def try_acquire(self) -> bool:
        """Take the lock if it is free; False at once when another process holds it."""
        return await self._take(wait=False)

    async def acquire(self) -> None:
        """Wait on the server until the lock is free, then hold it and listen for changes."""
        await self._take(wait=True)

    async def _take(self, *, wait: bool) -> bool:
        import asyncpg

        self.lost.clear()
        conn = await asyncpg.connect(self.dsn)
        try:
            if wait:
                await conn.execute("SELECT pg_advisory_lock($1)", self.key)
            elif not await conn.fetchval("SELECT pg_try_advisory_lock($1)", self.key):
                await conn.close()
                return False
            if self.on_notify is not None:
                await conn.add_listener(CHANGES_CHANNEL, self._notified)
        except BaseException:
            # Cancelled while waiting (shutting down): asyncpg cancels the query on the server.
            with contextlib.suppress(Exception):
                conn.terminate()
            raise
        conn.add_termination_listener(self._terminated)
        self._conn = conn
        self._watch = asyncio.ensure_future(self._watchdog(conn))
        log.info("this process is now the leader: it plans and sends reminders")
        return True

    def _notified(self, conn: object, pid: int, channel: str, payload: str) -> None:
        if self.on_notify is not None:
            self.on_notify(payload)

    def _terminated(self, conn: object) -> None:
        if self._conn is not None:
            log.warning("the leader's database session ended: no longer the leader")
            self._conn = None
            self.lost.set()

    async def release(self) -> None:
        """Let the lock go (closing the session releases it on the server)."""
        conn, self._conn = self._conn, None
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        if conn is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.close(), 5)
            conn.terminate()
