"""The speech recogniser's own rules: the model folder, the language, the bounds, the audio."""

from __future__ import annotations

import asyncio
import io
import math
import struct
import sys
import wave
from pathlib import Path

import pytest

from bot import speech
from bot.voice import Busy, VoiceListener, heard_line, with_heard_line
from conversations.reply import Reply
from tests.voice_support import needs_voice


def wav(seconds: float, rate: int = 22_050) -> bytes:
    """A 440 Hz tone as a 16-bit mono WAV file."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
        for n in range(int(seconds * rate))
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(frames)
    return out.getvalue()


# -- language ---------------------------------------------------------------------------------


def test_the_conversation_language_stands_unless_another_is_clearly_spoken() -> None:
    unsure = {"de": 0.31, "en": 0.15, "nl": 0.03}  # Dutch in a synthetic voice, as measured
    assert speech.choose_language(unsure, "nl") == ("nl", 0.03)
    sure = {"en": 0.83, "nl": 0.01}
    assert speech.choose_language(sure, "nl") == ("en", 0.83)


def test_only_the_bots_eight_languages_can_be_picked() -> None:
    # Whisper hears Latin, Korean or Finnish in unclear clips; none of those is answered in.
    assert speech.choose_language({"la": 0.6, "ko": 0.2, "uk": 0.01}, None) == ("uk", 0.01)
    assert speech.choose_language({"ko": 0.9, "tr": 0.02, "pl": 0.06}, "tr") == ("tr", 0.02)


def test_decoding_is_bounded_by_the_length_of_the_clip() -> None:
    short, long = speech.max_new_tokens(2.0), speech.max_new_tokens(25.0)
    assert short < long <= speech.TOKENS_MAX
    assert speech.max_new_tokens(60.0) == speech.max_new_tokens(30.0)  # one 30 s window at most


# -- the model folder -------------------------------------------------------------------------


def parts(tmp_path: Path) -> list[Path]:
    """Two folders shaped like the voice extra's packages, with a small model cut in two."""
    first, second = tmp_path / "part1" / "data", tmp_path / "part2" / "data"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    (first / "model.bin.part1").write_bytes(b"A" * 1000)
    (second / "model.bin.part2").write_bytes(b"B" * 500)
    for name in speech.MODEL_FILES:
        (first / name).write_text(f"{name} content")
    return [first, second]


def test_the_model_halves_are_joined_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(speech.CACHE_ENV, str(tmp_path / "cache"))
    folder = speech.joined_model(parts(tmp_path))
    assert folder.parent == tmp_path / "cache"
    assert (folder / "model.bin").read_bytes() == b"A" * 1000 + b"B" * 500
    assert (folder / "tokenizer.json").read_text() == "tokenizer.json content"
    joined_at = (folder / "model.bin").stat().st_mtime_ns
    assert speech.joined_model(parts(tmp_path / "again")) == folder
    assert (folder / "model.bin").stat().st_mtime_ns == joined_at  # not written again
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_a_half_written_model_is_joined_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(speech.CACHE_ENV, str(tmp_path / "cache"))
    folder = speech.joined_model(parts(tmp_path))
    (folder / "model.bin").write_bytes(b"A" * 10)
    assert speech.joined_model(parts(tmp_path / "again")) == folder
    assert (folder / "model.bin").stat().st_size == 1500


def test_an_unusable_cache_folder_falls_back_to_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(speech.CACHE_ENV, str(blocker / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = speech.joined_model(parts(tmp_path))
    assert folder.parent == tmp_path / "xdg" / "voordeur"


def test_a_configured_model_folder_must_hold_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(speech.MODEL_ENV, str(tmp_path))
    assert not speech.voice_available()
    with pytest.raises(speech.VoiceUnavailable, match=speech.MODEL_ENV):
        speech.model_directory()


def test_without_the_extra_voice_is_unavailable_and_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(speech.MODEL_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # how Python marks "not importable"
    assert not speech.voice_available()
    assert "faster_whisper" in speech.missing_parts()
    with pytest.raises(speech.VoiceUnavailable, match=r"voordeur\[voice\]"):
        speech.model_directory()


# -- audio ------------------------------------------------------------------------------------


@needs_voice
def test_audio_past_a_minute_is_not_even_decoded() -> None:
    samples, cut = speech.decode_audio(wav(70.0))
    assert cut and len(samples) == 60 * speech.SAMPLE_RATE
    samples, cut = speech.decode_audio(wav(5.0))
    assert not cut and abs(len(samples) - 5 * speech.SAMPLE_RATE) < speech.SAMPLE_RATE // 10


@needs_voice
def test_bytes_that_are_no_audio_are_refused() -> None:
    with pytest.raises(speech.AudioError):
        speech.decode_audio(b"this is a text file, not a voice message")


# -- the reply --------------------------------------------------------------------------------


def test_the_first_reply_to_the_speaker_starts_with_what_was_heard() -> None:
    staff = Reply("New help request", recipient=900001)
    answer = Reply("Stene is open 9-16.", language="en")
    shown = with_heard_line([staff, answer], " Is Stene open? ")
    assert shown[0] == staff
    assert shown[1].text == "🎤 «Is Stene open?»\n\nStene is open 9-16."
    assert with_heard_line([], "Hello") == [Reply(heard_line("Hello"), language="nl")]


# -- the worker -------------------------------------------------------------------------------


@needs_voice
async def test_a_full_queue_turns_clips_away_and_an_idle_worker_goes() -> None:
    listener = VoiceListener(max_waiting=0)
    try:
        silence = wav(1.0)
        first = asyncio.ensure_future(
            listener.transcribe(silence, hint="nl", prompt=None, seconds=1)
        )
        await asyncio.sleep(0)  # the first clip is handed over
        with pytest.raises(Busy):
            await listener.transcribe(silence, hint="nl", prompt=None, seconds=1)
        heard = await first
        assert heard.audio_seconds == pytest.approx(1.0, abs=0.05)
        assert listener.loaded
        listener.unload()
        assert not listener.loaded
    finally:
        listener.shutdown()


def test_operators_set_voice_in_the_environment_or_the_file(tmp_path: Path) -> None:
    from bot.config import ConfigError, load_config

    env = {"VOORDEUR_VOICE": "false", "VOORDEUR_VOICE_WORKERS": "2", "VOORDEUR_VOICE_IDLE": "60"}
    config = load_config(env, require_token=False)
    assert (config.voice, config.voice_workers, config.voice_idle) == (False, 2, 60.0)
    toml = tmp_path / "voordeur.toml"
    toml.write_text("[voice]\nenabled = true\nworkers = 0\n")
    with pytest.raises(ConfigError, match="must be at least 1"):
        load_config({}, toml, require_token=False)
