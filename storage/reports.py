"""The queries behind `voordeur report` and `voordeur health`: aggregates, on either backend.

Every figure comes back as a small typed record; `bot/report.py` turns them into files. Counts
are ints and averages floats whatever the backend gives (PostgreSQL sums and averages come as
`Decimal`). Month bounds are passed in as the store writes moments: local `YYYY-MM-DDTHH:MM`
for occurrence starts, UTC ISO 8601 for moments stamped when something happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.records import parse_moment

LAST_UPDATE_KEY = "last_update_at"
"""The meta key under which the bot notes when it last handled an update."""


@dataclass(frozen=True)
class SignupFigures:
    """The sign-ups of one activity at one centre in the month."""

    centre_id: str
    activity_id: str
    confirmed: int
    people: int  # companions included
    cancelled: int
    waiting: int
    people_waiting: int
    residents: int  # distinct residents with a confirmed place


@dataclass(frozen=True)
class SessionAttendance:
    """What staff registered for one session that has begun (confirmed sign-ups only)."""

    centre_id: str
    activity_id: str
    marked: int  # sign-ups marked either way; 0: nobody registered this session
    came: int
    people_came: int
    missing: int


@dataclass(frozen=True)
class RatingFigures:
    """The day-after ratings of one activity at one centre."""

    centre_id: str
    activity_id: str
    ratings: int
    average: float


@dataclass(frozen=True)
class HelpRequestTimes:
    """One help request of the month: its topic, status and when staff took it up."""

    topic: str | None
    status: str
    created_at: datetime
    claimed_at: datetime | None


@dataclass(frozen=True)
class FeedbackFigures:
    """The month's feedback: messages, suggestions and ratings."""

    feedback: int
    suggestions: int
    ratings: int
    average: float | None


@dataclass(frozen=True)
class StoreHealth:
    """What a monitor wants to know of the store, read without writing."""

    schema_version: int
    organisations: dict[str, str] = field(default_factory=dict)  # id -> imported_at
    last_update_at: str | None = None
    outbox: dict[str, int] = field(default_factory=dict)  # status -> messages
    unreachable_residents: int = 0


def _int(value: Any) -> int:
    return int(value or 0)


class SqlReports:
    """The report's and the health check's queries on a `Database` (SQLite or PostgreSQL)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def signup_figures(
        self, org_id: str, local_from: str, local_to: str
    ) -> list[SignupFigures]:
        """Sign-ups by centre and activity for sessions starting in [local_from, local_to)."""
        rows = await self.db.fetch_all(
            "SELECT centre_id, activity_id,"
            " count(CASE WHEN status = 'confirmed' THEN 1 END) AS confirmed,"
            " coalesce(sum(CASE WHEN status = 'confirmed' THEN party_size END), 0) AS people,"
            " count(CASE WHEN status = 'cancelled' THEN 1 END) AS cancelled,"
            " count(CASE WHEN status = 'waiting' THEN 1 END) AS waiting,"
            " coalesce(sum(CASE WHEN status = 'waiting' THEN party_size END), 0)"
            " AS people_waiting,"
            " count(DISTINCT CASE WHEN status = 'confirmed' THEN resident_id END) AS residents"
            " FROM signups WHERE org_id = ? AND occurrence_start >= ? AND occurrence_start < ?"
            " GROUP BY centre_id, activity_id ORDER BY centre_id, activity_id",
            (org_id, local_from, local_to),
        )
        return [
            SignupFigures(
                centre_id=row["centre_id"],
                activity_id=row["activity_id"],
                confirmed=_int(row["confirmed"]),
                people=_int(row["people"]),
                cancelled=_int(row["cancelled"]),
                waiting=_int(row["waiting"]),
                people_waiting=_int(row["people_waiting"]),
                residents=_int(row["residents"]),
            )
            for row in rows
        ]

    async def promotions(
        self, org_id: str, local_from: str, local_to: str
    ) -> dict[tuple[str, str], int]:
        """(centre, activity) -> places passed on from a waiting list, for the month's sessions.

        A promotion is known by the notice it queued (one per sign-up, whatever became of it).
        """
        rows = await self.db.fetch_all(
            "SELECT s.centre_id, s.activity_id, count(*) AS promoted FROM outbox AS o"
            " JOIN signups AS s ON o.ref = 'signup:' || s.id"
            " WHERE o.kind = 'promotion' AND s.org_id = ? AND s.occurrence_start >= ?"
            " AND s.occurrence_start < ? GROUP BY s.centre_id, s.activity_id",
            (org_id, local_from, local_to),
        )
        return {(row["centre_id"], row["activity_id"]): _int(row["promoted"]) for row in rows}

    async def session_attendance(
        self, org_id: str, local_from: str, local_to: str, local_now: str
    ) -> list[SessionAttendance]:
        """Attendance per session of the month that has begun by `local_now`."""
        rows = await self.db.fetch_all(
            "SELECT centre_id, activity_id, count(attended) AS marked,"
            " count(CASE WHEN attended = 1 THEN 1 END) AS came,"
            " coalesce(sum(CASE WHEN attended = 1 THEN party_size END), 0) AS people_came,"
            " count(CASE WHEN attended = 0 THEN 1 END) AS missing"
            " FROM signups WHERE org_id = ? AND occurrence_start >= ? AND occurrence_start < ?"
            " AND status = 'confirmed' AND occurrence_start <= ?"
            " GROUP BY centre_id, activity_id, occurrence_start"
            " ORDER BY centre_id, activity_id, occurrence_start",
            (org_id, local_from, local_to, local_now),
        )
        return [
            SessionAttendance(
                centre_id=row["centre_id"],
                activity_id=row["activity_id"],
                marked=_int(row["marked"]),
                came=_int(row["came"]),
                people_came=_int(row["people_came"]),
                missing=_int(row["missing"]),
            )
            for row in rows
        ]

    async def ratings(self, org_id: str, utc_from: str, utc_to: str) -> list[RatingFigures]:
        """Day-after ratings given in the month, by centre and activity."""
        rows = await self.db.fetch_all(
            "SELECT centre_id, activity_id, count(rating) AS ratings, avg(rating) AS average"
            " FROM feedback WHERE org_id = ? AND created_at >= ? AND created_at < ?"
            " AND rating IS NOT NULL AND activity_id IS NOT NULL AND centre_id IS NOT NULL"
            " GROUP BY centre_id, activity_id ORDER BY centre_id, activity_id",
            (org_id, utc_from, utc_to),
        )
        return [
            RatingFigures(
                centre_id=row["centre_id"],
                activity_id=row["activity_id"],
                ratings=_int(row["ratings"]),
                average=float(row["average"]),
            )
            for row in rows
        ]

    async def help_requests(
        self, org_id: str, utc_from: str, utc_to: str
    ) -> list[HelpRequestTimes]:
        """Every help request (and wish to volunteer) made in the month, oldest first."""
        rows = await self.db.fetch_all(
            "SELECT coalesce(topic, kind) AS topic, status, created_at, claimed_at"
            " FROM help_requests WHERE org_id = ? AND created_at >= ? AND created_at < ?"
            " ORDER BY created_at, id",
            (org_id, utc_from, utc_to),
        )
        return [
            HelpRequestTimes(
                topic=row["topic"],
                status=row["status"],
                created_at=datetime.fromisoformat(row["created_at"]),
                claimed_at=parse_moment(row["claimed_at"]),
            )
            for row in rows
        ]

    async def unique_residents(self, org_id: str, local_from: str, local_to: str) -> int:
        """Residents with Telegram and a confirmed place in a session of the month."""
        return _int(
            await self.db.fetch_value(
                "SELECT count(DISTINCT resident_id) FROM signups WHERE org_id = ?"
                " AND status = 'confirmed' AND occurrence_start >= ? AND occurrence_start < ?",
                (org_id, local_from, local_to),
            )
        )

    async def signups_without_telegram(self, org_id: str, local_from: str, local_to: str) -> int:
        """Confirmed sign-ups of the month with no resident (desk, or forgotten on request)."""
        return _int(
            await self.db.fetch_value(
                "SELECT count(*) FROM signups WHERE org_id = ? AND status = 'confirmed'"
                " AND resident_id IS NULL AND occurrence_start >= ? AND occurrence_start < ?",
                (org_id, local_from, local_to),
            )
        )

    async def feedback_figures(self, org_id: str, utc_from: str, utc_to: str) -> FeedbackFigures:
        """Feedback messages, suggestions and ratings given in the month."""
        row = await self.db.fetch_one(
            "SELECT count(CASE WHEN rating IS NULL AND kind = 'feedback' THEN 1 END)"
            " AS feedback, count(CASE WHEN kind = 'suggestion' THEN 1 END) AS suggestions,"
            " count(rating) AS ratings, avg(rating) AS average"
            " FROM feedback WHERE org_id = ? AND created_at >= ? AND created_at < ?",
            (org_id, utc_from, utc_to),
        )
        assert row is not None  # an aggregate without GROUP BY has one row
        average = row["average"]
        return FeedbackFigures(
            feedback=_int(row["feedback"]),
            suggestions=_int(row["suggestions"]),
            ratings=_int(row["ratings"]),
            average=None if average is None else float(average),
        )

    async def health(self) -> StoreHealth:
        """Schema version, organisations, the bot's last update, the outbox, blocked chats."""
        organisations = await self.db.fetch_all(
            "SELECT id, imported_at FROM organisations ORDER BY id"
        )
        last = await self.db.fetch_value(
            "SELECT value FROM meta WHERE key = ?", (LAST_UPDATE_KEY,)
        )
        outbox = await self.db.fetch_all(
            "SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status"
        )
        unreachable = await self.db.fetch_value(
            "SELECT count(*) FROM residents WHERE unreachable_since IS NOT NULL"
        )
        return StoreHealth(
            schema_version=await self.db.schema_version(),
            organisations={row["id"]: row["imported_at"] for row in organisations},
            last_update_at=last,
            outbox={row["status"]: _int(row["n"]) for row in outbox},
            unreachable_residents=_int(unreachable),
        )
