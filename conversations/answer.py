"""The result of answering one message: the replies plus what `voordeur ask --json` reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Day
from datetime import datetime, time
from typing import Any

from conversations.reply import Reply
from storage.schedule import Occurrence


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _hhmm(moment: time) -> str:
    # 24:00 is how OpenStreetMap writes "until midnight"; time() cannot hold it.
    return "24:00" if moment == time.max else moment.strftime("%H:%M")


@dataclass
class Answer:
    """Replies to one message and the facts they are built on."""

    language: str
    intent: str
    replies: list[Reply] = field(default_factory=list)
    centre: str | None = None
    date: Day | None = None  # `Day`: a field named date hides the type in the class
    until: Day | None = None
    hours: tuple[tuple[time, time], ...] | None = None
    activities: list[Occurrence] | None = None
    desks: list[Occurrence] | None = None
    # Desks the reply lists with no session planned (out of their season): (id, centre).
    unscheduled_desks: list[tuple[str, str]] = field(default_factory=list)
    activity: str | None = None
    safety: str | None = None  # a crisis kind, or "distress" (conversations/safety_signals.py)
    form_choice: bool = False  # the message picked a choice a form offered (Turn.form_choice)

    def to_json(self) -> dict[str, Any]:
        """The fields of the `voordeur ask --json` contract."""

        def occurrences(items: list[Occurrence] | None) -> list[dict[str, str | None]] | None:
            if items is None:
                return None
            return [{"id": o.item_id, "centre": o.centre, "start": _iso(o.start)} for o in items]

        return {
            "language": self.language,
            "intent": self.intent,
            "centre": self.centre,
            "date": self.date.isoformat() if self.date else None,
            "until": self.until.isoformat() if self.until else None,
            "hours": None
            if self.hours is None
            else [[_hhmm(start), _hhmm(end)] for start, end in self.hours],
            "activities": occurrences(self.activities),
            "desks": None
            if self.desks is None
            else [
                *(occurrences(self.desks) or []),
                *({"id": i, "centre": c, "start": None} for i, c in self.unscheduled_desks),
            ],
            "activity": self.activity,
            "safety": self.safety,
            "reply": "\n\n".join(r.text for r in self.replies if r.text),
        }
