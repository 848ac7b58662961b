"""Two bots in webhook mode on one PostgreSQL database, as a load balancer would feed them.

Each resident's updates go to the two bots in turn, so every step of a conversation is read
by the other bot than the one that saved it. Twelve residents race for the five places of a
lunch: five are confirmed, seven are on the waiting list, numbered 1 to 7 in the order the list
keeps. Then the bot that plans and sends reminders loses its database session (as when its
process dies): the other takes over and every confirmed resident gets the day-before reminder
exactly once.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from telegram.ext import Application

from bot.budget import SharedBudget
from bot.config import BotConfig
from bot.telegram_app import (
    build_application,
    runtime_of,
    start_polling,
    start_webhook,
    stop_polling,
)
from conversations.payloads import Payload, SignupConfirm, SignupConsent, SignupTariff
from storage.backend import open_database
from storage.clock import FixedClock
from storage.records import SignupStatus
from storage.repositories import repositories
from tests.present import present

from .botapi_double import BotApiDouble, Call
from .conftest import SECRET, free_port

BRUSSELS = ZoneInfo("Europe/Brussels")
LUNCH = datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)
RESIDENTS = [7_000_000_000 + n for n in range(12)]  # Telegram ids beyond 32 bits
PLACES = 5
SIGN_UP_DAY = datetime(2026, 12, 8, 10, 15, tzinfo=BRUSSELS)  # Tuesday, before the deadline


def lunch_for_five(tmp_path: Path) -> Path:
    """The Oostende data with a Christmas lunch of five places."""
    text = Path("data/oostende.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: christmas-lunch\n")
    capacity = text.index("    capacity: 80\n", start)
    path = tmp_path / "oostende-small-lunch.yaml"
    path.write_text(
        text[:capacity]
        + f"    capacity: {PLACES}\n"
        + text[capacity + len("    capacity: 80\n") :],
        encoding="utf-8",
    )
    return path


class Balancer:
    """Posts updates to the bots' webhooks like a load balancer: one resident's in turn."""

    def __init__(self, api: BotApiDouble, configs: list[BotConfig]) -> None:
        self.api = api
        self.urls = [f"http://127.0.0.1:{c.webhook_port}/{c.webhook_path}" for c in configs]
        self.turns: dict[int, int] = {}

    async def post(self, resident: int, *, to: int | None = None) -> None:
        """Post the update just queued for `resident` to the next bot (or bot `to`)."""
        update = self.api.take_update()
        turn = self.turns.get(resident, resident % 2)
        self.turns[resident] = turn + 1
        url = self.urls[turn % len(self.urls) if to is None else to]
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
        timeout = aiohttp.ClientTimeout(total=10)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(url, data=json.dumps(update), headers=headers) as response,
        ):
            assert response.status == 200

    async def tap(
        self, resident: int, message: Call, wanted: Payload, *, to: int | None = None
    ) -> None:
        """Press the button of `message` that is `wanted`."""
        self.api.queue_callback(resident, message.find(wanted))
        await self.post(resident, to=to)


@pytest.fixture
async def two_bots(
    api: BotApiDouble, e2e_config: BotConfig, pg_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[tuple[list[Application], list[BotConfig]]]:  # type: ignore[type-arg]
    """Two bots serving webhooks on loopback, both on the same PostgreSQL database."""
    data = str(lunch_for_five(tmp_path))
    clock.set(SIGN_UP_DAY)  # the lunch is within the fortnight the reminders are planned for
    applications, configs = [], []
    for _ in range(2):
        port = free_port()
        config = BotConfig(
            **{
                **e2e_config.__dict__,
                "data": data,
                "db_path": pg_url,
                "webhook_url": "https://bot.example.org/telegram",
                "webhook_listen": "127.0.0.1",
                "webhook_port": port,
                "webhook_secret_token": SECRET,
            }
        )
        application = build_application(config, clock=clock)
        await start_webhook(application, config)
        applications.append(application)
        configs.append(config)
    yield applications, configs
    for application in applications:
        await stop_polling(application)


async def sign_up(balancer: Balancer, api: BotApiDouble, resident: int) -> Call:
    """Ask for the Christmas lunch, consent, pick the tariff: the check before confirming."""
    api.queue_text(resident, "Ik wil me inschrijven voor de kerstlunch")
    await balancer.post(resident)
    (consent,) = await api.wait_for_sent(resident, 1, timeout=20)
    await balancer.tap(resident, consent, SignupConsent())
    *_, tariff = await api.wait_for_sent(resident, 2, timeout=20)
    await balancer.tap(resident, tariff, SignupTariff(False))
    *_, check = await api.wait_for_sent(resident, 3, timeout=20)
    assert "Kerstlunch" in check.text
    return check


async def test_twelve_residents_race_for_five_places_across_two_bots_and_reminders_survive_the_leader(  # noqa: E501
    api: BotApiDouble,
    two_bots: tuple[list[Application], list[BotConfig]],
    clock: FixedClock,
    pg_url: str,
) -> None:
    (first, second), configs = two_bots
    leader, standby = runtime_of(first).leader, runtime_of(second).leader
    assert leader is not None and leader.duty is not None, "the first bot leads"
    assert standby is not None and standby.duty is None, "the second stands by"
    # Two processes send for one bot: both take their slots from the one schedule in the database.
    for bot in (first, second):
        budget = runtime_of(bot).budget
        assert isinstance(budget, SharedBudget) and budget.ledger is not None
    balancer = Balancer(api, configs)

    checks = await asyncio.gather(*(sign_up(balancer, api, r) for r in RESIDENTS))
    # All press "Yes" at once, at the bot that does not send reminders: the leader hears of
    # the sign-ups from the database (NOTIFY) and plans their reminders.
    await asyncio.gather(
        *(
            balancer.tap(r, check, SignupConfirm(), to=1)
            for r, check in zip(RESIDENTS, checks, strict=True)
        )
    )
    results = {r: (await api.wait_for_sent(r, 4, timeout=20))[-1].text for r in RESIDENTS}
    confirmed = [r for r, text in results.items() if text.startswith("✅")]
    waiting = {
        r: int(match.group(1))
        for r, text in results.items()
        if (match := re.search(r"nummer (\d+) van de wachtlijst", text))
    }
    assert len(confirmed) == PLACES, results
    assert sorted(waiting.values()) == list(range(1, len(RESIDENTS) - PLACES + 1)), results

    async with await open_database(pg_url) as store:
        repos = repositories(store)
        listed = await repos.signups.attendance("oostende", "christmas-lunch", "centrum", LUNCH)
        assert sorted(
            present(s.resident_id) for s in listed if s.status is SignupStatus.CONFIRMED
        ) == (sorted(confirmed))
        in_order = [s.resident_id for s in listed if s.status is SignupStatus.WAITING]
        assert in_order == sorted(
            waiting, key=waiting.__getitem__
        )  # the order residents were told

        async def planned() -> bool:
            pending = [m for r in confirmed for m in await repos.outbox.pending_for(r)]
            return len({m.chat_id for m in pending if m.kind.startswith("reminder")}) == PLACES

        for _ in range(100):  # the leader plans within a second of the announced sign-ups
            if await planned():
                break
            await asyncio.sleep(0.05)
        assert await planned(), "the leader did not plan the reminders of the other bot's sign-ups"

    # Wednesday 17:30: the day-before reminders are due, and the leader's session ends.
    clock.set(datetime(2026, 12, 16, 17, 30, tzinfo=BRUSSELS))
    leader.leadership._conn.terminate()  # type: ignore[attr-defined]
    await api.wait_for(
        lambda: all(any("12:00" in c.text for c in api.delivered_to(r)[4:]) for r in confirmed),
        timeout=10,
    )
    assert standby.duty is not None, "the standby took over"
    async with await open_database(pg_url) as store:
        reports = repositories(store).reports
        # The last reminder is marked sent just after Telegram's answer reaches the bot, a
        # moment after the double has delivered it.
        for _ in range(100):
            health = await reports.health()
            if health.outbox.get("sent") == PLACES and not health.outbox.get("sending"):
                break
            await asyncio.sleep(0.05)
    # Every reminder due is marked sent and none is left in flight: nothing more will go out.
    assert health.outbox.get("sent") == PLACES and not health.outbox.get("sending"), health
    for resident in confirmed:
        reminders = api.delivered_to(resident)[4:]
        assert len(reminders) == 1, [c.text for c in reminders]
    for resident in waiting:
        assert api.delivered_to(resident)[4:] == []


async def test_with_long_polling_one_process_polls_and_the_other_takes_over(
    api: BotApiDouble, e2e_config: BotConfig, pg_url: str, clock: FixedClock
) -> None:
    config = BotConfig(**{**e2e_config.__dict__, "db_path": pg_url})
    first = build_application(config, clock=clock)
    await start_polling(first, config.poll_timeout)
    second = build_application(config, clock=clock)
    starting = asyncio.ensure_future(start_polling(second, config.poll_timeout))
    await api.wait_for(lambda: len(api.calls_of("getMe")) >= 2, timeout=10)
    await asyncio.sleep(0.3)  # the second has had the time to start polling, if it could
    assert not starting.done(), "a second process polls beside the first"
    leader = runtime_of(first).leader
    assert leader is not None and leader.duty is not None

    await api.end_long_polls()
    await stop_polling(first)  # the first stops: the second takes over at once
    api._closing = False
    await asyncio.wait_for(starting, 10)
    took_over = runtime_of(second).leader
    assert took_over is not None and took_over.duty is not None
    api.queue_text(RESIDENTS[0], "hallo")
    await api.wait_for_sent(RESIDENTS[0], timeout=10)
    await api.end_long_polls()
    await stop_polling(second)
