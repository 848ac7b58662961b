"""One sending budget for all processes of a bot: a schedule of slots kept in PostgreSQL.

Two stores opened on one database stand for two `voordeur run` processes, each with its own
`SharedBudget`. Time is simulated (`LockstepTime`): it moves only when every sender sleeps, never
while one waits for the database, so the figures are exact and nothing sleeps for real.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.budget import LocalBudget, Priority, SharedBudget
from bot.config import BotConfig
from bot.runtime import budget_for
from storage.backend import open_database
from storage.db import Database
from storage.send_budget import SendLedger
from tests.bot.test_budget import most_in_one_second
from tests.simtime import LockstepTime

GAP = 1 / 30
T = 1_765_000_000.0  # seconds on the wall clock


@pytest.fixture
async def two_processes(pg_url: str) -> AsyncIterator[tuple[Database, Database]]:
    """Two stores on one PostgreSQL database, as two processes have."""
    first = await open_database(pg_url)
    second = await open_database(pg_url)
    try:
        yield first, second
    finally:
        await second.close()
        await first.close()


async def shared_budget(store: Database, time: LockstepTime) -> SharedBudget:
    """A process's budget at exactly Telegram's limit (no margin), on the shared ledger."""
    budget = SharedBudget(30.0, 0.0, margin=1.0, clock=time.monotonic, sleep=time.sleep)
    ledger = SendLedger(store)
    budget.attach(ledger)
    return budget


async def drain(
    budget: SharedBudget, time: LockstepTime, count: int, moments: list[float], first: int = 0
) -> None:
    """An outbox drain: `count` messages to different chats, each sent when its slot comes."""
    for chat in range(first, first + count):
        await budget.take(100_000 + chat, Priority.OUTBOX)
        moments.append(time.monotonic())


async def test_two_processes_together_never_exceed_the_limit_in_any_second(
    two_processes: tuple[Database, Database],
) -> None:
    time = LockstepTime()
    first = await shared_budget(two_processes[0], time)
    second = await shared_budget(two_processes[1], time)
    moments: list[float] = []
    replies: list[float] = []

    async def residents(budget: SharedBudget) -> None:
        for index in range(40):
            await time.sleep(0.1)
            await budget.take(5_000 + index, Priority.REPLY)
            replies.append(time.monotonic())

    started = time.now
    await time.gather(
        drain(first, time, 60, moments),
        drain(first, time, 60, moments, first=60),
        drain(second, time, 60, moments, first=120),
        residents(first),
        residents(second),
    )
    everything = moments + replies
    assert len(everything) == 260
    assert most_in_one_second(everything) <= 30
    # Between them the two use the whole limit: 260 slots one 30th of a second apart.
    assert max(everything) - started == pytest.approx(259 * GAP, abs=0.01)


async def test_a_reply_from_one_process_goes_before_another_processs_drain(
    two_processes: tuple[Database, Database],
) -> None:
    time = LockstepTime()
    draining = await shared_budget(two_processes[0], time)
    answering = await shared_budget(two_processes[1], time)
    drained: list[float] = []
    replied: list[float] = []

    async def residents() -> None:
        await time.sleep(2.0)  # two seconds into the drain, with hundreds still queued
        asked = time.monotonic()
        for index in range(20):  # twenty residents at once
            await answering.take(5_000 + index, Priority.REPLY)
            replied.append(time.monotonic() - asked)

    started = time.now
    await time.gather(
        drain(draining, time, 150, drained),
        drain(draining, time, 150, drained, first=150),
        residents(),
    )
    # The first answer after at most the slot the drain had already booked, the twentieth
    # after twenty more: none of the drain's backlog went between them.
    assert replied[0] <= 2 * GAP + 1e-6
    assert replied[-1] <= 21 * GAP + 1e-6
    asked = started + 2.0
    between = [m for m in drained if asked + replied[0] < m < asked + replied[-1]]
    assert between == []
    # The drain took what the replies left: 320 slots in all.
    assert max(drained) - started == pytest.approx(319 * GAP, abs=0.01)


async def test_an_idle_process_leaves_its_share_to_the_one_that_drains(
    two_processes: tuple[Database, Database],
) -> None:
    time = LockstepTime()
    draining = await shared_budget(two_processes[0], time)
    await shared_budget(two_processes[1], time)  # running, with nothing to send
    moments: list[float] = []
    started = time.now
    await time.gather(drain(draining, time, 90, moments), drain(draining, time, 90, moments, 90))
    # 180 messages at the whole 30 a second (6 s), not at half of it (12 s).
    assert max(moments) - started == pytest.approx(179 * GAP, abs=0.01)
    assert most_in_one_second(moments) <= 30


async def test_a_429_seen_by_one_process_pauses_the_other(
    two_processes: tuple[Database, Database],
) -> None:
    time = LockstepTime()
    told = await shared_budget(two_processes[0], time)
    other = await shared_budget(two_processes[1], time)
    replied: list[float] = []

    async def scenario() -> None:
        told.pause(3.0)  # Telegram answered 429, retry_after 3
        await told.shared()  # the pause reached the database
        await time.sleep(0.5)
        await other.take(5_000, Priority.REPLY)
        replied.append(time.monotonic())

    started = time.now
    await time.gather(scenario())
    assert replied == [pytest.approx(started + 3.0)]


def test_postgresql_gets_the_shared_budget_and_sqlite_keeps_its_own(tmp_path: Path) -> None:
    shared = budget_for(BotConfig(token="1:x", db_path="postgresql://bot@/voordeur?host=/run"))
    alone = budget_for(BotConfig(token="1:x", db_path=tmp_path / "voordeur.sqlite3"))
    assert isinstance(shared, SharedBudget) and isinstance(alone, LocalBudget)


async def test_a_long_pause_still_grants_one_slot_at_a_time(pg_url: str) -> None:
    store = await open_database(pg_url)
    try:
        ledger = SendLedger(store)
        await ledger.pause(T + 120)  # retry_after beyond the clock-reset guard
        slots = [(await ledger.book(T, GAP)).slot for _ in range(3)]
        assert slots == pytest.approx([T + 120, T + 120 + GAP, T + 120 + 2 * GAP])
        # After the pause, a wall clock set back by an hour does not leave the schedule an hour
        # ahead of it.
        assert (await ledger.book(T + 200, GAP)).slot == pytest.approx(T + 200)
        assert (await ledger.book(T - 3_400, GAP)).slot == pytest.approx(T - 3_400)
    finally:
        await store.close()


async def test_a_process_held_up_past_its_slot_does_not_send_with_the_next_ones(
    two_processes: tuple[Database, Database],
) -> None:
    time = LockstepTime()
    held_up = [False]

    async def stalling_sleep(seconds: float) -> None:
        """Once, two seconds in, the event loop is held up 0.3 s past the wake-up asked for."""
        if seconds > 0 and not held_up[0] and time.now - started >= 2.0:
            held_up[0] = True
            seconds += 0.3
        await time.sleep(seconds)

    stalled = SharedBudget(30.0, 0.0, margin=1.0, clock=time.monotonic, sleep=stalling_sleep)
    stalled.attach(SendLedger(two_processes[0]))
    other = await shared_budget(two_processes[1], time)
    moments: list[float] = []
    started = time.now
    await time.gather(
        drain(stalled, time, 100, moments),
        drain(other, time, 100, moments, first=100),
        drain(other, time, 100, moments, first=200),
    )
    assert held_up[0] and len(moments) == 300
    # The message whose slot passed while its process was held up took a new slot: Telegram
    # never gets more than 30 in a second.
    assert most_in_one_second(moments) <= 30
