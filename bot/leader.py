"""The one process that plans and sends reminders (and, with long polling, polls).

With several `voordeur run` processes on one PostgreSQL database every process answers the
updates it gets, but only the leader runs the reminder scheduler; the others stand by and the
first of them takes over as soon as the leader's database session ends (`storage.coordination`).
A new leader first puts back what the old one left in flight, so a reminder is sent again only
if it was being sent when the leader died. On SQLite there is one process, always the leader.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from storage.coordination import Leadership

log = logging.getLogger(__name__)

RETRY_AFTER = 1.0  # seconds before trying again when the database could not be reached


class Duty(Protocol):
    """What the leader runs (the reminder scheduler)."""

    async def stop(self) -> None:
        """Stop it."""
        ...


class Leader:
    """Runs a duty while this process holds the leadership, and stands by otherwise."""

    def __init__(self, leadership: Leadership, start: Callable[[], Awaitable[Duty]]) -> None:
        self.leadership = leadership
        self._start = start
        self.duty: Duty | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopped = False

    async def start(self, *, wait: bool = False) -> None:
        """Lead now if nobody else does (with `wait`: wait until we may); else stand by."""
        if wait:
            await self.leadership.acquire()
            await self._lead()
        elif await self.leadership.try_acquire():
            await self._lead()
        self._task = asyncio.ensure_future(self._run())

    async def _lead(self) -> None:
        try:
            self.duty = await self._start()
        except BaseException:
            await self.leadership.release()
            raise

    async def _run(self) -> None:
        """Lead while the leadership holds; when it is lost, stop the duty and stand by."""
        while not self._stopped:
            try:
                if self.duty is None:
                    await self.leadership.acquire()
                    await self._lead()
                await self.leadership.lost.wait()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("leadership: the database could not be reached; trying again")
                await asyncio.sleep(RETRY_AFTER)
                continue
            duty, self.duty = self.duty, None
            if duty is not None:
                await duty.stop()
            await self.leadership.release()

    async def stop(self) -> None:
        """Stop the duty and let the leadership go, so a standby takes over at once."""
        self._stopped = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        duty, self.duty = self.duty, None
        if duty is not None:
            await duty.stop()
        await self.leadership.release()
