"""The store keeps what the bot knows: schema by migrations, WAL, foreign keys, constraints."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from storage.clock import FixedClock
from storage.db import Database, Migration, Store, discover_migrations
from storage.records import (
    DuplicateSignupError,
    ReminderPreference,
    SignupStatus,
    count_occurrence,
    get_meta,
    get_resident,
    insert_signup,
    list_signups,
    set_meta,
    set_resident_language,
)
from tests.present import present

ORG = "voorbeeld"


@pytest.fixture
def store(any_store: Database) -> Database:
    """The rules of the schema hold on each backend (see tests/storage/conftest.py)."""
    return any_store


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[Store]:
    """A SQLite store in a file, for what only SQLite has (WAL, its online backup)."""
    async with await Store.open(tmp_path / "voordeur.sqlite3") as opened:
        yield opened


async def seed_activity(store: Store, now: datetime) -> None:
    """One organisation with one centre and one activity, enough for sign-ups."""
    stamp = now.isoformat()
    async with store.transaction():
        await store.execute(
            "INSERT INTO organisations VALUES (?, 'Voorbeeld', 'v.yaml', '', 'h', 'h', ?)",
            (ORG, stamp),
        )
        await store.execute(
            "INSERT INTO centres (org_id, id, content_hash, record, updated_at)"
            " VALUES (?, 'noord', 'h', '{}', ?)",
            (ORG, stamp),
        )
        await store.execute(
            "INSERT INTO activities (org_id, id, content_hash, record, updated_at)"
            " VALUES (?, 'lunch', 'h', '{}', ?)",
            (ORG, stamp),
        )


async def test_fresh_database_gets_every_migration_once_with_its_version(
    store: Store,
) -> None:
    migrations = discover_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert await store.schema_version() == migrations[-1].version
    rows = await store.fetch_all("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [(r["version"], r["name"]) for r in rows] == [(m.version, m.name) for m in migrations]
    if store.backend == "sqlite":
        assert await store.fetch_value("PRAGMA user_version") == migrations[-1].version


async def test_reopening_keeps_data_and_applies_only_new_migrations(
    tmp_path: Path, fixed_clock: FixedClock
) -> None:
    path = tmp_path / "bot.sqlite3"
    async with await Store.open(path) as store:
        await set_resident_language(store, 42, "fr", now=fixed_clock.now())

    known = discover_migrations()
    after = len(known) + 1
    extra = tmp_path / f"{after:04d}_notes.sql"
    extra.write_text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")
    migrations = [*known, Migration(after, "notes", extra)]
    async with await Store.open(path, migrations=migrations) as store:
        assert await store.schema_version() == after
        resident = await get_resident(store, 42)
        assert resident is not None and resident.language == "fr"
        await store.execute("INSERT INTO notes (body) VALUES ('kept')")

    # A third opening finds nothing new to apply: the notes table is not created twice.
    async with await Store.open(path, migrations=migrations) as store:
        assert await store.fetch_value("SELECT count(*) FROM schema_migrations") == after
        assert await store.fetch_value("SELECT body FROM notes") == "kept"


async def test_a_broken_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with await Store.open(path):
        pass
    known = discover_migrations()
    broken = tmp_path / f"{len(known) + 1:04d}_broken.sql"
    broken.write_text("CREATE TABLE half (id INTEGER);\nTHIS IS NOT SQL;")
    with pytest.raises(sqlite3.OperationalError):
        await Store.open(path, migrations=[*known, Migration(len(known) + 1, "broken", broken)])
    async with await Store.open(path) as store:
        assert await store.schema_version() == len(known)
        assert await store.fetch_one("SELECT name FROM sqlite_master WHERE name = 'half'") is None


async def test_file_store_runs_in_wal_mode_with_foreign_keys_on(sqlite_store: Store) -> None:
    store = sqlite_store
    assert await store.fetch_value("PRAGMA journal_mode") == "wal"
    assert await store.fetch_value("PRAGMA foreign_keys") == 1
    assert await store.fetch_value("PRAGMA busy_timeout") > 0


async def test_memory_store_works_for_quick_tools() -> None:
    async with await Store.open(":memory:") as store:
        assert await store.schema_version() >= 1
        assert await store.fetch_value("PRAGMA foreign_keys") == 1


async def test_sign_up_for_an_activity_that_is_not_in_the_store_is_refused(
    store: Store, fixed_clock: FixedClock
) -> None:
    await seed_activity(store, fixed_clock.now())
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        await insert_signup(
            store,
            org_id=ORG,
            activity_id="no-such-activity",
            centre_id="noord",
            start="2026-11-17T12:00",
            resident_id=None,
            walk_in_name="Jeanne",
            now=fixed_clock.now(),
        )


async def test_resident_cannot_hold_two_active_sign_ups_for_one_lunch(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await seed_activity(store, now)
    await set_resident_language(store, 7, "nl", now=now)
    first = await insert_signup(
        store,
        org_id=ORG,
        activity_id="lunch",
        centre_id="noord",
        start="2026-11-17T12:00",
        resident_id=7,
        companions=1,
        options={"menu": "vegetarian"},
        now=now,
    )
    assert first.party_size == 2
    assert first.options == {"menu": "vegetarian"}
    with pytest.raises(DuplicateSignupError):
        await insert_signup(
            store,
            org_id=ORG,
            activity_id="lunch",
            centre_id="noord",
            start="2026-11-17T12:00",
            resident_id=7,
            now=now,
        )

    # After cancelling, signing up again is allowed: only active sign-ups count.
    await store.execute(
        "UPDATE signups SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
        (now.isoformat(), first.id),
    )
    again = await insert_signup(
        store,
        org_id=ORG,
        activity_id="lunch",
        centre_id="noord",
        start="2026-11-17T12:00",
        resident_id=7,
        now=now,
    )
    assert again.status is SignupStatus.CONFIRMED
    counts = await count_occurrence(store, ORG, "lunch", "noord", "2026-11-17T12:00")
    assert (counts.confirmed_people, counts.confirmed_signups) == (1, 1)


async def test_desk_signs_up_walk_ins_without_telegram_and_they_count(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await seed_activity(store, now)
    for name in ("Jeanne", "Jeanne"):  # two people may share a name; no resident id, no clash
        await insert_signup(
            store,
            org_id=ORG,
            activity_id="lunch",
            centre_id="noord",
            start="2026-11-17T12:00",
            walk_in_name=name,
            walk_in_phone="059 00 00 00",
            now=now,
        )
    await insert_signup(
        store,
        org_id=ORG,
        activity_id="lunch",
        centre_id="noord",
        start="2026-11-17T12:00",
        walk_in_name="Marcel",
        companions=2,
        status=SignupStatus.WAITING,
        now=now,
    )
    counts = await count_occurrence(store, ORG, "lunch", "noord", "2026-11-17T12:00")
    assert counts.confirmed_people == 2
    assert counts.waiting_people == 3
    listed = await list_signups(store, ORG, activity_id="lunch", active_only=True)
    assert [s.walk_in_name for s in listed] == ["Jeanne", "Jeanne", "Marcel"]


async def test_sign_up_without_resident_or_name_is_refused_by_the_schema(
    store: Store, fixed_clock: FixedClock
) -> None:
    await seed_activity(store, fixed_clock.now())
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        await insert_signup(
            store,
            org_id=ORG,
            activity_id="lunch",
            centre_id="noord",
            start="2026-11-17T12:00",
            now=fixed_clock.now(),
        )


async def test_reduced_tariff_is_only_remembered_with_consent(
    store: Store, fixed_clock: FixedClock
) -> None:
    resident = await set_resident_language(store, 9, "tr", now=fixed_clock.now())
    assert resident.reminders is ReminderPreference.BOTH
    assert resident.reduced_tariff is None
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        await store.execute("UPDATE residents SET reduced_tariff = 1 WHERE user_id = 9")
    await store.execute(
        "UPDATE residents SET consent_at = ?, reduced_tariff = 1 WHERE user_id = 9",
        (fixed_clock.now().isoformat(),),
    )
    consented = await get_resident(store, 9)
    assert consented is not None and consented.reduced_tariff is True


async def test_changing_language_keeps_the_resident_and_updates_the_choice(
    store: Store, fixed_clock: FixedClock
) -> None:
    first = await set_resident_language(store, 5, "nl", now=fixed_clock.now())
    fixed_clock.set(datetime(2026, 11, 17, 9, 0))
    second = await set_resident_language(store, 5, "uk", now=fixed_clock.now())
    assert second.language == "uk"
    assert second.created_at == first.created_at
    assert second.updated_at > first.updated_at


async def test_statuses_outside_the_known_ones_are_refused(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        await store.execute(
            "INSERT INTO outbox (chat_id, kind, language, due_at, status, created_at)"
            " VALUES (1, 'reminder', 'nl', '2026-11-17T08:00:00+00:00', 'lost', '')"
        )


async def test_failed_transaction_leaves_nothing_behind(
    store: Store, fixed_clock: FixedClock
) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction(immediate=True):
            await set_meta(store, "last_update_id", "100")
            raise RuntimeError("crash between check and write")
    assert await get_meta(store, "last_update_id") is None
    await set_meta(store, "last_update_id", "101")
    assert await get_meta(store, "last_update_id") == "101"


async def test_concurrent_tasks_do_not_see_each_others_open_transaction(store: Store) -> None:
    inside = asyncio.Event()
    release = asyncio.Event()

    async def writer() -> None:
        async with store.transaction(immediate=True):
            await set_meta(store, "k", "uncommitted")
            inside.set()
            await release.wait()
            raise RuntimeError("roll back")

    async def reader() -> str | None:
        await inside.wait()
        pending = asyncio.ensure_future(get_meta(store, "k"))
        release.set()
        return await pending

    results = await asyncio.gather(writer(), reader(), return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    # The reader waited for the transaction to end and saw the rolled-back state.
    assert results[1] is None


async def test_backup_is_a_readable_copy_taken_while_the_store_is_open(
    sqlite_store: Store, tmp_path: Path, fixed_clock: FixedClock
) -> None:
    store = sqlite_store
    await set_resident_language(store, 11, "ar", now=fixed_clock.now())
    target = await store.backup(tmp_path / "backups" / "copy.sqlite3")
    # The live store goes on working after the backup.
    await set_resident_language(store, 12, "pl", now=fixed_clock.now())

    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT user_id, language FROM residents").fetchall() == [(11, "ar")]
    async with await Store.open(target) as reopened:
        assert await reopened.schema_version() == await store.schema_version()


async def test_fifty_residents_racing_for_ten_places_get_exactly_ten_confirmed(
    store: Store, fixed_clock: FixedClock
) -> None:
    now = fixed_clock.now()
    await seed_activity(store, now)
    start = "2026-11-17T12:00"

    async def take_a_place(resident: int) -> None:
        # The check and the write are one step: nobody can slip in between them.
        async with store.transaction(immediate=True):
            await set_resident_language(store, resident, "nl", now=now)  # joins this transaction
            counts = await count_occurrence(store, ORG, "lunch", "noord", start)
            await asyncio.sleep(0)  # let every other task try to interleave here
            status = (
                SignupStatus.CONFIRMED if counts.confirmed_people < 10 else SignupStatus.WAITING
            )
            await insert_signup(
                store,
                org_id=ORG,
                activity_id="lunch",
                centre_id="noord",
                start=start,
                resident_id=resident,
                status=status,
                now=now,
            )

    await asyncio.gather(*(take_a_place(r) for r in range(1, 51)))

    signups = await list_signups(store, ORG, start=start)
    confirmed = [present(s.resident_id) for s in signups if s.status is SignupStatus.CONFIRMED]
    waiting = [present(s.resident_id) for s in signups if s.status is SignupStatus.WAITING]
    assert len(confirmed) == 10 and sorted(confirmed + waiting) == list(range(1, 51))
    # The first ten to get through the check got the places, the others wait in that order.
    assert [s.status for s in signups] == [SignupStatus.CONFIRMED] * 10 + [
        SignupStatus.WAITING
    ] * 40
    if store.backend == "sqlite":  # one connection: the tasks get through in the order they ran
        assert confirmed == list(range(1, 11))
        assert waiting == list(range(11, 51))
