"""Feedback in the store and the "ask me how it was" setting (the question itself: tests/rules)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.db import Database, Store
from storage.feedback import (
    SUGGESTION,
    add_feedback,
    add_rating,
    ask_setting,
    rating_of,
    recent_feedback,
    set_comment,
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


# --- feedback and ratings (what is accepted: tests/rules/test_feedback.py) -------------------


async def test_feedback_and_a_rating_are_stored_as_given(world: World) -> None:
    store, org, _calendar = world
    stored = await add_feedback(
        store,
        org_id=org.id,
        kind=SUGGESTION,
        message="More yoga please",
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
    signup = await book(store, ANNA)
    rated = await add_rating(store, signup, 4, now=NEXT_MORNING, language="nl")
    assert rated is not None and rated.rating == 4 and rated.asked
    assert rated.occurrence_start == "2026-11-24T12:00" and rated.activity_id == "lunch-centrum"
    assert await add_rating(store, signup, 1, now=NEXT_MORNING) is None  # one per sign-up
    assert (await rating_of(store, signup.id)) == rated
    assert await ask_setting(store, ANNA) is None  # the setting is the rule's to change
    assert not await set_comment(store, rated.id, BERT, "forged")
    assert await set_comment(store, rated.id, ANNA, "Lovely soup")
    assert not await set_comment(store, rated.id, ANNA, "and again")


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
    await add_rating(store, signup, 3, now=NEXT_MORNING)
    await store.execute("UPDATE feedback SET resident_id = NULL WHERE resident_id = ?", (ANNA,))
    await store.execute("DELETE FROM signups WHERE resident_id = ?", (ANNA,))
    await store.execute("DELETE FROM residents WHERE user_id = ?", (ANNA,))
    assert await ask_setting(store, ANNA) is None
    kept = await rating_of(store, signup.id)
    assert kept is not None and kept.rating == 3 and kept.resident_id is None
