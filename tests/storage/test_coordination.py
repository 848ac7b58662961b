"""Several processes on one store: a resident's turns one at a time, one leader, shared news.

Two stores opened on one PostgreSQL database stand for two `voordeur run` processes (each has
its own pool and sessions, as a process would). On SQLite there is one process: the same
contract holds within it.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from storage.backend import open_database
from storage.coordination import turn_lock_key
from storage.repositories import repositories

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
RESIDENT = 7_012_345_678


async def test_a_residents_turns_at_two_processes_lose_no_step(db_url: str) -> None:
    first = await open_database(db_url)
    second = await open_database(db_url) if "://" in db_url else first
    try:

        async def step(store: object) -> None:
            """One turn: read where the resident is, take the next step, save it."""
            db = first if store is first else second
            async with db.resident_turn(RESIDENT):
                states = repositories(db).conversations
                saved = await states.load(RESIDENT)
                done = saved.state["steps"] if saved is not None else 0
                await asyncio.sleep(0)  # another process's turn would slip in here
                await states.save(RESIDENT, "signup", {"steps": done + 1}, now=NOW)

        await asyncio.gather(*(step(first if n % 2 else second) for n in range(20)))
        final = await repositories(first).conversations.load(RESIDENT)
        assert final is not None and final.state == {"steps": 20}
    finally:
        if second is not first:
            await second.close()
        await first.close()


def test_telegram_ids_fold_into_the_lock_key_range() -> None:
    for user_id in (0, 1, 2**31 - 1, 2**31, 7_012_345_678, 2**52):
        assert -(2**31) <= turn_lock_key(user_id) < 2**31
    assert turn_lock_key(7_012_345_678) != turn_lock_key(7_012_345_679)


async def test_one_leader_and_a_standby_that_takes_over_when_its_session_ends(
    pg_url: str,
) -> None:
    first = await open_database(pg_url)
    second = await open_database(pg_url)
    leader, standby = first.leadership(), second.leadership()
    try:
        assert await leader.try_acquire()
        assert not await standby.try_acquire()
        waiting = asyncio.ensure_future(standby.acquire())
        await asyncio.sleep(0.1)
        assert not waiting.done(), "the standby leads while the leader is alive"

        leader._conn.terminate()  # type: ignore[attr-defined]  # as when its process dies
        await asyncio.wait_for(waiting, 5)
        assert leader.lost.is_set() and not standby.lost.is_set()
    finally:
        await leader.release()
        await standby.release()
        await second.close()
        await first.close()


async def test_the_leader_hears_of_a_sign_up_another_process_made(pg_url: str) -> None:
    leading = await open_database(pg_url)
    other = await open_database(pg_url)
    leadership = leading.leadership()
    heard: list[int | None] = []
    queued: list[datetime] = []
    leading.changes.listen(heard.append, queued.append)
    try:
        await leadership.acquire()
        other.changes.reminders_changed(RESIDENT)
        other.changes.message_queued(NOW)
        for _ in range(100):
            if heard and queued:
                break
            await asyncio.sleep(0.02)
        assert heard == [RESIDENT] and queued == [NOW]
    finally:
        await leadership.release()
        await other.close()
        await leading.close()


@pytest.mark.parametrize("payload", ["r:", "r:12", "q:2026-11-23T10:15:00+01:00", "x:?", "r:zz"])
async def test_an_announced_change_is_read_or_ignored(payload: str) -> None:
    from storage.changes import Changes

    changes = Changes()
    heard: list[object] = []
    changes.listen(heard.append, heard.append)
    changes.receive(payload)
    assert len(heard) == (1 if payload in ("r:", "r:12") or payload.startswith("q:") else 0)


async def test_the_processes_on_a_database_are_counted_while_they_run(pg_url: str) -> None:
    first = await open_database(pg_url)
    second = await open_database(pg_url)
    try:
        assert await first.processes() == 1  # none joined yet: at least this one
        await first.join()
        await second.join()
        assert await first.processes() == 2
    finally:
        await second.close()  # its session ends: it no longer counts
    try:
        assert await first.processes() == 1
    finally:
        await first.close()
