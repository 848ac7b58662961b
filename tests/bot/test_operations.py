"""Operations: a backup taken while the store is open, and the health check a monitor runs."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.cli import main
from bot.operations import backup, health
from bot.runtime import build_front_door
from storage.clock import FixedClock

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
    report = health(db)
    assert report["ok"] and report["store"] == "ok"
    assert list(report["organisations"]) == ["kortrijk"]
    assert main(["health", "--db", str(db)]) == 0
    assert '"kortrijk"' in capsys.readouterr().out


def test_health_of_a_missing_store_fails(tmp_path: Path) -> None:
    assert main(["health", "--db", str(tmp_path / "none.sqlite3")]) == 1
