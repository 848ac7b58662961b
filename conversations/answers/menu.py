"""The main menu and the buttons that lead back to it or to a person."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


def rows_of(buttons: Sequence[Button], per_row: int = 2) -> tuple[tuple[Button, ...], ...]:
    """Buttons laid out `per_row` to a row (two: what a small phone shows without cutting)."""
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def centre_buttons(
    ctx: Ctx, payload: Callable[[str], Payload], centre_ids: list[str] | None = None
) -> tuple[tuple[Button, ...], ...]:
    """Two centres a row, each button carrying `payload(centre id)`."""
    ids = centre_ids if centre_ids is not None else [c.id for c in ctx.org.centres]
    # The centre's own word ("Stene"): two to a row, a full name is cut on a small phone.
    return rows_of([Button(short_centre(ctx, cid), payload(cid)) for cid in ids])


AT_ONCE = 5  # this many choices fit one screen of a small phone without "More"
PER_SCREEN = 4  # more than that: this many a screen (two rows of two), then "➡️ More"

Rows = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class Screen:
    """Which of a long list of choices one screen shows, and whether more screens follow."""

    page: int  # the screen shown (0: the first)
    shown: range  # the places of the choices it shows
    last: bool  # no screen after it

    @classmethod
    def of(cls, count: int, page: int = 0) -> Screen:
        """Screen `page` of `count` choices: all of them when few, else a few a screen."""
        if count <= AT_ONCE:
            return cls(0, range(count), True)
        pages = (count + PER_SCREEN - 1) // PER_SCREEN
        page = min(max(page, 0), pages - 1)
        start = page * PER_SCREEN
        return cls(page, range(start, min(start + PER_SCREEN, count)), page == pages - 1)


def more_row(ctx: Ctx, payload: Payload | str) -> tuple[Button, ...]:
    """The button that shows the next screen of a long list."""
    return (Button(ctx.tr.gettext("➡️ More"), payload),)


def centre_screen(
    ctx: Ctx,
    payload: Callable[[str], Payload],
    screen: Callable[[int], Payload | None],
    page: int = 0,
    centre_ids: list[str] | None = None,
) -> tuple[Rows, Payload | None]:
    """One screen of a centre choice: two centres a row and "➡️ More" (`screen(page + 1)`)
    when more follow; and the way back to the screen before it (None on the first)."""
    ids = centre_ids if centre_ids is not None else [c.id for c in ctx.org.centres]
    shown = Screen.of(len(ids), page)
    rows = centre_buttons(ctx, payload, [ids[i] for i in shown.shown])
    following = None if shown.last else screen(shown.page + 1)
    if following is not None:
        rows = (*rows, more_row(ctx, following))
    return rows, screen(shown.page - 1) if shown.page else None
