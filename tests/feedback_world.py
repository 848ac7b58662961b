"""The feedback tests' world: Oostende imported, two residents who consented, a lunch to book."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.runtime import resolve_data
from storage.db import Store, utc_now_iso
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.records import Signup, SignupStatus, ensure_resident, insert_signup
from storage.schedule import Calendar

BRUSSELS = ZoneInfo("Europe/Brussels")
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)  # Tuesday, lunch at Centrum, until 13:00
AFTER_LUNCH = datetime(2026, 11, 24, 13, 30, tzinfo=BRUSSELS)
NEXT_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=BRUSSELS)
BOOKED = datetime(2026, 11, 16, 10, 0, tzinfo=BRUSSELS)
ANNA, BERT = 4242, 4343

World = tuple[Store, Organisation, Calendar]


async def make_world(store: Store) -> World:
    """Oostende imported a week before the booking day; Anna and Bert have consented."""
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
