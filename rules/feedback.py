"""The rules of feedback: what a message, a rating and a comment are, and which question a
rating answers.

- A suggestion or a complaint a resident typed is kept for staff as `feedback` or `suggestion`
  (nothing else), trimmed, and cut at `MAX_MESSAGE` characters: nobody writes an essay in a chat.
- The day-after question is answered with a rating of 1 to 5, at most once per sign-up; only a
  resident's own confirmed sign-up whose occurrence is over and that they were asked about can be
  rated (`rateable_signup`), so a forged or stale button rates nothing.
- Answering is saying yes: the resident's setting becomes 'yes' in the same step as the rating,
  after which every activity they attended is followed by the question. The question is off
  until a resident says yes once: a resident who never decided gets it once, as an offer with a
  "don't ask again" button ('offered'); an offer that is ignored asks nothing more; "don't ask
  again" turns it to 'no' (`rules.reminders.set_question_setting`). Who is asked about what, and
  when (10:00 the day after), is `rules.reminders.plan_feedback_questions`.
- A rating may be followed by one comment, by the resident who rated, once; an empty one is none.
- A rating typed instead of tapped ("4", "vier") answers the latest question sent to the resident
  in the last `ANSWER_WITHIN` that is not answered yet (`open_question`).
"Attended" is a confirmed sign-up whose occurrence has ended (there is no attendance
registration yet). Everything goes through the repositories, so the rules are the same on SQLite
and PostgreSQL; `storage.feedback` only reads and writes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rules.reminders import attended_occurrence, signup_of_ref
from storage.feedback import FEEDBACK, SUGGESTION, AskSetting, Feedback
from storage.model import Organisation
from storage.records import Signup, SignupStatus
from storage.repositories import Repositories
from storage.schedule import Calendar

KINDS: tuple[str, ...] = (FEEDBACK, SUGGESTION)
RATINGS = range(1, 6)
"""A rating is 1 to 5."""
MAX_MESSAGE = 1000  # nobody writes an essay in a chat; longer texts are cut
ANSWER_WITHIN = timedelta(days=2)  # a typed number answers a question this recent, no older
LATEST_QUESTIONS = 3  # a typed rating answers one of the resident's latest questions only


def clean(text: str) -> str:
    """A message or comment as it is kept: trimmed and cut at `MAX_MESSAGE` characters."""
    return text.strip()[:MAX_MESSAGE]


async def add_feedback(
    repos: Repositories,
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
    """Keep a suggestion or feedback a resident typed; ValueError for an unknown kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown feedback kind: {kind}")
    return await repos.feedback.add(
        org_id=org_id,
        kind=kind,
        message=clean(message),
        now=now,
        resident_id=resident_id,
        centre_id=centre_id,
        activity_id=activity_id,
        language=language,
    )


async def rateable_signup(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    user_id: int,
    signup_id: int,
    now: datetime,
) -> Signup | None:
    """The resident's own confirmed, finished sign-up that they were asked about, or None."""
    signup = await repos.signups.get(signup_id)
    if (
        signup is None
        or signup.resident_id != user_id
        or signup.org_id != org.id
        or signup.status is not SignupStatus.CONFIRMED
    ):
        return None
    if not await repos.feedback.was_asked(signup.id):
        return None
    occurrence = attended_occurrence(calendar, org, signup)
    if occurrence is None or occurrence.end > now:
        return None
    return signup


async def record_rating(
    repos: Repositories,
    signup: Signup,
    rating: int,
    *,
    now: datetime,
    language: str | None = None,
) -> Feedback | None:
    """Keep the answer to the day-after question about a sign-up; None if it was rated before.

    Answering is saying yes: the resident's setting becomes 'yes' in the same step.
    ValueError for a rating outside 1 to 5.
    """
    if rating not in RATINGS:
        raise ValueError("a rating is 1 to 5")
    async with repos.atomic():
        stored = await repos.feedback.add_rating(signup, rating, now=now, language=language)
        if stored is not None and signup.resident_id is not None:
            await repos.feedback.set_ask_setting(signup.resident_id, AskSetting.YES, now=now)
    return stored


async def add_comment(
    repos: Repositories, feedback_id: int, resident_id: int, comment: str
) -> bool:
    """Add the optional comment to a resident's own rating, once; False when not possible."""
    text = clean(comment)
    if not text:
        return False
    async with repos.atomic():
        rated = await repos.feedback.get(feedback_id)
        if rated is None or rated.resident_id != resident_id or rated.message:
            return False
        # The write checks "no comment yet" again: a guard only, under the lock.
        return await repos.feedback.set_comment(feedback_id, resident_id, text)


async def open_question(repos: Repositories, resident_id: int, now: datetime) -> int | None:
    """The sign-up of the latest day-after question sent to a resident in the last
    `ANSWER_WITHIN` that is not answered yet, for a rating typed instead of tapped; or None."""
    refs = await repos.feedback.sent_question_refs(
        resident_id, since=now - ANSWER_WITHIN, limit=LATEST_QUESTIONS
    )
    for ref in refs:
        signup_id = signup_of_ref(ref)
        if signup_id is not None and await repos.feedback.rating_of(signup_id) is None:
            return signup_id
    return None
