"""The console channel: the resident's side of the bot in a terminal, buttons as numbers.

A typed number presses that numbered button, except where the bot waits at a form question that
takes the number itself ("2" at "how many people?"): there it is typed text, as on Telegram.
"#2" always presses button 2.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import TextIO

from bot.runtime import Voordeur
from conversations.reply import Button, Incoming, IncomingKind, Reply

CONSOLE_USER_ID = 1
QUIT_WORDS = frozenset({"q", "quit", "exit", "stop", "/quit"})


def render(replies: list[Reply]) -> tuple[str, list[Button]]:
    """The replies as terminal text, with every button numbered; returns the text and buttons."""
    lines: list[str] = []
    buttons: list[Button] = []
    for reply in replies:
        if reply.venue is not None:
            lines.append(
                f"🗺  {reply.venue.title}, {reply.venue.address} "
                f"({reply.venue.latitude:.4f}, {reply.venue.longitude:.4f})"
            )
            continue
        lines.append(reply.text)
        if reply.document is not None:
            lines.append(f"📎 {reply.document.filename}")
        for row in reply.buttons:
            cells = []
            for button in row:
                buttons.append(button)
                cells.append(f"[{len(buttons)}] {button.label}")
            lines.append("   ".join(cells))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n", buttons


PRESS = "#"  # "#2" presses button 2 even where a form would take "2" as the answer


def pressed_number(text: str, buttons: list[Button]) -> int | None:
    """The button number typed ("2" or "#2"), when there is such a button."""
    number = text.removeprefix(PRESS).strip()
    if number.isdigit() and 1 <= int(number) <= len(buttons):
        return int(number)
    return None


def to_incoming(
    line: str, buttons: list[Button], ask: Callable[[str], str], typed: bool = False
) -> Incoming | None:
    """What the person typed, as a neutral message: a number picks a button, unless `typed`
    (the form question waiting takes the number as its answer) and it has no "#"."""
    text = line.strip()
    number = pressed_number(text, buttons)
    if number is not None and not (typed and not text.startswith(PRESS)):
        button = buttons[number - 1]
        if button.url:
            return Incoming(CONSOLE_USER_ID, IncomingKind.TEXT, text=button.url)
        if button.request_location:
            answer = ask("lat, lon: ")
            try:
                lat, lon = (float(part) for part in answer.split(","))
            except ValueError:
                return None
            return Incoming(CONSOLE_USER_ID, IncomingKind.LOCATION, latitude=lat, longitude=lon)
        return Incoming(CONSOLE_USER_ID, IncomingKind.BUTTON, payload=button.payload)
    if text.startswith("/"):
        command, _sep, args = text[1:].partition(" ")
        return Incoming(CONSOLE_USER_ID, IncomingKind.COMMAND, payload=command, text=args)
    return Incoming(CONSOLE_USER_ID, IncomingKind.TEXT, text=text)


async def chat(
    voordeur: Voordeur,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    client_language: str | None = None,
) -> None:
    """Talk with the bot until the person types q or the input ends."""

    def read(prompt: str) -> str | None:
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        return line if line else None

    def ask(prompt: str) -> str:
        return read(prompt) or ""

    front_door = voordeur.front_door
    loop = asyncio.get_running_loop()
    replies = await front_door.handle(
        Incoming(
            CONSOLE_USER_ID, IncomingKind.COMMAND, payload="start", client_language=client_language
        )
    )
    while True:
        text, buttons = render(replies)
        stdout.write(text)
        lang = replies[-1].language if replies else voordeur.org.default_language
        _ = voordeur.i18n.get(lang).gettext
        stdout.write(_("(type your question, a number to choose, or q to stop)") + "\n")
        line = await loop.run_in_executor(None, read, "> ")
        if line is None or line.strip().lower() in QUIT_WORDS:
            stdout.write("👋\n")
            return
        if not line.strip():
            continue
        text = line.strip()
        typed = (
            not text.startswith(PRESS)
            and pressed_number(text, buttons) is not None
            and await front_door.answers_form(
                Incoming(
                    CONSOLE_USER_ID, IncomingKind.TEXT, text=text, client_language=client_language
                )
            )
        )
        incoming = to_incoming(line, buttons, ask, typed)
        if incoming is None:
            continue
        incoming = Incoming(
            incoming.user_id,
            incoming.kind,
            incoming.text,
            incoming.payload,
            incoming.latitude,
            incoming.longitude,
            client_language,
        )
        replies = await front_door.handle(incoming)
