"""`voordeur run` as the operator starts it: configured by the environment, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from .botapi_double import BotApiDouble

RESIDENT = 4242


async def test_sigterm_lets_the_bot_finish_the_reply_in_hand_and_close_cleanly(
    api: BotApiDouble, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "VOORDEUR_DATA": "oostende",
        "VOORDEUR_DB": str(tmp_path / "voordeur.sqlite3"),
        "VOORDEUR_POLL_TIMEOUT": "1",
        "VOORDEUR_REQUEST_TIMEOUT": "5",
        "VOORDEUR_LOG_LEVEL": "INFO",
    }
    env.pop("VOORDEUR_CONFIG", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await api.wait_for_calls("getUpdates", timeout=20)
        api.stall_next("sendMessage", chat_id=RESIDENT)
        update_id = api.queue_command(RESIDENT, "start")
        await api.wait_for_sent(RESIDENT)  # the reply is on its way, held by the double
        polls_before = len(api.calls_of("getUpdates"))
        process.send_signal(signal.SIGTERM)
        # On the signal the bot first stops fetching: its last getUpdates only confirms.
        await api.wait_for(
            lambda: any(
                c.params.get("timeout") == 0 for c in api.calls_of("getUpdates")[polls_before:]
            )
        )
        api.release_stalled()  # only now may the reply in hand complete
        _, stderr = await asyncio.wait_for(process.communicate(), 15)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "shut down after 1 updates" in log
    assert api.token not in log
    assert str(RESIDENT) not in log
    # The update was confirmed to the server, so a restart does not answer it twice.
    assert int(api.calls_of("getUpdates")[-1].params["offset"]) == update_id + 1
    assert (tmp_path / "voordeur.sqlite3").exists()
