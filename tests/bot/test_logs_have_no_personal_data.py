"""A whole journey through the real bot logs nothing personal, even at DEBUG level.

Anna starts, agrees, picks a language, asks about opening hours, signs up for the Christmas lunch,
asks for a call back with her phone number, downloads her data and has it deleted. Everything the
process logs meanwhile, from every library, is searched for her id, her name, her phone number
and the words she typed: none may appear.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.config import BotConfig
from bot.telegram_app import configure_logging
from conversations.payloads import (
    Consent,
    HelpCentre,
    HelpMoment,
    HelpStep,
    Language,
    Payload,
    Privacy,
    SignupConfirm,
    SignupTariff,
)
from storage.clock import FixedClock
from tests.e2e import conftest as e2e
from tests.e2e.botapi_double import BotApiDouble, Call
from tests.e2e.conftest import StartBot

# The real bot over HTTP, as the end-to-end tests start it.
api, clock, e2e_config, start_bot = e2e.api, e2e.clock, e2e.e2e_config, e2e.start_bot

ANNA = 7312345678
NAME = f"Resident{ANNA}"  # how the Bot API double names her
PHONE = "32470999888"
QUESTION = "Is Stene open tomorrow?"
SIGN_UP = "I want to sign up for the Christmas lunch"
HELP = "Can someone call me back about my rent"
SECRET = "My landlord Verhaeghe wants three hundred euro more"


class _Everything(logging.Handler):
    """Keeps every record, formatted the way the bot's own handler would."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the message, its arguments and any traceback text."""
        self.lines.append(self.format(record))
        self.lines.append(repr(record.args))
        if record.exc_info:
            self.lines.append(logging.Formatter().formatException(record.exc_info))


@pytest.fixture
def captured(e2e_config: BotConfig) -> Iterator[_Everything]:
    """The bot's logging set up as `voordeur run --log-level DEBUG` would, plus a recorder."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    named = ("telegram", "aiosqlite", "apscheduler", "httpx", "httpcore")
    saved_levels = {name: logging.getLogger(name).level for name in named}
    configure_logging(BotConfig(**{**e2e_config.__dict__, "log_level": "DEBUG"}))
    recorder = _Everything()
    root.addHandler(recorder)
    yield recorder
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name, level in saved_levels.items():
        logging.getLogger(name).setLevel(level)


async def _next(api: BotApiDouble, clock: FixedClock) -> Call:
    """The next message to Anna (the clock moves on a little, as between real taps)."""
    clock.advance(timedelta(seconds=2))
    seen = len(api.sent_to(ANNA))
    return (await api.wait_for_sent(ANNA, seen + 1))[-1]


def _tap(api: BotApiDouble, message: Call, wanted: Payload | type[Payload]) -> None:
    api.queue_callback(ANNA, message.find(wanted), language_code="en")


async def test_a_full_journey_leaves_no_personal_data_in_the_logs(
    api: BotApiDouble,
    start_bot: StartBot,
    clock: FixedClock,
    captured: _Everything,
    e2e_config: BotConfig,
) -> None:
    bot: Application = await start_bot()  # type: ignore[type-arg]
    assert bot.running
    api.queue_command(ANNA, "start", language_code="en")
    welcome = await _next(api, clock)
    _tap(api, welcome, Consent())
    await _next(api, clock)
    api.queue_callback(ANNA, Language("en"), language_code="en")
    await _next(api, clock)
    api.queue_text(ANNA, QUESTION, "en")
    assert "Stene" in (await _next(api, clock)).text

    api.queue_text(ANNA, SIGN_UP, "en")
    tariff = await _next(api, clock)
    _tap(api, tariff, SignupTariff(False))
    check = await _next(api, clock)
    _tap(api, check, SignupConfirm())
    assert "Christmas" in (await _next(api, clock)).text

    api.queue_text(ANNA, HELP, "en")
    centres = await _next(api, clock)
    _tap(api, centres, HelpCentre)
    message_step = await _next(api, clock)
    if any(isinstance(p, HelpCentre) and p.step == "ok" for p in message_step.payloads()):
        _tap(api, message_step, HelpCentre)  # consent was given at the start; asked only if not
        message_step = await _next(api, clock)
    api.queue_text(ANNA, SECRET, "en")
    await _next(api, clock)
    api.queue_contact(ANNA, PHONE, "en")
    moments = await _next(api, clock)
    _tap(api, moments, HelpMoment)
    confirm = await _next(api, clock)
    _tap(api, confirm, HelpStep("send"))
    await _next(api, clock)

    api.queue_command(ANNA, "mydata", language_code="en")
    await api.wait_for_calls("sendDocument")
    clock.advance(timedelta(seconds=2))
    api.queue_command(ANNA, "forget", language_code="en")
    await _next(api, clock)  # the file's message may come first
    question = api.sent_to(ANNA)[-1]
    if Privacy("del!") not in question.payloads():
        question = await _next(api, clock)
    _tap(api, question, Privacy("del!"))
    assert "deleted" in (await _next(api, clock)).text

    logged = "\n".join(captured.lines)
    assert len(captured.lines) > 20, "the journey was logged at DEBUG"
    for personal in (str(ANNA), NAME, PHONE, QUESTION, SIGN_UP, HELP, SECRET, "Verhaeghe"):
        assert personal not in logged, personal

    # And after /forget the store has nothing of her either, whatever the flows wrote.
    with sqlite3.connect(e2e_config.db_path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):  # names from sqlite_master
                for value in row:
                    assert not any(p in str(value) for p in (str(ANNA), PHONE, SECRET)), table
