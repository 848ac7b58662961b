"""What the voice tests share: skip marks that say what is missing, and spoken clips made once."""

from __future__ import annotations

import functools
import os

import pytest

from bench.speech_samples import espeak_available, voice_note
from bot import speech

# CI sets VOORDEUR_REQUIRE_VOICE=1: there a missing part fails the tests instead of skipping them.
REQUIRED = os.environ.get("VOORDEUR_REQUIRE_VOICE") == "1"

needs_voice = pytest.mark.skipif(
    not REQUIRED and not speech.voice_available(),
    reason="the voice extra is not installed (pip install -e '.[voice]'; make install does)",
)
needs_espeak = pytest.mark.skipif(
    not REQUIRED and not espeak_available(),
    reason="espeak-ng is not installed (apt-get install espeak-ng; .ci/run does as root)",
)


@functools.cache
def spoken(text: str, lang: str) -> bytes:
    """The text said by espeak-ng, as a Telegram voice message (OGG/Opus); made once per run."""
    return voice_note(text, lang)
