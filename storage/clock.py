"""The one clock everything asks for "now", in the organisation's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Something that tells the current local time."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in the organisation's zone."""
        ...


class SystemClock:
    """The real clock."""

    def __init__(self, timezone: str) -> None:
        self.tz = ZoneInfo(timezone)

    def now(self) -> datetime:
        """The current time in the organisation's zone."""
        return datetime.now(self.tz)


class FixedClock:
    """A clock that tests (and `voordeur ask --at`) set and move by hand."""

    def __init__(self, at: datetime, timezone: str | None = None) -> None:
        if at.tzinfo is None:
            if timezone is None:
                raise ValueError("a naive time needs a timezone")
            at = at.replace(tzinfo=ZoneInfo(timezone))
        self._now = at

    def now(self) -> datetime:
        """The time the clock was set to."""
        return self._now

    def set(self, at: datetime) -> None:
        """Jump to `at` (naive times are read in the clock's zone)."""
        self._now = at if at.tzinfo else at.replace(tzinfo=self._now.tzinfo)

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by `delta`."""
        self._now = self._now + delta
