"""What the conversations remember about a resident, read from and written to the store."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from conversations.answers.basics import LANGUAGE_NAMES
from conversations.i18n import Translator
from rules import retention
from storage.conversation_language import ConversationLanguage
from storage.db import Database, utc_now_iso
from storage.repositories import repositories

SignupCanceller = retention.SignupCanceller
"""Cancels one sign-up by id, moving the waiting list up."""

# last_seen_at serves a purge counted in months: one write in half a day is plenty
SEEN_EVERY = timedelta(hours=12)


async def chosen_language(store: Database, user_id: int) -> str | None:
    """The language a resident chose earlier, if any."""
    return await repositories(store).residents.language(user_id)


async def language_and_flow(
    store: Database, user_id: int
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


async def conversation(store: Database, user_id: int) -> Known:
    """In one query: chosen language, flow in progress and the conversation's language."""
    start = await repositories(store).conversations.start_of_turn(user_id)
    flow = None if start.state is None else (start.state.flow, start.state.state)
    return Known(start.chosen, flow, start.spoken)


async def choose_language(
    store: Database, user_id: int, lang: str, now: datetime | None = None
) -> bool:
    """Remember a resident's choice of language; only with their consent (False: not kept)."""
    return await repositories(store).residents.choose_language(
        user_id, lang, now=now or datetime.now(UTC)
    )


async def seen(store: Database, user_id: int, now: datetime) -> None:
    """Note that a consenting resident wrote (for the purge of inactive residents)."""
    await repositories(store).residents.seen(user_id, now=now, every=SEEN_EVERY)


async def kept_data(store: Database, user_id: int, tr: Translator) -> dict[str, str]:
    """The personal data kept about a resident, labelled in their language for showing it."""
    _ = tr.gettext
    repos = repositories(store)
    resident = await repos.residents.get(user_id)
    if resident is None:
        return {}
    kept: dict[str, str] = {}
    if resident.name:
        kept[_("Name")] = resident.name
    if resident.language:
        kept[_("Language")] = LANGUAGE_NAMES.get(resident.language, resident.language)
    if resident.consent_at:
        kept[_("Consent given")] = tr.date(resident.consent_at)
    if resident.reduced_tariff is not None:
        kept[_("Reduced tariff")] = _("yes") if resident.reduced_tariff else _("no")
    kept[_("Reminders")] = {
        "both": _("the day before and on the day"),
        "day_before": _("the day before"),
        "same_day": _("on the day"),
        "none": _("none"),
    }.get(resident.reminders, resident.reminders)
    counts = await repos.residents.personal_counts(user_id)
    if counts.signups:
        kept[_("Sign-ups")] = str(counts.signups)
    if counts.help_requests:
        kept[_("Questions for staff")] = str(counts.help_requests)
    if counts.feedback:
        kept[_("Feedback")] = str(counts.feedback)
    if counts.volunteer_linked:
        kept[_("Volunteer account")] = _("linked")
    return kept


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row with JSON columns read back, so the file shows them as data."""
    found = dict(row)
    for key in ("options", "payload", "state"):
        if isinstance(found.get(key), str):
            with contextlib.suppress(ValueError):
                found[key] = json.loads(found[key])
    return found


async def my_data(store: Database, user_id: int, now: datetime) -> dict[str, Any]:
    """Everything the store holds about one resident, as plain data for a JSON file."""
    data: dict[str, Any] = {"exported_at": utc_now_iso(now), "telegram_id": user_id}
    for table, rows in (await repositories(store).residents.export(user_id)).items():
        data[table] = [_plain(row) for row in rows]
    data["resident"] = data.pop("residents", [None])[0] if data.get("residents") else None
    return data


async def forget(
    store: Database,
    user_id: int,
    cancel_signups: SignupCanceller,
    *,
    now: datetime | None = None,
) -> None:
    """Delete everything personal the bot keeps about a resident (`rules.retention.forget`).

    Their sign-ups still to come are cancelled first (through `cancel_signups`, which moves the
    waiting list up); with `now` (local time), sign-ups already past keep their status.
    """
    await retention.forget(repositories(store), user_id, cancel_signups, now=now)
