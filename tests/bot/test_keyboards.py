"""Inline keyboards: built once per distinct set of buttons, yet every dropped button logged."""

from __future__ import annotations

import logging

import pytest

from bot.telegram_adapter import inline_keyboard
from conversations.payloads import Hours, WhatsOn
from conversations.reply import Button

MENU = (
    (Button("🕒 Opening hours", Hours()), Button("📅 What's on", WhatsOn())),
    (Button("🌐 Website", url="https://www.oostende.be"),),
)


def test_the_same_buttons_give_the_same_markup_object() -> None:
    first = inline_keyboard(MENU)
    again = inline_keyboard([list(row) for row in MENU])  # equal buttons, other containers
    assert first is not None and first is again
    assert [[b.callback_data or b.url for b in row] for row in first.inline_keyboard] == [
        ["h", "w"],
        ["https://www.oostende.be"],
    ]


def test_other_buttons_give_another_markup() -> None:
    other = ((Button("🕒 Opening hours", Hours("centrum")),),)
    assert inline_keyboard(other) is not inline_keyboard(MENU)


def test_a_button_too_long_for_telegram_is_dropped_and_logged_every_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rows = ((Button("Fine", "ok"), Button("Too long", "x" * 65)),)
    with caplog.at_level(logging.WARNING, logger="bot.telegram_adapter"):
        for _ in range(2):
            markup = inline_keyboard(rows)
            assert markup is not None
            assert [b.callback_data for b in markup.inline_keyboard[0]] == ["ok"]
    assert sum("dropped a button" in r.getMessage() for r in caplog.records) == 2
