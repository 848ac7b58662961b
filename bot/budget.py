"""One sending budget per bot: Telegram's limits, shared by replies and the outbox, replies first.

Telegram accepts about 30 messages a second from a bot and about one a second per chat (a short
burst in one chat is tolerated). Everything the bot sends draws on one `SendBudget`:

- A reply to something a resident just did (`Priority.REPLY`) gets the next free slot before any
  queued outbox message (`Priority.OUTBOX`: reminders, notices, the day-after question); the
  outbox drain takes the slots replies leave. A resident who asks during a drain of thousands of
  reminders waits for one slot (1/30 s), not for the drain.
- Slots are evenly spaced at `overall_per_second` (less a safety margin). The few
  milliseconds a slot is handed out late (timers, the event loop's other work) are made up, so
  they do not add up to a slower drain; a longer delay is not: a burst is what reaches
  Telegram squeezed into less than a second. And whatever happens, no `1 / margin` seconds
  hold more than `overall_per_second` grants (a sliding log of the last grants).
- Per chat, messages are spaced `1 / per_chat_per_second` apart, with a burst of `chat_burst`
  tolerated (a journey's answer and its menu): one allowance per chat, whoever sends.
- A RetryAfter (429) from Telegram pauses the whole budget for the time Telegram asks.

`SendBudget` is the interface. `LocalBudget` keeps the budget in this process (SQLite: one
process). With several processes on one PostgreSQL database, `SharedBudget` takes the slots from
one schedule in the database (`storage.send_budget`), so the processes share one limit: a slot
one process leaves unused goes to another, and a reply in any process goes before the outbox
of every process (docs/operations.md, "One sending budget").

The clock (`monotonic`) and `sleep` are injected, so tests run the budget in simulated time.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from typing import Any, Protocol

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from storage.send_budget import Booking

log = logging.getLogger(__name__)

FOREVER = math.inf
NEVER = -math.inf
FORGET_CHATS_FROM = 10_000  # chats whose spacing is remembered before the long-past ones go
ON_TIME = 0.005  # seconds late a slot may be handed out and still count as on time


class Priority(Enum):
    """Who is waiting for a slot: a resident for their answer, or the outbox."""

    REPLY = "reply"
    OUTBOX = "outbox"

    @property
    def rank(self) -> int:
        """Lower goes first."""
        return 0 if self is Priority.REPLY else 1


class SendBudget(Protocol):
    """The bot's sending budget: overall and per-chat limits, priorities, a RetryAfter pause."""

    def monotonic(self) -> float:
        """The budget's clock, in seconds."""
        ...

    async def take(self, chat_id: int | None, priority: Priority = Priority.REPLY) -> None:
        """Wait for a slot to send one message to `chat_id` (None: no chat's limit applies)."""
        ...

    def pause(self, seconds: float) -> None:
        """Telegram said "too many requests": nothing is granted for `seconds`."""
        ...

    def next_slot(self) -> float:
        """The earliest moment (on `monotonic`) the next slot could be granted, any chat."""
        ...

    def chat_ready_at(self, chat_id: int | None, priority: Priority = Priority.OUTBOX) -> float:
        """The earliest moment a message of this priority may go to this chat."""
        ...


@dataclass(eq=False)
class _Waiter:
    priority: Priority
    seq: int
    chat_id: int | None
    future: asyncio.Future[None]

    @property
    def key(self) -> tuple[int, int]:
        return (self.priority.rank, self.seq)


@dataclass
class LocalBudget:
    """The budget of one process: evenly spaced slots granted to the best waiter in turn."""

    overall_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    chat_burst: int = 1  # messages a chat may get at once before its spacing applies
    # Slots a little under Telegram's limits: requests reach Telegram with some jitter, and a
    # second that happens to hold 31 sends is one Telegram may answer with 429.
    margin: float = 0.97
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep
    granted: Counter[Priority] = field(default_factory=Counter)
    waited: dict[Priority, float] = field(default_factory=dict)  # seconds waited, summed

    def __post_init__(self) -> None:
        overall = self.overall_per_second * self.margin
        chat = self.per_chat_per_second * self.margin
        self._gap = 1.0 / overall if overall > 0 else 0.0
        # The guard: at most `_per_window` grants in any `_window` seconds.
        self._per_window = max(int(self.overall_per_second), 1)
        self._window = 1.0 / self.margin if self.margin > 0 else 1.0
        self._recent: deque[float] = deque(maxlen=self._per_window)
        self._chat_gap = 1.0 / chat if chat > 0 else 0.0
        self._chat_slack = max(self.chat_burst - 1, 0) * self._chat_gap
        self._next = NEVER
        self._chat_next: dict[int, float] = {}
        self._paused_until = NEVER
        self._waiters: list[_Waiter] = []
        self._seq = itertools.count()
        self._arrived = asyncio.Event()
        self._granter: asyncio.Task[None] | None = None

    # -- the interface --------------------------------------------------------------------------

    def monotonic(self) -> float:
        """The budget's clock, in seconds."""
        return self.clock()

    @property
    def unlimited(self) -> bool:
        """No limit at all (the benchmarks' "limiter off")."""
        return self._gap == 0.0 and self._chat_gap == 0.0

    async def take(self, chat_id: int | None, priority: Priority = Priority.REPLY) -> None:
        """Wait for a slot to send one message to `chat_id`; the best waiter goes first."""
        asked = self.clock()
        if self.unlimited and asked >= self._paused_until:
            self.granted[priority] += 1
            return
        waiter = _Waiter(
            priority, next(self._seq), chat_id, asyncio.get_running_loop().create_future()
        )
        self._waiters.append(waiter)
        self._grant_ready(asked)
        if not waiter.future.done():
            self._arrived.set()
            if self._granter is None or self._granter.done():
                self._granter = asyncio.ensure_future(self._grant_loop())
            try:
                await waiter.future
            except asyncio.CancelledError:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                raise
        self.waited[priority] = self.waited.get(priority, 0.0) + self.clock() - asked

    def pause(self, seconds: float) -> None:
        """Nothing is granted for `seconds` (Telegram's retry_after), replies included."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)
        self._arrived.set()

    def next_slot(self) -> float:
        """The earliest moment the next slot could be granted, whatever the chat."""
        return max(self.clock(), self._slot_from())

    def _slot_from(self) -> float:
        """The next slot by the spacing, the guard and a pause (may lie in the past)."""
        slot = max(self._next, self._paused_until)
        if self._gap and len(self._recent) == self._per_window:
            slot = max(slot, self._recent[0] + self._window)
        return slot

    def chat_ready_at(self, chat_id: int | None, priority: Priority = Priority.OUTBOX) -> float:
        """The earliest moment a message of this priority may go to this chat."""
        if chat_id is None or self._chat_gap == 0.0:
            return NEVER
        return self._chat_next.get(chat_id, NEVER) - self._chat_slack

    @property
    def waiting(self) -> int:
        """How many takes wait for a slot."""
        return len(self._waiters)

    # -- granting -------------------------------------------------------------------------------

    def _choose(self, now: float) -> tuple[_Waiter | None, float]:
        """The waiter the next slot goes to and when; (None, when one could) if no chat is ready.

        Of the waiters whose chat is ready by the next slot, the best (replies first, then the
        longest waiting) takes it: a waiter held by its chat's spacing never blocks another chat.
        """
        slot = max(now, self._slot_from())
        best: _Waiter | None = None
        soonest = FOREVER
        for waiter in self._waiters:
            ready = self.chat_ready_at(waiter.chat_id, waiter.priority)
            if ready <= slot:
                if best is None or waiter.key < best.key:
                    best = waiter
            else:
                soonest = min(soonest, ready)
        return (best, slot) if best is not None else (None, max(slot, soonest))

    def _grant_ready(self, now: float) -> None:
        """Grant every slot that is due by `now`."""
        while self._waiters:
            waiter, at = self._choose(now)
            if waiter is None or at > now:
                return
            self._grant(waiter, now)

    def _grant(self, waiter: _Waiter, now: float) -> None:
        self._waiters.remove(waiter)
        # Timer and loop overhead (a few ms a slot) must not add up to a slower drain, so up to
        # ON_TIME late the next slot keeps to the grid; a longer delay is not made up: a request
        # held up before it left would reach Telegram together with the next one.
        meant = self._slot_from()
        self._next = (
            max(meant, now - ON_TIME) + self._gap if now - meant < self._gap else now + self._gap
        )
        if self._gap:
            self._recent.append(now)
        chat = waiter.chat_id
        if chat is not None and self._chat_gap:
            self._chat_next[chat] = max(self._chat_next.get(chat, NEVER), now) + self._chat_gap
            if len(self._chat_next) > FORGET_CHATS_FROM:
                self._chat_next = {k: v for k, v in self._chat_next.items() if v > now}
        self.granted[waiter.priority] += 1
        if not waiter.future.done():
            waiter.future.set_result(None)

    async def _grant_loop(self) -> None:
        """Hand out slots while anyone waits; a new waiter or a pause makes it look again."""
        while self._waiters:
            self._arrived.clear()
            now = self.clock()
            self._grant_ready(now)
            if not self._waiters:
                break
            _waiter, at = self._choose(now)
            if at > now:
                await self._nap(at - now)
            else:
                await asyncio.sleep(0)  # a granted waiter was cancelled meanwhile: look again

    async def _nap(self, seconds: float) -> None:
        """Sleep `seconds`, or less if a waiter arrives or a pause changes."""
        if seconds == FOREVER:
            await self._arrived.wait()
            return
        sleeper = asyncio.ensure_future(_await(self.sleep(seconds)))
        arrival = asyncio.ensure_future(self._arrived.wait())
        try:
            await asyncio.wait({sleeper, arrival}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, arrival):
                if not task.done():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task


async def _await(awaitable: Awaitable[Any]) -> None:
    await awaitable


# --- python-telegram-bot ----------------------------------------------------------------------

# Bot API methods that deliver a message to a chat: they count against Telegram's limits.
_SENDING = ("send", "copy", "forward", "edit")
_NOT_A_MESSAGE = frozenset({"sendChatAction"})


def counts_as_message(endpoint: str) -> bool:
    """Whether a Bot API method delivers a message (and so uses a slot)."""
    return endpoint.startswith(_SENDING) and endpoint not in _NOT_A_MESSAGE


@dataclass(frozen=True)
class Send:
    """`rate_limit_args` for one Bot API call: its priority, and whether its slot is taken."""

    priority: Priority = Priority.REPLY
    taken: bool = False  # the caller already took this call's slot (the dispatcher does)


OUTBOX_TAKEN = Send(Priority.OUTBOX, taken=True)
OUTBOX = Send(Priority.OUTBOX)


class BudgetRateLimiter(BaseRateLimiter[Send]):
    """python-telegram-bot's rate limiter, drawing on a SendBudget (in place of AIORateLimiter).

    A message-sending call takes a slot: a reply (no `rate_limit_args`) at reply priority, an
    outbox send as its `Send` says. Other calls (answering a button press, getFile, the command
    list) are not messages and pass straight through. A RetryAfter pauses the whole budget; a
    reply is tried again after the pause up to `max_retries` times, an outbox send goes back to
    the dispatcher, which keeps its own count.
    """

    def __init__(self, budget: SendBudget, max_retries: int = 2) -> None:
        self.budget = budget
        self.max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Send | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Take a slot for a message, send, and honour a RetryAfter."""
        if not counts_as_message(endpoint):
            return await callback(*args, **kwargs)
        send = rate_limit_args or Send()
        chat_id = _chat_of(data)
        taken = send.taken
        retries = self.max_retries if send.priority is Priority.REPLY else 0
        for attempt in range(retries + 1):
            if not taken:
                await self.budget.take(chat_id, send.priority)
            taken = False
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = _seconds(exc.retry_after)
                self.budget.pause(seconds)
                if attempt == retries:
                    raise
                log.warning("Bot API asked to wait %g s; all sending paused", seconds)
        raise AssertionError("unreachable")  # the loop returns or raises


def _chat_of(data: dict[str, Any]) -> int | None:
    value = data.get("chat_id")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None  # a channel's @username: no per-chat spacing we know of


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


# --- one budget for every process on a PostgreSQL database ------------------------------------


class Ledger(Protocol):
    """The shared schedule of slots (`storage.send_budget.SendLedger` on PostgreSQL)."""

    async def book(self, now: float, gap: float, horizon: float = FOREVER) -> Booking:
        """Take the next free slot if due within `horizon`."""
        ...

    async def pause(self, until: float) -> None:
        """No slot before `until`, in any process."""
        ...


class SharedBudget:
    """The bot's one budget when several processes send: slots taken from a shared ledger.

    The overall limit and the 429 pause live in the ledger (one row in PostgreSQL), on the wall
    clock all processes share: whichever process takes a slot, slots stay `1 / overall` apart,
    and a process with nothing to send leaves its slots to the others. A reply books the next
    free slot at once; an outbox message only one due within a gap, so replies in any process
    go before every process's outbox. Per-chat spacing stays in the process (a resident's
    answers mostly come from the process that got their update).

    Until `attach` (the store opens after the Telegram Application is built) and whenever the
    database does not answer, the process falls back to a local budget at the whole limit.
    """

    def __init__(
        self,
        overall_per_second: float = 30.0,
        per_chat_per_second: float = 1.0,
        chat_burst: int = 1,
        margin: float = 0.97,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.clock = clock
        self.sleep = sleep
        overall = overall_per_second * margin
        self.gap = 1.0 / overall if overall > 0 else 0.0
        self.ledger: Ledger | None = None
        # Before the ledger is there, or while it does not answer: the whole limit, alone.
        self.alone = LocalBudget(
            overall_per_second, per_chat_per_second, chat_burst, margin, clock=clock, sleep=sleep
        )
        # With the ledger: only each chat's spacing and the pause (the ledger spaces overall).
        self.chats = LocalBudget(
            0.0, per_chat_per_second, chat_burst, margin, clock=clock, sleep=sleep
        )
        self.granted: Counter[Priority] = Counter()
        self.waited: dict[Priority, float] = {}
        self._next = NEVER  # the next free slot as last seen in the ledger
        self._pausing: set[asyncio.Task[None]] = set()
        self._failed = False

    def attach(self, ledger: Ledger) -> None:
        """Take slots from the ledger that every process of this bot shares."""
        self.ledger = ledger

    def monotonic(self) -> float:
        """The budget's clock: the wall clock, which every process shares."""
        return self.clock()

    async def take(self, chat_id: int | None, priority: Priority = Priority.REPLY) -> None:
        """Wait for this chat's spacing, then for a slot of the shared schedule."""
        asked = self.clock()
        ledger = self.ledger
        if ledger is None or self.gap == 0.0:
            await self.alone.take(chat_id, priority)
        else:
            await self.chats.take(chat_id, priority)
            try:
                await self._book(ledger, priority)
                if self._failed:
                    log.warning("the shared sending budget answers again")
                    self._failed = False
            except Exception:
                if not self._failed:
                    log.warning("the shared sending budget does not answer: sending alone")
                    self._failed = True
                await self.alone.take(None, priority)
        self.granted[priority] += 1
        self.waited[priority] = self.waited.get(priority, 0.0) + self.clock() - asked

    async def _book(self, ledger: Ledger, priority: Priority) -> None:
        """Book a slot (a reply at once, the outbox when one is free now) and wait for it."""
        horizon = FOREVER if priority is Priority.REPLY else self.gap
        while True:
            now = self.clock()
            booking = await ledger.book(now, self.gap, horizon)
            slot = float(booking.slot)
            if not booking.booked:
                # Refused: the next free slot lies beyond the horizon (replies booked it, or a
                # pause); look again when it comes within reach.
                self._next = slot
                await self.sleep(slot - horizon - now)
                continue
            self._next = slot + self.gap
            wait = slot - self.clock()
            if wait <= 0:
                return
            await self.sleep(wait)
            # Woken late (the event loop was held up, say by a first question's lazy loading):
            # sent now, the message would reach Telegram together with the slots booked after
            # this one, more than the limit in one second. The slot is lost; book a new one.
            if self.clock() - slot <= self.gap / 2:
                return

    def pause(self, seconds: float) -> None:
        """Pause here at once and in every process (the ledger) as soon as it is written."""
        until = self.clock() + seconds
        self.alone.pause(seconds)
        self.chats.pause(seconds)
        self._next = max(self._next, until)
        ledger = self.ledger
        if ledger is None:
            return

        async def write() -> None:
            try:
                await ledger.pause(until)
            except Exception:  # this process pauses all the same
                log.warning("could not share a pause of the sending budget")

        task = asyncio.ensure_future(write())
        self._pausing.add(task)
        task.add_done_callback(self._pausing.discard)

    async def shared(self) -> None:
        """Wait until the pauses asked for so far are written to the ledger."""
        if self._pausing:
            await asyncio.wait(set(self._pausing))

    def next_slot(self) -> float:
        """The earliest the next slot could be, as last seen (the ledger has the truth)."""
        if self.ledger is None:
            return self.alone.next_slot()
        return max(self.clock(), self._next, self.chats.next_slot())

    def chat_ready_at(self, chat_id: int | None, priority: Priority = Priority.OUTBOX) -> float:
        """The earliest moment a message of this priority may go to this chat."""
        local = self.alone if self.ledger is None else self.chats
        return local.chat_ready_at(chat_id, priority)
