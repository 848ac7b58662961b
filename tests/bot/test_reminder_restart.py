"""A bot that dies while sending reminders: after the restart each one arrives, once.

Run on each backend (SQLite file, PostgreSQL cluster; see tests/backends.py) with the real
planner, the real outbox and the real dispatcher; only the Bot API is a recording stand-in and
time is driven by hand. The second process opens the database afresh, as a restart does.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.dispatcher import Dispatcher, Limits
from bot.runtime import resolve_data
from rules.reminders import plan_reminders
from rules.signups import SignupRules
from storage.backend import open_database
from storage.clock import FixedClock
from storage.db import Database
from storage.records import OccurrenceChange, OutboxMessage, OutboxStatus, Signup
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence

BRUSSELS = ZoneInfo("Europe/Brussels")
PLANNED = datetime(2026, 11, 16, 10, 0, tzinfo=BRUSSELS)  # Monday: sign-ups and planning
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)  # Tuesday, lunch at Centrum
DAY_BEFORE = datetime(2026, 11, 23, 17, 0, tzinfo=BRUSSELS)  # the day-before reminders
BACK_UP = datetime(2026, 11, 23, 19, 0, tzinfo=BRUSSELS)  # the same evening
SAME_DAY = datetime(2026, 11, 24, 11, 0, tzinfo=BRUSSELS)  # after the same-day ones fell due
RESIDENTS = list(range(5001, 5025))
DELIVERED_BEFORE_CRASH = 10


class Renderer:
    """The planner's texts: which sign-up and which reminder, nothing else."""

    async def reminder(
        self, signup: Signup, occurrence: Occurrence, due: datetime
    ) -> tuple[dict[str, Any], str]:
        return {"text": f"{signup.id}@{due:%d %H:%M}", "buttons": []}, "nl"

    async def change(
        self, change: OccurrenceChange, signup: Signup, now: datetime
    ) -> tuple[dict[str, Any], str]:
        return {"text": f"change {signup.id}", "buttons": []}, "nl"


class BotApi:
    """What Telegram received: every message, in order, across both processes."""

    def __init__(self) -> None:
        self.received: list[str] = []


class DyingSender:
    """Delivers a few messages, then the process hangs after Telegram took the next ones."""

    def __init__(self, api: BotApi, deliver: int) -> None:
        self.api = api
        self.deliver = deliver
        self.in_flight: list[str] = []  # Telegram has them; the store was never told
        self.stuck = asyncio.Event()

    async def send(self, message: OutboxMessage) -> None:
        self.api.received.append(message.payload["text"])
        if len(self.api.received) <= self.deliver:
            return
        self.in_flight.append(message.payload["text"])
        self.stuck.set()
        await asyncio.Event().wait()  # the process is killed while this send is in flight


class Sender:
    """The restarted process's Bot API: accepts everything."""

    def __init__(self, api: BotApi) -> None:
        self.api = api

    async def send(self, message: OutboxMessage) -> None:
        self.api.received.append(message.payload["text"])


class HandTime:
    """Monotonic seconds and the wall clock, moved together; nothing really waits."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.seconds = 0.0

    def monotonic(self) -> float:
        return self.seconds

    async def sleep(self, delay: float) -> None:
        await asyncio.sleep(0)
        self.seconds += delay
        self.clock.advance(timedelta(seconds=delay))


def dispatcher(store: Database, sender: Any, clock: FixedClock) -> Dispatcher:
    time = HandTime(clock)
    return Dispatcher(store, sender, clock, Limits(), monotonic=time.monotonic, sleep=time.sleep)


async def book_and_plan(store: Database) -> int:
    """The residents sign up for Tuesday's lunch; the planner queues their reminders."""
    repos = repositories(store)
    report = await repos.organisations.import_file(resolve_data("oostende"), now=PLANNED)
    org = await repos.organisations.load(report.org_id)
    calendar = Calendar(org)
    for resident in RESIDENTS:
        await repos.residents.ensure(resident, now=PLANNED)
        result = await SignupRules.of(repos).sign_up(
            org,
            calendar,
            activity_id="lunch-centrum",
            centre_id="centrum",
            start=LUNCH,
            now=PLANNED,
            resident_id=resident,
        )
        assert result.status == "confirmed"
    planned = await plan_reminders(repositories(store), org, calendar, PLANNED, render=Renderer())
    return planned.queued


async def test_reminders_due_while_the_bot_was_down_arrive_once_after_a_restart(
    db_url: str,
) -> None:
    api = BotApi()
    first = await open_database(db_url)
    queued = await book_and_plan(first)
    assert queued == 2 * len(RESIDENTS)  # the day before at five, and two hours before

    # 17:00 the day before: the first process sends, then dies with messages in flight.
    clock = FixedClock(DAY_BEFORE)
    dying = DyingSender(api, DELIVERED_BEFORE_CRASH)
    sending = dispatcher(first, dying, clock)
    run = asyncio.ensure_future(sending.run_once())
    await asyncio.wait_for(dying.stuck.wait(), timeout=30)
    reports = repositories(first).reports
    while (await reports.health()).outbox.get("sent", 0) < DELIVERED_BEFORE_CRASH:
        pass  # each look is a trip to the database: the recorded sends finish meanwhile
    for task in (run, *sending._in_flight):  # the process dies: every task of it stops
        task.cancel()
    await asyncio.gather(run, *sending._in_flight, return_exceptions=True)
    await first.close()
    in_flight = len(dying.in_flight)  # Telegram took these; the store still says 'sending'
    assert in_flight >= 1

    # Back up the same evening (a reminder "for tomorrow" is not sent on the day itself: see
    # tests/e2e/test_reminders_journey.py), then the same-day ones the next morning.
    clock = FixedClock(BACK_UP)
    second = await open_database(db_url)
    try:
        restarted = dispatcher(second, Sender(api), clock)
        recovered = await restarted.recover()  # claimed, never recorded: sent again
        assert in_flight <= recovered <= Limits().batch - DELIVERED_BEFORE_CRASH
        stats = await restarted.run_once()
        assert stats.missed == 0 and stats.failed == 0
        clock.set(SAME_DAY)  # the lunch is at noon
        stats = await restarted.run_once()
        assert stats.sent == len(RESIDENTS) and stats.missed == 0 and stats.failed == 0
        assert (await restarted.run_once()).sent == 0  # nothing is left to send

        # Every reminder arrived; only messages in flight at the crash arrived twice.
        counts = Counter(api.received)
        assert len(counts) == queued
        twice = {text for text, seen in counts.items() if seen > 1}
        assert twice == set(dying.in_flight) and max(counts.values()) == 2
        assert len(api.received) == queued + in_flight
        messages = await repositories(second).outbox.pending_for(RESIDENTS[0])
        assert messages == []
        health = await repositories(second).reports.health()
        assert health.outbox == {str(OutboxStatus.SENT): queued}
    finally:
        await second.close()
