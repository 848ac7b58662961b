"""The dispatcher with a fake sender and a hand-driven clock: pacing, faults, restarts."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.dispatcher import Dispatcher, Limits, Refused, RetryLater, Transient, Unreachable
from storage import outbox
from storage.clock import FixedClock
from storage.db import Database, Store, utc_now_iso
from storage.records import OutboxMessage, OutboxStatus, ensure_resident, get_resident

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=BRUSSELS)
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)
ANNA = 4242


class FakeTime:
    """Monotonic seconds and the wall clock, moved together by `sleep` (nothing really waits)."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    async def sleep(self, delay: float) -> None:
        await asyncio.sleep(0)  # sends launched before the wait start now, as they would
        self.seconds += delay
        self.clock.advance(timedelta(seconds=delay))


class FakeSender:
    """Records (monotonic time, chat, text) of each send; raises what `faults` scripts."""

    def __init__(self, time: FakeTime) -> None:
        self.time = time
        self.sent: list[tuple[float, int, str]] = []
        self.faults: dict[str, list[Exception]] = {}

    async def send(self, message: OutboxMessage) -> None:
        text = message.payload["text"]
        scripted = self.faults.get(text)
        if scripted:
            raise scripted.pop(0)
        self.sent.append((self.time.monotonic(), message.chat_id, text))


@pytest.fixture
def store(any_store: Database) -> Database:
    """The dispatcher works the outbox of each backend alike (see tests/backends.py)."""
    return any_store


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def time(clock: FixedClock) -> FakeTime:
    return FakeTime(clock)


@pytest.fixture
def sender(time: FakeTime) -> FakeSender:
    return FakeSender(time)


def dispatcher_for(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime, **limits: object
) -> Dispatcher:
    return Dispatcher(
        store,
        sender,
        clock,
        Limits(**{"margin": 1.0, **limits}),  # type: ignore[arg-type]
        monotonic=time.monotonic,
        sleep=time.sleep,
    )


async def queue(
    store: Store,
    text: str,
    chat_id: int = ANNA,
    due: datetime = NOW,
    starts_at: datetime | None = LUNCH,
) -> int:
    payload: dict[str, object] = {"text": text, "buttons": []}
    if starts_at is not None:
        payload[outbox.STARTS_AT] = utc_now_iso(starts_at)
    message_id = await outbox.enqueue(
        store,
        chat_id=chat_id,
        kind="reminder_day_before",
        payload=payload,
        language="nl",
        due_at=due,
        now=NOW - timedelta(days=1),
        ref=f"signup:{text}",
        dedupe_key=text,
    )
    assert message_id is not None
    return message_id


async def status(store: Store, message_id: int) -> OutboxStatus:
    message = await outbox.get_message(store, message_id)
    assert message is not None
    return message.status


async def test_due_reminder_is_sent_once_and_recorded(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime
) -> None:
    message_id = await queue(store, "lunch tomorrow")
    later = await queue(store, "not yet", due=NOW + timedelta(hours=1))
    dispatcher = dispatcher_for(store, sender, clock, time)
    stats = await dispatcher.run_once()
    assert stats.sent == 1 and [text for _, _, text in sender.sent] == ["lunch tomorrow"]
    assert await status(store, message_id) is OutboxStatus.SENT
    assert (await dispatcher.run_once()).sent == 0  # nothing twice
    assert await dispatcher.next_due_at() == (NOW + timedelta(hours=1)).astimezone(UTC)
    assert await status(store, later) is OutboxStatus.PENDING


async def test_many_reminders_go_out_at_the_overall_limit_and_not_faster(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime
) -> None:
    for index in range(90):
        await queue(store, f"m{index}", chat_id=10_000 + index)
    started = time.monotonic()
    stats = await dispatcher_for(store, sender, clock, time, overall_per_second=30).run_once()
    assert stats.sent == 90
    moments = [moment for moment, _, _ in sender.sent]
    assert moments[-1] - started == pytest.approx(89 / 30)
    # No second holds more than 30 sends.
    assert all(
        sum(1 for m in moments if first <= m < first + 1.0 - 1e-9) <= 30 for first in moments
    )


async def test_one_chat_gets_at_most_one_message_a_second_while_others_go_on(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime
) -> None:
    for index in range(3):
        await queue(store, f"anna{index}", chat_id=ANNA)
    for index in range(3):
        await queue(store, f"other{index}", chat_id=20_000 + index)
    await dispatcher_for(store, sender, clock, time, overall_per_second=30).run_once()
    anna = [moment for moment, chat, _ in sender.sent if chat == ANNA]
    assert len(anna) == 3
    assert all(b - a >= 1.0 for a, b in pairwise(anna))
    others = [moment for moment, chat, _ in sender.sent if chat != ANNA]
    assert max(others) < anna[1]  # the other chats did not wait for Anna's spacing


async def test_retry_after_pauses_everything_and_the_message_arrives_once(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime
) -> None:
    first = await queue(store, "first", chat_id=1)
    await queue(store, "second", chat_id=2)
    sender.faults["first"] = [RetryLater(3)]
    started = time.monotonic()
    stats = await dispatcher_for(store, sender, clock, time).run_once()
    assert stats.retry_after == 1 and stats.sent == 2
    assert [text for _, _, text in sender.sent].count("first") == 1
    first_at = next(moment for moment, _, text in sender.sent if text == "first")
    assert first_at - started >= 3.0  # waited as Telegram asked
    assert await status(store, first) is OutboxStatus.SENT


async def test_timeouts_are_retried_with_growing_waits_then_given_up(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime
) -> None:
    message_id = await queue(store, "flaky", starts_at=NOW + timedelta(days=2))
    sender.faults["flaky"] = [Transient("TimedOut")] * 3
    dispatcher = dispatcher_for(store, sender, clock, time, max_attempts=3)
    waits = []
    for _ in range(3):
        stats = await dispatcher.run_once()
        message = await outbox.get_message(store, message_id)
        assert message is not None
        if message.status is OutboxStatus.PENDING:
            waits.append(message.due_at - clock.now())
            clock.set(message.due_at.astimezone(BRUSSELS))
    assert waits == [timedelta(seconds=30), timedelta(seconds=60)]
    assert stats.failed == 1
    message = await outbox.get_message(store, message_id)
    assert message is not None and message.status is OutboxStatus.FAILED
    assert message.attempts == 3 and message.last_error == "gave up: Transient"


async def test_refused_message_fails_without_retrying(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime
) -> None:
    message_id = await queue(store, "bad")
    sender.faults["bad"] = [Refused("BadRequest")]
    assert (await dispatcher_for(store, sender, clock, time).run_once()).failed == 1
    assert await status(store, message_id) is OutboxStatus.FAILED


async def test_resident_who_blocked_the_bot_is_marked_unreachable_and_logged_once(
    store: Store,
    sender: FakeSender,
    clock: FixedClock,
    time: FakeTime,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await ensure_resident(store, ANNA, now=NOW)
    blocked = await queue(store, "blocked")
    tomorrow = await queue(store, "tomorrow", due=NOW + timedelta(hours=17))
    sender.faults["blocked"] = [Unreachable()]
    dispatcher = dispatcher_for(store, sender, clock, time)
    with caplog.at_level(logging.INFO):
        stats = await dispatcher.run_once()
        await queue(store, "queued later")  # e.g. a notice queued before they wrote again
        again = await dispatcher.run_once()
    assert stats.unreachable == 1 and again.unreachable == 0 and again.cancelled == 1
    assert sender.sent == []
    resident = await get_resident(store, ANNA)
    assert resident is not None and resident.unreachable_since == NOW.astimezone(UTC)
    assert await status(store, blocked) is OutboxStatus.CANCELLED
    assert await status(store, tomorrow) is OutboxStatus.CANCELLED
    lines = [r.getMessage() for r in caplog.records if "blocked the bot" in r.getMessage()]
    assert len(lines) == 1
    assert not any(str(ANNA) in r.getMessage() for r in caplog.records)


async def test_after_a_restart_reminders_are_sent_once_if_the_activity_has_not_begun(
    store: Store, sender: FakeSender, clock: FixedClock, time: FakeTime
) -> None:
    # Queued the day before; the bot was down from 16:00 until 11:00 today.
    yesterday = await queue(store, "day before", due=NOW)
    same_day = await queue(store, "two hours before", due=LUNCH - timedelta(hours=2))
    breakfast = await queue(
        store, "breakfast", chat_id=5, due=NOW, starts_at=LUNCH - timedelta(hours=3)
    )
    await outbox.claim_due(store, NOW, limit=1)  # in flight when the process died
    clock.set(LUNCH - timedelta(hours=1))
    dispatcher = dispatcher_for(store, sender, clock, time)
    assert await dispatcher.recover() == 1
    stats = await dispatcher.run_once()
    assert stats.sent == 2 and stats.missed == 1
    assert sorted(text for _, _, text in sender.sent) == ["day before", "two hours before"]
    assert await status(store, yesterday) is OutboxStatus.SENT
    assert await status(store, same_day) is OutboxStatus.SENT
    assert await status(store, breakfast) is OutboxStatus.MISSED


async def test_reminder_due_at_five_on_the_summer_time_sunday_goes_at_five_local(
    store: Store, sender: FakeSender, time: FakeTime
) -> None:
    five = datetime(2027, 3, 28, 17, 0, tzinfo=BRUSSELS)  # CEST, the day clocks go forward
    await queue(store, "sunday", due=five, starts_at=five + timedelta(hours=19))
    clock = FixedClock(datetime(2027, 3, 28, 16, 59, tzinfo=BRUSSELS))
    dispatcher = dispatcher_for(store, sender, clock, FakeTime(clock))
    assert (await dispatcher.run_once()).sent == 0
    clock.set(five)
    assert (await dispatcher.run_once()).sent == 1
    assert five.astimezone(UTC).hour == 15  # 17:00 summer time, not 16:00
