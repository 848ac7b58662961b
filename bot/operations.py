"""Operations commands: an online backup of the store, and a health check for monitoring."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from storage.db import Store, check_database


async def backup(db_path: str | Path, target: str | Path) -> Path:
    """Copy the store to `target` with SQLite's online backup (safe while the bot runs)."""
    check_database(db_path)  # before "no database": a missing folder is said as such
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}")
    async with await Store.open(db_path) as store:
        return await store.backup(Path(target))


def health(db_path: str | Path) -> dict[str, Any]:
    """What a monitor wants to know, read without writing: store, data, last update, outbox."""
    report: dict[str, Any] = {"store": "missing", "ok": False}
    path = Path(db_path)
    if not path.exists() and path.parent.is_dir():
        return report
    # A database the bot could not work with raises StoreUnusable: one sentence, exit code 2.
    check_database(path)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        report["store"] = f"unreachable: {type(error).__name__}"
        return report
    try:
        conn.row_factory = sqlite3.Row
        report["store"] = "ok"
        report["schema_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        orgs = conn.execute("SELECT id, imported_at FROM organisations").fetchall()
        report["organisations"] = {row["id"]: row["imported_at"] for row in orgs}
        row = conn.execute("SELECT value FROM meta WHERE key = 'last_update_at'").fetchone()
        report["last_update_at"] = row["value"] if row else None
        counts = conn.execute("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
        report["outbox"] = {row["status"]: row["n"] for row in counts}
        report["unreachable_residents"] = conn.execute(
            "SELECT COUNT(*) FROM residents WHERE unreachable_since IS NOT NULL"
        ).fetchone()[0]
        report["ok"] = bool(orgs)
    except sqlite3.Error as error:
        report["store"] = f"unreadable: {type(error).__name__}"
    finally:
        conn.close()
    return report
