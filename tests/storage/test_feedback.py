"""Feedback in the store and the "ask me how it was" setting (the question itself: tests/rules)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import resolve_data
from storage import outbox
from storage.db import Database, Store, utc_now_iso
from storage.feedback import (
    QUESTION_KIND,
    SUGGESTION,
    AskSetting,
    add_comment,
    add_feedback,
    ask_setting,
    rating_of,
    recent_feedback,
    record_rating,
)
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.records import Signup, SignupStatus, ensure_resident, insert_signup
from storage.schedule import Calendar, Occurrence


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


BRUSSELS = ZoneInfo("Europe/Brussels")
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)  # Tuesday, lunch at Centrum, until 13:00
AFTER_LUNCH = datetime(2026, 11, 24, 13, 30, tzinfo=BRUSSELS)
NEXT_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=BRUSSELS)
BOOKED = datetime(2026, 11, 16, 10, 0, tzinfo=BRUSSELS)
ANNA, BERT = 4242, 4343

World = tuple[Store, Organisation, Calendar]


class Asked:
    """A renderer that notes what it was asked to write."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, datetime, bool]] = []

    async def __call__(
        self, signup: Signup, occurrence: Occurrence, due: datetime, first_time: bool
    ) -> tuple[dict[str, Any], str]:
        self.calls.append((signup.id, due, first_time))
        return {"text": f"how was {signup.activity_id}?", "buttons": []}, "nl"


@pytest.fixture
async def world(store: Store) -> World:
    report = await import_file(store, resolve_data("oostende"), now=BOOKED - timedelta(days=7))
    org = await load_organisation_from_store(store, report.org_id)
    for user_id in (ANNA, BERT):
        await ensure_resident(store, user_id, now=BOOKED)
        await store.execute(
            "UPDATE residents SET consent_at = ? WHERE user_id = ?", (utc_now_iso(BOOKED), user_id)
        )
    return store, org, Calendar(org)


async def book(
    store: Store,
    resident: int,
    start: datetime = LUNCH,
    activity: str = "lunch-centrum",
    status: SignupStatus = SignupStatus.CONFIRMED,
    centre: str = "centrum",
) -> Signup:
    return await insert_signup(
        store,
        org_id="oostende",
        activity_id=activity,
        centre_id=centre,
        start=start,
        now=BOOKED,
        resident_id=resident,
        status=status,
    )


async def questions(store: Store) -> list[outbox.OutboxMessage]:
    rows = await store.fetch_all(
        "SELECT * FROM outbox WHERE kind = ? ORDER BY id", (QUESTION_KIND,)
    )
    return [outbox.OutboxMessage.from_row(row) for row in rows]


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
