"""The reminder scheduler: when it wakes the dispatcher and what a poke plans."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from bot.scheduler import ReminderScheduler
from storage.clock import FixedClock


class CountingDispatcher:
    """A dispatcher with an empty outbox (or one row due at `due`) that counts its runs."""

    def __init__(self, due: datetime | None = None) -> None:
        self.runs = 0
        self.due = due

    async def recover(self) -> int:
        return 0

    async def run_once(self) -> Any:
        self.runs += 1

    async def next_due_at(self) -> datetime | None:
        return self.due

    def stop(self) -> None:
        pass


async def test_with_nothing_pending_the_dispatcher_waits_for_the_safety_poll() -> None:
    clock = FixedClock(datetime(2026, 11, 23, 10, 15), timezone="Europe/Brussels")
    dispatcher = CountingDispatcher()
    plans: list[str] = []

    async def plan() -> None:
        plans.append("all")

    scheduler = ReminderScheduler(dispatcher, plan, clock)  # type: ignore[arg-type]
    await scheduler.start()
    try:
        await asyncio.sleep(0.5)
        assert dispatcher.runs == 1  # the run at start, then nothing until the safety poll
        job = scheduler._scheduler.get_job("dispatch")
        assert job is not None
        wait = job.next_run_time - datetime.now(job.next_run_time.tzinfo)
        assert timedelta(seconds=50) < wait <= scheduler.poll_every
    finally:
        await scheduler.stop()


async def test_a_poke_plans_what_changed_with_the_residents_named() -> None:
    clock = FixedClock(datetime(2026, 11, 23, 10, 15), timezone="Europe/Brussels")
    planned: list[set[int]] = []

    async def plan() -> None:
        pass

    async def plan_changed(residents: set[int]) -> None:
        planned.append(residents)

    scheduler = ReminderScheduler(
        CountingDispatcher(),  # type: ignore[arg-type]
        plan,
        clock,
        plan_changed=plan_changed,
    )
    await scheduler.start()
    try:
        scheduler.poke(4242)
        scheduler.poke()
        scheduler.poke(4343)
        async with asyncio.timeout(5):
            while not planned:
                await asyncio.sleep(0.05)
        assert planned == [{4242, 4343}]  # one run for all three pokes
    finally:
        await scheduler.stop()
