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

from bot.dispatcher import Dispatcher, Limits, Sender, Unreachable
from bot.runtime import Voordeur
from storage.clock import Clock
from storage.db import Database
from storage.model import Organisation
from storage.records import OutboxMessage
from storage.schedule import Calendar

log = logging.getLogger(__name__)

PLAN_EVERY = timedelta(minutes=15)
POLL_EVERY = timedelta(minutes=1)
AFTER_UPDATE = timedelta(seconds=1)  # a sign-up change is planned this soon after the update
WHOLE_ORGANISATION_FROM = 50  # residents whose sign-ups changed: from this many, plan for all


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
        plan_changed: Callable[[set[int]], Awaitable[Any]] | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.plan = plan
        # After a poke: plan what changed (given residents to look at as well); without it, all.
        self.plan_changed = plan_changed
        # Chats that blocked the bot, as the store says (loaded at start, noted when sending
        # finds out); lets an update clear the mark without asking the store every time.
        self.unreachable: set[int] = set()
        self._poked: set[int] = set()
        self.clock = clock
        self.plan_every = plan_every
        self.poll_every = poll_every
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self.stop_listening: Callable[[], None] = lambda: None  # from the store's changes
        self._running: asyncio.Task[Any] | None = None
        self._wake_at: datetime | None = None  # when the dispatcher is next woken (our clock)
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
        now = self.clock.now()
        delay = 0.0 if at is None else (at - now).total_seconds()
        delay = min(max(delay, 0.0), self.poll_every.total_seconds())
        self._wake_at = now + timedelta(seconds=delay)
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

    def queued(self, due_at: datetime) -> None:
        """A message was queued: wake the dispatcher for it, unless a wake-up comes sooner."""
        if self._wake_at is not None and self._wake_at <= due_at:
            return
        self.wake(due_at)

    def every_day(self, job: Callable[[], Awaitable[Any]], job_id: str) -> None:
        """Run `job` once a day, the first time a minute after start (the privacy purge)."""

        # APScheduler awaits only coroutine *functions*; any other callable (a lambda returning
        # a coroutine) goes to a thread pool, where the coroutine is never awaited.
        async def run_daily() -> None:
            if not self._stopped:
                await job()

        self._scheduler.add_job(
            run_daily,
            IntervalTrigger(days=1, timezone=UTC),
            id=job_id,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC) + timedelta(minutes=1),
        )

    async def _wake_for_next(self) -> None:
        """Wake the dispatcher when the next row is due; with none pending, at the safety poll.

        (Waking "now" when nothing is pending would run the dispatcher over and over.)
        """
        due = await self.dispatcher.next_due_at()
        self.wake(due if due is not None else self.clock.now() + self.poll_every)

    def poke(self, resident_id: int | None = None) -> None:
        """What reminders are due changed (a sign-up, a shift; a resident reachable again):
        plan soon, then dispatch.

        A `resident_id` is planned for even when none of their sign-ups changed (they were
        unreachable and wrote again).
        """
        if self._stopped:
            return
        if resident_id is not None:
            self._poked.add(resident_id)
        if self._scheduler.get_job("plan-now") is not None:
            return  # one pending run covers every change until it starts
        self._scheduler.add_job(
            self._plan_now_job,
            DateTrigger(datetime.now(UTC) + AFTER_UPDATE, timezone=UTC),
            id="plan-now",
            misfire_grace_time=None,
        )

    async def stop(self, timeout: float = 15.0) -> None:
        """Stop waking; let a running dispatch finish its sends in flight."""
        self._stopped = True
        self.stop_listening()
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

    async def _plan_now_job(self) -> None:
        """Plan what changed since the last such run (all, without `plan_changed`), then wake."""
        if self._stopped:
            return
        if self.plan_changed is None:
            await self._plan_job()
            return
        residents, self._poked = self._poked, set()
        try:
            await self.plan_changed(residents)
        except Exception:
            log.exception("the reminder planner failed; it runs again at the next interval")
        await self._wake_for_next()

    async def _plan_job(self) -> None:
        """Plan, then wake the dispatcher for whatever is due first."""
        if self._stopped:
            return
        await self._plan_safely()
        await self._wake_for_next()

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
            await self._wake_for_next()


async def start_reminders(
    voordeur: Voordeur, sender: Sender, limits: Limits | None = None
) -> ReminderScheduler:
    """Build and start the dispatcher and planners of a bot; outbox sends go through `sender`.

    The dispatcher sends on the bot's budget (`voordeur.budget`), after the replies; writes
    that change what reminders are due say so (`voordeur.changes`) and the scheduler plans
    again soon.
    """
    from bot.telegram_adapter import pseudonym
    from conversations.flows.feedback import question_renderer
    from conversations.flows.volunteers import render_shift_reminder
    from conversations.reminder_messages import Renderer
    from rules.reminders import (
        notify_changes,
        plan_feedback_questions,
        plan_reminders,
        plan_shift_reminders,
    )
    from storage.outbox import unreachable_residents
    from storage.repositories import repositories

    store, org, calendar, clock = voordeur.store, voordeur.org, voordeur.calendar, voordeur.clock
    repos = repositories(store)
    signups = repos.signups
    renderer = Renderer(store, org, calendar, voordeur.i18n)
    ask_how_it_was = question_renderer(store, org, calendar, voordeur.i18n)

    async def plan() -> None:
        """The planners: residents' reminders (and notices), shifts, the day-after question."""
        now = clock.now()
        await plan_reminders(repos, org, calendar, now, render=renderer)
        await plan_shift_reminders(repos, org, calendar, now, render=render_shift_reminder)
        await plan_feedback_questions(repos, org, calendar, now, render=ask_how_it_was)

    changed_since = [clock.now()]  # sign-ups changed from this moment on are planned again

    async def plan_changed(residents: set[int]) -> None:
        """After a change was signalled: the reminders of residents whose sign-ups changed
        (waiting lists moved up included) and of `residents`; change notices, shifts and the
        day-after question as always."""
        now = clock.now()
        since, changed_since[0] = changed_since[0], now
        changed = residents | await signups.residents_changed_since(org.id, since)
        if not changed:
            await notify_changes(repos, org, calendar, now, render=renderer)
        elif len(changed) >= WHOLE_ORGANISATION_FROM:
            await plan_reminders(repos, org, calendar, now, render=renderer)
        else:
            for resident in sorted(changed):
                await plan_reminders(
                    repos, org, calendar, now, render=renderer, resident_id=resident
                )
        await plan_shift_reminders(repos, org, calendar, now, render=render_shift_reminder)
        await plan_feedback_questions(repos, org, calendar, now, render=ask_how_it_was)

    unreachable: set[int] = {chat for chat, _since in await unreachable_residents(store)}
    dispatcher = Dispatcher(
        store,
        _NotingSender(sender, unreachable),
        clock,
        limits or Limits(),
        budget=voordeur.budget,
        pseudonym=pseudonym,
    )
    scheduler = ReminderScheduler(dispatcher, plan, clock, plan_changed=plan_changed)
    scheduler.unreachable = unreachable
    await scheduler.start()
    scheduler.stop_listening = voordeur.changes.listen(scheduler.poke, scheduler.queued)

    async def purge() -> None:
        """The daily privacy purge on this bot's store and clock."""
        await purge_safely(store, org, calendar, clock)

    scheduler.every_day(purge, "purge")
    return scheduler


class _NotingSender:
    """A sender that notes the chats it finds blocked (the dispatcher marks the store)."""

    def __init__(self, sender: Sender, unreachable: set[int]) -> None:
        self.sender = sender
        self.unreachable = unreachable

    async def send(self, message: OutboxMessage) -> None:
        """Send; a chat that blocked the bot joins the set before the error goes on."""
        try:
            await self.sender.send(message)
        except Unreachable:
            self.unreachable.add(message.chat_id)
            raise


async def purge_safely(
    store: Database, org: Organisation, calendar: Calendar, clock: Clock
) -> None:
    """The daily privacy purge; a failure is logged and tried again the next day."""
    from conversations.retention import purge_inactive

    try:
        purged = await purge_inactive(store, org, calendar, clock.now())
    except Exception:
        log.exception("the privacy purge failed; it runs again tomorrow")
        return
    log.info(
        "privacy purge: %d inactive resident(s) forgotten, %d desk sign-up(s) anonymised,"
        " %d old conversation(s) dropped",
        purged.residents,
        purged.desk_signups,
        purged.conversations,
    )
