"""Spoken test questions made on the spot: espeak-ng speaks, PyAV encodes a Telegram voice note.

Used by the voice benchmark and the voice tests, so no audio file needs to live in the
repository. espeak-ng comes from the distribution (`apt-get install espeak-ng`); PyAV comes with
faster-whisper in the voice extra.
"""

from __future__ import annotations

import io
import shutil
import subprocess

# espeak-ng's voice for each of the bot's languages
ESPEAK_VOICES = {
    "nl": "nl",
    "fr": "fr",
    "de": "de",
    "en": "en",
    "tr": "tr",
    "ar": "ar",
    "pl": "pl",
    "uk": "uk",
}


def espeak_available() -> bool:
    """Whether espeak-ng is installed."""
    return shutil.which("espeak-ng") is not None


def spoken_wav(text: str, lang: str, *, words_per_minute: int = 160) -> bytes:
    """The text spoken by espeak-ng in the language's voice, as a WAV file."""
    done = subprocess.run(
        ["espeak-ng", "-v", ESPEAK_VOICES[lang], "-s", str(words_per_minute), "--stdout", text],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return done.stdout


def ogg_opus(wav: bytes, *, bit_rate: int = 32_000) -> bytes:
    """Audio re-encoded as Telegram records voice messages: Opus in OGG, 48 kHz mono."""
    import av

    out_buffer = io.BytesIO()
    with (
        av.open(io.BytesIO(wav), mode="r") as source,
        av.open(out_buffer, mode="w", format="ogg") as out,
    ):
        stream = out.add_stream("libopus", rate=48_000, layout="mono")
        stream.bit_rate = bit_rate
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48_000)
        for frame in source.decode(audio=0):
            for resampled in resampler.resample(frame):
                out.mux(stream.encode(resampled))
        for resampled in resampler.resample(None):
            out.mux(stream.encode(resampled))
        out.mux(stream.encode(None))
    return out_buffer.getvalue()


def voice_note(text: str, lang: str) -> bytes:
    """The text as a Telegram voice message (OGG/Opus) spoken by espeak-ng."""
    return ogg_opus(spoken_wav(text, lang))


def seconds_of(wav: bytes) -> float:
    """The length of a WAV file as espeak-ng writes it (16-bit mono, 44-byte header).

    espeak-ng streams to stdout, so its header cannot tell the length: the data size does.
    """
    import wave

    with wave.open(io.BytesIO(wav)) as reader:
        rate, width, channels = reader.getframerate(), reader.getsampwidth(), reader.getnchannels()
    return (len(wav) - 44) / (rate * width * channels)
