"""The main menu and the buttons that lead back to it or to a person."""

from __future__ import annotations

from collections.abc import Callable

from conversations.context import Ctx
from conversations.payloads import Payload
from conversations.reply import Button

# Button payloads: short, because Telegram allows 64 bytes of callback data.
MENU = "m"
HOURS = "h"
WHATSON = "w"
DESKS = "d"
CONTACT = "c"
NEAREST = "n"
LANGUAGE = "l"
PERSON = "p"
MY_SIGNUPS = "s"
PRIVACY = "x"


def main_menu(ctx: Ctx) -> tuple[tuple[Button, ...], ...]:
    """Every answer the bot can give, reachable without typing."""
    _ = ctx.tr.gettext
    return (
        (Button(_("🕘 Opening hours"), HOURS), Button(_("📅 What's on"), WHATSON)),
        (Button(_("🧭 Help with a question"), DESKS), Button(_("📍 Addresses"), CONTACT)),
        (Button(_("🔎 Nearest centre"), NEAREST), Button(_("✍️ My sign-ups"), MY_SIGNUPS)),
        (Button(_("🙋 Talk to a person"), PERSON), Button(_("🌐 Language"), LANGUAGE)),
        (Button(_("🔒 My data"), PRIVACY),),
    )


def back_row(ctx: Ctx, back: Payload | str | None = None) -> tuple[Button, ...]:
    """The way back: to the previous screen when there is one, to the menu, and to a person."""
    _ = ctx.tr.gettext
    row = [Button(_("⬅️ Back"), back)] if back else []
    row.append(Button(_("🏠 Menu"), MENU))
    row.append(Button(_("🙋 Talk to a person"), PERSON))  # one wording on every screen
    return tuple(row)


def centre_buttons(
    ctx: Ctx, payload: Callable[[str], Payload], centre_ids: list[str] | None = None
) -> tuple[tuple[Button, ...], ...]:
    """Two centres a row, each button carrying `payload(centre id)`."""
    ids = centre_ids if centre_ids is not None else [c.id for c in ctx.org.centres]
    buttons = [Button(ctx.centre_name(cid), payload(cid)) for cid in ids]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
