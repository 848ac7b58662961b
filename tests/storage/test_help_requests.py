"""Help requests in the store: created open, claimed by one staff member, noted, resolved."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from data import demo_path
from storage import help_requests as hr
from storage.db import Database, Store, discover_migrations
from storage.help_requests import HelpStatus, Outcome
from storage.importer import import_file

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
RESIDENT = 4242
ANNE, BERT = 900001, 900002


@pytest.fixture
def store(any_store: Database) -> Database:
    """Every test of this module runs on each backend (see tests/storage/conftest.py)."""
    return any_store


@pytest.fixture
async def org_id(store: Store) -> str:
    """The Oostende demo organisation, imported."""
    report = await import_file(store, demo_path("oostende"), now=NOW)
    return report.org_id


async def _ask(store: Store, org_id: str, centre: str = "stene", topic: str = "housing") -> int:
    return await hr.create(
        store,
        org_id=org_id,
        resident_id=RESIDENT,
        centre_id=centre,
        topic=topic,
        message="About my rent",
        contact_phone="+32470123456",
        callback="am1",
        callback_day=date(2026, 11, 24),
        language="nl",
        now=NOW,
        name="Anna",
    )


async def test_a_new_request_is_open_with_everything_the_resident_gave(
    store: Store, org_id: str
) -> None:
    request_id = await _ask(store, org_id)
    request = await hr.get(store, org_id, request_id)
    assert request is not None
    assert request.status is HelpStatus.OPEN
    assert (request.topic, request.centre_id, request.callback) == ("housing", "stene", "am1")
    assert request.callback_day == date(2026, 11, 24)
    assert request.contact_phone == "+32470123456"
    assert request.claimed_at is None and request.resolved_at is None
    assert await store.fetch_value("SELECT name FROM residents WHERE user_id = ?", (RESIDENT,))


async def test_only_the_first_of_two_staff_members_claims_a_request(
    store: Store, org_id: str
) -> None:
    request_id = await _ask(store, org_id)
    first, second = await asyncio.gather(
        hr.claim(store, org_id, request_id, ANNE, NOW),
        hr.claim(store, org_id, request_id, BERT, NOW),
    )
    assert first.outcome is Outcome.DONE
    assert second.outcome is Outcome.ALREADY_CLAIMED
    assert second.request is not None and second.request.claimed_by == ANNE
    again = await hr.claim(store, org_id, request_id, ANNE, NOW)
    assert again.outcome is Outcome.ALREADY_YOURS


async def test_resolving_an_open_request_claims_it_in_the_same_step(
    store: Store, org_id: str
) -> None:
    request_id = await _ask(store, org_id)
    later = NOW + timedelta(hours=2)
    result = await hr.resolve(store, org_id, request_id, BERT, later)
    assert result.outcome is Outcome.DONE and result.request is not None
    assert result.request.status is HelpStatus.RESOLVED
    assert result.request.claimed_by == BERT and result.request.claimed_at == later
    assert (await hr.resolve(store, org_id, request_id, ANNE, later)).outcome is (
        Outcome.ALREADY_RESOLVED
    )
    assert (await hr.claim(store, org_id, request_id, ANNE, later)).outcome is (
        Outcome.ALREADY_RESOLVED
    )


async def test_an_unknown_or_foreign_id_is_not_found(store: Store, org_id: str) -> None:
    request_id = await _ask(store, org_id)
    assert (await hr.claim(store, org_id, 999, ANNE, NOW)).outcome is Outcome.NOT_FOUND
    assert (await hr.claim(store, "kortrijk", request_id, ANNE, NOW)).outcome is (
        Outcome.NOT_FOUND
    )
    assert await hr.get(store, "kortrijk", request_id) is None


async def test_notes_are_added_one_line_at_a_time(store: Store, org_id: str) -> None:
    request_id = await _ask(store, org_id)
    await hr.add_note(store, org_id, request_id, "Called, no answer")
    noted = await hr.add_note(store, org_id, request_id, "Called   again:\nappointment made")
    assert noted is not None
    assert noted.note == "Called, no answer\nCalled again: appointment made"
    assert await hr.add_note(store, org_id, 999, "nobody") is None


async def test_the_inbox_lists_each_status_and_only_the_centres_asked_for(
    store: Store, org_id: str
) -> None:
    at_stene = await _ask(store, org_id, "stene")
    at_opex = await _ask(store, org_id, "opex", "digital")
    claimed = await _ask(store, org_id, "opex", "money")
    await hr.claim(store, org_id, claimed, ANNE, NOW)
    open_ids = [r.id for r in await hr.inbox(store, org_id, HelpStatus.OPEN)]
    assert open_ids == [at_stene, at_opex]
    only_opex = await hr.inbox(store, org_id, HelpStatus.OPEN, centres={"opex"})
    assert [r.id for r in only_opex] == [at_opex]
    assert await hr.inbox(store, org_id, HelpStatus.OPEN, centres=set()) == []
    counts = await hr.counts(store, org_id, centres={"opex"})
    assert counts[HelpStatus.OPEN] == 1 and counts[HelpStatus.CLAIMED] == 1
    assert counts[HelpStatus.RESOLVED] == 0


async def test_volunteer_interest_stays_out_of_the_help_inbox(store: Store, org_id: str) -> None:
    await store.execute(
        "INSERT INTO help_requests (org_id, kind, message, created_at) VALUES (?, ?, ?, ?)",
        (org_id, "volunteer", "kitchen", "2026-11-23T09:00:00+00:00"),
    )
    assert await hr.inbox(store, org_id, HelpStatus.OPEN) == []


async def test_an_unknown_topic_or_moment_is_refused(store: Store, org_id: str) -> None:
    with pytest.raises(ValueError):
        await _ask(store, org_id, topic="gossip")
    with pytest.raises(ValueError):
        await hr.create(
            store,
            org_id=org_id,
            resident_id=RESIDENT,
            centre_id="stene",
            topic="housing",
            message="",
            contact_phone=None,
            callback="midnight",
            callback_day=None,
            language="nl",
            now=NOW,
        )


async def test_requests_handled_before_the_migration_become_resolved(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    before = [m for m in discover_migrations() if m.version < 3]
    async with await Store.open(path, migrations=before) as old:
        report = await import_file(old, demo_path("oostende"), now=NOW)
        await old.execute(
            "INSERT INTO help_requests (org_id, centre_id, message, status, created_at,"
            " handled_at, handled_by) VALUES (?, 'stene', 'old', 'handled', ?, ?, ?)",
            (report.org_id, "2026-01-05T09:00:00+00:00", "2026-01-05T10:00:00+00:00", ANNE),
        )
    async with await Store.open(path) as store:
        (request,) = await hr.inbox(store, report.org_id, HelpStatus.RESOLVED)
        assert request.message == "old" and request.resolved_by == ANNE
        assert request.claimed_at == request.resolved_at
        violations = await store.fetch_all("PRAGMA foreign_key_check")
        assert violations == []
        with pytest.raises(Exception, match="CHECK"):
            await store.execute("UPDATE help_requests SET status = 'handled'")
