"""The daily privacy purge as `voordeur run` schedules it: fired by APScheduler, not by hand.

The bot runs on the Bot API double with a fixed clock. Two residents consent over Telegram; the
clock moves past `privacy.inactive_months` and only one of them writes again. When the daily
job fires in the real scheduler, the silent one is gone and the other is kept.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from telegram.ext import Application

from bot.telegram_app import runtime_of
from conversations.consent import has_consent
from conversations.payloads import Consent
from storage.clock import FixedClock
from tests.conversations.traces import traces
from tests.present import present

from .botapi_double import BotApiDouble

SILENT, ACTIVE = 7101, 7102


async def fire_daily_job(application: Application, job_id: str) -> None:  # type: ignore[type-arg]
    """Bring the daily job's next run to now in the running scheduler and wait until it is done."""
    scheduler = present(runtime_of(application).reminders)._scheduler
    job = scheduler.get_job(job_id)
    assert job is not None, f"no {job_id!r} job scheduled"
    assert job.trigger.interval == timedelta(days=1)
    done = asyncio.Event()

    def on_event(event: JobExecutionEvent) -> None:
        if event.job_id == job_id:
            done.set()

    scheduler.add_listener(on_event, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    try:
        job.modify(next_run_time=datetime.now(UTC))  # wakes the scheduler: no real waiting
        async with asyncio.timeout(10):
            await done.wait()
    finally:
        scheduler.remove_listener(on_event)


async def test_the_daily_job_forgets_a_resident_silent_longer_than_the_data_file_allows(
    api: BotApiDouble,
    bot: Application,  # type: ignore[type-arg]
    clock: FixedClock,
) -> None:
    for resident in (SILENT, ACTIVE):
        api.queue_callback(resident, Consent())  # "Yes, that's fine" to keeping their data
        await api.wait_for_sent(resident)
    store = runtime_of(bot).front_door.store  # type: ignore[union-attr]
    assert await has_consent(store, SILENT) and await has_consent(store, ACTIVE)
    months = runtime_of(bot).front_door.org.privacy.inactive_months  # type: ignore[union-attr]

    clock.advance(timedelta(days=31 * months - 40))
    api.queue_text(ACTIVE, "Is Stene open tomorrow?")
    await api.wait_for_sent(ACTIVE, len(api.sent_to(ACTIVE)) + 1)
    clock.advance(timedelta(days=60))  # SILENT: over the limit now; ACTIVE: two months silent

    await fire_daily_job(bot, "purge")

    assert await traces(store, SILENT) == []
    assert await has_consent(store, ACTIVE)
    job = present(runtime_of(bot).reminders)._scheduler.get_job("purge")
    assert job is not None  # still scheduled, for tomorrow
    assert timedelta(hours=23) < job.next_run_time - datetime.now(UTC) <= timedelta(days=1)
