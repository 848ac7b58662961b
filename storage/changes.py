"""Changes another part of the process acts on, said by the code that makes them.

A message queued in the outbox (a confirmation to staff, "someone took up your question") wakes
the dispatcher for the moment it is due. A sign-up, a cancellation (and the move-up it may
cause), a shift taken or given back: each changes what reminders are due. The storage function
that writes it calls `store.changes.reminders_changed(...)` and the reminder scheduler,
listening, plans again soon;
nobody guesses from a write counter. In-process only: with several processes on one PostgreSQL
database, another process learns of a change at its next periodic planning (see
docs/operations.md for how LISTEN/NOTIFY would carry it sooner).
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
        for listener in list(self._queued):
            try:
                listener(due_at)
            except Exception:  # a listener's trouble must not undo the write
                log.exception("a message-queued listener failed")

    def reminders_changed(self, resident_id: int | None = None) -> None:
        """Say that a write changed what reminders are due (`resident_id`'s, or None: any)."""
        for listener in list(self._listeners):
            try:
                listener(resident_id)
            except Exception:  # a listener's trouble must not undo the resident's sign-up
                log.exception("a reminders-changed listener failed")
