"""One contract for every store backend: the repositories behave alike on SQLite and PostgreSQL.

Modelled on aiogram's storage tests: each test takes `repos` (parametrised over the backends by
`any_store`) and says what a resident or the bot would notice.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import resolve_data
from storage.db import Database
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.records import Signup, SignupStatus
from storage.repositories import Repositories, repositories
from storage.schedule import Calendar
from storage.signups import PROMOTION

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)  # Monday
CHRISTMAS_LUNCH = datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)  # 80 places
CRAFT_AFTERNOON = datetime(2026, 12, 23, 14, 0, tzinfo=BRUSSELS)
TELEGRAM_ID = 7_012_345_678  # Telegram ids outgrow 32 bits


@dataclass
class World:
    """An imported organisation and the repositories of its store."""

    repos: Repositories
    org: Organisation
    calendar: Calendar

    async def book(
        self,
        resident: int,
        activity: str = "christmas-lunch",
        centre: str = "centrum",
        start: datetime = CHRISTMAS_LUNCH,
        **extra: Any,
    ) -> Any:
        """Sign `resident` up (by default for the Christmas lunch at the centre)."""
        return await self.repos.signups.sign_up(
            self.org,
            self.calendar,
            activity_id=activity,
            centre_id=centre,
            start=start,
            now=NOW,
            resident_id=resident,
            **extra,
        )

    async def lunch(self) -> list[Signup]:
        """The Christmas lunch's attendance list: confirmed, then the waiting list."""
        return await self.repos.signups.attendance(
            self.org.id, "christmas-lunch", "centrum", CHRISTMAS_LUNCH
        )


@pytest.fixture
def repos(any_store: Database) -> Repositories:
    return repositories(any_store)


@pytest.fixture
async def world(repos: Repositories) -> World:
    report = await import_file(repos.db, resolve_data("oostende"), now=NOW)
    org = await load_organisation_from_store(repos.db, report.org_id)
    return World(repos, org, Calendar(org))


async def renderer(kind: str, signup: Signup) -> tuple[dict[str, Any], str]:
    return {"text": f"{kind} {signup.id}", "buttons": []}, "nl"


# --- residents and consent --------------------------------------------------------------------


async def test_first_contact_creates_the_resident_once(repos: Repositories) -> None:
    first = await repos.residents.ensure(TELEGRAM_ID, now=NOW, name="Mia")
    again = await repos.residents.ensure(TELEGRAM_ID, now=NOW + timedelta(days=1), name="X")
    assert first == again
    assert first.user_id == TELEGRAM_ID and first.name == "Mia"
    assert first.created_at == NOW and first.consent_at is None
    assert await repos.residents.get(TELEGRAM_ID + 1) is None


async def test_language_is_only_remembered_with_consent(repos: Repositories) -> None:
    await repos.residents.ensure(TELEGRAM_ID, now=NOW)
    assert not await repos.residents.has_consent(TELEGRAM_ID)
    assert not await repos.residents.choose_language(TELEGRAM_ID, "tr", now=NOW)
    assert await repos.residents.language(TELEGRAM_ID) is None

    given = await repos.residents.give_consent(TELEGRAM_ID, now=NOW, name="Mia")
    assert given.consent_at == NOW and await repos.residents.has_consent(TELEGRAM_ID)
    assert await repos.residents.choose_language(TELEGRAM_ID, "tr", now=NOW)
    assert await repos.residents.language(TELEGRAM_ID) == "tr"


async def test_consenting_again_keeps_the_first_moment(repos: Repositories) -> None:
    await repos.residents.give_consent(TELEGRAM_ID, now=NOW, name="Mia")
    later = await repos.residents.give_consent(TELEGRAM_ID, now=NOW + timedelta(days=3))
    assert later.consent_at == NOW and later.name == "Mia"
    assert later.updated_at == NOW + timedelta(days=3)


async def test_residents_who_stopped_writing_are_found_for_the_purge(
    repos: Repositories,
) -> None:
    await repos.residents.give_consent(1, now=NOW)
    await repos.residents.give_consent(2, now=NOW)
    await repos.residents.seen(2, now=NOW + timedelta(days=400), every=timedelta(hours=12))
    assert await repos.residents.inactive_since(NOW + timedelta(days=300)) == [1]


# --- conversation state -----------------------------------------------------------------------


async def test_conversation_state_survives_and_is_replaced(repos: Repositories) -> None:
    state = {"step": "menu", "choices": {"menu": "vegetarisch"}, "note": "çiğ köfte ✓"}
    await repos.conversations.save(TELEGRAM_ID, "signup", state, now=NOW)
    loaded = await repos.conversations.load(TELEGRAM_ID)
    assert loaded is not None and loaded.flow == "signup" and loaded.state == state

    await repos.conversations.save(TELEGRAM_ID, "help", {"step": 1}, now=NOW)
    replaced = await repos.conversations.load(TELEGRAM_ID)
    assert replaced is not None and (replaced.flow, replaced.state) == ("help", {"step": 1})

    assert await repos.conversations.clear(TELEGRAM_ID)
    assert await repos.conversations.load(TELEGRAM_ID) is None
    assert not await repos.conversations.clear(TELEGRAM_ID)


async def test_stale_conversations_are_purged(repos: Repositories) -> None:
    await repos.conversations.save(1, "signup", {}, now=NOW - timedelta(days=10))
    await repos.conversations.save(2, "signup", {}, now=NOW)
    assert await repos.conversations.purge_older_than(NOW - timedelta(days=1)) == 1
    assert await repos.conversations.load(1) is None
    assert await repos.conversations.load(2) is not None


# --- sign-ups and waiting lists ---------------------------------------------------------------


async def test_full_lunch_puts_the_next_resident_on_the_waiting_list(world: World) -> None:
    for resident in range(1, 83):
        await world.repos.residents.ensure(resident, now=NOW)
    results = [await world.book(resident) for resident in range(1, 83)]
    assert [r.status for r in results].count("confirmed") == 80
    assert (results[80].status, results[80].position) == ("waiting", 1)
    assert (results[81].status, results[81].position) == ("waiting", 2)
    assert await world.repos.signups.waiting_position(results[81].signup.id) == 2
    counts = await world.repos.signups.counts(
        world.org.id, "christmas-lunch", "centrum", CHRISTMAS_LUNCH
    )
    assert (counts.confirmed_people, counts.waiting_signups) == (80, 2)


async def test_signing_up_twice_names_the_first_sign_up(world: World) -> None:
    await world.repos.residents.ensure(TELEGRAM_ID, now=NOW)
    first = await world.book(TELEGRAM_ID, options={"menu": "vegetarian"})
    again = await world.book(TELEGRAM_ID)
    assert again.status == "duplicate" and again.signup.id == first.signup.id
    assert first.signup.options == {"menu": "vegetarian"}
    upcoming = await world.repos.signups.upcoming_for(TELEGRAM_ID, now=NOW.replace(tzinfo=None))
    assert [s.id for s in upcoming] == [first.signup.id]


async def test_cancelling_moves_up_the_first_waiting_party_that_fits(world: World) -> None:
    craft = ("grandparents-craft", "opex", CRAFT_AFTERNOON)  # 24 places, people counted
    for resident in range(1, 10):
        await world.repos.residents.ensure(resident, now=NOW)
    for grandparent in range(1, 6):
        await world.book(grandparent, *craft, companions=3)  # 5 x 4 = 20
    pair = await world.book(6, *craft, companions=1)  # 22
    await world.book(9, *craft, companions=1)  # 24: full
    big = await world.book(7, *craft, companions=3)  # needs four: waits first
    small = await world.book(8, *craft, companions=1)  # needs two: waits second
    assert (big.status, small.status) == ("waiting", "waiting")

    cancelled = await world.repos.signups.cancel(
        world.org, world.calendar, pair.signup.id, now=NOW, notice=renderer
    )
    # two places freed: the party of four keeps its turn, the pair behind it moves up
    assert [p.resident_id for p in cancelled.promoted] == [8]
    assert cancelled.cancelled is not None and cancelled.cancelled.status is SignupStatus.CANCELLED
    assert await world.repos.signups.waiting_position(big.signup.id) == 1
    assert await world.repos.signups.waiting_position(small.signup.id) is None
    assert [m.kind for m in await world.repos.outbox.pending_for(8)] == [PROMOTION]
    assert await world.repos.outbox.pending_for(7) == []


async def test_200_residents_at_once_for_the_last_10_places(world: World) -> None:
    early = list(range(1, 71))
    rush = list(range(1001, 1201))
    for resident in (*early, *rush):
        await world.repos.residents.ensure(resident, now=NOW)
    for resident in early:
        assert (await world.book(resident)).status == "confirmed"

    results = await asyncio.gather(*(world.book(resident) for resident in rush))

    statuses = [r.status for r in results]
    assert statuses.count("confirmed") == 10 and statuses.count("waiting") == 190
    # every waiting resident was told a distinct place, and the list keeps exactly that order
    told = sorted((r.position, r.signup.resident_id) for r in results if r.status == "waiting")
    assert [position for position, _ in told] == list(range(1, 191))
    rows = await world.lunch()
    assert len(rows) == 270 and len({r.resident_id for r in rows}) == 270
    assert sum(r.party_size for r in rows if r.status is SignupStatus.CONFIRMED) == 80
    assert [r.resident_id for r in rows if r.status is SignupStatus.WAITING] == [
        resident for _, resident in told
    ]

    winners = [r.signup.id for r in results if r.status == "confirmed"][:5]
    cancels = await asyncio.gather(
        *(
            world.repos.signups.cancel(world.org, world.calendar, sid, now=NOW, notice=renderer)
            for sid in winners
        )
    )
    promoted = sorted(p.resident_id for c in cancels for p in c.promoted)
    assert promoted == sorted(resident for _, resident in told[:5])
    rows = await world.lunch()
    assert sum(r.party_size for r in rows if r.status is SignupStatus.CONFIRMED) == 80
    assert [r.resident_id for r in rows if r.status is SignupStatus.WAITING] == [
        resident for _, resident in told[5:]
    ]


async def test_staff_register_who_came(world: World) -> None:
    await world.repos.residents.ensure(1, now=NOW)
    booked = await world.book(1)
    came = await world.repos.signups.register_attendance(booked.signup.id, True, now=NOW)
    assert came is not None and came.attended is True
    assert (await world.repos.signups.get(booked.signup.id)).attended is True


# --- outbox -----------------------------------------------------------------------------------


async def _queue(repos: Repositories, n: int, *, due: datetime = NOW) -> list[int]:
    ids = []
    for i in range(n):
        message_id = await repos.outbox.enqueue(
            chat_id=TELEGRAM_ID + i,
            kind="reminder_day_before",
            payload={"text": f"Tot morgen {i} 🍲"},
            language="nl",
            due_at=due,
            now=NOW,
            ref=f"signup:{i}",
            dedupe_key=f"reminder:{i}",
        )
        assert message_id is not None
        ids.append(message_id)
    return ids


async def test_the_same_reminder_is_never_queued_twice(repos: Repositories) -> None:
    [first] = await _queue(repos, 1)
    assert await _queue_again(repos) is None
    message = await repos.outbox.get(first)
    assert message is not None and message.payload == {"text": "Tot morgen 0 🍲"}
    assert message.chat_id == TELEGRAM_ID


async def _queue_again(repos: Repositories) -> int | None:
    return await repos.outbox.enqueue(
        chat_id=TELEGRAM_ID,
        kind="reminder_day_before",
        payload={},
        language="nl",
        due_at=NOW,
        now=NOW,
        dedupe_key="reminder:0",
    )


async def test_two_dispatchers_never_claim_the_same_message(repos: Repositories) -> None:
    ids = await _queue(repos, 60)
    batches = await asyncio.gather(*(repos.outbox.claim_due(NOW, limit=7) for _ in range(12)))
    claimed = [m.id for batch in batches for m in batch]
    assert sorted(claimed) == sorted(ids)  # every message once, none twice
    assert await repos.outbox.claim_due(NOW) == []


async def test_messages_in_flight_at_a_crash_are_sent_again(repos: Repositories) -> None:
    ids = await _queue(repos, 3)
    claimed = await repos.outbox.claim_due(NOW, limit=2)
    await repos.outbox.mark_sent(claimed[0].id, NOW)
    assert await repos.outbox.recover_in_flight() == 1
    again = await repos.outbox.claim_due(NOW)
    assert sorted(m.id for m in again) == sorted(set(ids) - {claimed[0].id})
    assert {m.id: m.attempts for m in again}[claimed[1].id] == 2


async def test_a_retry_later_waits_and_does_not_count_when_told(repos: Repositories) -> None:
    [message_id] = await _queue(repos, 1)
    await repos.outbox.claim_due(NOW)
    later = NOW + timedelta(seconds=30)
    await repos.outbox.retry_later(message_id, later, "429", count_attempt=False)
    assert await repos.outbox.claim_due(NOW) == []
    assert await repos.outbox.next_due_at() == later
    [again] = await repos.outbox.claim_due(later)
    assert again.attempts == 1 and again.last_error == "429"
    await repos.outbox.release([message_id])
    assert (await repos.outbox.get(message_id)).attempts == 0


async def test_cancelled_sign_up_withdraws_its_pending_messages(repos: Repositories) -> None:
    await _queue(repos, 2)
    assert await repos.outbox.cancel_pending(ref="signup:1") == 1
    assert [m.ref for m in await repos.outbox.pending_for(TELEGRAM_ID + 1)] == []
    assert [m.ref for m in await repos.outbox.pending_for(TELEGRAM_ID)] == ["signup:0"]
