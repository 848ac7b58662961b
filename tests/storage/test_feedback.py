"""Feedback in the store and the "ask me how it was" setting (the question itself: tests/rules)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.db import Database, Store
from storage.feedback import (
    SUGGESTION,
    AskSetting,
    add_comment,
    add_feedback,
    ask_setting,
    rating_of,
    recent_feedback,
    record_rating,
)
from tests.feedback_world import (
    ANNA,
    BERT,
    BOOKED,
    NEXT_MORNING,
    World,
    book,
    make_world,
)


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


@pytest.fixture
async def world(store: Store) -> World:
    """Oostende with Anna and Bert (tests/feedback_world.py)."""
    return await make_world(store)


# --- feedback and ratings ---------------------------------------------------------------------


async def test_a_suggestion_is_kept_for_staff_with_its_centre(world: World) -> None:
    store, org, _calendar = world
    stored = await add_feedback(
        store,
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
    with pytest.raises(ValueError):
        await add_feedback(store, org_id=org.id, kind="rant", message="x", now=BOOKED)


async def test_a_signup_is_rated_once_and_rating_turns_the_question_on(world: World) -> None:
    store, _org, _calendar = world
    signup = await book(store, ANNA)
    first = await record_rating(store, signup, 4, now=NEXT_MORNING, language="nl")
    again = await record_rating(store, signup, 1, now=NEXT_MORNING, language="nl")
    assert first is not None and first.rating == 4 and first.asked
    assert first.occurrence_start == "2026-11-24T12:00" and first.activity_id == "lunch-centrum"
    assert again is None
    assert (await rating_of(store, signup.id)) == first
    assert await ask_setting(store, ANNA) is AskSetting.YES
    with pytest.raises(ValueError):
        await record_rating(store, await book(store, BERT), 6, now=NEXT_MORNING)


async def test_a_comment_is_added_once_and_only_by_the_resident_who_rated(world: World) -> None:
    store, _org, _calendar = world
    rating = await record_rating(store, await book(store, ANNA), 5, now=NEXT_MORNING)
    assert rating is not None
    assert not await add_comment(store, rating.id, BERT, "forged")
    assert await add_comment(store, rating.id, ANNA, "Lovely soup")
    assert not await add_comment(store, rating.id, ANNA, "and again")
    commented = await rating_of(store, rating.signup_id or 0)
    assert commented is not None and commented.message == "Lovely soup"


async def test_staff_see_the_latest_ten_of_their_centres_and_general_ones(world: World) -> None:
    store, org, _calendar = world
    for minute in range(12):
        await add_feedback(
            store,
            org_id=org.id,
            kind="feedback",
            message=f"stene {minute}",
            now=BOOKED + timedelta(minutes=minute),
            centre_id="stene",
        )
    await add_feedback(
        store,
        org_id=org.id,
        kind="feedback",
        message="mariakerke",
        now=BOOKED,
        centre_id="mariakerke",
    )
    await add_feedback(
        store, org_id=org.id, kind="feedback", message="general", now=BOOKED + timedelta(hours=1)
    )
    everything = await recent_feedback(store, org.id)
    assert len(everything) == 10 and everything[0].message == "general"
    mariakerke = await recent_feedback(store, org.id, centres=frozenset({"mariakerke"}))
    assert [f.message for f in mariakerke] == ["general", "mariakerke"]


async def test_forgetting_a_resident_drops_their_setting_and_keeps_the_rating_anonymous(
    world: World,
) -> None:
    store, _org, _calendar = world
    signup = await book(store, ANNA)
    await record_rating(store, signup, 3, now=NEXT_MORNING)
    await store.execute("UPDATE feedback SET resident_id = NULL WHERE resident_id = ?", (ANNA,))
    await store.execute("DELETE FROM signups WHERE resident_id = ?", (ANNA,))
    await store.execute("DELETE FROM residents WHERE user_id = ?", (ANNA,))
    assert await ask_setting(store, ANNA) is None
    kept = await rating_of(store, signup.id)
    assert kept is not None and kept.rating == 3 and kept.resident_id is None
