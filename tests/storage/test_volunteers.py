"""Volunteer codes and links, and a wish to volunteer, in the store (the rules of codes:
tests/rules/test_volunteers.py; of shifts: tests/rules/test_shifts.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data import demo_path
from storage.db import Database, Store
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.volunteers import add_code, find_code, record_volunteer_interest

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)  # a Monday


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


@pytest.fixture
async def org(store: Store) -> Organisation:
    report = await import_file(store, demo_path("oostende"), now=NOW)
    return await load_organisation_from_store(store, report.org_id)


# --- codes -------------------------------------------------------------------------------------


async def test_only_a_hash_of_the_code_is_stored(store: Store, org: Organisation) -> None:
    code = "KQ7MXR2PTW"
    await add_code(store, org.id, "v-marie", code, now=NOW, expires_at=NOW + timedelta(days=1))
    stored = await store.fetch_value("SELECT code FROM volunteer_codes")
    assert stored != code and code not in stored
    found = await find_code(store, org.id, code)
    assert found is not None and found.volunteer_id == "v-marie"


# --- becoming a volunteer ----------------------------------------------------------------------


async def test_wish_to_volunteer_lands_in_the_staff_inbox(store: Store, org: Organisation) -> None:
    request = await record_volunteer_interest(
        store,
        org.id,
        6001,
        message="Wat: keuken",
        centre_id="stene",
        language="nl",
        now=NOW,
        name="Rita",
    )
    row = await store.fetch_one("SELECT * FROM help_requests WHERE id = ?", (request,))
    assert row is not None
    assert (row["kind"], row["centre_id"], row["status"]) == ("volunteer", "stene", "open")
    assert row["resident_id"] == 6001
