"""An update python-telegram-bot cannot parse is skipped and confirmed; nobody else waits for it.

Older Bot API servers send a poll without the fields PTB 22 requires. PTB used to refuse the whole
batch, fetch it again at once, forever, and log the raw batch (names, phone, ids) each time.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp
import pytest
from telegram.ext import Application

from bot.config import BotConfig

from .botapi_double import BotApiDouble
from .conftest import SECRET, ScriptedFrontDoor, StartBot

POLLER = 731_000_101  # sends the poll
NEIGHBOUR = 731_000_202  # shares a phone number in the same batch
OTHER = 731_000_303
PHONE = "+32470987654"
SECRETS = ("Annelies", "Vandenbroucke", "annelies_vdb", PHONE, "98765")


def old_server_poll(api: BotApiDouble, user_id: int) -> dict[str, Any]:
    """A private message with a poll as an older Bot API server sends it."""
    person = {
        "id": user_id,
        "is_bot": False,
        "first_name": "Annelies",
        "last_name": "Vandenbroucke",
        "username": "annelies_vdb",
    }
    poll = {
        "id": "5012",
        "question": "Koffie of thee?",
        "options": [{"text": "Koffie", "voter_count": 0}, {"text": "Thee", "voter_count": 0}],
        "total_voter_count": 0,
        "is_closed": False,
    }
    message = {
        "message_id": 77,
        "date": 1_790_000_000,
        "chat": {"id": user_id, "type": "private", "first_name": "Annelies"},
        "from": person,
        "poll": poll,
    }
    return {"update_id": api.next_update_id(), "message": message}


def leaked(records: list[logging.LogRecord]) -> list[str]:
    """Log lines that carry a name, the phone number or a resident's Telegram id."""
    lines = []
    for record in records:
        text = logging.Formatter().format(record)
        ids = (str(POLLER), str(NEIGHBOUR), str(OTHER))
        if any(secret in text for secret in (*SECRETS, *ids)):
            lines.append(text[:300])
    return lines


async def test_poll_from_an_old_server_is_skipped_and_everyone_else_is_answered(
    api: BotApiDouble, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="telegram")  # "never at any level": PTB at DEBUG too
    await start_bot()
    api.queue_contact(NEIGHBOUR, PHONE)
    bad_id = api.queue_raw(old_server_poll(api, POLLER))
    api.queue_text(OTHER, "Wanneer is Centrum open?")
    await api.wait_for(lambda: bool(api.delivered_to(OTHER)) and bool(api.delivered_to(NEIGHBOUR)))
    await api.wait_until_consumed()  # the offset moved past the poll: Telegram forgets it
    polls_before = len(api.calls_of("getUpdates"))
    api.queue_command(OTHER, "menu")
    await api.wait_for(lambda: len(api.delivered_to(OTHER)) >= 2)
    # Long polling again, not a tight loop over the same batch.
    assert len(api.calls_of("getUpdates")) - polls_before <= 3
    assert not api.sent_to(POLLER)
    skipped = [r for r in caplog.records if f"update {bad_id}" in r.getMessage()]
    assert len(skipped) == 1
    assert "message" in skipped[0].getMessage() and skipped[0].levelno == logging.WARNING
    assert skipped[0].exc_info is None
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)
    assert leaked(caplog.records) == []


async def test_webhook_refuses_a_body_that_is_not_json_and_skips_an_unparseable_update(
    api: BotApiDouble,
    webhook_bot: tuple[Application, BotConfig],  # type: ignore[type-arg]
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="telegram")
    application, config = webhook_bot
    door = application.bot_data["voordeur"].front_door
    assert isinstance(door, ScriptedFrontDoor)
    url = f"http://127.0.0.1:{config.webhook_port}/{config.webhook_path}"
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    bad = old_server_poll(api, POLLER)
    good = {"update_id": api.next_update_id(), "message": api._message(OTHER, "nl", text="hoi")}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        not_json = '{"update_id": 1, "message": {"from": {"first_name": "Annelies"'
        async with session.post(url, data=not_json, headers=headers) as response:
            assert response.status == 400
        async with session.post(url, data=json.dumps(bad), headers=headers) as response:
            assert response.status == 200  # confirmed, so Telegram does not send it again
        async with session.post(url, data=json.dumps(good), headers=headers) as response:
            assert response.status == 200
    await api.wait_for_sent(OTHER)
    assert [incoming.user_id for incoming in door.received] == [OTHER]
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 2, [r.getMessage() for r in warnings]
    assert f"update {bad['update_id']}" in warnings[1].getMessage()
    assert all(r.exc_info is None for r in warnings)
    assert leaked(caplog.records) == []
