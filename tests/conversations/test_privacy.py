"""Deleting one's data: nothing of the resident stays behind, and their place goes on."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from conversations.engine import FrontDoor
from storage import signups
from storage.records import ensure_resident
from storage.volunteers import record_volunteer_interest
from tests.conversations.chat import press, text

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
LEAVING, WAITING = 5501, 5502
PEDICURE_SLOT = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


async def _press(door: FrontDoor, payload: str) -> str:
    return text(await press(door, payload, user=LEAVING))


async def test_forgetting_a_resident_removes_them_everywhere_and_promotes_the_next(
    door: FrontDoor,
) -> None:
    store = door.store
    for user, name in ((LEAVING, "Leaving Resident"), (WAITING, "Waiting Resident")):
        await ensure_resident(store, user, now=NOW, name=name)
    first = await signups.sign_up(
        store,
        door.org,
        door.calendar,
        activity_id="pedicure",
        centre_id="mariakerke",
        start=PEDICURE_SLOT,
        now=NOW,
        resident_id=LEAVING,
    )
    second = await signups.sign_up(
        store,
        door.org,
        door.calendar,
        activity_id="pedicure",
        centre_id="mariakerke",
        start=PEDICURE_SLOT,
        now=NOW,
        resident_id=WAITING,
    )
    assert (first.status, second.status) == ("confirmed", "waiting")
    await record_volunteer_interest(
        store,
        "oostende",
        LEAVING,
        message="I like cooking, call 0470 11 22 33",
        centre_id="stene",
        language="en",
        now=NOW,
        name="Leaving Resident",
    )

    assert "Are you sure" in await _press(door, "x:del")
    assert "deleted" in await _press(door, "x:del!")

    promoted = await signups.get_signup(store, second.signup.id)
    assert promoted is not None and promoted.status == "confirmed"
    tables = [
        r["name"]
        for r in await store.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    for table in tables:
        for row in await store.fetch_all(f"SELECT * FROM {table}"):
            values = [str(v) for v in tuple(row)]
            assert str(LEAVING) not in values, table
            assert not any("Leaving Resident" in v or "0470 11 22 33" in v for v in values), table
