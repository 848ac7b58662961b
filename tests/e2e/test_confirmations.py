"""A message that confirms what the resident did reaches them through a Telegram hiccup, once.

Tried again while Telegram says it did not arrive (a 5xx, a 429 past the rate limiter's own
retries) or the request never left; a slow answer is waited for rather than
repeated, so a message that did arrive is not sent twice; a refusal is logged as one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.dispatcher import Dispatcher, TelegramSender
from conversations.payloads import Payload, SignupConfirm, SignupConsent, SignupTariff
from storage import outbox
from storage.clock import FixedClock
from storage.db import Store
from storage.records import OutboxStatus

from .botapi_double import BotApiDouble, Call
from .conftest import REQUEST_TIMEOUT, ScriptedFrontDoor, StartBot

RESIDENT = 5252


def tap(api: BotApiDouble, message: Call, wanted: Payload | type[Payload]) -> None:
    """Press the button of `message` that is `wanted` (that value, or the first of that type)."""
    data = message.find(wanted)
    api.queue_callback(RESIDENT, data)


async def until_confirm(api: BotApiDouble) -> Call:
    """Walk the Christmas lunch sign-up up to its last question; return that message."""
    api.queue_text(RESIDENT, "Ik wil me inschrijven voor de kerstlunch")
    (consent,) = await api.wait_for_sent(RESIDENT)
    tap(api, consent, SignupConsent())
    *_, tariff = await api.wait_for_sent(RESIDENT, 2)
    tap(api, tariff, SignupTariff(False))
    *_, check = await api.wait_for_sent(RESIDENT, 3)
    return check


FAULTS: dict[str, Callable[[BotApiDouble], None]] = {
    "one 502": lambda api: api.fail_next("sendMessage", status=502, chat_id=RESIDENT),
    "three 429s": lambda api: api.fail_next(
        "sendMessage", status=429, retry_after=0, chat_id=RESIDENT, times=3
    ),
    "one timeout": lambda api: api.stall_next("sendMessage", chat_id=RESIDENT),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
async def test_the_sign_up_confirmation_arrives_exactly_once_after_a_hiccup(
    api: BotApiDouble, start_bot: StartBot, fault: str
) -> None:
    await start_bot()
    check = await until_confirm(api)
    FAULTS[fault](api)
    tap(api, check, SignupConfirm())  # "Ja, schrijf me in"
    await api.wait_for(lambda: len(api.delivered_to(RESIDENT)) >= 4, timeout=8)
    confirmations = [c for c in api.delivered_to(RESIDENT) if "Kerstlunch" in c.text][-1:]
    assert confirmations and "✅" in confirmations[0].text
    texts = [c.text for c in api.delivered_to(RESIDENT)]
    assert texts.count(confirmations[0].text) == 1


async def test_a_slow_answer_is_waited_for_not_repeated(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    await start_bot()
    check = await until_confirm(api)
    # Longer than the request timeout: the message arrives, Telegram's answer comes late.
    api.slow_next("sendMessage", 0.8, chat_id=RESIDENT)
    tap(api, check, SignupConfirm())
    await api.wait_for(lambda: len(api.delivered_to(RESIDENT)) >= 4, timeout=8)
    api.queue_command(RESIDENT, "menu")
    await api.wait_for(lambda: len(api.delivered_to(RESIDENT)) >= 5, timeout=8)
    confirmation = api.delivered_to(RESIDENT)[3]
    assert "✅" in confirmation.text
    assert [c.text for c in api.sent_to(RESIDENT)].count(confirmation.text) == 1


async def test_a_refused_message_is_logged_as_refused_and_not_sent_again(
    api: BotApiDouble, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot(ScriptedFrontDoor())
    api.fail_next(
        "sendMessage", status=400, description="Bad Request: message is too long", chat_id=RESIDENT
    )
    with caplog.at_level(logging.INFO):
        api.queue_text(RESIDENT, "hallo")
        await api.wait_for_sent(RESIDENT)
        api.queue_text(RESIDENT, "nog eens")
        await api.wait_for(lambda: len(api.delivered_to(RESIDENT)) >= 1)
    assert len(api.sent_to(RESIDENT)) == 2  # the refused one was not tried again
    lines = [r.getMessage() for r in caplog.records if "chat" in r.getMessage()]
    assert any("refused" in line and "BadRequest" in line for line in lines), lines
    assert not any("may or may not have arrived" in line for line in lines)


async def test_an_outbox_notice_whose_answer_comes_late_is_sent_once(
    api: BotApiDouble, store: Store, clock: FixedClock
) -> None:
    # Shorter than the slow answer below: a bot that took a late answer for a failure would
    # queue the notice again and send it twice.
    request = HTTPXRequest(read_timeout=REQUEST_TIMEOUT)
    bot = Bot(api.token, base_url=api.base_url, request=request)
    await bot.initialize()
    message_id = await outbox.enqueue(
        store,
        chat_id=RESIDENT,
        kind="promotion",
        payload={"text": "Er kwam een plaats vrij: je bent ingeschreven.", "buttons": []},
        language="nl",
        due_at=clock.now(),
        now=clock.now(),
    )
    assert message_id is not None
    dispatcher = Dispatcher(store, TelegramSender(bot, send_timeout=2.0), clock)
    api.slow_next("sendMessage", 0.8, chat_id=RESIDENT)
    await dispatcher.run_once()
    clock.advance(timedelta(hours=2))  # long past any backoff
    await dispatcher.run_once()
    await bot.shutdown()
    assert len(api.sent_to(RESIDENT)) == 1
    sent = await outbox.get_message(store, message_id)
    assert sent is not None and sent.status is OutboxStatus.SENT
