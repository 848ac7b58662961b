"""What every flow gets (a Turn) and what it may implement (a Flow)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from conversations.answer import Answer
from conversations.context import Ctx
from conversations.reply import Incoming
from conversations.understanding import Understanding
from storage.db import Database
from storage.repositories import repositories

if TYPE_CHECKING:
    from conversations.forms import Question  # forms imports the flows' toolkit

UNLOADED = object()  # Turn.loaded_state before the store was asked

TOPIC = "topic"
"""conversation_state.flow of a row that holds no flow, only what the last answer was about
(conversations/followup.py); `Turn.state` never returns it, so no flow takes it for its own."""

STATE_TTL = timedelta(minutes=30)
"""How long a half-finished step still takes typed text; after that a message is read afresh."""


def is_fresh(state: dict[str, Any], now: datetime, max_age: timedelta = STATE_TTL) -> bool:
    """Whether a state saved by `Turn.save_stamped_state` is recent enough to act on."""
    try:
        at = datetime.fromisoformat(str(state.get("at")))
    except ValueError:
        return False
    return at.tzinfo is not None and timedelta(0) <= now - at <= max_age


@dataclass
class Turn:
    """One incoming message being answered: who, in which language, and whether we may write."""

    ctx: Ctx
    store: Database
    incoming: Incoming
    writes: bool  # False for `voordeur ask`: answer, but change nothing
    staff_ids: frozenset[int] = frozenset()
    chosen_language: str | None = None  # the language this person chose earlier, if any
    language_of: Callable[[str], str] | None = None  # the reply language for a text
    requested_language: str | None = None  # a language the resident asked for in this turn
    # The flow state as read with the resident's language at the start of the turn, kept up to
    # date by save_state/clear_state, so a turn reads it from the store once at most.
    loaded_state: tuple[str, dict[str, Any]] | object | None = field(default=UNLOADED, repr=False)
    # How the typed text of this turn was understood (its date, its language), for forms.
    understanding: Understanding | None = field(default=None, repr=False)
    # The form question the answer of this turn asks (conversations/forms.py), set by the flow.
    asked: Question | None = field(default=None, repr=False)
    # Whether the typed text picks one of the choices of the form this person is filling in
    # ("zoutarm" for the meal): an answer to our question, which the safety model cannot judge.
    form_choice: bool = False
    # Only asking whether typed words would answer the open form (the console, before it reads
    # a number as its button): the state is read as in a real turn, and nothing is written.
    probe: bool = False

    def reply_language(self) -> str:
        """The language to answer this message in (for guards, before understanding)."""
        if self.language_of is not None and self.incoming.text:
            return self.language_of(self.incoming.text)
        return self.ctx.lang

    @property
    def user_id(self) -> int:
        """The Telegram user (and private chat) id of the person writing."""
        return self.incoming.user_id

    async def _row(self) -> tuple[str, dict[str, Any]] | None:
        """The conversation_state row of this person: a flow's, or the last answer's topic."""
        if self.loaded_state is UNLOADED:
            saved = await repositories(self.store).conversations.load(self.user_id)
            self.loaded_state = None if saved is None else (saved.flow, saved.state)
        return self.loaded_state  # type: ignore[return-value]

    async def state(self) -> tuple[str, dict[str, Any]] | None:
        """The flow this person is in the middle of, and its state."""
        row = await self._row()
        return None if row is None or row[0] == TOPIC else row

    async def topic(self) -> dict[str, Any] | None:
        """What the last answer was about, when no flow has taken its place since."""
        row = await self._row()
        return row[1] if row is not None and row[0] == TOPIC else None

    async def save_topic(self, topic: dict[str, Any]) -> None:
        """Remember what this answer was about, unless a flow is going on (it comes first)."""
        if not self.writes or self.probe or await self.state() is not None:
            return
        # A question's topic changes no reminder: nothing is signalled on `store.changes`.
        await repositories(self.store).conversations.save(
            self.user_id, TOPIC, topic, now=self.ctx.now
        )
        self.loaded_state = (TOPIC, topic)

    async def save_state(self, flow: str, state: dict[str, Any]) -> None:
        """Remember where this person is in a flow (survives restarts)."""
        if not self.writes or self.probe:
            return
        await repositories(self.store).conversations.save(
            self.user_id, flow, state, now=self.ctx.now
        )
        self.loaded_state = (flow, state)

    async def save_stamped_state(self, flow: str, state: dict[str, Any]) -> None:
        """Remember a step together with when it was taken, for `is_fresh`."""
        await self.save_state(flow, {**state, "at": self.ctx.now.isoformat()})

    async def fresh_state(self, flow: str) -> dict[str, Any]:
        """The state of `flow` when this person is in it and it is still fresh, else {}."""
        current = await self.state() if self.writes else None
        if current is None or current[0] != flow or not is_fresh(current[1], self.ctx.now):
            return {}
        return current[1]

    async def clear_state(self) -> None:
        """Forget any flow this person was in."""
        if self.writes and not self.probe and self.loaded_state is not None:
            await repositories(self.store).conversations.clear(self.user_id)
            self.loaded_state = None


class Guard:
    """A check on every incoming message before any flow sees it (safety, flooding, consent).

    `check` returns an Answer to stop there (it may have no replies: then nothing is sent), or
    None to let the message through.
    """

    async def check(self, turn: Turn) -> Answer | None:
        """Look at the message; answer it yourself or let it pass."""
        return None


class Flow:
    """A conversation with steps; subclasses implement the hooks they need (None: not mine)."""

    name: str = ""  # button payload prefix ("<name>:...") and conversation_state.flow
    intents: tuple[str, ...] = ()  # intents this flow answers

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer | None:
        """Answer a message understood as one of `intents`."""
        return None

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Answer a button "<name>:<rest>"; None for a payload that is not (or no longer) valid."""
        return None

    async def on_text(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """Answer free text while this flow waits for it; None lets the message be understood."""
        return None

    async def on_contact(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """Answer a shared phone number while this flow waits for it."""
        return None

    async def on_start(self, turn: Turn, argument: str) -> Answer | None:
        """Answer a deep link `/start <argument>` that belongs to this flow."""
        return None

    async def fits(self, turn: Turn, state: dict[str, Any]) -> bool:
        """Whether the typed text is one of the choices this flow's open question offers."""
        return False

    async def holds(self, turn: Turn, state: dict[str, Any]) -> bool:
        """Whether typed text that `on_text` could not fit is a side question: answered while
        this flow waits, with a way back (a form in progress), rather than the end of it."""
        return False

    async def resume(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """Ask again the question this person was at (after a safety answer); None: can't."""
        return None
