"""Consent: nothing personal is kept about a resident before they agreed to it.

A flow that is about to keep personal data (a sign-up keeps the resident's name and choices)
first checks `has_consent`; without it, it shows `consent_answer` with an accept button that
carries the flow's own `continue_payload`. When that button comes back, the flow calls
`give_consent` and carries on where it was.
"""

from __future__ import annotations

from datetime import datetime

from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.reply import Button, Reply
from storage.db import Store, utc_now_iso


async def has_consent(store: Store, user_id: int) -> bool:
    """Whether the resident agreed that we keep their personal data."""
    value = await store.fetch_value(
        "SELECT consent_at FROM residents WHERE user_id = ?", (user_id,)
    )
    return value is not None


async def give_consent(
    store: Store, user_id: int, now: datetime, *, name: str | None = None
) -> None:
    """Record the resident's consent (and the name Telegram gives, for attendance lists)."""
    stamp = utc_now_iso(now)
    await store.execute(
        "INSERT INTO residents (user_id, name, consent_at, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
        " consent_at = coalesce(residents.consent_at, excluded.consent_at),"
        " name = coalesce(excluded.name, residents.name), updated_at = excluded.updated_at",
        (user_id, name or None, stamp, stamp, stamp),
    )


def consent_answer(ctx: Ctx, continue_payload: str, *, intent: str = "signup") -> Answer:
    """What we keep, why, and how to delete it; accepting sends `continue_payload`."""
    _ = ctx.tr.gettext
    text = "\n".join(
        [
            _("Before I sign you up: to do that I keep a few things about you."),
            "",
            _("• your name as Telegram shows it, for the list at the centre"),
            _("• your sign-ups and choices, such as the menu or the reduced tariff"),
            "",
            _(
                "Only the staff of the centres see it. You can see or delete it at any time "
                "with “My data” in the menu."
            ),
            _("Is that all right?"),
        ]
    )
    rows = (
        (Button(_("✅ Yes, that is fine"), continue_payload),),
        (Button(_("No, thank you"), menu.MENU),),
        menu.back_row(ctx),
    )
    return Answer(language=ctx.lang, intent=intent, replies=[Reply(text, rows, language=ctx.lang)])
