"""A database the bot cannot use: every command says what is wrong in one sentence, exit code 2.

Each case is made for real on disk (permissions, damaged bytes, another process's lock) and each
command runs through the real `voordeur` entry point; the broken file is left as it was.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from data import demo_path
from storage.db import Store, discover_migrations
from storage.importer import import_file

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
ROOT = Path(__file__).resolve().parents[2]
NO_TELEGRAM = "http://127.0.0.1:9/bot"  # nothing listens: a bot that got this far would fail


def commands(db: Path, out: Path) -> dict[str, list[str]]:
    """Every command that opens the database, pointed at `db`."""
    return {
        "run": ["run"],  # VOORDEUR_DB from the environment, as an operator sets it
        "import": ["import", str(demo_path("oostende")), "--db", str(db)],
        "backup": ["backup", str(out / "copy.sqlite3"), "--db", str(db)],
        "chat": ["chat", "--db", str(db)],
        "report": ["report", "--month", "2026-11", "--db", str(db), "--out", str(out)],
        "health": ["health", "--db", str(db)],
        "volunteer-code": ["volunteer-code", "some-volunteer", "--db", str(db)],
    }


def run_environment(db: Path) -> dict[str, str]:
    """What `voordeur run` reads: a token, a Bot API nobody answers, and the database."""
    return {
        "TELEGRAM_BOT_TOKEN": "123456:TEST",
        "TELEGRAM_API_BASE_URL": NO_TELEGRAM,
        "VOORDEUR_DB": str(db),
    }


@pytest.fixture(scope="module")
def good_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database as the bot leaves it: migrated, the Oostende data imported, closed."""
    path = tmp_path_factory.mktemp("good") / "voordeur.sqlite3"

    async def make() -> None:
        async with await Store.open(path) as store:
            await import_file(store, demo_path("oostende"), now=NOW)

    asyncio.run(make())
    return path


# -- the cases: each makes the broken database and says a word the sentence must contain ------


def read_only_file(good: Path, where: Path) -> Path:
    db = where / "voordeur.sqlite3"
    shutil.copy(good, db)
    db.chmod(0o444)
    return db


def read_only_folder(good: Path, where: Path) -> Path:
    folder = where / "locked-folder"
    folder.mkdir()
    db = folder / "voordeur.sqlite3"
    shutil.copy(good, db)
    folder.chmod(0o555)
    return db


def corrupt(good: Path, where: Path) -> Path:
    db = where / "voordeur.sqlite3"
    content = bytearray(good.read_bytes())
    middle = len(content) // 2
    content[middle : middle + 8192] = bytes(range(256)) * 32  # two pages of rubbish
    db.write_bytes(bytes(content))
    return db


def truncated(good: Path, where: Path) -> Path:
    db = where / "voordeur.sqlite3"
    db.write_bytes(good.read_bytes()[: good.stat().st_size // 3])  # a copy cut short
    return db


def text_file(good: Path, where: Path) -> Path:
    db = where / "voordeur.sqlite3"
    db.write_text("organisation:\n  id: oostende\n", encoding="utf-8")  # the wrong file given
    return db


def folder_in_its_place(good: Path, where: Path) -> Path:
    db = where / "voordeur.sqlite3"
    db.mkdir()
    return db


def missing_folder(good: Path, where: Path) -> Path:
    return where / "no-such-folder" / "voordeur.sqlite3"


def newer_schema(good: Path, where: Path) -> Path:
    db = where / "voordeur.sqlite3"
    shutil.copy(good, db)
    newer = len(discover_migrations()) + 1
    with sqlite3.connect(db) as conn:  # what a later version of voordeur would have done
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at)"
            " VALUES (?, 'from_the_future', '2027-01-01T00:00:00+00:00')",
            (newer,),
        )
        conn.execute(f"PRAGMA user_version = {newer}")
    conn.close()
    return db


CASES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "read-only file": (read_only_file, "read-only"),
    "read-only folder": (read_only_folder, "read-only"),
    "corrupt file": (corrupt, "damaged"),
    "truncated file": (truncated, "damaged"),
    "text file": (text_file, "not a SQLite database"),
    "folder in place of the file": (folder_in_its_place, "folder"),
    "missing parent folder": (missing_folder, "does not exist"),
    "newer schema version": (newer_schema, "newer"),
}


def snapshot(db: Path) -> object:
    """What is on disk at the database path, to show nothing was changed or created."""
    if db.is_file():
        return db.read_bytes()
    if db.is_dir():
        return sorted(p.name for p in db.iterdir())
    return db.parent.exists()


@pytest.fixture
def writable_again(tmp_path: Path) -> Iterator[None]:
    """Give the test's folders their write permission back, so pytest can clean them up."""
    yield
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", list(commands(Path("db"), Path("out"))))
def test_each_command_refuses_an_unusable_database_with_one_sentence(
    case: str,
    command: str,
    good_database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    writable_again: None,
) -> None:
    make, word = CASES[case]
    db = make(good_database, tmp_path)
    for name, value in run_environment(db).items():
        monkeypatch.setenv(name, value)
    before = snapshot(db)

    code = main(commands(db, tmp_path)[command])

    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1, err  # one sentence, no traceback
    assert str(db) in lines[0] and word in lines[0]
    assert snapshot(db) == before  # left exactly as it was, nothing created beside or above it


async def hold_exclusive_lock(db: Path) -> asyncio.subprocess.Process:
    """Another process that opened the database and keeps an exclusive lock until told to stop."""
    script = (
        "import sqlite3, sys\n"
        f"conn = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "conn.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
        "conn.execute('BEGIN EXCLUSIVE')\n"
        "conn.execute('CREATE TABLE held (x)')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    return await asyncio.create_subprocess_exec(  # type: ignore[return-value]
        sys.executable,
        "-c",
        script,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )


async def test_a_database_locked_by_another_process_is_named_by_every_command(
    good_database: Path, tmp_path: Path
) -> None:
    db = tmp_path / "voordeur.sqlite3"
    shutil.copy(good_database, db)
    holder = await hold_exclusive_lock(db)
    assert holder.stdout is not None and holder.stdin is not None
    assert await holder.stdout.readline() == b"locked\n"
    environment = {**os.environ, **run_environment(db), "PYTHONPATH": str(ROOT)}
    try:
        # Side by side: each waits out SQLite's busy timeout before it may say it is locked.
        runs = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))",
                *arguments,
                env=environment,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=tmp_path,
            )
            for arguments in commands(db, tmp_path).values()
        ]
        results = await asyncio.gather(*(run.communicate() for run in runs))
    finally:
        holder.stdin.close()
        await holder.wait()
    for name, run, (_out, err) in zip(commands(db, tmp_path), runs, results, strict=True):
        lines = err.decode().strip().splitlines()
        assert run.returncode == 2, (name, err.decode())
        assert len(lines) == 1 and "lock" in lines[0] and str(db) in lines[0], (name, lines)
