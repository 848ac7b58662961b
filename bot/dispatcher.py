"""The dispatcher: sends what is due in the outbox, paced, and records every outcome.

Delivery guarantee. A row is claimed ('sending') in one transaction before the Bot API call and
marked 'sent' right after it. In normal operation nothing is sent twice: one dispatcher per
process, and a claimed row is never claimed again. If the process dies between the Bot API call
and the 'sent' write, the row is still 'sending'; at the next start `recover` puts such rows back
and they go out again. We chose at-least-once for exactly those rows, because a lost reminder
costs a senior their lunch and a repeated one only a second notification; so a crash repeats at
most the messages in flight (claimed rows are at most one claim batch plus the sends still in
flight from the one before, a second or two of sending). A timeout is the same ambiguity at run
time, so a send waits `send_timeout` (a minute) for Telegram's answer: a slow answer to a
message that arrived is waited for, not taken for a failure and sent again. Only a send that
got no answer at all in that time is tried again with backoff, and may then arrive twice (the
at-most-in-flight rule: a message is never sent again while an earlier try of it may still be
in flight).

Limits. The dispatcher takes a slot of the bot's one sending budget (`bot.budget`) for each
message, at outbox priority: replies to residents go first and the drain takes the slots they
leave, evenly spaced at `overall_per_second` overall and `per_chat_per_second` per chat, so
replies and reminders together stay within Telegram's limits. A RetryAfter pauses the whole
budget for the time Telegram asks and the message is tried again; timeouts and server errors
are retried with exponential backoff through the outbox, up to `max_attempts`, then 'failed'.
Forbidden (the resident blocked the bot) marks them unreachable and cancels their queue.
After a restart, rows that came due while the bot was down go out once if what they are about has
not begun (payload `starts_at`) and their words are still true (payload `read_by`: a reminder "for
tomorrow" is not sent on the day itself), and are recorded 'missed' otherwise.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot.budget import OUTBOX, OUTBOX_TAKEN, BudgetRateLimiter, LocalBudget, Priority, SendBudget
from bot.telegram_adapter import inline_keyboard, split_text
from conversations.notices import payload_to_reply
from storage import outbox
from storage.clock import Clock
from storage.db import Database
from storage.records import OutboxMessage

log = logging.getLogger(__name__)


class SendError(Exception):
    """A message could not be delivered; the subclass says what to do about it."""


class RetryLater(SendError):
    """Telegram asks to wait (429 with retry_after) before sending anything again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = seconds


class Unreachable(SendError):
    """The resident blocked the bot or the chat no longer exists."""


class Transient(SendError):
    """A timeout, a network error or a server error: try again later."""


class Refused(SendError):
    """The Bot API refused this message for good (a bad request)."""


class Sender(Protocol):
    """Delivers one outbox message; raises a SendError subclass when it cannot."""

    async def send(self, message: OutboxMessage) -> None:
        """Send the message to its chat."""
        ...


@dataclass(frozen=True)
class Limits:
    """How fast and how persistently the dispatcher sends."""

    overall_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    max_attempts: int = 5  # tries per message for timeouts and server errors
    backoff_first: timedelta = timedelta(seconds=30)  # doubled after each failed try
    backoff_max: timedelta = timedelta(hours=1)
    max_retry_after: int = 5  # RetryAfter answers waited out inline before re-queueing
    concurrency: int = 16  # sends in flight at once (pacing, not this, sets the rate)
    # Pace a little under the limits: requests arrive at Telegram with some jitter, and a
    # second that happens to hold 31 sends is one Telegram may answer with 429.
    margin: float = 0.97

    @property
    def batch(self) -> int:
        """Rows claimed at once: about a second of sending, so few are in flight at a crash."""
        return max(1, int(self.overall_per_second) or 1)


@dataclass
class DispatchStats:
    """What dispatcher runs did, added up."""

    sent: int = 0
    missed: int = 0
    failed: int = 0
    retried: int = 0  # put back for a later try (timeouts, server errors)
    retry_after: int = 0  # RetryAfter answers honoured
    unreachable: int = 0  # chats newly marked unreachable
    cancelled: int = 0  # messages withdrawn because their chat is unreachable
    recovered: int = 0  # rows found 'sending' at start and queued again

    def add(self, other: DispatchStats) -> None:
        """Add another run's figures to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


class Dispatcher:
    """Sends due outbox rows through a Sender, within the limits, recording each outcome."""

    def __init__(
        self,
        store: Database,
        sender: Sender,
        clock: Clock,
        limits: Limits | None = None,
        *,
        budget: SendBudget | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        pseudonym: Callable[[int], str] = lambda chat_id: "-",
    ) -> None:
        self.store = store
        self.sender = sender
        self.clock = clock
        self.limits = limits or Limits()
        # The bot's budget, shared with the replies; alone (tests, benchmarks) one of its own.
        self.budget: SendBudget = budget or LocalBudget(
            self.limits.overall_per_second,
            self.limits.per_chat_per_second,
            margin=self.limits.margin,
            clock=monotonic,
            sleep=sleep,
        )
        self.sleep = sleep
        self.pseudonym = pseudonym
        self.totals = DispatchStats()
        self._stopping = False
        self._in_flight: set[asyncio.Task[None]] = set()

    async def recover(self) -> int:
        """At start: rows a crash left 'sending' are queued again (they may repeat, see above)."""
        recovered = await outbox.recover_in_flight(self.store)
        if recovered:
            log.warning("re-queued %d message(s) that were in flight at the last stop", recovered)
        self.totals.recovered += recovered
        return recovered

    async def next_due_at(self) -> datetime | None:
        """When the next pending row is due, or None."""
        return await outbox.next_due_at(self.store)

    def stop(self) -> None:
        """Stop claiming; the current run finishes the sends in flight and gives the rest back."""
        self._stopping = True

    async def run_once(self) -> DispatchStats:
        """Send everything that is due now (paced), until nothing due is left or stop()."""
        stats = DispatchStats()
        limit = asyncio.Semaphore(self.limits.concurrency)
        while not self._stopping:
            claimed = await outbox.claim_due(self.store, self.clock.now(), self.limits.batch)
            if not claimed:
                break
            await self._send_batch(claimed, stats, limit)
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)
        self.totals.add(stats)
        return stats

    async def _send_batch(
        self, claimed: list[OutboxMessage], stats: DispatchStats, limit: asyncio.Semaphore
    ) -> None:
        """Launch the claimed rows in their slots; a chat not ready yet waits its turn."""
        # Checked up front, while the last sends of the batch before are still in flight: the
        # store's answers then cost no slot.
        queue = [message for message in claimed if await self._still_wanted(message, stats)]
        while queue:
            if self._stopping:
                await outbox.release(self.store, [m.id for m in queue])
                return
            later: list[OutboxMessage] = []
            launched = False
            for index, message in enumerate(queue):
                if self._stopping:
                    later.extend(queue[index:])
                    break
                # Another chat may use the next slot while this one waits for its own.
                if self.budget.chat_ready_at(message.chat_id) > self.budget.next_slot():
                    later.append(message)
                    continue
                await limit.acquire()
                # Replies to residents go before this: the drain takes the slots they leave.
                await self.budget.take(message.chat_id, Priority.OUTBOX)
                task = asyncio.ensure_future(self._deliver(message, stats))
                self._in_flight.add(task)
                task.add_done_callback(self._in_flight.discard)
                task.add_done_callback(lambda _task: limit.release())
                launched = True
            if later and not launched and not self._stopping:
                soonest = min(self.budget.chat_ready_at(m.chat_id) for m in later)
                await self.sleep(max(0.0, soonest - self.budget.next_slot()))
            queue = later
        # The next batch is claimed while the last sends of this one are in flight, so no slot
        # goes unused at the boundary; claimed rows stay few all the same (a batch plus at most
        # `concurrency` in flight).

    async def _still_wanted(self, message: OutboxMessage, stats: DispatchStats) -> bool:
        """Drop a claimed row that came too late or whose chat blocked the bot."""
        starts_at = message.payload.get(outbox.STARTS_AT)
        if starts_at and datetime.fromisoformat(starts_at) <= self.clock.now():
            await outbox.mark_missed(self.store, message.id, "began before it could be sent")
            stats.missed += 1
            return False
        read_by = message.payload.get(outbox.READ_BY)
        if read_by and datetime.fromisoformat(read_by) <= self.clock.now():
            # "For tomorrow" on the day itself: the same-day reminder, if wanted, says it right.
            await outbox.mark_missed(self.store, message.id, "worded for a day that has passed")
            stats.missed += 1
            return False
        if await outbox.is_unreachable(self.store, message.chat_id):
            await outbox.mark_cancelled(self.store, message.id, "unreachable")
            stats.cancelled += 1
            return False
        return True

    async def _deliver(self, message: OutboxMessage, stats: DispatchStats) -> None:
        """Send one message, honouring RetryAfter inline; record what happened."""
        waits = 0
        while True:
            try:
                await self.sender.send(message)
            except RetryLater as exc:
                stats.retry_after += 1
                waits += 1
                self.budget.pause(exc.seconds)
                log.warning("Bot API asked to wait %g s; all sending paused", exc.seconds)
                if waits > self.limits.max_retry_after:
                    due = self.clock.now() + timedelta(seconds=exc.seconds)
                    await outbox.retry_later(
                        self.store, message.id, due, "retry_after", count_attempt=False
                    )
                    stats.retried += 1
                    return
                await self.budget.take(message.chat_id, Priority.OUTBOX)
                continue
            except Unreachable:
                await self._unreachable(message, stats)
                return
            except Transient as exc:
                await self._transient(message, stats, exc)
                return
            except Refused as exc:
                await outbox.mark_failed(self.store, message.id, f"refused: {exc}")
                stats.failed += 1
                log.error("Bot API refused a %s message: %s", message.kind, exc)
                return
            except Exception as exc:  # a bug must not leave the row 'sending' forever
                await self._transient(message, stats, exc)
                log.exception("sending a %s message failed", message.kind)
                return
            await outbox.mark_sent(self.store, message.id, self.clock.now())
            stats.sent += 1
            return

    async def _transient(
        self, message: OutboxMessage, stats: DispatchStats, exc: BaseException
    ) -> None:
        """Retry later with exponential backoff, or give up after max_attempts."""
        error = type(exc).__name__
        if message.attempts >= self.limits.max_attempts:
            await outbox.mark_failed(self.store, message.id, f"gave up: {error}")
            stats.failed += 1
            log.error(
                "gave up on a %s message to chat %s after %d attempts (%s)",
                message.kind,
                self.pseudonym(message.chat_id),
                message.attempts,
                error,
            )
            return
        delay = min(
            self.limits.backoff_first * 2 ** max(message.attempts - 1, 0), self.limits.backoff_max
        )
        await outbox.retry_later(self.store, message.id, self.clock.now() + delay, error)
        stats.retried += 1
        log.warning(
            "sending a %s message failed (%s); try %d again in %d s",
            message.kind,
            error,
            message.attempts + 1,
            delay.total_seconds(),
        )

    async def _unreachable(self, message: OutboxMessage, stats: DispatchStats) -> None:
        """Mark the resident unreachable, cancel their queue; log it once."""
        newly, cancelled = await outbox.mark_unreachable(
            self.store, message.chat_id, self.clock.now()
        )
        await outbox.mark_cancelled(self.store, message.id, "unreachable")
        stats.cancelled += cancelled + 1
        if newly:
            stats.unreachable += 1
            log.info(
                "chat %s blocked the bot; marked unreachable, %d queued message(s) withdrawn",
                self.pseudonym(message.chat_id),
                cancelled + 1,
            )


# --- the Telegram side ------------------------------------------------------------------------


class TelegramSender:
    """Sends outbox messages with python-telegram-bot's Bot and maps its errors.

    Each send waits `send_timeout` for Telegram's answer: a slow answer to a message that did
    arrive is waited for rather than taken for a failure and sent again (a duplicate notice).
    """

    def __init__(self, bot: Bot, send_timeout: float = 60.0) -> None:
        self.bot = bot
        self.send_timeout = send_timeout
        # On the bot's budget the dispatcher took the first call's slot; further parts queue.
        budgeted = isinstance(bot, ExtBot) and isinstance(bot.rate_limiter, BudgetRateLimiter)
        self._first: dict[str, Any] = {"rate_limit_args": OUTBOX_TAKEN} if budgeted else {}
        self._more: dict[str, Any] = {"rate_limit_args": OUTBOX} if budgeted else {}

    async def send(self, message: OutboxMessage) -> None:
        """sendMessage with the payload's inline keyboard (and sendDocument when it has one)."""
        reply = payload_to_reply(message.payload, message.language, message.chat_id)
        markup = inline_keyboard(reply.buttons)
        chunks = split_text(reply.text) if reply.text else []
        document = message.payload.get("document")
        try:
            for index, chunk in enumerate(chunks):
                last = index == len(chunks) - 1 and not document
                await self.bot.send_message(
                    message.chat_id,
                    chunk,
                    reply_markup=markup if last else None,
                    read_timeout=self.send_timeout,
                    **(self._first if index == 0 else self._more),
                )
            if document:
                await self.bot.send_document(
                    message.chat_id,
                    document=base64.b64decode(document["content_b64"]),
                    filename=document["filename"],
                    reply_markup=markup,
                    read_timeout=self.send_timeout,
                    **(self._more if chunks else self._first),
                )
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            raise RetryLater(seconds) from None
        except Forbidden:
            raise Unreachable() from None
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                raise Unreachable() from None
            raise Refused(type(exc).__name__) from None
        except NetworkError as exc:  # timeouts and 5xx answers are NetworkErrors in PTB
            raise Transient(type(exc).__name__) from None
        except TelegramError as exc:
            raise Refused(type(exc).__name__) from None
