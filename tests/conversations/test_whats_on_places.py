"""What's on shows the places left per occurrence, looked up in one query for the whole page."""

from __future__ import annotations

from datetime import datetime

import pytest

from conversations.engine import FrontDoor
from conversations.payloads import WhatsOnPage
from rules.signups import signup_rules
from storage.records import ensure_resident
from tests.conversations.chat import BRUSSELS, MONDAY_MORNING, press, text

TUESDAY = datetime(2026, 11, 24, tzinfo=BRUSSELS)
WEDNESDAY = datetime(2026, 11, 25, tzinfo=BRUSSELS)  # lunch sign-ups close a working day before


async def take(door: FrontDoor, activity: str, centre: str, start: datetime, people: int) -> None:
    """Other residents take `people` places, one each."""
    for n in range(people):
        await ensure_resident(door.store, 20_000 + n, now=MONDAY_MORNING)
        result = await signup_rules(door.store).sign_up(
            door.org,
            door.calendar,
            activity_id=activity,
            centre_id=centre,
            start=start,
            now=MONDAY_MORNING,
            resident_id=20_000 + n,
        )
        assert result.status == "confirmed"


def count_places_queries(door: FrontDoor, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every store query that adds up taken places."""
    seen: list[str] = []
    for name in ("fetch_all", "fetch_one"):
        original = getattr(door.store, name)

        async def counting(sql: str, params: object = (), _original=original) -> object:
            if "party_size" in sql:
                seen.append(sql)
            return await _original(sql, params)

        monkeypatch.setattr(door.store, name, counting)
    return seen


async def test_the_centrums_wednesday_shows_places_left_from_one_query(
    door: FrontDoor, monkeypatch: pytest.MonkeyPatch
) -> None:
    await take(door, "lunch-centrum", "centrum", WEDNESDAY.replace(hour=12), 3)
    queries = count_places_queries(door, monkeypatch)
    day = WEDNESDAY.date()
    listing = text(await press(door, WhatsOnPage("centrum", day, day, 0)))
    assert "37 places left" in listing  # capacity 40, three taken
    assert len(queries) == 1


async def test_appointment_slots_taken_are_not_counted_free(
    door: FrontDoor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pedicure in Mariakerke: six half-hour slots on Tuesday morning, one person each.
    for slot in (9, 10, 11):
        await take(door, "pedicure", "mariakerke", TUESDAY.replace(hour=slot), 1)
    queries = count_places_queries(door, monkeypatch)
    day = TUESDAY.date()
    listing = text(await press(door, WhatsOnPage("mariakerke", day, day, 0)))
    assert "by appointment, 3 free slots" in listing
    assert len(queries) == 1
