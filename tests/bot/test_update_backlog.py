"""The update queue's backpressure: polling waits while the bot has enough updates in hand."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.config import BotConfig
from bot.telegram_app import BACKLOG_PER_SLOT, UpdateBacklog, build_application


async def test_a_further_update_waits_until_one_in_hand_is_done() -> None:
    backlog = UpdateBacklog(limit=2)
    await backlog.put(Update(1))
    await backlog.put(Update(2))
    third = asyncio.ensure_future(backlog.put(Update(3)))
    await asyncio.sleep(0.05)
    assert not third.done() and backlog.qsize() == 2
    await backlog.get()
    await asyncio.sleep(0.05)
    assert not third.done()  # fetched but not yet handled: still in hand
    backlog.task_done()
    await asyncio.wait_for(third, 1)
    assert backlog.qsize() == 2 and backlog.in_hand == 2


async def test_the_stop_signal_never_waits() -> None:
    backlog = UpdateBacklog(limit=1)
    await backlog.put(Update(1))
    stop = object()
    await asyncio.wait_for(backlog.put(stop), 1)
    assert backlog.qsize() == 2


def test_polling_gets_the_backlog_and_a_webhook_the_plain_queue() -> None:
    polling = BotConfig(token="1:a", data="oostende", concurrent_updates=8)
    queue = build_application(polling).update_queue
    assert isinstance(queue, UpdateBacklog) and queue.limit == BACKLOG_PER_SLOT * 8
    webhook = BotConfig(token="1:a", data="oostende", webhook_url="https://bot.example/hook")
    assert not isinstance(build_application(webhook).update_queue, UpdateBacklog)
