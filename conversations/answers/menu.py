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


def short_centre(ctx: Ctx, centre_id: str) -> str:
    """A centre's name without the words that start or end every centre's name.

    "Ontmoetingscentrum Stene" is "Stene", "Centrum community centre" is "Centrum", and
    "Centrum spotkań Centrum" is "Centrum" (only the shared opening words go).
    """
    name = ctx.centre_name(centre_id).split()
    names = [ctx.centre_name(c.id).split() for c in ctx.org.centres]
    if len(names) < 2:
        return " ".join(name)
    shortest = min(len(words) for words in names)
    head = 0
    while head < shortest - 1 and len({tuple(words[: head + 1]) for words in names}) == 1:
        head += 1
    tail = 0
    while tail < shortest - 1 - head and len({tuple(words[-tail - 1 :]) for words in names}) == 1:
        tail += 1
    short = name[head : len(name) - tail]
    return " ".join(short or name)


def centre_buttons(
    ctx: Ctx, payload: Callable[[str], Payload], centre_ids: list[str] | None = None
) -> tuple[tuple[Button, ...], ...]:
    """Two centres a row, each button carrying `payload(centre id)`."""
    ids = centre_ids if centre_ids is not None else [c.id for c in ctx.org.centres]
    # The centre's own word ("Stene"): two to a row, a full name is cut on a small phone.
    buttons = [Button(short_centre(ctx, cid), payload(cid)) for cid in ids]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
