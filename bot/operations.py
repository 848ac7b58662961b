"""Operations commands: an online backup of the store, and a health check for monitoring.

Both take what `VOORDEUR_DB` takes. A PostgreSQL database is backed up with PostgreSQL's own
`pg_dump` (consistent while the bots run), so `backup` refuses it with that advice.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

from storage.backend import PostgresTarget, open_database, parse_db
from storage.db import Store, StoreUnusable, check_database
from storage.repositories import repositories


async def backup(db: str | Path, target: str | Path) -> Path:
    """Copy the store to `target` with SQLite's online backup (safe while the bot runs)."""
    parsed = parse_db(db)
    if isinstance(parsed, PostgresTarget):
        # describe(): the URL without its password, which must never reach a terminal or log.
        raise StoreUnusable(
            f"voordeur backup copies SQLite files only: back up the PostgreSQL database "
            f"{parsed.describe()} with pg_dump instead, e.g. pg_dump --format=custom "
            f"--file={target} {parsed.database} (see docs/operations.md)."
        )
    check_database(parsed.path)  # before "no database": a missing folder is said as such
    if not Path(parsed.path).exists():
        raise FileNotFoundError(f"no database at {parsed.path}")
    async with await Store.open(parsed.path) as store:
        return await store.backup(Path(target))


async def health(db: str | Path) -> dict[str, Any]:
    """What a monitor wants to know, read without writing: store, data, last update, outbox.

    A database that cannot be used at all (unreachable server, damaged file) raises
    StoreUnusable: one sentence, exit code 2.
    """
    report: dict[str, Any] = {"store": "missing", "ok": False}
    parsed = parse_db(db)
    if not isinstance(parsed, PostgresTarget):
        path = Path(parsed.path)
        if not path.exists() and path.parent.is_dir():
            return report
    unreadable: tuple[type[Exception], ...] = (sqlite3.Error, OSError)
    if isinstance(parsed, PostgresTarget):
        import asyncpg  # only for a PostgreSQL store, as in storage/backend.py

        unreadable = (*unreadable, asyncpg.PostgresError)
    store = await open_database(parsed, read_only=True)
    try:
        figures = await repositories(store).reports.health()
    except unreadable as error:  # reached, but not the bot's schema (or a broken one)
        report["store"] = f"unreadable: {type(error).__name__}"
        return report
    finally:
        await store.close()
    report.update(store="ok", **dataclasses.asdict(figures))
    report["ok"] = bool(figures.organisations)
    return report
