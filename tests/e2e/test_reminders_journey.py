"""Reminders through the real Application and the Bot API double, across a stop and a start.

The bot plans the reminders on Monday morning and is stopped; at 17:00, when the day-before
reminders come due, it is down. Started again at 17:30, it sends each of them exactly once, waits
out a 429 as Telegram asks, and marks the resident who blocked it as unreachable.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.config import BotConfig
from bot.runtime import resolve_data
from bot.telegram_app import stop_polling
from conversations.payloads import ReminderAnswer
from rules.volunteers import Redeemed, create_code, redeem_code
from storage import outbox
from storage.clock import FixedClock
from storage.db import Store
from storage.importer import import_file
from storage.records import ReminderPreference, ensure_resident, get_resident, insert_signup
from storage.repositories import ResidentRepository, repositories

from .botapi_double import BotApiDouble
from .conftest import NOW, StartBot

BRUSSELS = ZoneInfo("Europe/Brussels")
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)  # Tuesday, the day after NOW
ANNA, BERT, CAROL = 4242, 4343, 4444  # Carol has blocked the bot


async def prepare(config: BotConfig) -> None:
    """The data imported and three residents signed up for Tuesday's lunch."""
    async with await Store.open(config.db_path) as store:
        await import_file(store, resolve_data(config.data), now=NOW)
        for resident in (ANNA, BERT, CAROL):
            await ensure_resident(store, resident, now=NOW)
            await insert_signup(
                store,
                org_id="oostende",
                activity_id="lunch-centrum",
                centre_id="centrum",
                start=LUNCH,
                now=NOW,
                resident_id=resident,
            )


async def test_reminders_due_while_the_bot_was_down_arrive_exactly_once(
    api: BotApiDouble,
    start_bot: StartBot,
    clock: FixedClock,
    e2e_config: BotConfig,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.dispatcher")
    await prepare(e2e_config)
    first = await start_bot()  # Monday 10:15: plans, nothing is due yet
    await api.end_long_polls()
    await stop_polling(first)
    assert not [c for c in api.calls_of("sendMessage") if c.chat_id in (ANNA, BERT, CAROL)]

    clock.set(datetime(2026, 11, 23, 17, 30))  # down at 17:00, back at 17:30
    api._closing = False  # the double serves long polls again
    api.fail_next("sendMessage", status=429, retry_after=1, chat_id=ANNA)
    api.block(CAROL)
    second = await start_bot()
    await api.wait_for(
        lambda: (
            len(api.delivered_to(ANNA)) >= 1
            and len(api.delivered_to(BERT)) >= 1
            and len(api.sent_to(CAROL)) >= 1
            # stopped only once Carol's refusal is recorded: a stop in between re-queues it
            and any("marked unreachable" in r.getMessage() for r in caplog.records)
        ),
        timeout=10,
    )
    await api.end_long_polls()
    await stop_polling(second)

    api._closing = False
    polls = len(api.calls_of("getUpdates"))
    third = await start_bot()  # a further restart must not send anything again
    await api.wait_for(lambda: len(api.calls_of("getUpdates")) >= polls + 2, timeout=10)
    await api.end_long_polls()
    await stop_polling(third)

    for resident in (ANNA, BERT):
        delivered = api.delivered_to(resident)
        assert len(delivered) == 1, [c.text for c in delivered]
        assert "12:00" in delivered[0].text
        assert any(
            isinstance(p, ReminderAnswer) and p.action == "n" for p in delivered[0].payloads()
        )
    to_anna = api.sent_to(ANNA)
    assert [c.status for c in to_anna] == [429, 200]
    assert to_anna[1].at - to_anna[0].at >= 1.0  # waited as Telegram asked
    assert len(api.sent_to(CAROL)) == 1 and not api.delivered_to(CAROL)

    async with await Store.open(e2e_config.db_path) as store:
        carol = await get_resident(store, CAROL)
        assert carol is not None and carol.unreachable_since is not None
        assert await outbox.pending_for(store, CAROL) == []  # her same-day reminder stopped
        sent = await outbox.messages_by_status(store, "sent")
        assert sorted(m.chat_id for m in sent) == [ANNA, BERT]
        assert len(await outbox.pending_for(store, ANNA)) == 1  # Tuesday 10:00 still to come


async def test_down_from_the_day_before_until_the_morning_only_the_same_day_reminder_comes(
    api: BotApiDouble, start_bot: StartBot, clock: FixedClock, e2e_config: BotConfig
) -> None:
    await prepare(e2e_config)
    first = await start_bot()  # Monday 10:15: both reminders of Tuesday's lunch are planned
    await api.end_long_polls()
    await stop_polling(first)

    # Down at 17:00 on Monday, when "for tomorrow" was due; back on Tuesday at 10:30, after
    # the same-day reminder (two hours before the lunch) came due.
    clock.set(datetime(2026, 11, 24, 10, 30))
    api._closing = False
    second = await start_bot()
    await api.wait_for(lambda: len(api.delivered_to(ANNA)) >= 1, timeout=10)
    polls = len(api.calls_of("getUpdates"))
    await api.wait_for(lambda: len(api.calls_of("getUpdates")) >= polls + 2, timeout=10)
    await api.end_long_polls()
    await stop_polling(second)

    delivered = [call.text for call in api.delivered_to(ANNA)]
    assert len(delivered) == 1, delivered  # one reminder, not two for the same lunch
    assert "Herinnering voor vandaag" in delivered[0] and "12:00" in delivered[0]
    assert not any("morgen" in text for text in delivered)
    async with await Store.open(e2e_config.db_path) as store:
        missed = await outbox.messages_by_status(store, "missed")
        assert ANNA in {m.chat_id for m in missed}  # recorded, for the operator's health check


async def test_down_from_the_day_before_a_resident_who_chose_only_that_one_is_reminded_today(
    api: BotApiDouble, start_bot: StartBot, clock: FixedClock, e2e_config: BotConfig
) -> None:
    await prepare(e2e_config)
    async with await Store.open(e2e_config.db_path) as store:
        # Anna chose only the reminder the day before; Bert only the same-day one.
        residents = ResidentRepository(store)
        await residents.set_reminder_preference(ANNA, ReminderPreference.DAY_BEFORE, now=NOW)
        await residents.set_reminder_preference(BERT, ReminderPreference.SAME_DAY, now=NOW)
    first = await start_bot()  # Monday 10:15: the reminders of Tuesday's lunch are planned
    await api.end_long_polls()
    await stop_polling(first)

    # Down from Monday before 17:00 ("for tomorrow") until Tuesday 10:30; the lunch is at noon.
    clock.set(datetime(2026, 11, 24, 10, 30))
    api._closing = False
    second = await start_bot()
    await api.wait_for(
        lambda: len(api.delivered_to(ANNA)) >= 1 and len(api.delivered_to(BERT)) >= 1,
        timeout=10,
    )
    polls = len(api.calls_of("getUpdates"))
    await api.wait_for(lambda: len(api.calls_of("getUpdates")) >= polls + 2, timeout=10)
    await api.end_long_polls()
    await stop_polling(second)

    for resident in (ANNA, BERT):
        delivered = [call.text for call in api.delivered_to(resident)]
        assert len(delivered) == 1, (resident, delivered)  # exactly one reminder
        assert "Herinnering voor vandaag" in delivered[0] and "12:00" in delivered[0]
        assert "morgen" not in delivered[0]


async def test_up_the_day_before_a_resident_who_chose_only_that_one_gets_no_second_reminder(
    api: BotApiDouble, start_bot: StartBot, clock: FixedClock, e2e_config: BotConfig
) -> None:
    await prepare(e2e_config)
    async with await Store.open(e2e_config.db_path) as store:
        await ResidentRepository(store).set_reminder_preference(
            ANNA, ReminderPreference.DAY_BEFORE, now=NOW
        )
    clock.set(datetime(2026, 11, 23, 17, 30))  # the day-before reminder goes out on time
    first = await start_bot()
    await api.wait_for(lambda: len(api.delivered_to(ANNA)) >= 1, timeout=10)
    await api.end_long_polls()
    await stop_polling(first)

    clock.set(datetime(2026, 11, 24, 10, 30))  # the lunch's morning
    api._closing = False
    second = await start_bot()
    polls = len(api.calls_of("getUpdates"))
    await api.wait_for(lambda: len(api.calls_of("getUpdates")) >= polls + 2, timeout=10)
    await api.end_long_polls()
    await stop_polling(second)

    delivered = [call.text for call in api.delivered_to(ANNA)]
    assert len(delivered) == 1 and "morgen" in delivered[0], delivered  # "for tomorrow" only


MARIE = 5001  # the volunteer v-marie: reception at Centrum on Wednesday 25 November, 09:00


async def test_down_from_the_day_before_a_volunteer_is_reminded_of_the_shift_today_once(
    api: BotApiDouble, start_bot: StartBot, clock: FixedClock, e2e_config: BotConfig
) -> None:
    async with await Store.open(e2e_config.db_path) as store:
        await import_file(store, resolve_data(e2e_config.data), now=NOW)
        code = await create_code(repositories(store), "oostende", "v-marie", now=NOW)
        linked = await redeem_code(repositories(store), "oostende", code, MARIE, now=NOW)
        assert linked.outcome is Redeemed.LINKED
    first = await start_bot()  # Monday 10:15: the shift reminders are planned
    await api.end_long_polls()
    await stop_polling(first)
    assert not api.delivered_to(MARIE)

    # Down from Monday until Wednesday 08:30: Tuesday 17:00's "tomorrow you have a shift"
    # never went out; the shift begins at 09:00.
    clock.set(datetime(2026, 11, 25, 8, 30))
    api._closing = False
    second = await start_bot()
    await api.wait_for(lambda: len(api.delivered_to(MARIE)) >= 1, timeout=10)
    polls = len(api.calls_of("getUpdates"))
    await api.wait_for(lambda: len(api.calls_of("getUpdates")) >= polls + 2, timeout=10)
    await api.end_long_polls()
    await stop_polling(second)

    api._closing = False
    clock.set(datetime(2026, 11, 25, 8, 45))
    polls = len(api.calls_of("getUpdates"))
    third = await start_bot()  # a further restart sends nothing again
    await api.wait_for(lambda: len(api.calls_of("getUpdates")) >= polls + 2, timeout=10)
    await api.end_long_polls()
    await stop_polling(third)

    delivered = [call.text for call in api.delivered_to(MARIE)]
    assert len(delivered) == 1, delivered  # exactly one reminder
    assert "vandaag" in delivered[0] and "09:00" in delivered[0]
    assert "morgen" not in delivered[0]


MARIE_NEW_PHONE = 5011  # the same volunteer on her new phone: another Telegram chat


async def test_a_volunteer_who_links_her_new_phone_is_reminded_there_not_on_the_old_one(
    api: BotApiDouble, start_bot: StartBot, clock: FixedClock, e2e_config: BotConfig
) -> None:
    async with await Store.open(e2e_config.db_path) as store:
        await import_file(store, resolve_data(e2e_config.data), now=NOW)
        code = await create_code(repositories(store), "oostende", "v-marie", now=NOW)
        linked = await redeem_code(repositories(store), "oostende", code, MARIE, now=NOW)
        assert linked.outcome is Redeemed.LINKED
    first = await start_bot()  # Monday 10:15: Wednesday's shift reminder is queued (old phone)

    # Marie gets a new code from her centre and sends it from her new phone.
    async with await Store.open(e2e_config.db_path) as store:
        code = await create_code(repositories(store), "oostende", "v-marie", now=clock.now())
    api.queue_command(MARIE_NEW_PHONE, "start", code, language_code="nl")
    (welcome,) = await api.wait_for_sent(MARIE_NEW_PHONE)
    assert "Marie" in welcome.text
    await api.end_long_polls()
    await stop_polling(first)

    # Back on Tuesday at 17:30, when "tomorrow you have a shift" is due: a fresh process.
    clock.set(datetime(2026, 11, 24, 17, 30))
    api._closing = False
    second = await start_bot()
    await api.wait_for(
        lambda: len(api.delivered_to(MARIE_NEW_PHONE)) >= 2 or bool(api.sent_to(MARIE)),
        timeout=10,
    )
    polls = len(api.calls_of("getUpdates"))
    await api.wait_for(lambda: len(api.calls_of("getUpdates")) >= polls + 2, timeout=10)
    await api.end_long_polls()
    await stop_polling(second)

    assert api.sent_to(MARIE) == []  # the old phone hears nothing
    *_, reminder = api.delivered_to(MARIE_NEW_PHONE)
    assert len(api.delivered_to(MARIE_NEW_PHONE)) == 2, [c.text for c in api.sent_to(5011)]
    assert "morgen" in reminder.text and "09:00" in reminder.text
