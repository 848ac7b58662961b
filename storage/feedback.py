"""Feedback, suggestions and day-after ratings in the store; the question's planner reads here.

Three things are kept here:
- a suggestion or a complaint a resident typed (`add_feedback`), for staff to read;
- a rating that answers the day-after question about one sign-up (`add_rating`), at most one
  per sign-up (a unique index), with a comment set afterwards (`set_comment`);
- the resident's "ask me how it was" setting (`feedback_settings`).

This module only reads and writes rows. What a message, a rating and a comment may be, which
sign-up may be rated, which question a typed rating answers and what answering says are the
rules of `rules.feedback`; who is asked about what, and when, is
`rules.reminders.plan_feedback_questions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage.db import Database, Row, utc_now_iso
from storage.records import Signup, local_start

FEEDBACK = "feedback"
SUGGESTION = "suggestion"

QUESTION_KIND = "feedback_question"
"""Outbox kind of the day-after question."""

RECENT = 10  # feedback items staff see at once


class AskSetting(StrEnum):
    """Whether a resident wants the day-after question."""

    OFFERED = "offered"  # asked once, not answered yet: no further questions
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class Feedback:
    """One piece of feedback, suggestion or rating."""

    id: int
    org_id: str
    resident_id: int | None
    centre_id: str | None
    activity_id: str | None
    kind: str
    message: str
    rating: int | None
    occurrence_start: str | None  # local 'YYYY-MM-DDTHH:MM'
    signup_id: int | None
    asked: bool  # an answer to the day-after question
    language: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> Feedback:
        """Build from a `feedback` row."""
        return cls(
            id=row["id"],
            org_id=row["org_id"],
            resident_id=row["resident_id"],
            centre_id=row["centre_id"],
            activity_id=row["activity_id"],
            kind=row["kind"],
            message=row["message"],
            rating=row["rating"],
            occurrence_start=row["occurrence_start"],
            signup_id=row["signup_id"],
            asked=bool(row["asked"]),
            language=row["language"],
            created_at=datetime.fromisoformat(row["created_at"]),
        )


# --- feedback ---------------------------------------------------------------------------------


async def add_feedback(
    store: Database,
    *,
    org_id: str,
    kind: str,
    message: str,
    now: datetime,
    resident_id: int | None = None,
    centre_id: str | None = None,
    activity_id: str | None = None,
    language: str | None = None,
) -> Feedback:
    """Store a suggestion or feedback as given (`rules.feedback` checks and trims it)."""
    row = await store.fetch_one(
        "INSERT INTO feedback (org_id, resident_id, centre_id, activity_id, kind, message,"
        " language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
        (
            org_id,
            resident_id,
            centre_id,
            activity_id,
            kind,
            message,
            language,
            utc_now_iso(now),
        ),
    )
    assert row is not None
    return Feedback.from_row(row)


async def add_rating(
    store: Database, signup: Signup, rating: int, *, now: datetime, language: str | None = None
) -> Feedback | None:
    """Store a rating of a sign-up as the answer to its day-after question; None when the
    sign-up has one already (one per sign-up: a unique index)."""
    row = await store.fetch_one(
        "INSERT INTO feedback (org_id, resident_id, centre_id, activity_id, kind, message,"
        " rating, occurrence_start, signup_id, asked, language, created_at)"
        " VALUES (?, ?, ?, ?, 'feedback', '', ?, ?, ?, 1, ?, ?)"
        " ON CONFLICT (signup_id) WHERE signup_id IS NOT NULL DO NOTHING RETURNING *",
        (
            signup.org_id,
            signup.resident_id,
            signup.centre_id,
            signup.activity_id,
            rating,
            signup.occurrence_start,
            signup.id,
            language,
            utc_now_iso(now),
        ),
    )
    return None if row is None else Feedback.from_row(row)


async def set_comment(store: Database, feedback_id: int, resident_id: int, text: str) -> bool:
    """Set the comment of a resident's own feedback that has none yet; False when it has one
    (or is not theirs)."""
    changed = await store.execute_count(
        "UPDATE feedback SET message = ? WHERE id = ? AND resident_id = ? AND message = ''",
        (text, feedback_id, resident_id),
    )
    return changed > 0


async def get_feedback(store: Database, feedback_id: int) -> Feedback | None:
    """One feedback row, or None."""
    row = await store.fetch_one("SELECT * FROM feedback WHERE id = ?", (feedback_id,))
    return None if row is None else Feedback.from_row(row)


async def rating_of(store: Database, signup_id: int) -> Feedback | None:
    """The rating given for a sign-up, or None."""
    row = await store.fetch_one("SELECT * FROM feedback WHERE signup_id = ?", (signup_id,))
    return None if row is None else Feedback.from_row(row)


async def recent_feedback(
    store: Database, org_id: str, *, centres: frozenset[str] | None = None, limit: int = RECENT
) -> list[Feedback]:
    """The latest feedback, newest first; with `centres`, theirs plus what names no centre."""
    sql = "SELECT * FROM feedback WHERE org_id = ?"
    params: list[Any] = [org_id]
    if centres is not None:
        sql += f" AND (centre_id IS NULL OR centre_id IN ({', '.join('?' for _ in centres)}))"
        params.extend(sorted(centres))
    sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
    params.append(limit)
    return [Feedback.from_row(row) for row in await store.fetch_all(sql, params)]


# --- the "ask me how it was" setting ----------------------------------------------------------


async def ask_setting(store: Database, user_id: int) -> AskSetting | None:
    """The resident's setting; None when the question was never offered."""
    value = await store.fetch_value(
        "SELECT ask FROM feedback_settings WHERE user_id = ?", (user_id,)
    )
    return None if value is None else AskSetting(value)


async def set_ask_setting(
    store: Database, user_id: int, setting: AskSetting, *, now: datetime
) -> None:
    """Remember whether the resident wants the day-after question (the resident must exist).

    What "no" does to questions already queued is `rules.reminders.set_question_setting`'s.
    """
    await store.execute(
        "INSERT INTO feedback_settings (user_id, ask, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET ask = excluded.ask,"
        " updated_at = excluded.updated_at",
        (user_id, str(setting), utc_now_iso(now)),
    )


async def anonymise_of(store: Database, resident_id: int) -> int:
    """Cut a resident's feedback loose from them (the words go, a rating stays); how many."""
    return await store.execute_count(
        "UPDATE feedback SET resident_id = NULL, message = '' WHERE resident_id = ?",
        (resident_id,),
    )


async def forget_setting(store: Database, user_id: int) -> bool:
    """Forget the resident's "ask me how it was" setting; True when there was one."""
    deleted = await store.execute_count(
        "DELETE FROM feedback_settings WHERE user_id = ?", (user_id,)
    )
    return deleted > 0


# --- the day-after question -------------------------------------------------------------------


def question_key(signup_id: int) -> str:
    """The dedupe key of the day-after question about one sign-up: one per sign-up, ever."""
    return f"feedback-question:{signup_id}"


async def sent_question_refs(
    store: Database, resident_id: int, *, since: datetime, limit: int
) -> list[str]:
    """The refs of the day-after questions sent to a resident since `since`, newest first (at
    most `limit`)."""
    rows = await store.fetch_all(
        "SELECT ref FROM outbox WHERE chat_id = ? AND kind = ? AND status = 'sent'"
        " AND sent_at >= ? ORDER BY sent_at DESC LIMIT ?",
        (resident_id, QUESTION_KIND, utc_now_iso(since), limit),
    )
    return [str(row["ref"] or "") for row in rows]


async def was_asked(store: Database, signup_id: int) -> bool:
    """Whether the day-after question about this sign-up was queued (and not withdrawn)."""
    value = await store.fetch_value(
        "SELECT 1 FROM outbox WHERE dedupe_key = ? AND status <> 'cancelled'",
        (question_key(signup_id),),
    )
    return value is not None


@dataclass(frozen=True)
class QuestionCandidate:
    """A sign-up the day-after question was not queued about yet, with its resident's answers."""

    signup: Signup
    setting: AskSetting | None  # None: the question was never offered
    consented: bool  # the resident agreed that their choices are remembered
    reachable: bool  # Telegram did not say they blocked the bot


async def unasked_signups(
    store: Database, org_id: str, *, since: datetime, until: datetime
) -> list[QuestionCandidate]:
    """Residents' sign-ups for occurrences from `since` to `until` (local), and every series,
    that no day-after question was queued about, by occurrence start."""
    rows = await store.fetch_all(
        "SELECT s.*, f.ask AS ask, r.consent_at AS consent_at,"
        " r.unreachable_since AS unreachable_since FROM signups AS s"
        " JOIN residents AS r ON r.user_id = s.resident_id"
        " LEFT JOIN feedback_settings AS f ON f.user_id = s.resident_id"
        " WHERE s.org_id = ? AND (s.occurrence_start BETWEEN ? AND ? OR s.series = 1)"
        " AND NOT EXISTS (SELECT 1 FROM outbox AS o WHERE o.dedupe_key ="
        " 'feedback-question:' || s.id)"  # question_key() in SQL: one index look-up a row
        " ORDER BY s.occurrence_start, s.id",
        (org_id, local_start(since), local_start(until)),
    )
    return [
        QuestionCandidate(
            Signup.from_row(row),
            None if row["ask"] is None else AskSetting(row["ask"]),
            row["consent_at"] is not None,
            row["unreachable_since"] is None,
        )
        for row in rows
    ]
