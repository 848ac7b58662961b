"""The feedback rules on both backends: what a message, a rating and a comment may be, which
sign-up may be rated, and which question a typed rating answers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from rules.feedback import (
    MAX_MESSAGE,
    add_comment,
    add_feedback,
    open_question,
    rateable_signup,
    record_rating,
)
from rules.reminders import signup_ref
from storage.db import Database, Store
from storage.feedback import QUESTION_KIND, SUGGESTION, AskSetting, question_key
from storage.records import Signup, SignupStatus
from storage.repositories import Repositories, repositories
from tests.feedback_world import (
    AFTER_LUNCH,
    ANNA,
    BERT,
    BOOKED,
    LUNCH,
    NEXT_MORNING,
    World,
    book,
    make_world,
)


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend."""
    return any_store


@pytest.fixture
async def world(store: Store) -> World:
    """Oostende with Anna and Bert (tests/feedback_world.py)."""
    return await make_world(store)


async def _ask(repos: Repositories, signup: Signup, sent_at: datetime) -> None:
    """The day-after question about `signup`, sent to its resident at `sent_at`."""
    queued = await repos.outbox.enqueue(
        chat_id=signup.resident_id or 0,
        kind=QUESTION_KIND,
        payload={"text": "How was it?"},
        language="nl",
        due_at=sent_at,
        now=sent_at,
        org_id=signup.org_id,
        ref=signup_ref(signup.id),
        dedupe_key=question_key(signup.id),
    )
    assert queued is not None
    await repos.outbox.mark_sent(queued, sent_at)


# --- messages ---------------------------------------------------------------------------------


async def test_a_suggestion_is_kept_trimmed_and_an_unknown_kind_is_refused(world: World) -> None:
    store, org, _calendar = world
    repos = repositories(store)
    stored = await add_feedback(
        repos,
        org_id=org.id,
        kind=SUGGESTION,
        message="  More yoga please  ",
        now=BOOKED,
        resident_id=ANNA,
        centre_id="stene",
        language="en",
    )
    assert (stored.kind, stored.message, stored.centre_id, stored.rating) == (
        "suggestion",
        "More yoga please",
        "stene",
        None,
    )
    long = await add_feedback(
        repos, org_id=org.id, kind="feedback", message="a" * (MAX_MESSAGE + 50), now=BOOKED
    )
    assert len(long.message) == MAX_MESSAGE
    with pytest.raises(ValueError):
        await add_feedback(repos, org_id=org.id, kind="rant", message="x", now=BOOKED)
    assert len(await repos.feedback.recent(org.id)) == 2


# --- ratings and comments ---------------------------------------------------------------------


async def test_a_signup_is_rated_once_and_rating_turns_the_question_on(world: World) -> None:
    store, _org, _calendar = world
    repos = repositories(store)
    signup = await book(store, ANNA)
    first = await record_rating(repos, signup, 4, now=NEXT_MORNING, language="nl")
    again = await record_rating(repos, signup, 1, now=NEXT_MORNING, language="nl")
    assert first is not None and first.rating == 4 and first.asked
    assert again is None
    assert await repos.feedback.rating_of(signup.id) == first
    assert await repos.feedback.ask_setting(ANNA) is AskSetting.YES


@pytest.mark.parametrize("rating", [0, 6, -1])
async def test_a_rating_outside_one_to_five_is_refused_and_changes_nothing(
    world: World, rating: int
) -> None:
    store, _org, _calendar = world
    repos = repositories(store)
    signup = await book(store, BERT)
    with pytest.raises(ValueError):
        await record_rating(repos, signup, rating, now=NEXT_MORNING)
    assert await repos.feedback.rating_of(signup.id) is None
    assert await repos.feedback.ask_setting(BERT) is None


async def test_a_comment_is_added_once_and_only_by_the_resident_who_rated(world: World) -> None:
    store, _org, _calendar = world
    repos = repositories(store)
    rating = await record_rating(repos, await book(store, ANNA), 5, now=NEXT_MORNING)
    assert rating is not None
    assert not await add_comment(repos, rating.id, BERT, "forged")
    assert not await add_comment(repos, rating.id, ANNA, "   ")  # an empty comment is none
    assert await add_comment(repos, rating.id, ANNA, "  Lovely soup ")
    assert not await add_comment(repos, rating.id, ANNA, "and again")
    assert not await add_comment(repos, rating.id + 100, ANNA, "no such rating")
    commented = await repos.feedback.rating_of(rating.signup_id or 0)
    assert commented is not None and commented.message == "Lovely soup"


# --- which sign-up may be rated ---------------------------------------------------------------


async def test_only_the_residents_own_finished_and_asked_sign_up_can_be_rated(
    world: World,
) -> None:
    store, org, calendar = world
    repos = repositories(store)
    anna = await book(store, ANNA)
    waiting = await book(store, BERT, status=SignupStatus.WAITING)
    tomorrow = await book(store, BERT, start=LUNCH + timedelta(days=7))

    async def rateable(user_id: int, signup: Signup, now: datetime) -> bool:
        return await rateable_signup(repos, org, calendar, user_id, signup.id, now) is not None

    assert not await rateable(ANNA, anna, NEXT_MORNING)  # never asked
    for signup in (anna, waiting, tomorrow):
        await _ask(repos, signup, AFTER_LUNCH)
    assert await rateable(ANNA, anna, NEXT_MORNING)
    assert not await rateable(BERT, anna, NEXT_MORNING)  # someone else's
    assert not await rateable(ANNA, anna, LUNCH + timedelta(minutes=30))  # not over yet
    assert not await rateable(BERT, waiting, NEXT_MORNING)  # was on the waiting list
    assert not await rateable(BERT, tomorrow, NEXT_MORNING)  # still to come
    assert await rateable_signup(repos, org, calendar, ANNA, 99_999, NEXT_MORNING) is None


async def test_a_typed_rating_answers_the_latest_open_question_of_the_last_two_days(
    world: World,
) -> None:
    store, _org, _calendar = world
    repos = repositories(store)
    older = await book(store, ANNA, start=LUNCH - timedelta(days=7))
    latest = await book(store, ANNA)
    assert await open_question(repos, ANNA, NEXT_MORNING) is None  # nothing asked
    await _ask(repos, older, NEXT_MORNING - timedelta(days=7))
    assert await open_question(repos, ANNA, NEXT_MORNING) is None  # asked too long ago
    await _ask(repos, latest, NEXT_MORNING)
    assert await open_question(repos, ANNA, NEXT_MORNING + timedelta(hours=1)) == latest.id
    assert await open_question(repos, BERT, NEXT_MORNING + timedelta(hours=1)) is None
    assert await open_question(repos, ANNA, NEXT_MORNING + timedelta(days=2, hours=1)) is None
    await record_rating(repos, latest, 3, now=NEXT_MORNING + timedelta(hours=1))
    assert await open_question(repos, ANNA, NEXT_MORNING + timedelta(hours=2)) is None
