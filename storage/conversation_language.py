"""The language a conversation is in: one short-lived row per resident, consent or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database, utc_now_iso

KEPT = timedelta(days=1)
"""How long a conversation's language counts after it was last noted; then it is forgotten."""
REFRESH = timedelta(hours=1)
"""A language still in use is noted again at most this often (one write an hour at most)."""


@dataclass(frozen=True)
class ConversationLanguage:
    """The language a resident was using, and whether they asked for it in so many words."""

    language: str
    asked: bool
    updated_at: datetime

    def fresh(self, now: datetime) -> bool:
        """Whether the conversation is still going on at `now`."""
        return timedelta(0) <= now - self.updated_at <= KEPT

    def due(self, now: datetime) -> bool:
        """Whether noting it again would keep it alive (not written more than hourly)."""
        return now - self.updated_at >= REFRESH


def from_row(
    language: str | None, asked: int | None, updated_at: str | None
) -> ConversationLanguage | None:
    """A ConversationLanguage from the columns of a query, or None when there is no row."""
    if not language or not updated_at:
        return None
    return ConversationLanguage(language, bool(asked), datetime.fromisoformat(updated_at))


async def note(store: Database, user_id: int, language: str, asked: bool, now: datetime) -> None:
    """Remember the language this resident's conversation is in."""
    await store.execute(
        "INSERT INTO conversation_language (user_id, language, asked, updated_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET language = excluded.language,"
        " asked = excluded.asked, updated_at = excluded.updated_at",
        (user_id, language, int(asked), utc_now_iso(now)),
    )


async def drop(store: Database, user_id: int) -> None:
    """Forget the language of this resident's conversation."""
    await store.execute("DELETE FROM conversation_language WHERE user_id = ?", (user_id,))
