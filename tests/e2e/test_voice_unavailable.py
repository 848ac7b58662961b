"""Without the voice extra, a voice message gets a friendly please-type answer in the resident's
language. These tests run whether or not the extra is installed: they hide it the way Python
marks a module as not importable."""

from __future__ import annotations

import sys

import pytest

from .botapi_double import BotApiDouble
from .conftest import StartBot

RESIDENT = 7171


async def test_without_the_voice_extra_a_voice_message_gets_type_please(
    api: BotApiDouble, start_bot: StartBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    await start_bot()
    api.queue_voice(RESIDENT, b"OggS" + bytes(100), duration=3, language_code="fr")
    (reply,) = await api.wait_for_sent(RESIDENT, 1)
    assert "messages vocaux" in reply.text and "Écrivez votre question" in reply.text
    assert reply.keyboard, "the menu comes along, so nothing needs typing"
    assert api.calls_of("getFile") == []


async def test_voice_switched_off_by_the_operator_gets_type_please_too(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    await start_bot(voice=False)
    api.queue_voice(
        RESIDENT, b"OggS" + bytes(100), duration=3, language_code="de", as_audio_file=True
    )
    (reply,) = await api.wait_for_sent(RESIDENT, 1)
    assert "Sprachnachrichten" in reply.text
    assert api.calls_of("getFile") == []
