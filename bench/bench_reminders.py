"""Reminders draining through the Bot API double: pace, faults, and a SIGKILL halfway.

    .venv/bin/python -m bench.bench_reminders [--reminders 300] [--limit 30]

1. N reminders due at once, sent by the dispatcher (python-telegram-bot's Bot, no PTB rate
   limiter, so the pacing measured is the dispatcher's own) with a limit of L messages a second:
   drain time against the ideal N / L, 429 answers, sends a real Telegram would have refused
   (more than L in a second, or two to one chat within a second), duplicates and losses.
2. The same N reminders sent by the full bot (`voordeur run` as its own process, PTB's limiter
   too), SIGKILLed when half have arrived and started again: losses, duplicates, and the rows
   that were in flight ('sending') at the kill, which bound the duplicates.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot
from telegram.request import HTTPXRequest

import bench
from bot.dispatcher import Dispatcher, Limits, TelegramSender
from bot.runtime import resolve_data
from storage import outbox
from storage.backend import open_database
from storage.clock import SystemClock
from storage.db import Store
from storage.importer import import_file
from storage.records import OutboxStatus
from storage.repositories import repositories
from tests.e2e.botapi_double import BotApiDouble, Call

FIRST_CHAT = 10_000_000
TIMEZONE = "Europe/Brussels"


async def prepare(db_path: str | Path, count: int) -> None:
    """A store (a SQLite file or a PostgreSQL URL) with the demo data and `count` reminders due
    now, one per resident."""
    now = datetime.now(UTC)
    async with await open_database(db_path) as store:
        await import_file(store, resolve_data("oostende"), now=now)
        async with store.transaction():
            for index in range(count):
                await outbox.enqueue(
                    store,
                    chat_id=FIRST_CHAT + index,
                    kind="reminder_day_before",
                    payload={
                        "text": f"🔔 Reminder {index}: lunch tomorrow at 12:00",
                        "buttons": [[{"label": "✅", "payload": f"r:y:{index}"}]],
                        outbox.STARTS_AT: (now + timedelta(days=1)).isoformat(timespec="seconds"),
                    },
                    language="nl",
                    due_at=now - timedelta(minutes=1),
                    now=now,
                    org_id="oostende",
                    dedupe_key=f"bench:{index}",
                )


def sends(api: BotApiDouble) -> list[Call]:
    """The reminder messages the double received."""
    return [
        c for c in api.calls_of("sendMessage") if c.chat_id is not None and c.chat_id >= FIRST_CHAT
    ]


def busiest_second(calls: list[Call]) -> int:
    """The most sends the double saw within any one second (sliding window)."""
    moments = sorted(c.at for c in calls)
    most = start = 0
    for end, moment in enumerate(moments):
        while moments[start] <= moment - 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def chat_violations(calls: list[Call]) -> int:
    """Sends to a chat less than a second after the previous one to it."""
    over = 0
    last: dict[int, float] = {}
    for call in sorted(calls, key=lambda c: c.at):
        chat = call.chat_id or 0
        if chat in last and call.at - last[chat] < 1.0:
            over += 1
        last[chat] = call.at
    return over


def tally(api: BotApiDouble, count: int) -> tuple[int, int]:
    """(duplicates, losses) among the delivered reminders."""
    delivered = Counter(c.chat_id for c in sends(api) if c.status == 200 and c.answered)
    duplicates = sum(n - 1 for n in delivered.values() if n > 1)
    losses = sum(1 for index in range(count) if delivered[FIRST_CHAT + index] == 0)
    return duplicates, losses


async def paced_drain(count: int, limit: float) -> None:
    """Part 1: the dispatcher alone against the double."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        await prepare(db_path, count)
        async with BotApiDouble() as api, await Store.open(db_path) as store:
            # A pool as large as the Application's, so requests do not queue behind each other.
            request = HTTPXRequest(connection_pool_size=32)
            bot = Bot(api.token, base_url=api.base_url, request=request)
            await bot.initialize()
            dispatcher = Dispatcher(
                store,
                TelegramSender(bot),
                SystemClock(TIMEZONE),
                Limits(overall_per_second=limit, per_chat_per_second=1.0),
            )
            started = time.monotonic()
            stats = await dispatcher.run_once()
            elapsed = max(c.at for c in sends(api)) - started
            await bot.shutdown()
            ideal = count / limit
            duplicates, losses = tally(api, count)
            too_many = sum(1 for c in sends(api) if c.status == 429)
            print(
                f"drain {count} reminders at {limit:g}/s: {elapsed:6.2f} s, ideal {ideal:6.2f} s "
                f"({100 * (elapsed - ideal) / ideal:+.1f}%)   sent {stats.sent}"
            )
            print(
                f"  429 answers {too_many}   busiest second {busiest_second(sends(api))} sends   "
                f"per-chat spacing violations {chat_violations(sends(api))}   "
                f"duplicates {duplicates}   losses {losses}"
            )


async def start_bot(
    api: BotApiDouble, db_path: Path, limit: float, *, quiet: bool = True
) -> asyncio.subprocess.Process:
    """`voordeur run` as the operator starts it, against the double (`quiet`: no stderr)."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "VOORDEUR_DATA": "oostende",
        "VOORDEUR_DB": str(db_path),
        "VOORDEUR_POLL_TIMEOUT": "1",
        "VOORDEUR_RATE_OVERALL": str(limit),
        "VOORDEUR_LOG_LEVEL": "WARNING",
    }
    env.pop("VOORDEUR_CONFIG", None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        cwd=db_path.parent,
        stderr=asyncio.subprocess.DEVNULL if quiet else None,
    )


async def killed_halfway(count: int, limit: float) -> None:
    """Part 2: the full bot, SIGKILLed when half the reminders arrived, then restarted."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        await prepare(db_path, count)
        async with BotApiDouble() as api:
            process = await start_bot(api, db_path, limit)
            try:
                await api.wait_for(lambda: len(sends(api)) >= count // 2, timeout=60)
                process.send_signal(signal.SIGKILL)
                await process.wait()
                killed_at = len(sends(api))
                async with await Store.open(db_path) as store:
                    health = await repositories(store).reports.health()
                    in_flight = health.outbox.get(OutboxStatus.SENDING, 0)
                api._closing = False
                process = await start_bot(api, db_path, limit)
                # On a timeout the losses are printed below.
                with contextlib.suppress(AssertionError):
                    await api.wait_for(
                        lambda: tally(api, count)[1] == 0, timeout=60 + count / limit
                    )
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()
            duplicates, losses = tally(api, count)
            print(
                f"SIGKILL after {killed_at} of {count} sent, restarted: losses {losses}   "
                f"duplicates {duplicates}   in flight at the kill {in_flight}   "
                f"(duplicates {'<=' if duplicates <= in_flight else '>'} in flight)"
            )


async def run(count: int, limit: float) -> None:
    """Both parts, one after the other."""
    await paced_drain(count, limit)
    await killed_halfway(count, limit)


def main(argv: list[str] | None = None) -> None:
    """Print the machine and the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=300)
    parser.add_argument("--limit", type=float, default=30.0)
    # Run by `python -m bench` (argv None): the defaults; run directly: the command line.
    args = parser.parse_args(argv if argv is not None else [])
    print(f"machine: {bench.machine()}")
    asyncio.run(run(args.reminders, args.limit))


if __name__ == "__main__":
    main(sys.argv[1:])
