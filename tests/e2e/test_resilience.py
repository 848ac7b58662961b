"""The bot keeps serving residents when the Bot API pushes back, a resident blocks it, or a
request times out."""

from __future__ import annotations

import logging

import pytest
from telegram.ext import Application

from bot.telegram_app import stop_polling

from .botapi_double import BotApiDouble
from .conftest import StartBot

RESIDENT = 4242
NEIGHBOUR = 4343
BLOCKER = 6666


async def stop(api: BotApiDouble, application: Application) -> None:  # type: ignore[type-arg]
    """Stop the bot the way a SIGTERM does: stop fetching, finish the updates in hand."""
    await api.end_long_polls()
    await stop_polling(application)


async def test_message_refused_with_429_is_sent_again_and_arrives_exactly_once(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    await start_bot()
    api.fail_next("sendMessage", status=429, retry_after=1, chat_id=RESIDENT)
    api.queue_command(RESIDENT, "start")
    await api.wait_for(lambda: len(api.delivered_to(RESIDENT)) >= 1)
    attempts = api.calls_of("sendMessage")
    assert attempts[0].status == 429
    assert attempts[1].status == 200
    assert attempts[1].at - attempts[0].at >= 1.0  # the bot waited as Telegram asked
    first = api.delivered_to(RESIDENT)[0]
    assert [c.text for c in api.delivered_to(RESIDENT)].count(first.text) == 1
    assert attempts[0].text == first.text


async def test_resident_who_blocked_the_bot_is_logged_in_one_clean_line_and_others_are_served(
    api: BotApiDouble, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    application = await start_bot()
    api.block(BLOCKER)
    with caplog.at_level(logging.INFO):
        api.queue_command(BLOCKER, "start")
        api.queue_command(NEIGHBOUR, "start")
        await api.wait_for(lambda: len(api.delivered_to(NEIGHBOUR)) >= 1)
        api.queue_text(BLOCKER, "hallo?")
        api.queue_command(NEIGHBOUR, "menu")
        await api.wait_for(lambda: len(api.delivered_to(NEIGHBOUR)) >= 2)
        await api.wait_for(lambda: len(api.sent_to(BLOCKER)) >= 2)
        await stop(api, application)  # finishes the updates in hand
    blocked_lines = [r for r in caplog.records if "blocked the bot" in r.getMessage()]
    assert len(blocked_lines) == 2  # one per update, not one per reply or a traceback
    assert all(r.exc_info is None and r.levelno == logging.INFO for r in blocked_lines)
    assert not any(str(BLOCKER) in r.getMessage() for r in caplog.records)
    assert not api.delivered_to(BLOCKER)


async def test_send_that_times_out_is_logged_and_the_next_message_is_answered(
    api: BotApiDouble, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    application = await start_bot()
    api.stall_next("sendMessage", chat_id=RESIDENT)
    with caplog.at_level(logging.WARNING):
        api.queue_command(RESIDENT, "start")
        await api.wait_for(lambda: any(not c.answered for c in api.sent_to(RESIDENT)))
        api.queue_command(RESIDENT, "menu")
        await api.wait_for(lambda: len(api.delivered_to(RESIDENT)) >= 1)
        await stop(api, application)
    assert any("TimedOut" in r.getMessage() for r in caplog.records)


async def test_bot_keeps_polling_after_the_bot_api_answers_502(
    api: BotApiDouble, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot()
    api.fail_next("getUpdates", status=502)
    with caplog.at_level(logging.WARNING):
        await api.wait_for(lambda: any(c.status == 502 for c in api.calls_of("getUpdates")))
        api.queue_command(RESIDENT, "start")
        await api.wait_for(lambda: len(api.delivered_to(RESIDENT)) >= 1)
    assert any("Bot API unreachable (NetworkError)" in r.getMessage() for r in caplog.records)
