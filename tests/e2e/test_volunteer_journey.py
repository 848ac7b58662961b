"""A volunteer's journey through the full bot over HTTP, like on Telegram.

Marie gets a code from her centre, links her Telegram with /start CODE, looks at her shifts,
takes the open Friday reception shift, and says she cannot come on Wednesday; the staff chat
hears of both at once.
"""

from __future__ import annotations

from datetime import datetime

from telegram.ext import Application

from bot.config import BotConfig
from conversations.payloads import MyShifts, OpenShifts, ShiftAction
from rules.volunteers import create_code
from storage.clock import FixedClock
from storage.db import Store
from storage.repositories import repositories

from .botapi_double import BotApiDouble
from .conftest import STAFF_ID

MARIE = 5001
FRIDAY_RECEPTION = ("reception-centrum-friday", datetime(2026, 11, 27, 13, 0))
WEDNESDAY_RECEPTION = ("reception-centrum", datetime(2026, 11, 25, 9, 0))


async def _code_from_the_centre(config: BotConfig, clock: FixedClock) -> str:
    """What `voordeur volunteer-code v-marie` does, on the store the running bot uses."""
    async with await Store.open(config.db_path) as store:
        return await create_code(repositories(store), "oostende", "v-marie", now=clock.now())


async def test_volunteer_links_sees_shifts_takes_one_cancels_one_and_staff_hear_it(
    api: BotApiDouble, bot: Application, e2e_config: BotConfig, clock: FixedClock
) -> None:
    code = await _code_from_the_centre(e2e_config, clock)

    api.queue_command(MARIE, "start", code, language_code="en")
    (welcome,) = await api.wait_for_sent(MARIE)
    assert "Marie" in welcome.text
    assert {MyShifts(), OpenShifts()} <= set(welcome.payloads())

    api.queue_callback(MARIE, MyShifts(), language_code="en")
    *_, shifts = await api.wait_for_sent(MARIE, 2)
    assert "Reception" in shifts.text
    assert ShiftAction("c", *WEDNESDAY_RECEPTION) in shifts.payloads()

    api.queue_callback(MARIE, OpenShifts(), language_code="en")
    *_, open_shifts = await api.wait_for_sent(MARIE, 3)
    assert ShiftAction("t", *FRIDAY_RECEPTION) in open_shifts.payloads()

    api.queue_callback(MARIE, ShiftAction("t", *FRIDAY_RECEPTION), language_code="en")
    *_, confirm = await api.wait_for_sent(MARIE, 4)
    assert ShiftAction("t!", *FRIDAY_RECEPTION) in confirm.payloads()
    api.queue_callback(MARIE, ShiftAction("t!", *FRIDAY_RECEPTION), language_code="en")
    (took,) = await api.wait_for_sent(STAFF_ID)
    assert "Marie Declercq" in took.text and "27" in took.text

    api.queue_callback(MARIE, ShiftAction("c", *WEDNESDAY_RECEPTION), language_code="en")
    await api.wait_for_sent(MARIE, 6)
    api.queue_callback(MARIE, ShiftAction("c!", *WEDNESDAY_RECEPTION), language_code="en")
    *_, why = await api.wait_for_sent(MARIE, 7)
    assert ShiftAction("c!!", *WEDNESDAY_RECEPTION) in why.payloads()
    api.queue_text(MARIE, "My grandson is ill", language_code="en")
    *_, cancelled = await api.wait_for_sent(STAFF_ID, 2)
    assert "Marie Declercq" in cancelled.text
    assert "My grandson is ill" in cancelled.text
    assert "25" in cancelled.text

    *_, thanks = await api.wait_for_sent(MARIE, 8)
    assert "Marie Declercq" not in thanks.text  # the volunteer's own chat gets her thanks only
    for call in api.sent_to(MARIE):
        assert all(len(data.encode()) <= 64 for data in call.button_data())
