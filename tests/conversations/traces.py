"""Looking for traces of a person anywhere in the store, for the privacy tests."""

from __future__ import annotations

import re

from storage.db import Database

TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
    "postgresql": "SELECT table_name AS name FROM information_schema.tables"
    " WHERE table_schema = 'public'",
}


async def table_names(store: Database) -> list[str]:
    """The store's tables, from the catalogue of its backend."""
    return [str(row["name"]) for row in await store.fetch_all(TABLES[store.backend])]


async def traces(store: Database, user_id: int, *words: str) -> list[tuple[str, str]]:
    """(table, value) of every stored value that is the id or contains it or one of the words."""
    id_pattern = re.compile(rf"(?<![0-9]){user_id}(?![0-9])")
    tables = await table_names(store)
    found: list[tuple[str, str]] = []
    for table in tables:
        # Table names come from the catalogue itself.
        for row in await store.fetch_all(f'SELECT * FROM "{table}"'):
            for value in tuple(row):
                text = str(value)
                if value == user_id or id_pattern.search(text) or any(w in text for w in words):
                    found.append((table, text[:80]))
    return found
