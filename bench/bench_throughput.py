"""Throughput of the full bot against a bare python-telegram-bot echo bot, through the double.

    python -m bench.bench_throughput [--residents 200] [--rounds 10] [--with-limits]

Each simulated resident sends a question, waits for the first message of the reply, then sends
the next. Both bots run as their own process (the full bot exactly as `voordeur run`, the echo bot
a dozen lines of PTB) polling the same kind of double on loopback, so the peak RSS printed is the
bot's alone. Latency is measured from the moment an update is available at the double to the
moment the first reply message reaches it.

Telegram's own limits (30 messages a second) would cap both bots long before their own capacity,
so by default the full bot runs with its rate limiter off; --with-limits adds a run with the
production limits.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from tests.e2e.botapi_double import BotApiDouble, Call

QUESTIONS = (
    "Wat zijn de openingsuren van Centrum?",
    "Wat is er vandaag te doen in Stene?",
    "Waar kan ik terecht met vragen over mijn pensioen?",
    "Hallo",
    "Wat is het adres van Hazegras?",
    "Quand est-ce que Mariakerke est ouvert ?",
)
FIRST_USER_ID = 10_000_000


@dataclass
class Result:
    """What one run measured."""

    name: str
    updates: int
    seconds: float
    latencies: list[float]
    peak_rss_mb: float

    @property
    def per_second(self) -> float:
        """Updates handled per second, start of the load to the last reply."""
        return self.updates / self.seconds

    def percentile(self, fraction: float) -> float:
        """A latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def line(self) -> str:
        """One printed line."""
        return (
            f"{self.name:<28} {self.updates:>5} updates in {self.seconds:6.2f} s = "
            f"{self.per_second:7.1f}/s   p50 {self.percentile(0.5):6.1f} ms   "
            f"p95 {self.percentile(0.95):6.1f} ms   peak RSS {self.peak_rss_mb:5.1f} MB"
        )


async def _sample_rss(process: psutil.Process, peak: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            peak[0] = max(peak[0], process.memory_info().rss / 2**20)
        except psutil.Error:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.05)


async def run_load(
    name: str, command: list[str], env: dict[str, str], residents: int, rounds: int
) -> Result:
    """Start a bot process against a fresh double, drive the residents, stop it, measure."""
    async with BotApiDouble(max_poll_wait=1.0) as api:
        waiting: dict[int, asyncio.Future[float]] = {}

        def on_call(call: Call) -> None:
            future = waiting.get(call.chat_id or 0)
            if call.method == "sendMessage" and future is not None and not future.done():
                future.set_result(call.at)

        api.listeners.append(on_call)
        child_env = {
            **os.environ,
            **env,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
        }
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the run, below
        process = await asyncio.create_subprocess_exec(*command, env=child_env, stderr=log)
        peak = [0.0]
        stop = asyncio.Event()
        sampler = asyncio.ensure_future(_sample_rss(psutil.Process(process.pid), peak, stop))
        try:
            try:
                await api.wait_for_calls("getUpdates", timeout=60)
            except AssertionError:
                log.seek(0)
                sys.stderr.write(log.read().decode(errors="replace")[-3000:])
                raise

            async def resident(user_id: int, count: int) -> list[float]:
                latencies = []
                for turn in range(count):
                    future = asyncio.get_running_loop().create_future()
                    waiting[user_id] = future
                    question = QUESTIONS[(user_id + turn) % len(QUESTIONS)]
                    update_id = api.queue_text(user_id, question, language_code="nl")
                    arrived = await asyncio.wait_for(future, 60)
                    latencies.append(arrived - api.queued_at[update_id])
                return latencies

            # Warm-up: imports, caches and the database's first pages.
            await asyncio.gather(*(resident(FIRST_USER_ID - 1 - i, 1) for i in range(10)))
            started = time.monotonic()
            per_resident = await asyncio.gather(
                *(resident(FIRST_USER_ID + i, rounds) for i in range(residents))
            )
            seconds = time.monotonic() - started
        finally:
            process.terminate()
            await api.end_long_polls()
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()
            stop.set()
            await sampler
            log.close()
        latencies = [value for values in per_resident for value in values]
        return Result(name, len(latencies), seconds, latencies, peak[0])


def machine() -> str:
    """A line about the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{platform.system()} {platform.release()} {cpu}, {os.cpu_count()} CPUs, "
        f"{memory:.1f} GB RAM, Python {platform.python_version()}"
    )


def echo_bot() -> None:
    """A bare python-telegram-bot echo bot: the baseline (run as a child process)."""
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Send the text back."""
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    application = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .concurrent_updates(8)  # as many side by side as the full bot, for a fair comparison
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(timeout=1, allowed_updates=[Update.MESSAGE])


async def main(residents: int = 200, rounds: int = 10, with_limits: bool = False) -> None:
    """Run the loads and print the figures."""
    print(f"machine: {machine()}")
    print(f"load: {residents} residents x {rounds} questions, each waiting for its answer")
    with tempfile.TemporaryDirectory() as scratch:
        base = {
            "VOORDEUR_DATA": "oostende",
            "VOORDEUR_POLL_TIMEOUT": "1",
            "VOORDEUR_LOG_LEVEL": "WARNING",
        }
        unlimited = {**base, "VOORDEUR_RATE_OVERALL": "0", "VOORDEUR_RATE_PER_CHAT": "0"}
        full_cmd = [sys.executable, "-m", "bot.cli", "run"]
        echo_cmd = [sys.executable, "-m", "bench.bench_throughput", "--echo-bot"]
        full = await run_load(
            "full bot (limiter off)",
            full_cmd,
            {**unlimited, "VOORDEUR_DB": str(Path(scratch) / "a.sqlite3")},
            residents,
            rounds,
        )
        print(full.line())
        echo = await run_load("bare PTB echo bot", echo_cmd, {}, residents, rounds)
        print(echo.line())
        print(
            f"ratio full/echo: {full.per_second / echo.per_second:.2f} "
            "(aim: at least 0.5); full bot peak RSS "
            f"{full.peak_rss_mb:.0f} MB (aim: under 150 MB)"
        )
        if with_limits:
            limited = await run_load(
                "full bot (Telegram limits)",
                full_cmd,
                {**base, "VOORDEUR_DB": str(Path(scratch) / "b.sqlite3")},
                residents,
                rounds,
            )
            print(limited.line())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200)
    # 10 questions per resident (2000 updates, ~5 s): with 3 (600 updates, under 2 s) start-up
    # and the polling rhythm dominate and the ratio swings between 0.39 and 0.54 run to run.
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--with-limits", action="store_true")
    parser.add_argument("--echo-bot", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.echo_bot:
        echo_bot()
    else:
        asyncio.run(main(arguments.residents, arguments.rounds, arguments.with_limits))
