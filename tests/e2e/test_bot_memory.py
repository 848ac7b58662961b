"""`voordeur run` keeps the speech stack out of its own process, so it stays small.

Nothing of faster-whisper, CTranslate2, NumPy or PyAV is imported while residents type; when
somebody speaks, only the voice worker (a process of its own) loads them, and the bot's process
still holds none of their libraries. Checked from outside, on the running process: its
`-X importtime` log, and the shared libraries mapped in /proc/PID/maps.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import psutil
import pytest

from tests.voice_support import needs_espeak, needs_voice, spoken

from .botapi_double import BotApiDouble

SPEECH_STACK = ("faster_whisper", "ctranslate2", "numpy", "av", "onnxruntime", "tokenizers")
SPEECH_LIBRARIES = ("ctranslate2", "numpy", "/av/", "av.libs", "onnxruntime", "tokenizers")
RESIDENT = 7373
TYPED = (
    ("Hallo", "nl"),
    ("Wanneer is Stene morgen open?", "nl"),
    ("what's on this week", "en"),
    ("Je voudrais m'inscrire au dîner de mardi", "fr"),
    ("Ik voel me zo alleen", "nl"),
    ("en morgen?", "nl"),
)


def environment(api: BotApiDouble, folder: Path) -> dict[str, str]:
    """`voordeur run` configured as an operator would, against the double."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "VOORDEUR_DATA": "oostende",
        "VOORDEUR_DB": str(folder / "voordeur.sqlite3"),
        "VOORDEUR_POLL_TIMEOUT": "1",
        "VOORDEUR_LOG_LEVEL": "WARNING",
        "VOORDEUR_VOICE_CACHE": str(folder / "voice"),
    }
    env.pop("VOORDEUR_CONFIG", None)
    return env


@contextlib.asynccontextmanager
async def running(
    api: BotApiDouble, folder: Path, *python_flags: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """The bot as its own process (stderr in folder/stderr.log); stopped with SIGTERM after."""
    with open(folder / "stderr.log", "wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *python_flags,
            "-m",
            "bot.cli",
            "run",
            env=environment(api, folder),
            cwd=folder,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            await api.wait_for_calls("getUpdates", timeout=60)
            yield process
        finally:
            await api.end_long_polls()
            if process.returncode is None:
                process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


async def type_questions(api: BotApiDouble) -> None:
    """A resident types questions of every kind; each gets its answer."""
    for text, lang in TYPED:
        before = len(api.sent_to(RESIDENT))
        api.queue_text(RESIDENT, text, lang)
        await api.wait_for_sent(RESIDENT, before + 1, timeout=30)


def speech_libraries(pid: int) -> set[str]:
    """The speech stack's shared libraries a process has mapped."""
    mapped = set()
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6 and ".so" in parts[5]:
            mapped.add(parts[5])
    return {path for path in mapped if any(lib in path for lib in SPEECH_LIBRARIES)}


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc (Linux)")
async def test_typed_questions_import_nothing_of_the_speech_stack(
    api: BotApiDouble, tmp_path: Path
) -> None:
    async with running(api, tmp_path, "-X", "importtime") as process:
        await type_questions(api)
        assert speech_libraries(process.pid) == set()
        assert psutil.Process(process.pid).children() == []  # no voice worker started
        rss_mb = psutil.Process(process.pid).memory_info().rss / 2**20
    # bench/bench_memory.py measured 97 MB once, 111 MB at the start of 2026-12-06 and 114 MB at
    # its end (the crisis patterns compiled at load take 30 MB: the next thing to shrink). The
    # run under a loaded machine reached 116 MB, so the line was 125; the intent model's weights
    # (README, "A trained intent model") add 5 MB, and a loaded machine measured 126 MB, so it is
    # 132: it only catches a library loaded for nothing (the speech stack alone is hundreds of
    # MB), not the drift. On 2026-12-07 (morning) the fresh-clone CI measured 133 MB (the
    # lexicons' new word lists, 2,069 real words, the retrained intent model), so it was 140; on
    # 2026-12-07 (late) it measured 140.6 MB (the frequent words of eight languages, 1.4 MB as
    # sorted hashes; four classes' word lists; weights of 41,923 examples), so it was 146. On
    # 2026-12-08 the loaded structures shrank (`bench memory` on 2 cores: 140 -> 129-131 MB): the
    # crisis patterns' slots keep no third tuple of their alternatives, their typo look-ups 6
    # bytes a pair, the bot's vocabulary is looked in rather than copied, and the classifiers'
    # weight files are read through views (a freed buffer stays in the process). The same
    # margin of ~6 MB over 131 MB makes the line 137.
    assert rss_mb < 137
    log = (tmp_path / "stderr.log").read_text()
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in log.splitlines() if "import time:" in line
    }
    assert "conversations.engine" in imported  # the log is complete: the bot's own modules
    loaded = {name for name in imported if name.split(".")[0] in SPEECH_STACK}
    assert loaded == set()
    # What else cost memory for nothing: every country of the holidays library (~8 MB), the
    # .ics library nobody asked a file of, httpx's command-line tool, a webhook server while
    # polling.
    countries = {name for name in imported if name.startswith("holidays.countries.")}
    assert len(countries) <= 3, sorted(countries)  # ours (BE), not all ~250
    # (A package marked absent shows an attempt at a submodule, "tornado.web", never itself.)
    assert {"icalendar", "click", "pygments", "rich", "tornado"} & imported == set()


@needs_voice
@needs_espeak
@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc (Linux)")
async def test_a_voice_message_loads_the_speech_stack_in_the_worker_only(
    api: BotApiDouble, tmp_path: Path
) -> None:
    async with running(api, tmp_path) as process:
        await type_questions(api)
        clip = spoken("When is the Stene centre open tomorrow?", "en")
        api.queue_voice(RESIDENT, clip, duration=3, language_code="en")
        await api.wait_for(
            lambda: any(call.text.startswith("🎤") for call in api.sent_to(RESIDENT)),
            timeout=120,  # the worker starts and loads the model first; CI shares two cores
        )
        workers = psutil.Process(process.pid).children(recursive=True)
        in_workers = set().union(*(speech_libraries(w.pid) for w in workers if w.is_running()))
        assert any("ctranslate2" in path for path in in_workers)  # the check sees them there
        assert speech_libraries(process.pid) == set()  # and the bot's own process has none
