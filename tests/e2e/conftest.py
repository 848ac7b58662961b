"""Fixtures: the Bot API double on loopback and the real Application polling it.

The bot is built exactly as `voordeur run` builds it (build_application from a BotConfig, the
front door opened in post_init on a fresh SQLite file), with short timeouts and a fixed clock.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot.config import BotConfig
from bot.telegram_app import (
    FrontDoorLike,
    build_application,
    start_polling,
    start_webhook,
    stop_polling,
)
from conversations.guards import Arrival
from conversations.reply import Incoming, Reply
from storage.clock import FixedClock

from .botapi_double import BotApiDouble

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))  # a Monday
STAFF_ID = 900001
POLL_TIMEOUT = 1.0  # the double answers a long poll within this, so shutdown is quick
REQUEST_TIMEOUT = 0.5  # loopback answers in milliseconds; a stalled answer times out fast

SECRET = "s3cret_Token-42"  # the webhook secret token of webhook_bot

StartBot = Callable[..., Awaitable[Application]]  # type: ignore[type-arg]


class ScriptedFrontDoor:
    """Answers every message with `script(incoming)`; remembers every message it got."""

    def __init__(self, script: Callable[[Incoming], list[Reply]] | None = None) -> None:
        self.script = script or (lambda incoming: [Reply(f"echo {incoming.kind}")])
        self.received: list[Incoming] = []
        self.closed = False

    def arrive(self, incoming: Incoming) -> Arrival:
        """Every message is handled: this front door guards against no flood."""
        return Arrival.HANDLE

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Record the message and answer from the script."""
        self.received.append(incoming)
        return self.script(incoming)

    def error_replies(self, client_language: str | None) -> list[Reply]:
        """A recognisable apology."""
        return [Reply(f"sorry ({client_language})")]

    def command_descriptions(self, lang: str) -> list[tuple[str, str]]:
        """Two commands, described in the language's code so tests can tell them apart."""
        return [("start", f"start {lang}"), ("menu", f"menu {lang}")]

    async def conversation_language(self, user_id: int, client_language: str | None) -> str:
        """The client's language, else Dutch."""
        return client_language or "nl"

    def voice_prompt(self, lang: str) -> str:
        """No names to prime speech recognition with."""
        return ""

    async def close(self) -> None:
        """Note that the application closed it."""
        self.closed = True


@pytest.fixture
async def api() -> AsyncIterator[BotApiDouble]:
    """A fresh Bot API double on an ephemeral loopback port."""
    async with BotApiDouble() as double:
        yield double


@pytest.fixture
def clock() -> FixedClock:
    """Monday 23 November 2026, 10:15 in Oostende."""
    return FixedClock(NOW)


@pytest.fixture
def e2e_config(api: BotApiDouble, tmp_path: Path) -> BotConfig:
    """The configuration an operator would give, pointed at the double."""
    return BotConfig(
        token=api.token,
        api_base_url=api.base_url,
        data="oostende",
        db_path=tmp_path / "voordeur.sqlite3",
        staff_ids=frozenset({STAFF_ID}),
        poll_timeout=POLL_TIMEOUT,
        request_timeout=REQUEST_TIMEOUT,
        max_retries=2,
        # Loopback answers in milliseconds: a reply waits 2 s for an answer, retries come fast.
        send_timeout=2.0,
        send_backoff=0.05,
        # Journeys send several messages at once; the per-chat pacing would only add waiting.
        rate_chat_burst=20,
    )


@pytest.fixture
async def start_bot(
    e2e_config: BotConfig, clock: FixedClock, api: BotApiDouble
) -> AsyncIterator[StartBot]:
    """Start the real Application polling the double; stopped again after the test."""
    started: list[Application] = []  # type: ignore[type-arg]

    async def start(
        front_door: FrontDoorLike | None = None, *, voice: Any = True, **overrides: Any
    ) -> Application:  # type: ignore[type-arg]
        """Build and start the bot (optionally with a stand-in front door, a shared voice
        listener or other settings)."""
        config = BotConfig(**{**e2e_config.__dict__, **overrides})
        application = build_application(config, front_door, clock=clock, voice=voice)
        await start_polling(application, config.poll_timeout)
        started.append(application)
        return application

    yield start
    await api.end_long_polls()
    for application in started:
        await stop_polling(application)


@pytest.fixture
async def bot(start_bot: StartBot) -> Application:  # type: ignore[type-arg]
    """The full bot on the Oostende data, already polling."""
    return await start_bot()


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def webhook_bot(
    api: BotApiDouble, e2e_config: BotConfig
) -> AsyncIterator[tuple[Application, BotConfig]]:  # type: ignore[type-arg]
    """The bot serving a webhook on loopback, registered with the double."""
    port = free_port()
    config = BotConfig(
        **{
            **e2e_config.__dict__,
            "webhook_url": f"https://bot.example.org/tg/{port}",
            "webhook_listen": "127.0.0.1",
            "webhook_port": port,
            "webhook_secret_token": SECRET,
        }
    )
    application = build_application(config, ScriptedFrontDoor())
    await start_webhook(application, config)
    yield application, config
    await stop_polling(application)
