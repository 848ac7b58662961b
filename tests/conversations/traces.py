"""Looking for traces of a person anywhere in the store, for the privacy tests."""

from __future__ import annotations

import re

from storage.db import Store


async def traces(store: Store, user_id: int, *words: str) -> list[tuple[str, str]]:
    """(table, value) of every stored value that is the id or contains it or one of the words."""
    id_pattern = re.compile(rf"(?<![0-9]){user_id}(?![0-9])")
    tables = [
        row["name"]
        for row in await store.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    found: list[tuple[str, str]] = []
    for table in tables:
        # Table names come from sqlite_master itself.
        for row in await store.fetch_all(f'SELECT * FROM "{table}"'):
            for value in tuple(row):
                text = str(value)
                if value == user_id or id_pattern.search(text) or any(w in text for w in words):
                    found.append((table, text[:80]))
    return found
