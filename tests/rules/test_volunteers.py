"""The rules of volunteers' link codes on both backends: which code links, which is refused and
why, a new code ending the earlier one, and where a link moves."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from data import demo_path
from rules.volunteers import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Redeemed,
    create_code,
    normalise_code,
    redeem_code,
)
from storage.backend import open_database
from storage.db import Database
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.repositories import Repositories, repositories

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)  # a Monday
MARIE_TG, ANNE_TG, PIOTR_TG = 5001, 5002, 5003


@pytest.fixture
def repos(any_store: Database) -> Repositories:
    """Every test of this module runs on each backend (tests/backends.py)."""
    return repositories(any_store)


@pytest.fixture
async def org(repos: Repositories) -> Organisation:
    report = await import_file(repos.db, demo_path("oostende"), now=NOW)
    return await load_organisation_from_store(repos.db, report.org_id)


async def _link(
    repos: Repositories, org: Organisation, volunteer_id: str, telegram_id: int
) -> None:
    code = await create_code(repos, org.id, volunteer_id, now=NOW)
    linked = await redeem_code(repos, org.id, code, telegram_id, now=NOW)
    assert linked.outcome is Redeemed.LINKED


async def test_code_is_short_unambiguous_and_safe_in_a_deep_link(
    repos: Repositories, org: Organisation
) -> None:
    code = await create_code(repos, org.id, "v-marie", now=NOW)
    assert len(code) == CODE_LENGTH
    assert set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("0O1IL")
    assert normalise_code(f" {code.lower()}\n") == code


async def test_volunteer_links_their_telegram_with_the_code(
    repos: Repositories, org: Organisation
) -> None:
    code = await create_code(repos, org.id, "v-marie", now=NOW)
    result = await redeem_code(repos, org.id, code, MARIE_TG, now=NOW + timedelta(hours=1))
    assert result.outcome is Redeemed.LINKED and result.volunteer_id == "v-marie"
    assert await repos.volunteers.linked_volunteer(org.id, MARIE_TG) == "v-marie"


async def test_code_typed_in_lower_case_with_spaces_still_works(
    repos: Repositories, org: Organisation
) -> None:
    code = await create_code(repos, org.id, "v-anne", now=NOW)
    result = await redeem_code(repos, org.id, f"  {code.lower()} ", ANNE_TG, now=NOW)
    assert result.outcome is Redeemed.LINKED


async def test_reused_code_is_refused_and_links_nobody_else(
    repos: Repositories, org: Organisation
) -> None:
    code = await create_code(repos, org.id, "v-marie", now=NOW)
    await redeem_code(repos, org.id, code, MARIE_TG, now=NOW)
    again = await redeem_code(repos, org.id, code, ANNE_TG, now=NOW)
    assert again.outcome is Redeemed.USED and again.volunteer_id is None
    assert await repos.volunteers.linked_volunteer(org.id, ANNE_TG) is None
    assert await repos.volunteers.linked_volunteer(org.id, MARIE_TG) == "v-marie"


async def test_code_works_for_seven_days_and_then_expires(
    repos: Repositories, org: Organisation
) -> None:
    code = await create_code(repos, org.id, "v-marie", now=NOW)
    late = await redeem_code(repos, org.id, code, MARIE_TG, now=NOW + timedelta(days=7))
    assert late.outcome is Redeemed.EXPIRED
    assert await repos.volunteers.linked_volunteer(org.id, MARIE_TG) is None
    other = await create_code(repos, org.id, "v-anne", now=NOW)
    just_in_time = NOW + timedelta(days=7, seconds=-1)
    assert (await redeem_code(repos, org.id, other, ANNE_TG, now=just_in_time)).outcome is (
        Redeemed.LINKED
    )


async def test_a_new_code_ends_the_earlier_unused_one(
    repos: Repositories, org: Organisation
) -> None:
    old = await create_code(repos, org.id, "v-marie", now=NOW)
    anne = await create_code(repos, org.id, "v-anne", now=NOW)
    new = await create_code(repos, org.id, "v-marie", now=NOW + timedelta(minutes=1))
    later = NOW + timedelta(minutes=2)
    assert (await redeem_code(repos, org.id, old, MARIE_TG, now=later)).outcome is (
        Redeemed.EXPIRED
    )
    assert (await redeem_code(repos, org.id, new, MARIE_TG, now=later)).outcome is (
        Redeemed.LINKED
    )
    # Another volunteer's code is not theirs to end.
    assert (await redeem_code(repos, org.id, anne, ANNE_TG, now=later)).outcome is (
        Redeemed.LINKED
    )


async def test_a_new_code_leaves_a_used_one_used(repos: Repositories, org: Organisation) -> None:
    first = await create_code(repos, org.id, "v-marie", now=NOW)
    await redeem_code(repos, org.id, first, MARIE_TG, now=NOW)
    await create_code(repos, org.id, "v-marie", now=NOW + timedelta(minutes=1))
    stored = await repos.volunteers.find_code(org.id, first)
    assert stored is not None and stored.used_at == NOW and stored.expires_at > NOW
    again = await redeem_code(repos, org.id, first, PIOTR_TG, now=NOW + timedelta(minutes=2))
    assert again.outcome is Redeemed.USED


async def test_unknown_code_and_unknown_volunteer_are_refused(
    repos: Repositories, org: Organisation
) -> None:
    assert (await redeem_code(repos, org.id, "ABCDEFGHJK", 1, now=NOW)).outcome is (
        Redeemed.UNKNOWN
    )
    assert (await redeem_code(repos, org.id, "not a code", 1, now=NOW)).outcome is (
        Redeemed.UNKNOWN
    )
    with pytest.raises(LookupError):
        await create_code(repos, org.id, "v-nobody", now=NOW)


async def test_a_code_of_a_volunteer_who_left_the_data_file_is_unknown(
    repos: Repositories, org: Organisation, tmp_path: Path
) -> None:
    code = await create_code(repos, org.id, "v-anne", now=NOW)
    text = demo_path("oostende").read_text(encoding="utf-8")
    without_anne = "".join(
        line.replace("volunteers: [v-anne]", "volunteers: []")
        for line in text.splitlines(keepends=True)
        if "{id: v-anne," not in line
    )
    assert without_anne != text
    smaller = tmp_path / "oostende.yaml"
    smaller.write_text(without_anne, encoding="utf-8")
    await import_file(repos.db, smaller, now=NOW)

    assert (await redeem_code(repos, org.id, code, ANNE_TG, now=NOW)).outcome is Redeemed.UNKNOWN
    assert await repos.volunteers.linked_volunteer(org.id, ANNE_TG) is None
    with pytest.raises(LookupError):
        await create_code(repos, org.id, "v-anne", now=NOW)


async def test_a_new_code_moves_the_volunteer_to_a_new_phone(
    repos: Repositories, org: Organisation
) -> None:
    await _link(repos, org, "v-marie", MARIE_TG)
    await _link(repos, org, "v-marie", 7777)
    assert await repos.volunteers.linked_volunteer(org.id, MARIE_TG) is None
    assert await repos.volunteers.linked_volunteer(org.id, 7777) == "v-marie"
    assert await repos.volunteers.links(org.id) == [(7777, "v-marie")]


async def test_an_account_linked_with_another_code_moves_to_that_volunteer(
    repos: Repositories, org: Organisation
) -> None:
    # A shared phone handed on: the code staff gave decides whose it is now.
    await _link(repos, org, "v-marie", MARIE_TG)
    await _link(repos, org, "v-anne", MARIE_TG)
    assert await repos.volunteers.linked_volunteer(org.id, MARIE_TG) == "v-anne"
    assert await repos.volunteers.links(org.id) == [(MARIE_TG, "v-anne")]


async def test_two_accounts_sending_one_code_at_once_link_only_one(
    repos: Repositories, org: Organisation
) -> None:
    code = await create_code(repos, org.id, "v-marie", now=NOW)
    results = await asyncio.gather(
        *(redeem_code(repos, org.id, code, who, now=NOW) for who in (MARIE_TG, ANNE_TG, PIOTR_TG))
    )
    assert sorted(r.outcome for r in results) == sorted(
        [Redeemed.LINKED, Redeemed.USED, Redeemed.USED]
    )
    [(winner, volunteer)] = await repos.volunteers.links(org.id)
    assert volunteer == "v-marie" and winner in (MARIE_TG, ANNE_TG, PIOTR_TG)


async def test_two_processes_sending_one_code_at_once_link_only_one(
    repos: Repositories, org: Organisation, db_url: str
) -> None:
    code = await create_code(repos, org.id, "v-marie", now=NOW)
    async with await open_database(db_url) as other:
        results = await asyncio.gather(
            redeem_code(repos, org.id, code, MARIE_TG, now=NOW),
            redeem_code(repositories(other), org.id, code, ANNE_TG, now=NOW),
        )
    assert sorted(r.outcome for r in results) == sorted([Redeemed.LINKED, Redeemed.USED])
    assert len(await repos.volunteers.links(org.id)) == 1


async def test_linking_tells_the_reminder_planner(repos: Repositories, org: Organisation) -> None:
    told: list[int | None] = []
    repos.changes.listen(told.append)
    await _link(repos, org, "v-marie", MARIE_TG)
    assert told == [MARIE_TG]
    await redeem_code(repos, org.id, "ABCDEFGHJK", ANNE_TG, now=NOW)
    assert told == [MARIE_TG]  # a refused code changes nothing
