"""The bot's own memory when nobody speaks: `voordeur run` against the Bot API double.

    python -m bench.bench_memory [--messages 24]

Starts `voordeur run` as operators do (the console script, its own process) on the Oostende
data, sends typed questions in the eight languages (the crisis check, understanding, each
language's texts and formats all loaded), and prints the process's resident memory from /proc
(VmRSS now, VmHWM its peak), which of the heavy native libraries of the speech stack it has
mapped (none, until somebody speaks: the voice worker is a process of its own), and, when
`MEMORY_BREAKDOWN=1`, what each part costs when imported on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

AIM_MB = 100.0
SPEECH_LIBRARIES = ("ctranslate2", "numpy", "/av/", "av.libs", "onnxruntime", "tokenizers")
QUESTIONS = (
    ("Hallo", "nl"),
    ("Wanneer is Stene morgen open?", "nl"),
    ("what's on this week", "en"),
    ("Je voudrais m'inscrire au dîner de mardi", "fr"),
    ("Wann hat das Zentrum in Hazegras geöffnet?", "de"),
    ("Mariakerke yarın açık mı?", "tr"),
    ("متى يفتح مركز ستينه؟", "ar"),
    ("Gdzie mogę dostać pomoc z emerytury?", "pl"),
    ("Коли відкритий центр у Контердамі?", "uk"),
    ("Ik voel me zo alleen sinds mijn man overleden is", "nl"),
    ("merci", "fr"),
    ("en morgen?", "nl"),
)


def proc_status(pid: int) -> dict[str, float]:
    """VmRSS, VmHWM, RssAnon and RssFile of a process, in MiB."""
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            found[key] = int(value.split()[0]) / 1024
    return found


def speech_libraries(pid: int) -> list[str]:
    """The speech stack's shared libraries mapped into a process (none while nobody speaks)."""
    mapped = set()
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6 and ".so" in parts[5]:
            mapped.add(parts[5])
    return sorted(p for p in mapped if any(lib in p for lib in SPEECH_LIBRARIES))


async def measure(messages: int) -> dict[str, object]:
    """Run the bot, send `messages` questions, and read its memory."""
    from tests.e2e.botapi_double import BotApiDouble

    async with BotApiDouble() as api:
        with tempfile.TemporaryDirectory() as folder:
            env = {
                **os.environ,
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "VOORDEUR_DATA": "oostende",
                "VOORDEUR_DB": str(Path(folder) / "voordeur.sqlite3"),
                "VOORDEUR_POLL_TIMEOUT": "1",
                "VOORDEUR_LOG_LEVEL": "WARNING",
            }
            command = str(Path(sys.executable).with_name("voordeur"))
            process = await asyncio.create_subprocess_exec(command, "run", env=env, cwd=folder)
            try:
                await api.wait_for_calls("getUpdates", timeout=60)
                started = proc_status(process.pid)
                for n in range(messages):
                    text, lang = QUESTIONS[n % len(QUESTIONS)]
                    user = 7000 + n % 4  # a few residents, so follow-ups have a context
                    before = len(api.sent_to(user))
                    api.queue_text(user, text, lang)
                    await api.wait_for_sent(user, before + 1, timeout=30)
                await asyncio.sleep(1)
                after = proc_status(process.pid)
                libraries = speech_libraries(process.pid)
            finally:
                await api.end_long_polls()
                process.terminate()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), 20)
                if process.returncode is None:
                    process.kill()
    return {"started": started, "after": after, "libraries": libraries}


BREAKDOWN = (
    "yaml",
    "babel",
    "holidays",
    "icalendar",
    "opening_hours",
    "telegram",
    "telegram.ext",
    "aiosqlite",
    "storage.datafile",
    "storage.schedule",
    "conversations.understanding",
    "conversations.safety",
    "conversations.engine",
    "bot.runtime",
    "bot.telegram_app",
)


def breakdown() -> None:
    """What each part adds to the RSS when imported in this order, in a fresh interpreter."""
    script = (
        "import importlib, sys\n"
        "def rss():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS'): return int(line.split()[1]) / 1024\n"
        "last = rss(); print(f'  {\"python itself\":<32} {last:6.1f} MB')\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name); now = rss()\n"
        "    print(f'  {name:<32} +{now - last:5.1f} MB'); last = now\n"
    )
    subprocess.run([sys.executable, "-c", script, *BREAKDOWN], check=True)


async def main(messages: int = 24) -> None:
    """Print the figures."""
    found = await measure(messages)
    started, after = found["started"], found["after"]
    assert isinstance(started, dict) and isinstance(after, dict)
    verdict = "ok" if after["VmRSS"] < AIM_MB else "MISSED"
    print(f"bot process RSS after start: {started['VmRSS']:.0f} MB")
    print(
        f"bot process RSS after {messages} typed questions in eight languages: "
        f"{after['VmRSS']:.0f} MB (peak {after['VmHWM']:.0f} MB; anonymous "
        f"{after['RssAnon']:.0f} MB, files {after['RssFile']:.0f} MB): "
        f"aim < {AIM_MB:.0f} MB {verdict}"
    )
    libraries = found["libraries"]
    print(f"speech stack libraries mapped in the bot process: {libraries or 'none'}")
    if os.environ.get("MEMORY_BREAKDOWN") == "1":
        print("import cost, one part after the other:")
        breakdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=24)
    asyncio.run(main(parser.parse_args().messages))
