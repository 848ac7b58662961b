"""What the conversations remember about a resident, read from and written to the store."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from conversations.answers.basics import LANGUAGE_NAMES
from conversations.i18n import Translator
from storage.db import Store, utc_now_iso
from storage.schedule import Occurrence

SignupCanceller = Callable[[int], Awaitable[object]]
"""Cancels one sign-up by id, moving the waiting list up."""


async def chosen_language(store: Store, user_id: int) -> str | None:
    """The language a resident chose earlier, if any."""
    return await store.fetch_value("SELECT language FROM residents WHERE user_id = ?", (user_id,))


async def choose_language(
    store: Store, user_id: int, lang: str, now: datetime | None = None
) -> None:
    """Remember a resident's choice of language."""
    stamp = utc_now_iso(now or datetime.now(UTC))
    await store.execute(
        "INSERT INTO residents (user_id, language, created_at, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET language = excluded.language,"
        " updated_at = excluded.updated_at",
        (user_id, lang, stamp, stamp),
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
    if await store.fetch_value("SELECT 1 FROM volunteer_links WHERE telegram_id = ?", (user_id,)):
        kept[_("Volunteer account")] = _("linked")
    return kept


async def forget(store: Store, user_id: int, cancel_signups: SignupCanceller) -> None:
    """Delete everything personal the bot keeps about a resident.

    Their sign-ups are cancelled first (through `cancel_signups`, which moves the waiting list
    up); what they asked staff is kept without their name, number or words.
    """
    rows = await store.fetch_all(
        "SELECT id FROM signups WHERE resident_id = ? AND status <> 'cancelled'", (user_id,)
    )
    for row in rows:
        await cancel_signups(row["id"])
    async with store.transaction(immediate=True):
        await store.execute("DELETE FROM conversation_state WHERE user_id = ?", (user_id,))
        await store.execute(
            "DELETE FROM outbox WHERE chat_id = ? AND status IN ('pending', 'sending')",
            (user_id,),
        )
        await store.execute(
            "UPDATE help_requests SET resident_id = NULL, message = '', contact_phone = NULL"
            " WHERE resident_id = ?",
            (user_id,),
        )
        await store.execute(
            "UPDATE feedback SET resident_id = NULL WHERE resident_id = ?", (user_id,)
        )
        await store.execute("DELETE FROM volunteer_links WHERE telegram_id = ?", (user_id,))
        await store.execute("DELETE FROM signups WHERE resident_id = ?", (user_id,))
        await store.execute("DELETE FROM residents WHERE user_id = ?", (user_id,))


async def places_taken(store: Store, org_id: str, occurrence: Occurrence) -> int:
    """Places taken at one occurrence by confirmed sign-ups (every person counts)."""
    taken = await store.fetch_value(
        "SELECT COALESCE(SUM(party_size), 0) FROM signups WHERE org_id = ? AND activity_id = ?"
        " AND centre_id = ? AND occurrence_start = ? AND status = 'confirmed'",
        (
            org_id,
            occurrence.item_id,
            occurrence.centre,
            occurrence.start.strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    return int(taken or 0)
