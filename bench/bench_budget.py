"""One sending budget: residents asking questions while 3,000 reminders drain at Telegram's limit.

    .venv/bin/python -m bench.bench_budget [--reminders 3000] [--limit 30] [--residents 10]

The full bot runs as `voordeur run` (its own process, production limits) against the Bot API
double acting as Telegram's flood control: more than `limit` messages in any one second are
answered 429 with retry_after. The outbox holds `reminders` reminders, all due at start. Once
the drain has begun, each of `residents` residents asks a question, waits for the answer, pauses
`--pause` seconds and asks again, until the drain is over.

Printed: the residents' wait for the first message of each answer (median, p95, max; aim p95
< 1 s), the drain time against reminders / limit plus the slots the replies used (aim: within
5 %), and the 429 answers (aim: 0).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import bench
from bench.bench_reminders import FIRST_CHAT, prepare, start_bot
from tests.e2e.botapi_double import SENDING_METHODS, BotApiDouble, Call

QUESTIONS = (
    "Wat zijn de openingsuren van Centrum?",
    "Wat is er vandaag te doen in Stene?",
    "Wat is het adres van Hazegras?",
    "Quand est-ce que Mariakerke est ouvert ?",
)
FIRST_RESIDENT = 5_000_000


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


async def run(count: int, limit: float, residents: int, pause: float) -> None:
    """Drain, ask, measure, print."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        await prepare(db_path, count)
        async with BotApiDouble() as api:
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
            process = await start_bot(api, db_path, limit, quiet=False)
            waits: list[float] = []
            try:
                await api.wait_for(lambda: delivered[0] >= 1, timeout=120)
                drained = asyncio.Event()

                async def resident(user_id: int) -> None:
                    await asyncio.sleep((user_id - FIRST_RESIDENT) * pause / residents)
                    turn = 0
                    while not drained.is_set():
                        future = asyncio.get_running_loop().create_future()
                        waiting[user_id] = future
                        question = QUESTIONS[(user_id + turn) % len(QUESTIONS)]
                        update_id = api.queue_text(user_id, question, language_code="nl")
                        answered = await asyncio.wait_for(future, 60)
                        waits.append(answered - api.queued_at[update_id])
                        turn += 1
                        await asyncio.sleep(pause)

                askers = [
                    asyncio.ensure_future(resident(FIRST_RESIDENT + i)) for i in range(residents)
                ]
                await api.wait_for(lambda: delivered[0] >= count, timeout=3 * count / limit + 60)
                drained.set()
                await asyncio.gather(*askers)
            finally:
                process.terminate()
                await api.end_long_polls()
                try:
                    await asyncio.wait_for(process.wait(), 20)
                except TimeoutError:
                    process.kill()
                    await process.wait()
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
            too_many = len(api.too_many_requests())
            ideal = (count - 1) / limit
            allowed = ideal * 1.05 + len(replies) / limit
            print(
                f"{residents} residents asking during the drain: {len(waits)} questions, first "
                f"message of the answer after median {1000 * statistics.median(waits):.0f} ms, "
                f"p95 {1000 * percentile(waits, 0.95):.0f} ms, max {1000 * max(waits):.0f} ms "
                f"(aim p95 < 1000 ms: {'ok' if percentile(waits, 0.95) < 1.0 else 'MISSED'})"
            )
            used = len(replies) / limit
            print(
                f"drain of {count} reminders at {limit:g}/s: {drain:.1f} s; {count}/{limit:g} s = "
                f"{ideal:.1f} s, replies used {len(replies)} slots = {used:.1f} s; "
                f"{100 * (drain - ideal - used) / ideal:+.1f}% over the two "
                f"(aim within 5 %: {'ok' if drain <= allowed else 'MISSED'})"
            )
            print(
                f"429 answers: {too_many} (aim 0); reminders delivered {len(sends)}, "
                f"distinct chats {len({c.chat_id for c in sends})}"
            )


def main(argv: list[str] | None = None) -> None:
    """Print the machine and the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=3000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--residents", type=int, default=10)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between questions")
    args = parser.parse_args(argv if argv is not None else [])
    print(f"machine: {bench.machine()}")
    started = time.monotonic()
    asyncio.run(run(args.reminders, args.limit, args.residents, args.pause))
    print(f"(took {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
