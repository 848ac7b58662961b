"""Operations: a backup taken while the store is open, and the health check a monitor runs."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg

from bot.cli import main
from bot.operations import backup, health
from bot.runtime import build_front_door
from storage.clock import FixedClock
from storage.db import discover_migrations
from tests.pgcluster import Cluster

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))


async def test_backup_while_the_bot_has_the_store_open_is_a_complete_copy(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite3"
    door = await build_front_door("oostende", db, FixedClock(NOW))
    try:
        copy = await backup(db, tmp_path / "copy.sqlite3")
    finally:
        await door.close()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT id FROM organisations").fetchall() == [("oostende",)]
        assert conn.execute("SELECT COUNT(*) FROM centres").fetchone()[0] == 8


async def test_health_reports_loaded_data_and_exits_zero(tmp_path: Path, capsys) -> None:
    db = tmp_path / "bot.sqlite3"
    door = await build_front_door("kortrijk", db, FixedClock(NOW))
    await door.close()
    report = await health(db)
    assert report["ok"] and report["store"] == "ok"
    assert list(report["organisations"]) == ["kortrijk"]
    assert await asyncio.to_thread(main, ["health", "--db", str(db)]) == 0
    assert '"kortrijk"' in capsys.readouterr().out


def test_health_of_a_missing_store_fails(tmp_path: Path) -> None:
    assert main(["health", "--db", str(tmp_path / "none.sqlite3")]) == 1


def _cli(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`voordeur ...` in a process of its own, as an operator or a monitor runs it."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_health_and_volunteer_code_on_postgresql_by_url(pg_url: str) -> None:
    # Before anything is imported: reachable, but no organisation yet, so not ok (exit 1).
    empty = _cli(["health", "--db", pg_url])
    assert empty.returncode == 1, empty.stderr
    assert json.loads(empty.stdout)["store"] == "ok"
    # volunteer-code imports the bot's data, as on SQLite, and prints a working code.
    code = _cli(["volunteer-code", "v-marie", "--org", "oostende"], env={"VOORDEUR_DB": pg_url})
    assert code.returncode == 0, code.stderr
    assert len(code.stdout.strip()) == 10 and "/start" in code.stderr
    unknown = _cli(["volunteer-code", "nobody", "--db", pg_url])
    assert unknown.returncode == 1 and "no volunteer 'nobody'" in unknown.stderr
    # health reads what the others wrote; VOORDEUR_DB works as --db does.
    checked = _cli(["health"], env={"VOORDEUR_DB": pg_url})
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] and list(report["organisations"]) == ["oostende"]
    assert report["schema_version"] == len(discover_migrations())
    assert report["outbox"] == {} and report["unreachable_residents"] == 0


async def test_health_never_writes_not_even_a_migration(pg_cluster: Cluster) -> None:
    conn = await asyncpg.connect(pg_cluster.url())
    try:
        await conn.execute("CREATE DATABASE health_untouched")
    finally:
        await conn.close()
    url = pg_cluster.url("health_untouched")
    report = await health(url)
    assert report["store"].startswith("unreadable") and not report["ok"]
    conn = await asyncpg.connect(url)
    try:
        tables = await conn.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
    finally:
        await conn.close()
    assert tables == 0


def test_backup_of_postgresql_says_pg_dump_in_one_sentence_without_the_password(
    pg_url: str, tmp_path: Path
) -> None:
    secret = pg_url.replace("voordeur@", "voordeur:hunter2@") + "&password=hunter3"
    result = _cli(["backup", str(tmp_path / "copy.dump"), "--db", secret])
    assert result.returncode == 2
    assert "pg_dump" in result.stderr and "docs/operations.md" in result.stderr
    assert "hunter2" not in result.stderr and "hunter3" not in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "copy.dump").exists()


def test_unreachable_postgresql_health_is_one_sentence_without_the_password(
    tmp_path: Path,
) -> None:
    url = f"postgresql://voordeur:hunter2@/voordeur?host={tmp_path}"  # no server there
    result = _cli(["health", "--db", url])
    assert result.returncode == 2
    assert "Cannot use the database" in result.stderr and "hunter2" not in result.stderr
    assert "Traceback" not in result.stderr
