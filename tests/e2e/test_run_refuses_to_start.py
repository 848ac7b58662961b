"""`voordeur run` that cannot start says why in a sentence, exit code 2, and no traceback.

A broken data file is found before Telegram is contacted; a Bot API nobody answers and a token
Telegram refuses are said as such, with PTB's own log line kept to one line.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from .botapi_double import BotApiDouble

NOBODY = "http://127.0.0.1:9/bot"  # the discard port: nothing answers there


async def run(tmp_path: Path, **env: str) -> tuple[int, list[str]]:
    """Start `voordeur run` as an operator would; its exit code and standard error lines."""
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:TEST",
        "TELEGRAM_API_BASE_URL": NOBODY,
        "VOORDEUR_DATA": "oostende",
        "VOORDEUR_DB": str(tmp_path / "voordeur.sqlite3"),
        "VOORDEUR_REQUEST_TIMEOUT": "5",
        **env,
    }
    environment.pop("VOORDEUR_CONFIG", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=environment,
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, stderr.decode().strip().splitlines()


async def test_a_data_file_with_problems_stops_it_before_telegram_is_asked(
    tmp_path: Path, api: BotApiDouble
) -> None:
    data = tmp_path / "centres.yaml"
    data.write_bytes(b'organisation:\n  id: x\n  name: "caf\xe9"\n')  # saved as Latin-1
    code, lines = await run(
        tmp_path,
        VOORDEUR_DATA=str(data),
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
    )
    assert code == 2, lines
    assert len(lines) == 1 and lines[0].startswith(f"{data}:3: ") and "UTF-8" in lines[0]
    assert api.calls == []  # not even getMe


async def test_a_bot_api_nobody_answers_is_named_in_one_sentence(tmp_path: Path) -> None:
    code, lines = await run(tmp_path)
    assert code == 2, lines
    assert not any("Traceback" in line for line in lines), lines
    assert lines[-1].startswith(f"Cannot reach the Telegram Bot API at {NOBODY}")


async def test_a_refused_token_is_said_without_showing_it(
    tmp_path: Path, api: BotApiDouble
) -> None:
    code, lines = await run(
        tmp_path, TELEGRAM_BOT_TOKEN="999:WRONG", TELEGRAM_API_BASE_URL=api.base_url
    )
    assert code == 2, lines
    assert not any("Traceback" in line for line in lines), lines
    assert lines[-1] == (
        "Telegram refused the bot token (TELEGRAM_BOT_TOKEN): copy it again from @BotFather."
    )
    assert not any("999:WRONG" in line for line in lines)
