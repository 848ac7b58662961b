"""What the bot does after each update, through the real Application and the Bot API double.

After an update the bot clears the resident's unreachable mark (only when there is one) and plans
their reminders again. A sign-up says itself that reminders changed (`store.changes`) and gets
its reminders planned; other writes (the heartbeat, a resident's language) and questions plan
nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config import BotConfig
from bot.runtime import resolve_data
from bot.telegram_app import runtime_of
from conversations.payloads import (
    Payload,
    SignupConfirm,
    SignupConsent,
    SignupOption,
    SignupTariff,
)
from storage import outbox
from storage.clock import FixedClock
from storage.db import Store
from storage.importer import import_file
from storage.records import ensure_resident, get_resident, insert_signup
from tests.present import present

from .botapi_double import BotApiDouble, Call
from .conftest import NOW, StartBot

BRUSSELS = ZoneInfo("Europe/Brussels")
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)  # Tuesday, the day after NOW
ANNA, CAROL = 6161, 6262


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 8.0) -> None:
    """Wait until `check()` holds (the planner runs about a second after an update)."""
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.05)


async def pending_for(config: BotConfig, chat_id: int) -> list[str]:
    """The kinds of the messages queued for a chat, read beside the running bot."""
    async with await Store.open(config.db_path) as store:
        return [m.kind for m in await outbox.pending_for(store, chat_id)]


def tap(api: BotApiDouble, user: int, message: Call, wanted: Payload | type[Payload]) -> None:
    """Press the button of `message` that is `wanted` (that value, or the first of that type)."""
    data = message.find(wanted)
    api.queue_callback(user, data)


async def test_a_sign_up_through_telegram_gets_its_reminders_planned(
    api: BotApiDouble, start_bot: StartBot, e2e_config: BotConfig
) -> None:
    await start_bot()
    api.queue_text(ANNA, "Ik wil me inschrijven voor het middagmaal in Centrum op woensdag")
    steps: tuple[Payload | type[Payload], ...] = (
        SignupConsent(),
        SignupOption,
        SignupTariff(True),
        SignupConfirm(),
    )
    for step, wanted in enumerate(steps, start=1):
        *_, last = await api.wait_for_sent(ANNA, step)
        tap(api, ANNA, last, wanted)
    *_, confirmed = await api.wait_for_sent(ANNA, 5)
    assert "Middagmaal" in confirmed.text
    # Wednesday's lunch: the day-before reminder (Tuesday) and the one on the day.
    await eventually(lambda: _has_kinds(e2e_config, ANNA, 2))


async def _has_kinds(config: BotConfig, chat_id: int, count: int) -> bool:
    return len(await pending_for(config, chat_id)) >= count


async def test_writes_that_change_no_reminders_do_not_wake_the_planner(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    bot = await start_bot()
    reminders = runtime_of(bot).reminders
    assert reminders is not None
    planned: list[set[int]] = []
    original = reminders.plan_changed
    assert original is not None

    async def noting(residents: set[int]) -> None:
        planned.append(residents)
        await original(residents)

    reminders.plan_changed = noting
    # The first update writes the heartbeat for `health`, the resident's row and their
    # language; a question writes nothing. None of it changes what reminders are due.
    api.queue_text(CAROL, "Hallo")
    await api.wait_for_sent(CAROL)
    api.queue_text(ANNA, "Wat zijn de openingsuren van Centrum?")
    await api.wait_for_sent(ANNA)
    await asyncio.sleep(1.5)
    assert planned == []


async def test_a_resident_found_blocked_who_writes_again_is_reachable_with_reminders_back(
    api: BotApiDouble, start_bot: StartBot, clock: FixedClock, e2e_config: BotConfig
) -> None:
    async with await Store.open(e2e_config.db_path) as store:
        await import_file(store, resolve_data(e2e_config.data), now=NOW)
        await ensure_resident(store, CAROL, now=NOW)
        await insert_signup(
            store,
            org_id="oostende",
            activity_id="lunch-centrum",
            centre_id="centrum",
            start=LUNCH,
            now=NOW,
            resident_id=CAROL,
        )
    clock.set(datetime(2026, 11, 23, 17, 30))  # the day-before reminder is due
    api.block(CAROL)
    bot = await start_bot()
    await api.wait_for(lambda: len(api.sent_to(CAROL)) >= 1, timeout=10)

    async def marked() -> bool:
        async with await Store.open(e2e_config.db_path) as store:
            carol = await get_resident(store, CAROL)
            return carol is not None and carol.unreachable_since is not None

    await eventually(marked)
    assert CAROL in present(runtime_of(bot).reminders).unreachable
    assert await pending_for(e2e_config, CAROL) == []  # her reminder on the day is withdrawn

    api._blocked.discard(CAROL)  # she unblocks the bot and writes
    api.queue_text(CAROL, "Hallo")
    await api.wait_for(lambda: len(api.delivered_to(CAROL)) >= 1, timeout=10)

    async def reachable() -> bool:
        return not await marked()

    await eventually(reachable)
    assert CAROL not in present(runtime_of(bot).reminders).unreachable
    await eventually(lambda: _has_kinds(e2e_config, CAROL, 1))  # Tuesday's reminder is back
