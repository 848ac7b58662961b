"""Simulated time for asyncio code that takes its clock and sleep by injection.

`SimTime.run(main)` runs a coroutine; whenever every task is waiting, time jumps to the earliest
sleeper's wake-up. Nothing waits for real time, and the order of events is deterministic.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
SETTLE_ROUNDS = 50  # event-loop turns that let every runnable task reach its next wait


class SimTime:
    """A monotonic clock in seconds that only moves when every task sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def monotonic(self) -> float:
        """The simulated time."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Wait `seconds` of simulated time."""
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(seconds, 0.0), next(self._seq), future))
        await future

    async def run(self, main: Coroutine[Any, Any, T], limit: float = 100_000.0) -> T:
        """Run `main` to its end, jumping time forward whenever everything waits."""
        task = asyncio.ensure_future(main)
        idle = 0
        while not task.done():
            for _ in range(SETTLE_ROUNDS):
                await asyncio.sleep(0)
                if task.done():
                    break
            if task.done():
                break
            while self._sleepers and self._sleepers[0][2].done():
                heapq.heappop(self._sleepers)  # cancelled
            if not self._sleepers:
                idle += 1  # waiting on something else that will come (an event set by a task)
                if idle > 100:
                    task.cancel()
                    raise AssertionError("every task waits and nobody sleeps: a deadlock")
                continue
            idle = 0
            when, _seq, future = heapq.heappop(self._sleepers)
            if when - self.now > limit:
                task.cancel()
                raise AssertionError("simulated time ran away")
            self.now = max(self.now, when)
            future.set_result(None)
        return task.result()


class LockstepTime:
    """Simulated time for tasks that also wait on real I/O (a database): time moves only when
    every participant (started with `gather`) sleeps, never while one waits for an answer."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self._running = 0

    def monotonic(self) -> float:
        """The simulated time."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Wait `seconds` of simulated time."""
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(seconds, 0.0), next(self._seq), future))
        self._advance()
        await future

    def _advance(self) -> None:
        """Wake the earliest sleeper once every participant sleeps."""
        if self._running and len(self._sleepers) >= self._running:
            when, _seq, future = heapq.heappop(self._sleepers)
            self.now = max(self.now, when)
            future.set_result(None)

    async def gather(self, *participants: Coroutine[Any, Any, Any]) -> list[Any]:
        """Run the participants to their ends."""

        async def one(participant: Coroutine[Any, Any, Any]) -> Any:
            try:
                return await participant
            finally:
                self._running -= 1
                self._advance()

        self._running += len(participants)
        return list(await asyncio.gather(*(one(p) for p in participants)))
