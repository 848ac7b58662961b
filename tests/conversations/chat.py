"""Talking to the front door in tests as a resident would: buttons pressed, words typed."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from conversations.engine import FrontDoor
from conversations.payloads import P, Payload, unpack_any
from conversations.reply import Incoming, IncomingKind, Reply

BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY_MORNING = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)
"""Monday 23 November 2026, 10:15 in Oostende: the moment most stories start."""
RESIDENT = 4242
NEIGHBOUR = 4343
STAFF = 900001


def payloads(replies: list[Reply]) -> list[Payload | str]:
    """Every button payload offered, in order, as typed values (a string only if none fits)."""
    return [
        unpack_any(b.payload) or b.payload
        for r in replies
        for row in r.buttons
        for b in row
        if b.payload
    ]


def raw_payloads(replies: list[Reply]) -> list[str]:
    """Every button's callback data as sent: only for tests that forge payloads."""
    return [b.payload for r in replies for row in r.buttons for b in row]


def offered_as(replies: list[Reply], kind: type[P]) -> list[P]:
    """The payloads of one type offered, in order."""
    return [p for p in payloads(replies) if isinstance(p, kind)]


def plain(shown: str) -> str:
    """A text without its bidi isolates (invisible marks that keep numbers in order in Arabic)."""
    return re.sub("[\u2066-\u2069]", "", shown)


def text(replies: list[Reply]) -> str:
    """All reply texts as one, without bidi isolates."""
    return plain("\n".join(r.text for r in replies))


async def press(
    door: FrontDoor,
    payload: Payload | str,
    user: int = RESIDENT,
    lang: str = "en",
    name: str = "Anna",
) -> list[Reply]:
    """Press a button (a typed payload; a string only for forged or odd data)."""
    data = payload.pack() if isinstance(payload, Payload) else payload
    return await door.handle(
        Incoming(user, IncomingKind.BUTTON, payload=data, client_language=lang, display_name=name)
    )


async def say(
    door: FrontDoor, words: str, user: int = RESIDENT, lang: str = "en", name: str = "Anna"
) -> list[Reply]:
    """Type a message."""
    return await door.handle(
        Incoming(user, IncomingKind.TEXT, text=words, client_language=lang, display_name=name)
    )


def labels(replies: list[Reply]) -> list[str]:
    """Every button label offered, in order."""
    return [b.label for r in replies for row in r.buttons for b in row]


def button(replies: list[Reply], label: str) -> str:
    """The payload of the first button whose label holds `label`: pressing it as a person would."""
    for reply in replies:
        for row in reply.buttons:
            for b in row:
                if label in b.label:
                    return b.payload
    raise AssertionError(f"no button {label!r} among {labels(replies)}")


def first(replies: list[Reply], kind: type[P]) -> P:
    """The first button of a type offered (the first date, the first shift...)."""
    found = offered_as(replies, kind)
    assert found, f"no {kind.__name__} button among {labels(replies)}"
    return found[0]


async def every_screen(
    door: FrontDoor, opening: list[Reply], more: type[P], user: int = RESIDENT, lang: str = "en"
) -> list[list[Reply]]:
    """The first screen of a long list and every one behind "➡️ More" (a payload of type
    `more` with the next screen's `page`), as a resident would page through."""
    screens = [opening]
    while found := [
        p for p in offered_as(screens[-1], more) if getattr(p, "page", None) == len(screens)
    ]:
        screens.append(await press(door, found[0], user=user, lang=lang))
        assert len(screens) < 10
    return screens
