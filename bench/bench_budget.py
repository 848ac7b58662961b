"""One sending budget: residents asking questions while 3,000 reminders drain at Telegram's limit.

    .venv/bin/python -m bench.bench_budget [--reminders 3000] [--limit 30] [--residents 10]
        [--processes 1] [--postgresql] [--db postgresql://...]

The full bot runs as `voordeur run` (its own process, production limits) against the Bot API
double acting as Telegram's flood control: more than `limit` messages in any one second are
answered 429 with retry_after. The outbox holds `reminders` reminders, all due at start. Once
the drain has begun, each of `residents` residents asks a question, waits for the answer, pauses
`--pause` seconds and asks again, until the drain is over.

With `--processes 1` (the default) the bot polls a SQLite file. With `--processes N` (N > 1),
`--postgresql` or `--db postgresql://...`, N `voordeur run` processes serve webhooks on one
PostgreSQL database (without `--db`, a throwaway cluster on a Unix socket) and each question is
posted to the next process in turn, as a load balancer would: one process (the leader) drains
the outbox, all of them answer, and they share one budget (`storage/send_budget.py`).

Printed: the residents' wait for the first message of each answer (median, p95, max; aim p95
< 1 s; per process with several), the drain time against reminders / limit plus the slots the
replies used (aim: within 5 %), the 429 answers (aim: 0) and the busiest second.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp

import bench
from bench.bench_reminders import FIRST_CHAT, busiest_second, prepare, start_bot
from storage.backend import PostgresTarget, parse_db
from tests import pgcluster
from tests.e2e.botapi_double import SENDING_METHODS, BotApiDouble, Call

QUESTIONS = (
    "Wat zijn de openingsuren van Centrum?",
    "Wat is er vandaag te doen in Stene?",
    "Wat is het adres van Hazegras?",
    "Quand est-ce que Mariakerke est ouvert ?",
)
FIRST_RESIDENT = 5_000_000
SECRET = "bench_budget-secret"  # the webhook secret token of the processes
WEBHOOK_PATH = "/telegram"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def reminder_sends(api: BotApiDouble) -> list[Call]:
    """Reminders Telegram accepted."""
    return [
        c
        for c in api.calls_of("sendMessage")
        if (c.chat_id or 0) >= FIRST_CHAT and c.status == 200 and c.answered
    ]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def database(
    db: str | None, processes: int, postgresql: bool, folder: Path
) -> AsyncIterator[str]:
    """The `VOORDEUR_DB` to use: `db`, a throwaway PostgreSQL cluster, or a SQLite file."""
    if db is not None:
        yield db
        return
    if processes == 1 and not postgresql:
        yield str(folder / "bench.sqlite3")
        return
    reason = pgcluster.unavailable_reason()
    if reason is not None:
        raise SystemExit(f"several processes need PostgreSQL: {reason} (or give --db)")
    cluster = pgcluster.start()
    try:
        yield cluster.create_database("bench_budget")
    finally:
        cluster.stop()


async def start_webhook_bot(
    api: BotApiDouble, db: str, limit: float, port: int, folder: Path
) -> asyncio.subprocess.Process:
    """`voordeur run` in webhook mode on `port`, as an operator starts each of several."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "VOORDEUR_DATA": "oostende",
        "VOORDEUR_DB": db,
        "VOORDEUR_RATE_OVERALL": str(limit),
        "VOORDEUR_LOG_LEVEL": "WARNING",
        "VOORDEUR_WEBHOOK_URL": f"https://bot.example.org{WEBHOOK_PATH}",
        "VOORDEUR_WEBHOOK_LISTEN": "127.0.0.1",
        "VOORDEUR_WEBHOOK_PORT": str(port),
        "VOORDEUR_WEBHOOK_SECRET": SECRET,
    }
    env.pop("VOORDEUR_CONFIG", None)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=folder
    )


async def listening(port: int, timeout: float = 60) -> None:
    """Wait until a process's webhook server accepts connections on `port`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on port {port}") from None
            await asyncio.sleep(0.1)
            continue
        writer.close()
        await writer.wait_closed()
        return


async def stop(processes: list[asyncio.subprocess.Process]) -> None:
    """Terminate the bot processes and wait until they are gone."""
    for process in processes:
        if process.returncode is None:
            process.terminate()
    for process in processes:
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


Ask = Callable[[int, str, int], Awaitable[tuple[float, int]]]  # → (asked at, process)


async def run(
    count: int,
    limit: float,
    residents: int,
    pause: float,
    processes: int,
    db: str | None,
    postgresql: bool,
) -> None:
    """Drain, ask, measure, print."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        async with database(db, processes, postgresql, folder) as target:
            webhooks = processes > 1 or isinstance(parse_db(target), PostgresTarget)
            if webhooks:
                where = "" if db else f", a throwaway cluster ({pgcluster.server_version()}"
                print(
                    f"{processes} `voordeur run` process(es) in webhook mode on PostgreSQL"
                    + (f"{where}, Unix socket, fsync off)" if where else "")
                )
            else:
                print("1 `voordeur run` process polling, SQLite")
            await prepare(target if webhooks else Path(target), count)
            await measure(count, limit, residents, pause, processes, target, webhooks, folder)


async def measure(
    count: int,
    limit: float,
    residents: int,
    pause: float,
    processes: int,
    db: str,
    webhooks: bool,
    folder: Path,
) -> None:
    """Start the bot process(es) on the prepared database and run the drain and the questions."""
    async with BotApiDouble() as api, aiohttp.ClientSession() as session:
        api.enforce_rate(int(limit))
        waiting: dict[int, asyncio.Future[float]] = {}
        delivered = [0]  # counted as they come: the double's loop must stay light

        def on_call(call: Call) -> None:
            if (call.chat_id or 0) >= FIRST_CHAT and call.status == 200:
                delivered[0] += 1
            future = waiting.get(call.chat_id or 0)
            if call.method in SENDING_METHODS and future is not None and not future.done():
                future.set_result(call.at)

        api.listeners.append(on_call)
        running: list[asyncio.subprocess.Process] = []
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
        ports = [free_port() for _ in range(processes)] if webhooks else []

        async def ask(user_id: int, question: str, turn: int) -> tuple[float, int]:
            """Queue the question; with webhooks post it to the next process in turn."""
            update_id = api.queue_text(user_id, question, language_code="nl")
            if not webhooks:
                return api.queued_at[update_id], 0
            update = api.take_update()
            chosen = (user_id + turn) % len(ports)
            asked_at = time.monotonic()
            url = f"http://127.0.0.1:{ports[chosen]}{WEBHOOK_PATH}"
            async with session.post(url, data=json.dumps(update), headers=headers) as answer:
                if answer.status != 200:
                    raise RuntimeError(f"the webhook answered {answer.status}")
            return asked_at, chosen

        waits: list[tuple[float, int]] = []  # (seconds, process)
        try:
            if webhooks:
                for port in ports:
                    running.append(await start_webhook_bot(api, db, limit, port, folder))
                for port in ports:
                    await listening(port)
            else:
                running.append(await start_bot(api, Path(db), limit, quiet=False))
            await api.wait_for(lambda: delivered[0] >= 1, timeout=120)
            drained = asyncio.Event()

            async def resident(user_id: int) -> None:
                await asyncio.sleep((user_id - FIRST_RESIDENT) * pause / residents)
                turn = 0
                while not drained.is_set():
                    future = asyncio.get_running_loop().create_future()
                    waiting[user_id] = future
                    question = QUESTIONS[(user_id + turn) % len(QUESTIONS)]
                    asked_at, process = await ask(user_id, question, turn)
                    answered = await asyncio.wait_for(future, 60)
                    waits.append((answered - asked_at, process))
                    turn += 1
                    await asyncio.sleep(pause)

            askers = [
                asyncio.ensure_future(resident(FIRST_RESIDENT + i)) for i in range(residents)
            ]
            await api.wait_for(lambda: delivered[0] >= count, timeout=3 * count / limit + 60)
            drained.set()
            await asyncio.gather(*askers)
        finally:
            await api.end_long_polls()
            await stop(running)
        report(api, count, limit, residents, processes if webhooks else 1, waits)


def report(
    api: BotApiDouble,
    count: int,
    limit: float,
    residents: int,
    processes: int,
    waits: list[tuple[float, int]],
) -> None:
    """Print the figures."""
    sends = reminder_sends(api)
    first, last = min(c.at for c in sends), max(c.at for c in sends)
    drain = last - first
    replies = [
        c
        for c in api.calls
        if c.method in SENDING_METHODS
        and FIRST_RESIDENT <= (c.chat_id or 0) < FIRST_CHAT
        and c.status == 200
        and first <= c.at <= last
    ]
    seconds = [wait for wait, _ in waits]
    p95 = percentile(seconds, 0.95)
    print(
        f"{residents} residents asking during the drain: {len(seconds)} questions, first "
        f"message of the answer after median {1000 * statistics.median(seconds):.0f} ms, "
        f"p95 {1000 * p95:.0f} ms, max {1000 * max(seconds):.0f} ms "
        f"(aim p95 < 1000 ms: {'ok' if p95 < 1.0 else 'MISSED'})"
    )
    if processes > 1:
        for process in range(processes):
            own = [wait for wait, by in waits if by == process]
            if own:
                print(
                    f"  answered by process {process + 1}: {len(own)} questions, median "
                    f"{1000 * statistics.median(own):.0f} ms, p95 "
                    f"{1000 * percentile(own, 0.95):.0f} ms, max {1000 * max(own):.0f} ms"
                )
    ideal = (count - 1) / limit
    used = len(replies) / limit
    allowed = ideal * 1.05 + used
    print(
        f"drain of {count} reminders at {limit:g}/s: {drain:.1f} s; {count}/{limit:g} s = "
        f"{ideal:.1f} s, replies used {len(replies)} slots = {used:.1f} s; "
        f"{100 * (drain - ideal - used) / ideal:+.1f}% over the two "
        f"(aim within 5 %: {'ok' if drain <= allowed else 'MISSED'})"
    )
    accepted = [c for c in api.calls if c.method in SENDING_METHODS and c.status == 200]
    print(
        f"429 answers: {len(api.too_many_requests())} (aim 0); reminders delivered {len(sends)}, "
        f"distinct chats {len({c.chat_id for c in sends})}; busiest second "
        f"{busiest_second(accepted)} messages (limit {limit:g})"
    )


def main(argv: list[str] | None = None) -> None:
    """Print the machine and the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reminders", type=int, default=3000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--residents", type=int, default=10)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between questions")
    parser.add_argument(
        "--processes", type=int, default=1, help="`voordeur run` processes (> 1: PostgreSQL)"
    )
    parser.add_argument("--db", help="a postgresql:// URL (default: a throwaway cluster)")
    parser.add_argument(
        "--postgresql", action="store_true", help="PostgreSQL and webhooks even for one process"
    )
    args = parser.parse_args(argv if argv is not None else [])
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    if args.processes > 1 and args.db and not isinstance(parse_db(args.db), PostgresTarget):
        parser.error("several processes share a PostgreSQL database: --db postgresql://...")
    print(f"machine: {bench.machine()}")
    started = time.monotonic()
    asyncio.run(
        run(
            args.reminders,
            args.limit,
            args.residents,
            args.pause,
            args.processes,
            args.db,
            args.postgresql,
        )
    )
    # Other work on the machine delays the processes' sends unevenly: say how busy it was.
    print(
        f"(took {time.monotonic() - started:.0f} s; load average over the last 1/5 min "
        f"{os.getloadavg()[0]:.1f}/{os.getloadavg()[1]:.1f} on {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
