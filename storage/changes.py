"""Changes another part of the process acts on, said by the code that makes them.

A message queued in the outbox (a confirmation to staff, "someone took up your question") wakes
the dispatcher for the moment it is due. A sign-up, a cancellation (and the move-up it may
cause), a shift taken or given back: each changes what reminders are due. The storage function
that writes it calls `store.changes.reminders_changed(...)` and the reminder scheduler,
listening, plans again soon;
nobody guesses from a write counter. With several processes on one PostgreSQL database each
change is also announced (`announce`, a NOTIFY) and the leader, listening, `receive`s it, so
the process that plans reminders hears of a sign-up any process handled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

log = logging.getLogger(__name__)

RemindersListener = Callable[[int | None], object]
QueuedListener = Callable[[datetime], object]


class Changes:
    """Listeners for "what reminders are due has changed" and "a message was queued"."""

    def __init__(self) -> None:
        self._listeners: list[RemindersListener] = []
        self._queued: list[QueuedListener] = []
        # Tells the other processes (PostgreSQL's NOTIFY); None on a single-process store.
        self.announce: Callable[[str], object] | None = None

    def listen(
        self, reminders: RemindersListener, queued: QueuedListener | None = None
    ) -> Callable[[], None]:
        """Call `reminders(resident_id)` after each change of what reminders are due, and
        `queued(due_at)` after each message queued in the outbox; returns how to stop."""
        self._listeners.append(reminders)
        if queued is not None:
            self._queued.append(queued)

        def stop() -> None:
            if reminders in self._listeners:
                self._listeners.remove(reminders)
            if queued is not None and queued in self._queued:
                self._queued.remove(queued)

        return stop

    def message_queued(self, due_at: datetime) -> None:
        """Say that a message was queued in the outbox, due at `due_at`."""
        self._tell_others(f"q:{due_at.isoformat()}")
        self._message_queued(due_at)

    def reminders_changed(self, resident_id: int | None = None) -> None:
        """Say that a write changed what reminders are due (`resident_id`'s, or None: any)."""
        self._tell_others(f"r:{'' if resident_id is None else resident_id}")
        self._reminders_changed(resident_id)

    def receive(self, payload: str) -> None:
        """A change another process announced: tell the listeners here (and nobody else)."""
        kind, _, value = payload.partition(":")
        try:
            if kind == "q":
                self._message_queued(datetime.fromisoformat(value))
            elif kind == "r":
                self._reminders_changed(int(value) if value else None)
        except ValueError:
            log.warning("an announced change could not be read")

    def _tell_others(self, payload: str) -> None:
        if self.announce is None:
            return
        try:
            self.announce(payload)
        except Exception:  # the write is done; the others still plan at their next interval
            log.exception("announcing a change to the other processes failed")

    def _message_queued(self, due_at: datetime) -> None:
        for listener in list(self._queued):
            try:
                listener(due_at)
            except Exception:  # a listener's trouble must not undo the write
                log.exception("a message-queued listener failed")

    def _reminders_changed(self, resident_id: int | None) -> None:
        for listener in list(self._listeners):
            try:
                listener(resident_id)
            except Exception:  # a listener's trouble must not undo the resident's sign-up
                log.exception("a reminders-changed listener failed")
