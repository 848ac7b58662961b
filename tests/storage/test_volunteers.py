"""Volunteer codes and links, and a wish to volunteer, in the store (shift rules: tests/rules)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from data import demo_path
from storage.db import Database, Store
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation, Shift
from storage.schedule import Calendar, Occurrence
from storage.volunteers import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Redeemed,
    create_code,
    linked_volunteer,
    record_volunteer_interest,
    redeem_code,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)  # a Monday
MARIE_TG, ANNE_TG, PIOTR_TG = 5001, 5002, 5003
FRIDAY_RECEPTION = datetime(2026, 11, 27, 13, 0, tzinfo=BRUSSELS)
WEDNESDAY_RECEPTION = datetime(2026, 11, 25, 9, 0, tzinfo=BRUSSELS)
CHRISTMAS_SERVICE = datetime(2026, 12, 17, 11, 0, tzinfo=BRUSSELS)
STENE_KITCHEN_WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


@pytest.fixture
async def org(store: Store) -> Organisation:
    report = await import_file(store, demo_path("oostende"), now=NOW)
    return await load_organisation_from_store(store, report.org_id)


@pytest.fixture
def calendar(org: Organisation) -> Calendar:
    return Calendar(org)


async def _link(store: Store, org: Organisation, volunteer_id: str, telegram_id: int) -> None:
    code = await create_code(store, org.id, volunteer_id, now=NOW)
    assert (await redeem_code(store, org.id, code, telegram_id, now=NOW)).outcome is (
        Redeemed.LINKED
    )


def _render(
    org: Organisation, calendar: Calendar, lang: str, shift: Shift, occurrence: Occurrence
) -> dict[str, Any]:
    return {"text": f"{lang}:{shift.id}:{occurrence.start:%Y-%m-%dT%H:%M}"}


# --- codes and links ---------------------------------------------------------------------------


async def test_code_is_short_unambiguous_and_safe_in_a_deep_link(
    store: Store, org: Organisation
) -> None:
    code = await create_code(store, org.id, "v-marie", now=NOW)
    assert len(code) == CODE_LENGTH
    assert set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("0O1IL")


async def test_volunteer_links_their_telegram_with_the_code(
    store: Store, org: Organisation
) -> None:
    code = await create_code(store, org.id, "v-marie", now=NOW)
    result = await redeem_code(store, org.id, code, MARIE_TG, now=NOW + timedelta(hours=1))
    assert result.outcome is Redeemed.LINKED and result.volunteer_id == "v-marie"
    assert await linked_volunteer(store, org.id, MARIE_TG) == "v-marie"


async def test_code_typed_in_lower_case_with_spaces_still_works(
    store: Store, org: Organisation
) -> None:
    code = await create_code(store, org.id, "v-anne", now=NOW)
    result = await redeem_code(store, org.id, f"  {code.lower()} ", ANNE_TG, now=NOW)
    assert result.outcome is Redeemed.LINKED


async def test_reused_code_is_refused(store: Store, org: Organisation) -> None:
    code = await create_code(store, org.id, "v-marie", now=NOW)
    await redeem_code(store, org.id, code, MARIE_TG, now=NOW)
    again = await redeem_code(store, org.id, code, ANNE_TG, now=NOW)
    assert again.outcome is Redeemed.USED
    assert await linked_volunteer(store, org.id, ANNE_TG) is None


async def test_code_expires_after_seven_days(store: Store, org: Organisation) -> None:
    code = await create_code(store, org.id, "v-marie", now=NOW)
    late = await redeem_code(store, org.id, code, MARIE_TG, now=NOW + timedelta(days=7))
    assert late.outcome is Redeemed.EXPIRED
    assert await linked_volunteer(store, org.id, MARIE_TG) is None


async def test_a_new_code_ends_the_earlier_unused_one(store: Store, org: Organisation) -> None:
    old = await create_code(store, org.id, "v-marie", now=NOW)
    new = await create_code(store, org.id, "v-marie", now=NOW + timedelta(minutes=1))
    later = NOW + timedelta(minutes=2)
    assert (await redeem_code(store, org.id, old, MARIE_TG, now=later)).outcome is (
        Redeemed.EXPIRED
    )
    assert (await redeem_code(store, org.id, new, MARIE_TG, now=later)).outcome is (
        Redeemed.LINKED
    )


async def test_unknown_code_and_unknown_volunteer_are_refused(
    store: Store, org: Organisation
) -> None:
    assert (await redeem_code(store, org.id, "ABCDEFGHJK", 1, now=NOW)).outcome is (
        Redeemed.UNKNOWN
    )
    assert (await redeem_code(store, org.id, "not a code", 1, now=NOW)).outcome is (
        Redeemed.UNKNOWN
    )
    with pytest.raises(LookupError):
        await create_code(store, org.id, "v-nobody", now=NOW)


async def test_only_a_hash_of_the_code_is_stored(store: Store, org: Organisation) -> None:
    code = await create_code(store, org.id, "v-marie", now=NOW)
    stored = await store.fetch_value("SELECT code FROM volunteer_codes")
    assert stored != code and code not in stored


async def test_a_new_code_moves_the_volunteer_to_a_new_phone(
    store: Store, org: Organisation
) -> None:
    await _link(store, org, "v-marie", MARIE_TG)
    await _link(store, org, "v-marie", 7777)
    assert await linked_volunteer(store, org.id, MARIE_TG) is None
    assert await linked_volunteer(store, org.id, 7777) == "v-marie"


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
