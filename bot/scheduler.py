"""Wakes the dispatcher at the next due time and runs the planners every few minutes.

APScheduler's AsyncIOScheduler is used directly rather than through PTB's JobQueue: the
dispatcher and planners have nothing to do with an Update or a CallbackContext, they run the
same way in tests, the console and the benchmark without an Application, and the times we give
are explicit UTC moments (JobQueue reads naive times as UTC and ties its start to
`Application.start()`). Nothing here holds the only copy of anything: the scheduler keeps one
"dispatch" job (replaced at every wake-up) and one "plan" job; the outbox is the truth, and at
start the dispatcher looks at it afresh. A safety poll (every minute) catches rows other code
queued without telling us.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.dispatcher import Dispatcher, Limits, TelegramSender
from storage.clock import Clock

log = logging.getLogger(__name__)

PLAN_EVERY = timedelta(minutes=15)
POLL_EVERY = timedelta(minutes=1)
AFTER_UPDATE = timedelta(seconds=1)  # a sign-up change is planned this soon after the update


class ReminderScheduler:
    """Runs the planners periodically and the dispatcher whenever something comes due."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        plan: Callable[[], Awaitable[Any]],
        clock: Clock,
        *,
        plan_every: timedelta = PLAN_EVERY,
        poll_every: timedelta = POLL_EVERY,
    ) -> None:
        self.dispatcher = dispatcher
        self.plan = plan
        self.clock = clock
        self.plan_every = plan_every
        self.poll_every = poll_every
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._running: asyncio.Task[Any] | None = None
        self._again = False
        self._stopped = False

    async def start(self) -> None:
        """Re-queue what a crash left in flight, plan, and start waking the dispatcher."""
        await self.dispatcher.recover()
        await self._plan_safely()
        self._scheduler.add_job(
            self._plan_job,
            IntervalTrigger(seconds=self.plan_every.total_seconds(), timezone=UTC),
            id="plan",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        self._scheduler.start()
        self.wake()

    def wake(self, at: datetime | None = None) -> None:
        """Run the dispatcher at `at` (a moment on our clock), or now; never later than a poll."""
        if self._stopped:
            return
        delay = 0.0 if at is None else (at - self.clock.now()).total_seconds()
        delay = min(max(delay, 0.0), self.poll_every.total_seconds())
        # APScheduler counts in real time; our clock may be a test's, so only the delay counts.
        run_date = datetime.now(UTC) + timedelta(seconds=delay)
        self._scheduler.add_job(
            self._dispatch_job,
            DateTrigger(run_date, timezone=UTC),
            id="dispatch",
            replace_existing=True,
            max_instances=2,  # the guard in _dispatch_job keeps it to one run at a time
            misfire_grace_time=None,
        )

    def poke(self) -> None:
        """Something may have changed (a resident's update): plan soon, then dispatch."""
        if self._stopped or self._scheduler.get_job("plan-now") is not None:
            return  # one pending run covers every change until it starts
        self._scheduler.add_job(
            self._plan_job,
            DateTrigger(datetime.now(UTC) + AFTER_UPDATE, timezone=UTC),
            id="plan-now",
            misfire_grace_time=None,
        )

    async def stop(self, timeout: float = 15.0) -> None:
        """Stop waking; let a running dispatch finish its sends in flight."""
        self._stopped = True
        self.dispatcher.stop()
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        running = self._running
        if running is not None and not running.done():
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(running), timeout)

    async def _plan_safely(self) -> None:
        try:
            await self.plan()
        except Exception:
            log.exception("the reminder planner failed; it runs again at the next interval")

    async def _plan_job(self) -> None:
        """Plan, then wake the dispatcher for whatever is due first."""
        if self._stopped:
            return
        await self._plan_safely()
        self.wake(await self.dispatcher.next_due_at())

    async def _dispatch_job(self) -> None:
        """Send what is due; while it runs, further wake-ups are folded into one more round."""
        if self._running is not None and not self._running.done():
            self._again = True
            return
        self._running = asyncio.current_task()
        try:
            while not self._stopped:
                self._again = False
                await self.dispatcher.run_once()
                if not self._again:
                    break
        except Exception:
            log.exception("the dispatcher failed; it runs again at the next wake-up")
        finally:
            self._running = None
        if not self._stopped:
            self.wake(await self.dispatcher.next_due_at())


async def start_reminders(
    front_door: Any, bot: Any, *, overall_per_second: float, per_chat_per_second: float
) -> ReminderScheduler | None:
    """Build and start the dispatcher and planners for a full front door (None for stand-ins)."""
    store = getattr(front_door, "store", None)
    org = getattr(front_door, "org", None)
    calendar = getattr(front_door, "calendar", None)
    clock = getattr(front_door, "clock", None)
    if store is None or org is None or calendar is None or clock is None:
        return None
    from bot.telegram_adapter import pseudonym
    from conversations.flows.volunteers import render_shift_reminder
    from conversations.reminder_messages import Renderer
    from storage.reminders import plan_reminders
    from storage.shift_reminders import plan_shift_reminders

    renderer = Renderer(store, org, calendar, getattr(front_door, "i18n", None))

    async def plan() -> None:
        """Both planners: residents' reminders (and change notices) and volunteers' shifts."""
        now = clock.now()
        await plan_reminders(store, org, calendar, now, render=renderer)
        await plan_shift_reminders(store, org, calendar, now, render=render_shift_reminder)

    dispatcher = Dispatcher(
        store,
        TelegramSender(bot),
        clock,
        Limits(overall_per_second=overall_per_second, per_chat_per_second=per_chat_per_second),
        pseudonym=pseudonym,
    )
    scheduler = ReminderScheduler(dispatcher, plan, clock)
    await scheduler.start()
    return scheduler
