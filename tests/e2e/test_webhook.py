"""In webhook mode Telegram pushes updates to the bot; only requests with the secret get in."""

from __future__ import annotations

import json

import aiohttp
from telegram.ext import Application

from bot.config import BotConfig

from .botapi_double import BotApiDouble
from .conftest import SECRET

RESIDENT = 4242


async def test_webhook_is_registered_with_the_secret_token(
    api: BotApiDouble, webhook_bot: tuple[Application, BotConfig]
) -> None:
    _, config = webhook_bot
    (registration,) = api.calls_of("setWebhook")
    assert registration.params["url"] == config.webhook_url
    assert registration.params["secret_token"] == SECRET
    assert registration.params["allowed_updates"] == ["message", "callback_query"]
    assert not api.calls_of("getUpdates")


async def test_update_posted_without_the_secret_is_refused_and_with_it_answered(
    api: BotApiDouble, webhook_bot: tuple[Application, BotConfig]
) -> None:
    _, config = webhook_bot
    url = f"http://127.0.0.1:{config.webhook_port}/{config.webhook_path}"
    update = {"update_id": 1, "message": api._message(RESIDENT, "nl", text="hallo")}
    body = json.dumps(update)
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        async with session.post(url, data=body, headers=headers) as response:
            assert response.status == 403
        wrong = {**headers, "X-Telegram-Bot-Api-Secret-Token": "guess"}
        async with session.post(url, data=body, headers=wrong) as response:
            assert response.status == 403
        right = {**headers, "X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with session.post(url, data=body, headers=right) as response:
            assert response.status == 200
    await api.wait_for_sent(RESIDENT)
    assert len(api.sent_to(RESIDENT)) == 1
