"""Checks every message passes before it is understood: flooding, over-long messages, presence.

The flood count lives in this process's memory, not in the store. That is deliberate: it protects
the process (its time, the store's one connection, the Bot API's limits) from one sender, and
holds no data anyone needs later. A restart forgets who was slowed down, which at worst lets a
flooder start counting again; nothing a resident asked or chose is lost. Memory stays small: only
senders seen within the window (or still being ignored) are kept.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from conversations import residents
from conversations.answer import Answer
from conversations.answers import menu
from conversations.flows.base import Guard, Turn
from conversations.flows.toolkit import in_language
from conversations.reply import Reply

FLOOD_LIMIT = 20  # messages ...
FLOOD_WINDOW = timedelta(seconds=10)  # ... within this window is a flood
FLOOD_QUIET = timedelta(minutes=1)  # a flooder is ignored this long after the slow-down note
MAX_LENGTH = 1000  # characters; nobody asks the front door in an essay
_SWEEP_AT = 4096  # senders remembered before the quiet ones are forgotten


@dataclass
class _Sender:
    times: deque[datetime] = field(default_factory=deque)
    quiet_until: datetime | None = None
    note_owed: bool = False  # counted on arrival: the next message handled gets the slow-down


class Arrival(StrEnum):
    """What a transport does with a message that just arrived."""

    HANDLE = "handle"
    DROP = "drop"  # the sender is flooding: not queued, not handled, not answered


class FloodGuard(Guard):
    """More than `limit` messages within `window`: one polite slow-down, then silence a while.

    A transport that queues messages before handling them (Telegram paces replies to about one
    a second per chat) counts them on arrival with `arrive`: counted at handling, a flood is
    stretched to the handling pace and never seen. Then `check` only gives the slow-down owed
    (to the first message handled after the flood was seen) and silence while the sender is
    quiet. Without a call to `arrive` (the console, tests of the front door) `check` counts.
    """

    def __init__(
        self,
        limit: int = FLOOD_LIMIT,
        window: timedelta = FLOOD_WINDOW,
        quiet: timedelta = FLOOD_QUIET,
    ) -> None:
        self.limit = limit
        self.window = window
        self.quiet = quiet
        self._senders: dict[int, _Sender] = {}
        self.counts_on_arrival = False  # set by the first call to `arrive`

    def arrive(self, user_id: int, now: datetime) -> Arrival:
        """Count a message as it arrives; a flooder's messages are dropped from then on."""
        self.counts_on_arrival = True
        sender = self._sender(user_id, now)
        if self._quiet(sender, now):
            return Arrival.DROP
        if self._count(sender, now):
            sender.note_owed = True
        return Arrival.HANDLE

    async def check(self, turn: Turn) -> Answer | None:
        """Count the message; past the limit, warn once and then drop messages unanswered."""
        if not turn.writes:
            return None  # `voordeur ask` has no sender to count
        now = turn.ctx.now
        sender = self._sender(turn.user_id, now)
        if sender.note_owed:
            sender.note_owed = False
            return slow_down(turn)
        if self._quiet(sender, now):
            return Answer(language=turn.ctx.lang, intent="flood")  # nothing is sent
        if not self.counts_on_arrival and self._count(sender, now):
            return slow_down(turn)
        return None

    def _sender(self, user_id: int, now: datetime) -> _Sender:
        sender = self._senders.get(user_id)
        if sender is None:
            self._sweep(now)
            sender = self._senders.setdefault(user_id, _Sender())
        return sender

    def _quiet(self, sender: _Sender, now: datetime) -> bool:
        """Whether the sender is being ignored; a quiet time that is over is forgotten."""
        if sender.quiet_until is None:
            return False
        if now < sender.quiet_until:
            return True
        sender.quiet_until = None
        sender.times.clear()
        return False

    def _count(self, sender: _Sender, now: datetime) -> bool:
        """Count one message; True when it makes a flood (the sender is quiet from now)."""
        sender.times.append(now)
        while sender.times and now - sender.times[0] >= self.window:
            sender.times.popleft()
        if len(sender.times) <= self.limit:
            return False
        sender.quiet_until = now + self.quiet
        return True

    def _sweep(self, now: datetime) -> None:
        """Forget senders who have been quiet longer than the window."""
        if len(self._senders) < _SWEEP_AT:
            return
        for user_id, sender in list(self._senders.items()):
            last = sender.times[-1] if sender.times else None
            quiet = sender.quiet_until is None or sender.quiet_until <= now
            if quiet and not sender.note_owed and (last is None or now - last >= self.window):
                del self._senders[user_id]


def slow_down(turn: Turn) -> Answer:
    """The one message a flooder gets."""
    ctx = in_language(turn.ctx, turn.reply_language())
    _ = ctx.tr.gettext
    text = _(
        "You are sending a lot of messages very quickly. I will take a short break; please "
        "write again in a minute, one message at a time."
    )
    return Answer(
        language=ctx.lang,
        intent="flood",
        replies=[Reply(text, (menu.back_row(ctx),), language=ctx.lang)],
    )


class LengthGuard(Guard):
    """A message longer than `limit` characters is refused politely, before understanding."""

    def __init__(self, limit: int = MAX_LENGTH) -> None:
        self.limit = limit

    async def check(self, turn: Turn) -> Answer | None:
        """Refuse an over-long text; let everything else through."""
        if len(turn.incoming.text) <= self.limit:
            return None
        ctx = in_language(turn.ctx, turn.reply_language())
        _ = ctx.tr.gettext
        text = _(
            "That message is too long for me. Please write it in a few short sentences, or "
            "talk to a person at a centre."
        )
        return Answer(
            language=ctx.lang,
            intent="unknown",
            replies=[Reply(text, menu.main_menu(ctx), language=ctx.lang)],
        )


MAX_REMEMBERED = 50_000  # residents whose last note this process remembers


class PresenceGuard(Guard):
    """Notes when a consenting resident last wrote, for the purge of inactive residents.

    It never stops a message; it is a guard because it must see every message, whatever answers.
    """

    def __init__(self) -> None:
        # When this process last asked the store to note each resident: the note is wanted at
        # most every SEEN_EVERY, so the write (a write lock per message) is skipped in between.
        self._noted: dict[int, datetime] = {}

    async def check(self, turn: Turn) -> Answer | None:
        """Touch the resident's last_seen_at (at most about once a day); let the message pass."""
        if not turn.writes:
            return None
        now = turn.ctx.now
        noted = self._noted.get(turn.user_id)
        if noted is not None and timedelta(0) <= now - noted < residents.SEEN_EVERY:
            return None
        if len(self._noted) > MAX_REMEMBERED:
            self._noted.clear()
        self._noted[turn.user_id] = now
        await residents.seen(turn.store, turn.user_id, now)
        return None


def privacy_guards() -> list[Guard]:
    """The guards of items 5 and 6, in order: flood, length, presence."""
    return [FloodGuard(), LengthGuard(), PresenceGuard()]
