"""The outside check of issue 16, as an operator runs it: real processes on the real clock.

`voordeur import` fills a PostgreSQL database; two `voordeur run` processes serve webhooks on it
and updates are posted to both, each resident's in turn. Twelve residents race for the five
places of tomorrow's lunch: exactly five confirmations, seven waiting-list places numbered 1-7.
The process that leads (plans and sends reminders) is then killed with SIGKILL; the other takes
over, and when the day-before reminder comes due every confirmed resident gets it exactly once.

The reminder is due at a whole minute (the data file's resolution) a little after the sign-ups,
so this test waits for the clock: between 30 and 90 seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from conversations.payloads import Payload, SignupConfirm, SignupConsent, SignupTariff

from .botapi_double import BotApiDouble, Call
from .conftest import SECRET, free_port

BRUSSELS = ZoneInfo("Europe/Brussels")
RESIDENTS = [7_100_000_000 + n for n in range(12)]
PLACES = 5
MARGIN = timedelta(seconds=30)  # time for the processes to start and the residents to sign up


def data_file(tmp_path: Path, now: datetime) -> tuple[Path, datetime]:
    """Oostende with a five-place lunch tomorrow whose day-before reminder is due soon."""
    due = (now + MARGIN).replace(second=0, microsecond=0) + timedelta(minutes=1)
    tomorrow = (now + timedelta(days=1)).date()
    quiet = due + timedelta(hours=12)  # one quiet minute, far from the reminder
    text = Path("data/oostende.yaml").read_text(encoding="utf-8")
    # The centre opens every day, so that tomorrow's lunch is no warning that stops `run`.
    text = text.replace('"Mo-Fr 09:00-17:00; Sa 10:00-13:00; PH off"', '"Mo-Su 08:00-20:00"', 1)
    text = re.sub(
        r"  reminders: \{[^}]*\}",
        f'  reminders: {{day_before_at: "{due:%H:%M}", hours_before: 2, '
        f'quiet_hours: "{quiet:%H:%M}-{quiet + timedelta(minutes=1):%H:%M}"}}',
        text,
        count=1,
    )
    start = text.index("  - id: christmas-lunch\n")
    end = text.index("\n  - id:", start + 1)
    lunch = text[start:end]
    lunch = re.sub(r"when: \{date: [0-9-]+,", f"when: {{date: {tomorrow},", lunch)
    lunch = lunch.replace("capacity: 80", f"capacity: {PLACES}")
    lunch = re.sub(
        r"deadline: \{rule: date, date: [0-9-]+\}",
        f"deadline: {{rule: date, date: {tomorrow}}}",
        lunch,
    )
    path = tmp_path / "oostende-tomorrow.yaml"
    path.write_text(text[:start] + lunch + text[end:], encoding="utf-8")
    return path, due


class Process:
    """One `voordeur run` in webhook mode, its log in a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start it; its log goes to the file."""
        with self.log.open("wb") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run", env=self.env, stdout=out, stderr=out
            )

    def says(self, words: str) -> bool:
        """Whether its log contains `words`."""
        return words in self.log.read_text(encoding="utf-8", errors="replace")

    async def stop(self, sig: int = signal.SIGTERM) -> None:
        """Signal it and wait until it is gone."""
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(sig)
            try:
                await asyncio.wait_for(self.process.wait(), 20)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


async def until(predicate: object, timeout: float, what: str) -> None:
    """Wait (polling) until `predicate()` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():  # type: ignore[operator]
        assert loop.time() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.1)


async def listening(port: int, timeout: float = 30) -> None:
    """Wait until a process's webhook server accepts connections on `port`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            assert loop.time() < deadline, f"nothing listens on port {port}"
            await asyncio.sleep(0.1)
            continue
        writer.close()
        await writer.wait_closed()
        return


@pytest.fixture
async def processes(
    api: BotApiDouble, pg_url: str, tmp_path: Path
) -> AsyncIterator[tuple[list[Process], list[int], datetime]]:
    """The database imported by `voordeur import`, and two webhook processes on it."""
    now = datetime.now(BRUSSELS)
    if (now + MARGIN + timedelta(minutes=3)).date() != now.date():
        pytest.skip("too close to midnight for a day-before reminder today")
    data, due = data_file(tmp_path, now)
    base = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "VOORDEUR_DATA": str(data),
        "VOORDEUR_DB": pg_url,
        "VOORDEUR_WEBHOOK_URL": "https://bot.example.org/telegram",
        "VOORDEUR_WEBHOOK_LISTEN": "127.0.0.1",
        "VOORDEUR_WEBHOOK_SECRET": SECRET,
        "VOORDEUR_REQUEST_TIMEOUT": "5",
        "VOORDEUR_LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",  # the log reaches the file line by line
    }
    base.pop("VOORDEUR_CONFIG", None)
    imported = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "import", str(data), env=base, cwd=tmp_path
    )
    assert await imported.wait() == 0
    ports = [free_port(), free_port()]
    started = [
        Process({**base, "VOORDEUR_WEBHOOK_PORT": str(port)}, tmp_path / f"run{n}.log")
        for n, port in enumerate(ports)
    ]
    try:
        await started[0].start()
        await until(lambda: started[0].says("now the leader"), 30, "the first process leads")
        await started[1].start()
        for port in ports:
            await listening(port)
        yield started, ports, due
    finally:
        for process in started:
            await process.stop()


async def test_two_run_processes_share_a_race_and_the_reminders_survive_killing_the_leader(
    api: BotApiDouble, processes: tuple[list[Process], list[int], datetime]
) -> None:
    (leader, standby), ports, due = processes
    urls = [f"http://127.0.0.1:{port}/telegram" for port in ports]
    turns: dict[int, int] = {}
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}

    async def post(resident: int) -> None:
        """The update just queued for `resident`, to the next process in turn."""
        update = api.take_update()
        turns[resident] = turns.get(resident, resident % 2) + 1
        timeout = aiohttp.ClientTimeout(total=20)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(urls[turns[resident] % 2], data=json.dumps(update), headers=headers) as r,
        ):
            assert r.status == 200

    async def tap(resident: int, message: Call, pressed: Payload) -> None:
        api.queue_callback(resident, message.find(pressed))
        await post(resident)

    async def check_step(resident: int) -> Call:
        api.queue_text(resident, "Ik wil me inschrijven voor de kerstlunch")
        await post(resident)
        (consent,) = await api.wait_for_sent(resident, 1, timeout=30)
        await tap(resident, consent, SignupConsent())
        *_, tariff = await api.wait_for_sent(resident, 2, timeout=30)
        await tap(resident, tariff, SignupTariff(False))
        *_, check = await api.wait_for_sent(resident, 3, timeout=30)
        return check

    checks = await asyncio.gather(*(check_step(r) for r in RESIDENTS))
    await asyncio.gather(
        *(tap(r, c, SignupConfirm()) for r, c in zip(RESIDENTS, checks, strict=True))
    )
    results = {r: (await api.wait_for_sent(r, 4, timeout=30))[-1].text for r in RESIDENTS}
    confirmed = [r for r, text in results.items() if text.startswith("✅")]
    positions = sorted(
        int(m.group(1)) for t in results.values() if (m := re.search(r"nummer (\d+) van", t))
    )
    assert len(confirmed) == PLACES, results
    assert positions == list(range(1, len(RESIDENTS) - PLACES + 1)), results
    assert datetime.now(BRUSSELS) < due, "the sign-ups took longer than the margin"

    await leader.stop(signal.SIGKILL)
    await until(lambda: standby.says("now the leader"), 15, "the standby takes over")
    wait = (due - datetime.now(BRUSSELS)).total_seconds() + 30
    await api.wait_for(lambda: all(len(api.delivered_to(r)) >= 5 for r in confirmed), timeout=wait)
    await asyncio.sleep(2)  # the real clock: a duplicate would follow within the dispatch round
    for resident in confirmed:
        reminders = api.delivered_to(resident)[4:]
        assert len(reminders) == 1, [c.text for c in reminders]
        assert "12:00" in reminders[0].text
    for resident in set(RESIDENTS) - set(confirmed):
        assert api.delivered_to(resident)[4:] == []
