"""One resident floods the bot while others ask: how long do the others wait?

    python -m bench.bench_flood

The full bot runs as its own process exactly as `voordeur run`, with Telegram's production limits
(about one message a second per chat after a burst of three, 30 a second overall), polling the
Bot API double on loopback. One resident sends 200 messages in 5 s; five others each ask one
question, at 0.5, 2, 4, 8 and 15 s. Measured from the moment a question is available at the
double to the moment the first message of its answer reaches the double, in real time.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from bot.telegram_app import LANGUAGES
from conversations.i18n import Translator
from tests.e2e.botapi_double import BotApiDouble

FLOODER = 20_000_001
OTHERS = tuple(range(20_000_101, 20_000_106))
ASK_AT = (0.5, 2.0, 4.0, 8.0, 15.0)  # seconds after the flood begins
FLOOD = 200  # messages ...
FLOOD_SECONDS = 5.0  # ... over this long
SETTLE = 5.0  # seconds after the last question to count what the flooder still gets
SLOW_DOWN = (
    "You are sending a lot of messages very quickly. I will take a short break; please "
    "write again in a minute, one message at a time."
)


async def run() -> tuple[list[float], list[str]]:
    """Start the bot, flood, ask; return the others' waits and the texts the flooder got."""
    async with BotApiDouble(max_poll_wait=1.0) as api:
        with tempfile.TemporaryDirectory() as scratch:
            env = {
                **os.environ,
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "VOORDEUR_DATA": "oostende",
                "VOORDEUR_DB": str(Path(scratch) / "flood.sqlite3"),
                "VOORDEUR_POLL_TIMEOUT": "1",
                "VOORDEUR_LOG_LEVEL": "WARNING",
            }
            log = Path(scratch) / "bot.log"
            with log.open("wb") as stderr:
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot.cli", "run", env=env, stderr=stderr
                )
            try:
                await api.wait_for_calls("getUpdates", timeout=60)
                start = time.monotonic()

                async def flood() -> None:
                    for number in range(FLOOD):
                        api.queue_text(FLOODER, f"hallo {number}", language_code="en")
                        await asyncio.sleep(
                            start + (number + 1) * FLOOD_SECONDS / FLOOD - time.monotonic()
                        )

                async def ask(user_id: int, at: float) -> float:
                    await asyncio.sleep(start + at - time.monotonic())
                    asked = api.queue_text(user_id, "Wanneer is Centrum open?")
                    await api.wait_for(lambda: bool(api.sent_to(user_id)), timeout=300)
                    return api.sent_to(user_id)[0].at - api.queued_at[asked]

                flooding = asyncio.ensure_future(flood())
                waits = await asyncio.gather(
                    *(ask(u, at) for u, at in zip(OTHERS, ASK_AT, strict=True))
                )
                await flooding
                await asyncio.sleep(SETTLE)
                return list(waits), api.texts_to(FLOODER)
            finally:
                process.terminate()
                await api.end_long_polls()
                await process.wait()


async def main() -> None:
    """Print the others' waits and what the flooder got."""
    waits, flooder = await run()
    ordered = sorted(waits)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1)]
    translated = {Translator(lang).gettext(SLOW_DOWN) for lang in LANGUAGES}
    notes = sum(text in translated for text in flooder)
    print(f"flood: {FLOOD} messages in {FLOOD_SECONDS:g} s; others ask at {ASK_AT} s")
    print("others answered after " + ", ".join(f"{w * 1000:.0f} ms" for w in waits))
    print(f"p95 {p95 * 1000:.0f} ms, max {max(waits) * 1000:.0f} ms  (aim: p95 under 1000 ms)")
    print(f"the flooder got {len(flooder)} messages, {notes} of them the slow-down note")


if __name__ == "__main__":
    asyncio.run(main())
