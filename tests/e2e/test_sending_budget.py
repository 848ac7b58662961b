"""Replies and a reminder drain share Telegram's limit: residents are answered first, no 429.

The Bot API double acts as Telegram's flood control here (more than the limit in any second is
answered 429). While the outbox drains reminders at the limit, residents who ask a question get
their answer within a second, the drain goes on with the slots the replies leave, and Telegram
never has to say "too many requests".

The bot paces at four fifths of the limit the double enforces, as an operator leaves Telegram
some room: the double runs in the bot's own event loop, so on a loaded machine sends the budget
spaced out can reach it bunched, which real time cannot be told not to do.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.config import BotConfig
from bot.runtime import resolve_data
from storage import outbox
from storage.db import Store
from storage.importer import import_file

from .botapi_double import BotApiDouble, Call
from .conftest import NOW, StartBot

LIMIT = 10  # messages a second, overall (Telegram's 30, scaled down so the test is short)
PACED = LIMIT * 0.8  # what the bot is configured to send, with room for scheduling jitter
REMINDERS = 40
FIRST_CHAT = 8_000_000
RESIDENTS = range(7001, 7006)


async def queue_reminders(config: BotConfig) -> None:
    """Reminders for REMINDERS residents, all due when the bot starts."""
    async with await Store.open(config.db_path) as store:
        await import_file(store, resolve_data(config.data), now=NOW)
        for index in range(REMINDERS):
            await outbox.enqueue(
                store,
                chat_id=FIRST_CHAT + index,
                kind="reminder_day_before",
                payload={
                    "text": f"Herinnering {index}: morgen middagmaal om 12:00",
                    "buttons": [],
                    outbox.STARTS_AT: (NOW + timedelta(days=1)).isoformat(),
                },
                language="nl",
                due_at=NOW - timedelta(minutes=1),
                now=NOW - timedelta(minutes=1),
                org_id="oostende",
                dedupe_key=f"drain:{index}",
            )


def reminders_delivered(api: BotApiDouble) -> list[Call]:
    """The reminders Telegram accepted."""
    return [
        c
        for c in api.calls_of("sendMessage")
        if (c.chat_id or 0) >= FIRST_CHAT and c.status == 200 and c.answered
    ]


async def test_residents_asking_during_a_reminder_drain_are_answered_first_without_a_429(
    api: BotApiDouble, start_bot: StartBot, e2e_config: BotConfig
) -> None:
    await queue_reminders(e2e_config)
    api.enforce_rate(LIMIT)
    await start_bot(rate_overall_per_second=PACED)
    await api.wait_for(lambda: len(reminders_delivered(api)) >= 10, timeout=10)

    asked = {
        resident: api.queue_text(resident, "Wanneer is Centrum open?") for resident in RESIDENTS
    }
    for resident in RESIDENTS:
        await api.wait_for_sent(resident, timeout=5)
    waits = [api.sent_to(r)[0].at - api.queued_at[asked[r]] for r in RESIDENTS]
    drained_when_answered = len(reminders_delivered(api))

    await api.wait_for(lambda: len(reminders_delivered(api)) >= REMINDERS, timeout=30)
    await asyncio.sleep(0.5)  # anything sent twice would arrive by now
    assert max(waits) < 1.0, waits  # answered first, not behind the queued reminders
    assert drained_when_answered < REMINDERS  # the drain was still going on
    assert api.too_many_requests() == []
    chats = sorted(c.chat_id or 0 for c in reminders_delivered(api))
    assert chats == [FIRST_CHAT + index for index in range(REMINDERS)]  # each exactly once
