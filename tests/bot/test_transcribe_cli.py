"""`voordeur transcribe FILE [--lang CODE]`: the transcript on one line (contract §5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.voice_support import needs_espeak, needs_voice, spoken

QUESTION = "I would like to know when the Mariakerke centre is open on Sunday."


def transcribe(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command as an operator would."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "transcribe", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        check=False,
    )


@needs_voice
@needs_espeak
def test_transcribe_prints_what_a_voice_message_says_on_one_line(tmp_path: Path) -> None:
    clip = tmp_path / "question.ogg"
    clip.write_bytes(spoken(QUESTION, "en"))
    done = transcribe(str(clip), "--lang", "en-GB")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n") and done.stdout.count("\n") == 1
    words = done.stdout.lower()
    # espeak-ng's synthetic "Mariakerke" is heard whole or, with the libraries of 2026-12-08
    # (av 18.1, ctranslate2 4.8, espeak-ng 1.51 deb12u2), as "Mariaker" (test_voice_journey.py).
    assert "mariaker" in words and "open on sunday" in words


def test_transcribe_without_a_model_says_what_is_missing(tmp_path: Path) -> None:
    clip = tmp_path / "question.ogg"
    clip.write_bytes(b"OggS" + bytes(100))
    done = transcribe(str(clip), env={"VOORDEUR_VOICE_MODEL": str(tmp_path / "nothing")})
    assert done.returncode == 3
    assert "VOORDEUR_VOICE_MODEL" in done.stderr and done.stdout == ""


def test_transcribe_refuses_a_language_the_bot_does_not_speak(tmp_path: Path) -> None:
    done = transcribe(str(tmp_path / "x.ogg"), "--lang", "es")
    assert done.returncode == 2 and "--lang es" in done.stderr
