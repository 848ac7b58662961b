"""Voice messages: listened to in a worker process, then answered as the same words typed.

The bot's own process never loads the speech model: `VoiceListener` starts a worker process the
first time somebody speaks (the model loads there, about 1–3 s), hands it one clip at a time and
stops it again after a quiet spell, so a bot nobody speaks to stays small. Clips wait their turn
in a short queue; when it is full the resident is asked to try again or type. The worker runs at
a lower CPU priority, so typed questions of other residents keep being answered while it works.

`listen` is the transport-free part of a voice message's journey: refuse what is too long, fetch
the audio (kept in memory only, never written anywhere), show "typing…" while listening, and
hand back the same words as a typed message; the caller puts it through the front door like any
other and starts the reply with what was heard (`with_heard_line`). Telegram specifics (getFile,
the chat action) come in as two callables.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import multiprocessing
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from bot import speech
from conversations.answers.voice import BUSY, FAILED, TOO_LONG, UNAVAILABLE, UNHEARD
from conversations.reply import Incoming, IncomingKind, Reply

log = logging.getLogger(__name__)

MAX_SECONDS = speech.MAX_SECONDS  # longer voice messages are refused, politely
MAX_BYTES = 20 * 1024 * 1024  # the Bot API's own getFile limit
TYPING_EVERY = 4.0  # Telegram shows "typing…" for about 5 s per chat action
IDLE_SECONDS = 600.0  # the worker (and its ~400 MB model) goes after this long without a clip
MAX_WAITING = 8  # clips queued behind the ones being transcribed; more are turned away
# A clip that takes longer than this has gone wrong (the decoding bounds keep a clip near real
# time): the worker is stopped and the resident told. The first clip also waits for the load.
TIMEOUT_FIRST = 60.0
TIMEOUT_PER_SECOND = 3.0


@dataclass(frozen=True)
class VoiceClip:
    """A voice message or audio file as the transport announced it (nothing downloaded yet)."""

    file_id: str
    seconds: float | None  # as the sender's app reported it
    size: int | None  # bytes, as reported


class Busy(RuntimeError):
    """The queue of clips is full."""


class ListenFailed(RuntimeError):
    """The worker died, timed out or could not load the model."""


# -- the worker process ---------------------------------------------------------------------------

_recogniser: speech.Recogniser | None = None


def _worker_start(threads: int, nice: int) -> None:
    """In the worker: lower its priority, then load the model once."""
    global _recogniser
    with contextlib.suppress(OSError):
        os.nice(nice)
    _recogniser = speech.Recogniser(threads=threads)


def _worker_transcribe(data: bytes, hint: str | None, prompt: str | None) -> speech.Transcript:
    """In the worker: one clip."""
    assert _recogniser is not None, "the initializer loads the model"
    return _recogniser.transcribe(data, hint=hint, prompt=prompt)


# -- the bot's side -------------------------------------------------------------------------------


class VoiceListener:
    """Transcribes clips in worker processes, `workers` at a time, queued, model loaded lazily."""

    def __init__(
        self,
        *,
        workers: int = 1,
        threads: int = 0,
        idle_seconds: float = IDLE_SECONDS,
        max_waiting: int = MAX_WAITING,
        nice: int = 5,
    ) -> None:
        self.workers = max(1, workers)
        # The cores shared out among the workers; the bot's own process needs little.
        self.threads = threads or max(1, (os.cpu_count() or 1) // self.workers)
        self.idle_seconds = idle_seconds
        self.max_waiting = max_waiting
        self.nice = nice
        self.clips = 0  # transcribed so far
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._pending = 0  # clips handed over and not yet back, or waiting for a turn
        self._idle: asyncio.TimerHandle | None = None

    @property
    def loaded(self) -> bool:
        """Whether a worker process (and so the model) is up."""
        return self._pool is not None

    async def transcribe(
        self, data: bytes, *, hint: str | None, prompt: str | None, seconds: float | None
    ) -> speech.Transcript:
        """Transcribe a clip in a worker; raises Busy, ListenFailed or speech.AudioError."""
        if self._pending >= self.workers + self.max_waiting:
            raise Busy()
        self._pending += 1
        self._cancel_idle()
        first = self._pool is None
        pool = self._ensure_pool()
        timeout = (TIMEOUT_FIRST if first else TIMEOUT_FIRST / 2) + TIMEOUT_PER_SECOND * (
            min(seconds or MAX_SECONDS, MAX_SECONDS)
        )
        # Waiting in the pool's queue counts against the timeout too: a generous allowance.
        timeout += (self._pending - 1) / self.workers * TIMEOUT_PER_SECOND * MAX_SECONDS
        try:
            future = pool.submit(_worker_transcribe, data, hint, prompt)
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except speech.AudioError:
            raise
        except TimeoutError:
            log.error("a voice clip took longer than %.0f s; stopping the voice worker", timeout)
            self._stop_pool(kill=True)
            raise ListenFailed("timeout") from None
        except concurrent.futures.process.BrokenProcessPool as exc:
            # The worker died, or could not load the model (its initializer failed).
            log.error("the voice worker failed: %s", type(exc).__name__)
            self._stop_pool(kill=True)
            raise ListenFailed(type(exc).__name__) from None
        except Exception as exc:  # the recogniser failed on this clip; the worker lives on
            log.error("transcribing a voice clip failed: %s", type(exc).__name__)
            raise ListenFailed(type(exc).__name__) from None
        finally:
            self._pending -= 1
            self.clips += 1
            if not self._pending:
                self._schedule_idle()

    def _ensure_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            log.info("starting the voice worker (%d process(es))", self.workers)
            # spawn, not fork: the bot's process has threads and an event loop to leave behind.
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_start,
                initargs=(self.threads, self.nice),
            )
        return self._pool

    def _schedule_idle(self) -> None:
        with contextlib.suppress(RuntimeError):  # no running loop: nothing to schedule on
            loop = asyncio.get_running_loop()
            self._idle = loop.call_later(self.idle_seconds, self.unload)

    def _cancel_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def unload(self) -> None:
        """Stop the worker when no clip is in hand; the next clip starts it again."""
        self._idle = None
        if self._pending == 0 and self._pool is not None:
            log.info("voice worker idle; stopped to free its memory")
            self._stop_pool(kill=False)

    def _stop_pool(self, *, kill: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # Python 3.14 has pool.kill_workers(); before it, the processes are only reachable
            # through the pool's private table.
            for process in list(getattr(pool, "_processes", {}).values()):
                with contextlib.suppress(Exception):
                    process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def close(self) -> None:
        """Stop the worker for good (at shutdown), without holding up the event loop."""
        await asyncio.get_running_loop().run_in_executor(None, self.shutdown)

    def shutdown(self) -> None:
        """Stop the worker and wait until it has gone."""
        self._cancel_idle()
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def listener_if_available(**settings: Any) -> VoiceListener | None:
    """A listener when the voice extra is installed, else None (and a log line saying so)."""
    if not speech.voice_available():
        missing = speech.missing_parts()
        log.info(
            "voice messages get the type-please answer: %s",
            "missing " + ", ".join(missing) if missing else f"{speech.MODEL_ENV} has no model",
        )
        return None
    return VoiceListener(**settings)


class VoiceFrontDoor(Protocol):
    """What `listen` needs from the front door."""

    async def conversation_language(self, user_id: int, client_language: str | None) -> str:
        """The language the resident's conversation is in."""
        ...

    def voice_prompt(self, lang: str) -> str:
        """Words to prime the recogniser with (the centres' names)."""
        ...


async def listen(
    front_door: VoiceFrontDoor,
    listener: VoiceListener | None,
    incoming: Incoming,
    clip: VoiceClip,
    download: Callable[[], Awaitable[bytes]],
    typing: Callable[[], Awaitable[None]],
) -> tuple[Incoming, str | None]:
    """What a voice message amounts to: the same words typed and the transcript, or else a
    VOICE message naming the problem (for the front door's translated notice) and None."""

    def problem(name: str) -> tuple[Incoming, None]:
        return replace(incoming, kind=IncomingKind.VOICE, payload=name), None

    if listener is None:
        return problem(UNAVAILABLE)
    if (clip.seconds or 0) > MAX_SECONDS + 0.5 or (clip.size or 0) > MAX_BYTES:
        return problem(TOO_LONG)
    lang = await front_door.conversation_language(incoming.user_id, incoming.client_language)
    typing_task = asyncio.ensure_future(_keep_typing(typing))
    started = time.perf_counter()
    try:
        data = await download()
        heard = await listener.transcribe(
            data, hint=lang, prompt=front_door.voice_prompt(lang), seconds=clip.seconds
        )
        del data  # the audio is not kept a moment longer than needed
    except Busy:
        log.warning("voice queue full; a voice message was turned away")
        return problem(BUSY)
    except speech.AudioError:
        log.info("a voice message could not be decoded")
        return problem(FAILED)
    except ListenFailed:
        return problem(FAILED)
    finally:
        typing_task.cancel()
    # Lengths and times only: what residents say stays out of the logs.
    log.info(
        "voice: %.1f s of audio in %.1f s (worker %.1f s, %s, %d characters)",
        heard.audio_seconds,
        time.perf_counter() - started,
        heard.seconds,
        heard.language,
        len(heard.text),
    )
    if not heard.text.strip():
        return problem(UNHEARD)
    typed = replace(
        incoming, kind=IncomingKind.TEXT, text=heard.text, client_language=heard.language
    )
    return typed, heard.text


def heard_line(text: str) -> str:
    """The line that shows the resident what the bot heard."""
    return f"🎤 «{text.strip()}»"


def with_heard_line(replies: list[Reply], text: str) -> list[Reply]:
    """The replies, the first one to the speaker starting with what was heard."""
    line = heard_line(text)
    for index, reply in enumerate(replies):
        if reply.recipient is None and reply.text:
            return [
                *replies[:index],
                replace(reply, text=f"{line}\n\n{reply.text}"),
                *replies[index + 1 :],
            ]
    language = replies[0].language if replies else "nl"
    return [Reply(line, language=language), *replies]


async def _keep_typing(typing: Callable[[], Awaitable[None]]) -> None:
    """Send "typing…" now and every few seconds until cancelled; a failed one is no matter."""
    while True:
        try:
            await typing()
        except Exception as exc:
            log.info("could not show typing: %s", type(exc).__name__)
        await asyncio.sleep(TYPING_EVERY)
