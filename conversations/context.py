"""What an answer needs to know about the world: the organisation, the calendar, the language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from conversations.i18n import Translator
from storage.model import Centre, Organisation, Text
from storage.schedule import Calendar, Occurrence

PlacesTaken = Callable[[Sequence[Occurrence]], Awaitable[list[int]]]
"""How many places of each activity occurrence are taken (every person counts), in one look."""


async def no_places_taken(occurrences: Sequence[Occurrence]) -> list[int]:
    """For answers without a store of sign-ups: nothing is taken."""
    return [0] * len(occurrences)


@dataclass(frozen=True)
class Ctx:
    """The world one answer is written in."""

    org: Organisation
    calendar: Calendar
    tr: Translator
    now: datetime
    places_taken: PlacesTaken = no_places_taken

    @property
    def lang(self) -> str:
        """The reply language."""
        return self.tr.lang

    def text(self, value: Text | None) -> str:
        """A data-file text in the reply language, falling back to the organisation's."""
        return value.get(self.lang, self.org.default_language) if value else ""

    def centre_name(self, centre: Centre | str) -> str:
        """A centre's name in the reply language."""
        found = self.org.centre(centre) if isinstance(centre, str) else centre
        return self.text(found.name) if found else str(centre)
