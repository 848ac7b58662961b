"""What the conversations remember about a resident, read from and written to the store."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from conversations.answers.basics import LANGUAGE_NAMES
from conversations.i18n import Translator
from storage.conversation_language import ConversationLanguage, from_row
from storage.db import Store, utc_now_iso
from storage.records import local_start

SignupCanceller = Callable[[int], Awaitable[object]]
"""Cancels one sign-up by id, moving the waiting list up."""

# last_seen_at serves a purge counted in months: one write in half a day is plenty
SEEN_EVERY = timedelta(hours=12)

PERSONAL_ROWS: tuple[tuple[str, str], ...] = (
    ("residents", "user_id"),
    ("signups", "resident_id"),
    ("help_requests", "resident_id"),
    ("feedback", "resident_id"),
    ("feedback_settings", "user_id"),
    ("volunteer_links", "telegram_id"),
    ("volunteer_codes", "used_by"),
    ("outbox", "chat_id"),
    ("conversation_state", "user_id"),
    ("conversation_language", "user_id"),
)
"""Every (table, column) that holds rows about one resident, keyed by their Telegram id."""


async def chosen_language(store: Store, user_id: int) -> str | None:
    """The language a resident chose earlier, if any."""
    return await store.fetch_value("SELECT language FROM residents WHERE user_id = ?", (user_id,))


async def language_and_flow(
    store: Store, user_id: int
) -> tuple[str | None, tuple[str, dict[str, Any]] | None]:
    """In one query: the language a resident chose, and the flow they are in the middle of."""
    known = await conversation(store, user_id)
    return known.chosen, known.flow


@dataclass(frozen=True)
class Known:
    """What the store knows about a resident at the start of a turn, read in one query."""

    chosen: str | None = None  # the language they chose (only with consent)
    flow: tuple[str, dict[str, Any]] | None = None  # the flow they are in the middle of
    spoken: ConversationLanguage | None = None  # the language their conversation is in


async def conversation(store: Store, user_id: int) -> Known:
    """In one query: chosen language, flow in progress and the conversation's language."""
    row = await store.fetch_one(
        "SELECT (SELECT language FROM residents WHERE user_id = :user) AS language,"
        " c.flow AS flow, c.state AS state, l.language AS spoken, l.asked AS asked,"
        " l.updated_at AS spoken_at FROM (SELECT 1)"
        " LEFT JOIN conversation_state AS c ON c.user_id = :user"
        " LEFT JOIN conversation_language AS l ON l.user_id = :user",
        {"user": user_id},
    )
    if row is None:
        return Known()
    flow = None if row["flow"] is None else (row["flow"], json.loads(row["state"]))
    spoken = from_row(row["spoken"], row["asked"], row["spoken_at"])
    return Known(row["language"], flow, spoken)


async def choose_language(
    store: Store, user_id: int, lang: str, now: datetime | None = None
) -> bool:
    """Remember a resident's choice of language; only with their consent (False: not kept)."""
    stamp = utc_now_iso(now or datetime.now(UTC))
    changed = await store.execute_count(
        "UPDATE residents SET language = ?, updated_at = ?"
        " WHERE user_id = ? AND consent_at IS NOT NULL",
        (lang, stamp, user_id),
    )
    return changed > 0


async def seen(store: Store, user_id: int, now: datetime) -> None:
    """Note that a consenting resident wrote (for the purge of inactive residents)."""
    await store.execute(
        "UPDATE residents SET last_seen_at = ? WHERE user_id = ? AND consent_at IS NOT NULL"
        " AND (last_seen_at IS NULL OR last_seen_at < ?)",
        (utc_now_iso(now), user_id, utc_now_iso(now - SEEN_EVERY)),
    )


async def kept_data(store: Store, user_id: int, tr: Translator) -> dict[str, str]:
    """The personal data kept about a resident, labelled in their language for showing it."""
    _ = tr.gettext
    row = await store.fetch_one(
        "SELECT name, language, consent_at, reduced_tariff, reminders FROM residents"
        " WHERE user_id = ?",
        (user_id,),
    )
    if row is None:
        return {}
    kept: dict[str, str] = {}
    if row["name"]:
        kept[_("Name")] = row["name"]
    if row["language"]:
        kept[_("Language")] = LANGUAGE_NAMES.get(row["language"], row["language"])
    if row["consent_at"]:
        kept[_("Consent given")] = tr.date(datetime.fromisoformat(row["consent_at"]))
    if row["reduced_tariff"] is not None:
        kept[_("Reduced tariff")] = _("yes") if row["reduced_tariff"] else _("no")
    kept[_("Reminders")] = {
        "both": _("the day before and on the day"),
        "day_before": _("the day before"),
        "same_day": _("on the day"),
        "none": _("none"),
    }.get(row["reminders"], row["reminders"])
    signups = await store.fetch_value(
        "SELECT COUNT(*) FROM signups WHERE resident_id = ? AND status <> 'cancelled'",
        (user_id,),
    )
    if signups:
        kept[_("Sign-ups")] = str(signups)
    requests = await store.fetch_value(
        "SELECT COUNT(*) FROM help_requests WHERE resident_id = ?", (user_id,)
    )
    if requests:
        kept[_("Questions for staff")] = str(requests)
    said = await store.fetch_value(
        "SELECT COUNT(*) FROM feedback WHERE resident_id = ?", (user_id,)
    )
    if said:
        kept[_("Feedback")] = str(said)
    if await store.fetch_value("SELECT 1 FROM volunteer_links WHERE telegram_id = ?", (user_id,)):
        kept[_("Volunteer account")] = _("linked")
    return kept


async def _tables(store: Store) -> set[str]:
    rows = await store.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row["name"] for row in rows}


def _plain(row: Any) -> dict[str, Any]:
    """A row as a dict, with JSON columns read back so the file shows them as data."""
    found = dict(row)
    for key in ("options", "payload", "state"):
        if isinstance(found.get(key), str):
            with contextlib.suppress(ValueError):
                found[key] = json.loads(found[key])
    return found


async def my_data(store: Store, user_id: int, now: datetime) -> dict[str, Any]:
    """Everything the store holds about one resident, as plain data for a JSON file."""
    existing = await _tables(store)
    data: dict[str, Any] = {"exported_at": utc_now_iso(now), "telegram_id": user_id}
    for table, column in PERSONAL_ROWS:
        if table not in existing:
            continue  # an older schema; nothing of this kind can be kept
        # Table and column come from the fixed list above, never from input.
        rows = await store.fetch_all(
            f"SELECT * FROM {table} WHERE {column} = ? ORDER BY rowid", (user_id,)
        )
        data[table] = [_plain(row) for row in rows]
    data["resident"] = data.pop("residents", [None])[0] if data.get("residents") else None
    return data


async def forget(
    store: Store, user_id: int, cancel_signups: SignupCanceller, *, now: datetime | None = None
) -> None:
    """Delete everything personal the bot keeps about a resident.

    Their sign-ups still to come are cancelled first (through `cancel_signups`, which moves the
    waiting list up); with `now` (local time), sign-ups already past keep their status. Every
    sign-up then stays only as an anonymous count for the reports; what they asked staff keeps its
    topic and timing, their feedback its rating, without their name, number or words.
    """
    upcoming = "" if now is None else " AND (occurrence_start >= ? OR series = 1)"
    params: tuple[object, ...] = (user_id,) if now is None else (user_id, local_start(now))
    rows = await store.fetch_all(
        f"SELECT id FROM signups WHERE resident_id = ? AND status <> 'cancelled'{upcoming}",
        params,  # `upcoming` is one of two fixed strings
    )
    for row in rows:
        await cancel_signups(row["id"])
    stamp = utc_now_iso(now or datetime.now(UTC))
    existing = await _tables(store)
    async with store.transaction(immediate=True):
        await store.execute("DELETE FROM conversation_state WHERE user_id = ?", (user_id,))
        await store.execute("DELETE FROM conversation_language WHERE user_id = ?", (user_id,))
        # Pending messages go; sent ones too, since they only record that we wrote to them.
        await store.execute("DELETE FROM outbox WHERE chat_id = ?", (user_id,))
        help_columns = {
            row["name"] for row in await store.fetch_all("PRAGMA table_info(help_requests)")
        }
        # Staff notes on the request may name the resident: they go too.
        note = ", note = NULL" if "note" in help_columns else ""
        await store.execute(
            "UPDATE help_requests SET resident_id = NULL, message = '', contact_phone = NULL"
            f"{note} WHERE resident_id = ?",  # `note` is one of two fixed strings
            (user_id,),
        )
        await store.execute(
            "UPDATE feedback SET resident_id = NULL, message = '' WHERE resident_id = ?",
            (user_id,),
        )
        if "feedback_settings" in existing:
            await store.execute("DELETE FROM feedback_settings WHERE user_id = ?", (user_id,))
        await store.execute("DELETE FROM volunteer_links WHERE telegram_id = ?", (user_id,))
        await store.execute(
            "UPDATE volunteer_codes SET used_by = NULL WHERE used_by = ?", (user_id,)
        )
        await store.execute(
            "UPDATE signups SET resident_id = NULL, walk_in_name = '', walk_in_phone = NULL,"
            " options = '{}', anonymised_at = ? WHERE resident_id = ?",
            (stamp, user_id),
        )
        await store.execute("DELETE FROM residents WHERE user_id = ?", (user_id,))
