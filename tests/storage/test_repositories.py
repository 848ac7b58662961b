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
from rules.signups import SignupRules
from storage import conversation_language
from storage.datafile import load_organisation
from storage.db import Database, utc_now_iso
from storage.feedback import QUESTION_KIND, SUGGESTION, AskSetting, question_key
from storage.help_requests import HelpStatus, Outcome
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.records import ReminderPreference, Signup, SignupStatus
from storage.repositories import Repositories, repositories
from storage.schedule import Calendar
from storage.signups import DuplicateSignup, NewSignup, OccurrenceKey, Places
from storage.volunteers import ShiftRoster, StoredCode
from tests.present import present

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
        return await SignupRules.of(self.repos).sign_up(
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


async def test_each_aggregate_forgets_one_resident_and_only_them(world: World) -> None:
    repos, org = world.repos, world.org
    for person in (1, 2):
        await repos.residents.give_consent(person, now=NOW, language="nl")
        await world.book(person, options={"menu": "vegetarian"})
        await repos.help_requests.create(
            org_id=org.id,
            resident_id=person,
            centre_id="centrum",
            topic="money",
            message="Mijn factuur",
            contact_phone="0470 12 34 56",
            callback="am1",
            callback_day=None,
            language="nl",
            now=NOW,
        )
        await repos.feedback.add(
            org_id=org.id, kind=SUGGESTION, message="Meer soep", now=NOW, resident_id=person
        )
        await repos.feedback.set_ask_setting(person, AskSetting.YES, now=NOW)
        await repos.outbox.enqueue(
            chat_id=person, kind="promotion", payload={}, language="nl", due_at=NOW, now=NOW
        )
        await conversation_language.note(repos.db, person, "nl", False, NOW)
    code = "KQ7MXR2PTW"
    await repos.volunteers.add_code(
        org.id, "v-marie", code, now=NOW, expires_at=NOW + timedelta(days=7)
    )
    assert await repos.volunteers.use_code(org.id, code, 1, now=NOW)
    await repos.volunteers.add_link(org.id, 1, "v-marie", now=NOW)

    assert await repos.signups.anonymise_of(1, now=NOW) == 1
    assert await repos.help_requests.anonymise_of(1) == 1
    assert await repos.feedback.anonymise_of(1) == 1
    assert await repos.feedback.forget_setting(1) and not await repos.feedback.forget_setting(1)
    await repos.volunteers.forget_account(1)
    assert await repos.outbox.delete_to(1) == 1
    assert await repos.conversations.forget_language(1)
    assert await repos.residents.delete(1) and not await repos.residents.delete(1)

    assert all(rows == [] for rows in (await repos.residents.export(1)).values())
    [anonymous, theirs] = await world.lunch()
    assert (anonymous.resident_id, anonymous.options, anonymous.status) == (None, {}, "confirmed")
    assert theirs.resident_id == 2 and theirs.options == {"menu": "vegetarian"}
    requests = await repos.help_requests.inbox(org.id, HelpStatus.OPEN)
    assert {(r.resident_id, r.message, r.contact_phone) for r in requests} == {
        (2, "Mijn factuur", "0470 12 34 56"),
        (None, "", None),
    }
    assert {(f.resident_id, f.message) for f in await repos.feedback.recent(org.id)} == {
        (2, "Meer soep"),
        (None, ""),
    }
    assert await repos.feedback.ask_setting(2) is AskSetting.YES
    assert len(await repos.outbox.pending_for(2)) == 1
    assert (await repos.conversations.start_of_turn(2)).spoken is not None
    assert await repos.residents.get(2) is not None


async def test_conversation_languages_are_forgotten_after_they_were_last_noted(
    repos: Repositories,
) -> None:
    await conversation_language.note(repos.db, 1, "tr", True, NOW - timedelta(hours=30))
    await conversation_language.note(repos.db, 2, "pl", False, NOW - timedelta(hours=2))
    assert await repos.conversations.purge_languages_older_than(NOW - timedelta(days=1)) == 1
    assert (await repos.conversations.start_of_turn(1)).spoken is None
    assert (await repos.conversations.start_of_turn(2)).spoken is not None


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
# The repository reads and writes; what should happen is rules.signups' (tests/rules/).

LUNCH = OccurrenceKey("oostende", "christmas-lunch", "centrum", "2026-12-17T12:00")


async def _add(
    repos: Repositories,
    resident: int | None,
    status: SignupStatus = SignupStatus.CONFIRMED,
    *,
    key: OccurrenceKey = LUNCH,
    party: int = 1,
    now: datetime = NOW,
) -> Signup:
    if resident is not None:
        await repos.residents.ensure(resident, now=NOW)
    return await repos.signups.add(
        NewSignup(
            key=key,
            status=status,
            party_size=party,
            companions=party - 1,
            resident_id=resident,
            walk_in_name=None if resident else "Mevrouw Peeters",
            options={"menu": "vegetarisch"},
        ),
        now=now,
    )


async def test_places_count_people_waiting_sign_ups_and_the_residents_own(
    world: World,
) -> None:
    signups = world.repos.signups
    empty = await signups.places(LUNCH, resident_id=TELEGRAM_ID)
    assert empty == Places(taken=0, waiting=0, existing=None, changed=False)
    mine = await _add(world.repos, TELEGRAM_ID, party=3)
    await _add(world.repos, None)  # a desk sign-up counts the same
    await _add(world.repos, 2, SignupStatus.WAITING, party=2)
    places = await signups.places(LUNCH, resident_id=TELEGRAM_ID)
    assert places == Places(taken=4, waiting=1, existing=mine.id, changed=False)
    assert (await signups.places(LUNCH, resident_id=3)).existing is None
    assert await signups.taken(LUNCH) == 4
    counts = await signups.counts(world.org.id, "christmas-lunch", "centrum", CHRISTMAS_LUNCH)
    assert (counts.confirmed_people, counts.waiting_people) == (4, 2)
    assert mine.options == {"menu": "vegetarisch"} and mine.party_size == 3


async def test_a_second_active_sign_up_of_one_resident_is_refused_by_the_store(
    world: World,
) -> None:
    first = await _add(world.repos, TELEGRAM_ID)
    with pytest.raises(DuplicateSignup):
        await _add(world.repos, TELEGRAM_ID, SignupStatus.WAITING)
    await world.repos.signups.mark_cancelled(first.id, now=NOW)
    again = await _add(world.repos, TELEGRAM_ID)
    assert again.id != first.id
    cancelled = await world.repos.signups.get(first.id)
    assert cancelled is not None and cancelled.status is SignupStatus.CANCELLED
    assert cancelled.cancelled_at == NOW


async def test_the_waiting_list_keeps_arrival_order_and_confirming_empties_it(
    world: World,
) -> None:
    signups = world.repos.signups
    later = [
        await _add(world.repos, resident, SignupStatus.WAITING, now=NOW + timedelta(minutes=m))
        for resident, m in ((3, 5), (1, 1), (2, 1))  # 1 and 2 at the same second: id decides
    ]
    assert [s.resident_id for s in await signups.waiting_list(LUNCH)] == [1, 2, 3]
    assert [await signups.waiting_position(s.id) for s in later] == [3, 1, 2]
    await signups.confirm([later[1].id], now=NOW + timedelta(hours=1))
    assert [s.resident_id for s in await signups.waiting_list(LUNCH)] == [2, 3]
    assert await signups.waiting_position(later[1].id) is None
    assert await signups.waiting_position(later[0].id) == 2
    moved = await signups.get(later[1].id)
    assert moved is not None and moved.status is SignupStatus.CONFIRMED
    assert moved.updated_at == NOW + timedelta(hours=1)
    listed = await signups.attendance(world.org.id, "christmas-lunch", "centrum", LUNCH.start)
    assert [s.resident_id for s in listed] == [1, 2, 3]  # confirmed first, then waiting
    assert await signups.residents_changed_since(world.org.id, NOW + timedelta(minutes=30)) == {1}


async def test_a_held_occurrence_lock_makes_the_same_occurrence_wait(world: World) -> None:
    signups = world.repos.signups
    inside = asyncio.Event()
    release = asyncio.Event()
    order: list[str] = []

    async def holder() -> None:
        async with signups.occurrence_lock(LUNCH):
            await signups.places(LUNCH, resident_id=1)
            inside.set()
            await release.wait()
            order.append("first done")

    async def second() -> None:
        async with signups.occurrence_lock(LUNCH):
            order.append("second in")

    held = asyncio.create_task(holder())
    await inside.wait()
    waiting = asyncio.create_task(second())
    await asyncio.sleep(0.05)  # the second lock has had every chance to be granted
    assert order == []
    release.set()
    await asyncio.gather(held, waiting)
    assert order == ["first done", "second in"]


async def test_on_postgresql_another_occurrence_does_not_wait_for_the_lock(
    world: World,
) -> None:
    if world.repos.db.backend != "postgresql":
        pytest.skip("SQLite has one writer at a time: every lock is the file's")
    signups = world.repos.signups
    craft = OccurrenceKey("oostende", "grandparents-craft", "opex", "2026-12-23T14:00")
    release = asyncio.Event()
    inside = asyncio.Event()

    async def holder() -> None:
        async with signups.occurrence_lock(LUNCH):
            inside.set()
            await release.wait()

    held = asyncio.create_task(holder())
    await inside.wait()
    try:
        async with asyncio.timeout(5):
            async with signups.occurrence_lock(craft):
                await _add(world.repos, 1, key=craft)
    finally:
        release.set()
        await held
    assert await signups.taken(craft) == 1


async def test_staff_cancelling_a_morning_cancels_its_sign_ups_and_records_it(
    world: World,
) -> None:
    signups = world.repos.signups
    slot = OccurrenceKey("oostende", "pedicure", "mariakerke", "2026-11-24T09:00")
    other = OccurrenceKey("oostende", "pedicure", "mariakerke", "2026-11-24T11:30")
    next_week = OccurrenceKey("oostende", "pedicure", "mariakerke", "2026-12-01T09:00")
    for resident, key in ((1, slot), (2, other), (3, next_week)):
        await _add(world.repos, resident, key=key)
    gone = await signups.cancel_all(
        "oostende", "pedicure", "mariakerke", "2026-11-24T09:00", "2026-11-24T11:59", now=NOW
    )
    assert [(s.resident_id, s.status) for s in gone] == [
        (1, SignupStatus.CANCELLED),
        (2, SignupStatus.CANCELLED),
    ]
    assert await signups.taken(next_week) == 1
    assert not await signups.is_cancelled("oostende", "pedicure", "mariakerke", slot.start)
    await signups.record_cancelled_occurrence(slot, reason="ziek", now=NOW, notified=True)
    assert await signups.is_cancelled("oostende", "pedicure", "mariakerke", slot.start)
    assert (await signups.places(other, resident_id=2, whole_start=slot.start)).changed


async def test_staff_register_who_came_on_confirmed_sign_ups_only(world: World) -> None:
    came = await _add(world.repos, 1)
    waits = await _add(world.repos, 2, SignupStatus.WAITING)
    marked = await world.repos.signups.set_attended(came.id, True, now=NOW)
    assert marked is not None and marked.attended is True
    assert (await world.repos.signups.get(came.id)).attended is True  # type: ignore[union-attr]
    assert await world.repos.signups.set_attended(waits.id, True, now=NOW) is None


async def test_a_residents_active_sign_ups_and_series_are_found(world: World) -> None:
    course = OccurrenceKey("oostende", "computer-course", "hazegras", "2027-01-12T14:00")
    past = OccurrenceKey("oostende", "lunch-centrum", "centrum", "2026-11-20T12:00")
    lunch = await _add(world.repos, TELEGRAM_ID)
    await _add(world.repos, TELEGRAM_ID, key=past)
    await world.repos.residents.ensure(TELEGRAM_ID, now=NOW)
    series = await world.repos.signups.add(
        NewSignup(
            key=course,
            status=SignupStatus.CONFIRMED,
            party_size=1,
            series=True,
            resident_id=TELEGRAM_ID,
        ),
        now=NOW,
    )
    found = await world.repos.signups.active_of(TELEGRAM_ID, after="2027-02-01T00:00")
    assert [s.id for s in found] == [series.id]  # a series is found even after it began
    found = await world.repos.signups.active_of(TELEGRAM_ID, after="2026-11-23T10:15")
    assert [s.id for s in found] == [lunch.id, series.id]
    ids = await world.repos.signups.active_ids_of(TELEGRAM_ID, from_local=None)
    assert len(ids) == 3


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
    assert present(await repos.outbox.get(message_id)).attempts == 0


async def test_cancelled_sign_up_withdraws_its_pending_messages(repos: Repositories) -> None:
    await _queue(repos, 2)
    assert await repos.outbox.cancel_pending(ref="signup:1") == 1
    assert [m.ref for m in await repos.outbox.pending_for(TELEGRAM_ID + 1)] == []
    assert [m.ref for m in await repos.outbox.pending_for(TELEGRAM_ID)] == ["signup:0"]


async def test_the_planner_reads_what_it_queued_and_withdraws_only_what_is_pending(
    repos: Repositories,
) -> None:
    queued = await _queue(repos, 3)
    [claimed] = await repos.outbox.claim_due(NOW, limit=1)
    await repos.outbox.mark_sent(claimed.id, NOW)
    refs = ["signup:0", "signup:1", "signup:2", "signup:9"]
    kinds = ("reminder_day_before",)
    assert await repos.outbox.statuses(refs=refs, kinds=kinds) == {
        f"reminder:{i}": "sent" if message_id == claimed.id else "pending"
        for i, message_id in enumerate(queued)
    }
    assert await repos.outbox.statuses(refs=refs, kinds=("reminder_same_day",)) == {}
    pending = await repos.outbox.pending_about(refs=refs, kinds=kinds)
    assert [m.id for m in pending] == [i for i in queued if i != claimed.id]
    assert pending[0].payload["text"].startswith("Tot morgen")
    assert not await repos.outbox.withdraw(claimed.id, "not wanted")  # sent: stays sent
    assert await repos.outbox.withdraw(pending[0].id, "not wanted")
    withdrawn = await repos.outbox.get(pending[0].id)
    assert withdrawn is not None and withdrawn.status == "cancelled"
    assert withdrawn.last_error == "not wanted"
    assert not await repos.outbox.withdraw(pending[0].id, "not wanted")  # once


async def test_a_failed_step_writes_nothing(repos: Repositories) -> None:
    with pytest.raises(RuntimeError):
        async with repos.atomic():
            await _queue(repos, 2)
            raise RuntimeError("the check said no")
    assert await repos.outbox.next_due_at() is None


# --- reminders: what the planner reads and writes ---------------------------------------------


async def test_residents_languages_are_those_they_chose(repos: Repositories) -> None:
    await repos.residents.give_consent(1, now=NOW, language="fr")
    await repos.residents.give_consent(2, now=NOW)
    await repos.residents.ensure(3, now=NOW)
    assert await repos.residents.languages([1, 2, 3, 4]) == {1: "fr"}
    assert await repos.residents.languages([]) == {}


async def test_sign_ups_to_remind_come_with_what_the_resident_wants(world: World) -> None:
    repos = world.repos
    for resident in (1, 2, 3):
        await repos.residents.ensure(resident, now=NOW)
    await repos.residents.set_reminder_preference(2, ReminderPreference.NONE, now=NOW)
    first = (await world.book(1)).signup
    second = (await world.book(2)).signup
    await world.book(3, "grandparents-craft", "opex", CRAFT_AFTERNOON)
    found = await repos.reminders.signups_to_remind(
        world.org.id, starting_after=NOW, until=CHRISTMAS_LUNCH
    )
    assert [(f.signup.id, f.wanted, f.unreachable) for f in found] == [
        (first.id, ReminderPreference.BOTH, False),
        (second.id, ReminderPreference.NONE, False),
    ]  # the craft afternoon lies beyond `until`
    only = await repos.reminders.signups_to_remind(
        world.org.id, starting_after=NOW, until=CHRISTMAS_LUNCH, resident_id=2
    )
    assert [f.signup.id for f in only] == [second.id]
    assert (
        await repos.reminders.signups_to_remind(
            world.org.id, starting_after=CHRISTMAS_LUNCH, until=CRAFT_AFTERNOON, resident_id=1
        )
        == []
    )


async def _record_move(world: World, new_start: str) -> None:
    await world.repos.db.execute(
        "INSERT INTO occurrence_changes (org_id, activity_id, centre_id, occurrence_start,"
        " change, new_start, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            world.org.id,
            "christmas-lunch",
            "centrum",
            "2026-12-17T12:00",
            "moved",
            new_start,
            utc_now_iso(NOW),
        ),
    )


async def test_a_moved_occurrence_takes_its_sign_ups_unless_one_is_there_already(
    world: World,
) -> None:
    repos = world.repos
    for resident in (1, 2):
        await repos.residents.ensure(resident, now=NOW)
    mia = (await world.book(1)).signup
    jan = (await world.book(2)).signup
    await repos.db.execute(  # Jan holds a place at the new time already
        "INSERT INTO signups (org_id, activity_id, centre_id, occurrence_start, resident_id,"
        " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            world.org.id,
            "christmas-lunch",
            "centrum",
            "2026-12-18T12:00",
            2,
            "confirmed",
            utc_now_iso(NOW),
            utc_now_iso(NOW),
        ),
    )
    await _record_move(world, "2026-12-18T12:00")
    [change] = await repos.reminders.pending_changes(world.org.id)
    assert [s.id for s in await repos.reminders.active_signups_of(change)] == [mia.id, jan.id]
    later = NOW + timedelta(minutes=5)
    async with repos.atomic():
        moved = await repos.reminders.move_signup(mia.id, "2026-12-18T12:00", now=later)
        assert await repos.reminders.move_signup(jan.id, "2026-12-18T12:00", now=later) is None
        cancelled = await repos.reminders.cancel_signup(jan.id, now=later)
    assert moved is not None and moved.occurrence_start == "2026-12-18T12:00"
    assert moved.updated_at == later
    assert cancelled.status is SignupStatus.CANCELLED and cancelled.cancelled_at == later
    assert await repos.reminders.cancelled_signups_of(change, since=later) == [cancelled]
    assert await repos.reminders.cancelled_signups_of(change, since=later + timedelta(1)) == []
    assert await repos.reminders.active_signups_of(change) == []
    assert await repos.reminders.mark_notified(change, now=later)
    assert await repos.reminders.pending_changes(world.org.id) == []


async def test_a_change_rewritten_by_a_re_import_is_not_marked_notified(world: World) -> None:
    repos = world.repos
    await _record_move(world, "2026-12-18T12:00")
    [read] = await repos.reminders.pending_changes(world.org.id)
    await repos.db.execute(
        "UPDATE occurrence_changes SET new_start = ?, detected_at = ? WHERE id = ?",
        ("2026-12-19T12:00", utc_now_iso(NOW + timedelta(hours=1)), read.id),
    )
    assert not await repos.reminders.mark_notified(read, now=NOW + timedelta(hours=2))
    [again] = await repos.reminders.pending_changes(world.org.id)
    assert again.new_start == "2026-12-19T12:00"


async def test_sign_ups_not_asked_about_yet_come_with_the_residents_answers(
    world: World,
) -> None:
    repos = world.repos
    await repos.residents.give_consent(1, now=NOW)
    await repos.residents.ensure(2, now=NOW)
    await repos.feedback.set_ask_setting(1, AskSetting.YES, now=NOW)
    mia = (await world.book(1)).signup
    jan = (await world.book(2)).signup
    window = dict(since=CHRISTMAS_LUNCH - timedelta(days=1), until=CHRISTMAS_LUNCH)
    found = await repos.feedback.unasked_signups(world.org.id, **window)
    assert [(c.signup.id, c.setting, c.consented, c.reachable) for c in found] == [
        (mia.id, AskSetting.YES, True, True),
        (jan.id, None, False, True),
    ]
    await repos.outbox.enqueue(
        chat_id=1,
        kind=QUESTION_KIND,
        payload={},
        language="nl",
        due_at=NOW,
        now=NOW,
        dedupe_key=question_key(mia.id),
    )
    found = await repos.feedback.unasked_signups(world.org.id, **window)
    assert [c.signup.id for c in found] == [jan.id]
    later = dict(since=CHRISTMAS_LUNCH + timedelta(days=1), until=CRAFT_AFTERNOON)
    assert await repos.feedback.unasked_signups(world.org.id, **later) == []


# --- help requests ----------------------------------------------------------------------------

STAFF_A, STAFF_B = 9001, 9002


async def _ask_for_help(world: World, resident: int, centre: str | None = "centrum") -> int:
    return await world.repos.help_requests.create(
        org_id=world.org.id,
        resident_id=resident,
        centre_id=centre,
        topic="money",
        message="Ik kan mijn energiefactuur niet betalen",
        contact_phone=None,
        callback="am1",
        callback_day=None,
        language="nl",
        now=NOW,
    )


async def test_of_two_staff_members_claiming_at_once_only_one_gets_the_request(
    world: World,
) -> None:
    helps = world.repos.help_requests
    request_id = await _ask_for_help(world, TELEGRAM_ID)
    first, second = await asyncio.gather(
        helps.claim(world.org.id, request_id, STAFF_A, NOW),
        helps.claim(world.org.id, request_id, STAFF_B, NOW),
    )
    assert sorted([first.outcome, second.outcome]) == sorted(
        [Outcome.DONE, Outcome.ALREADY_CLAIMED]
    )
    winner = STAFF_A if first.outcome is Outcome.DONE else STAFF_B
    request = await helps.get(world.org.id, request_id)
    assert request is not None and request.claimed_by == winner
    assert request.status is HelpStatus.CLAIMED
    resolved = await helps.resolve(world.org.id, request_id, winner, NOW + timedelta(hours=1))
    assert resolved.outcome is Outcome.DONE
    again = await helps.resolve(world.org.id, request_id, winner, NOW + timedelta(hours=2))
    assert again.outcome is Outcome.ALREADY_RESOLVED


async def test_staff_inbox_shows_their_centres_oldest_first_with_counts(world: World) -> None:
    helps = world.repos.help_requests
    first = await _ask_for_help(world, 1, "centrum")
    second = await _ask_for_help(world, 2, "centrum")
    elsewhere = await _ask_for_help(world, 3, "mariakerke")
    inbox = await helps.inbox(world.org.id, HelpStatus.OPEN, centres={"centrum"})
    assert [r.id for r in inbox] == [first, second]
    assert await helps.inbox(world.org.id, HelpStatus.OPEN, centres=set()) == []
    assert (await helps.counts(world.org.id))[HelpStatus.OPEN] == 3
    await helps.claim(world.org.id, elsewhere, STAFF_A, NOW)
    counts = await helps.counts(world.org.id, centres={"mariakerke"})
    assert counts[HelpStatus.OPEN] == 0 and counts[HelpStatus.CLAIMED] == 1
    noted = await helps.add_note(world.org.id, first, "Teruggebeld,  afspraak   dinsdag")
    assert noted is not None and noted.note == "Teruggebeld, afspraak dinsdag"
    assert [r.id for r in await helps.open_for_resident(world.org.id, 1)] == [first]


# --- feedback ---------------------------------------------------------------------------------


async def test_a_sign_up_holds_one_rating_and_its_comment_is_set_once(world: World) -> None:
    await world.repos.residents.ensure(TELEGRAM_ID, now=NOW)
    result = await world.book(TELEGRAM_ID)
    feedback = world.repos.feedback
    rated = await feedback.add_rating(result.signup, 4, now=NOW, language="nl")
    assert rated is not None and rated.rating == 4 and rated.asked and rated.message == ""
    assert await feedback.add_rating(result.signup, 1, now=NOW) is None  # one per sign-up
    # Storing a rating is only storing: the setting is the rule's (rules.feedback).
    assert await feedback.ask_setting(TELEGRAM_ID) is None
    assert not await feedback.set_comment(rated.id, TELEGRAM_ID + 1, "Niet van mij")
    assert await feedback.set_comment(rated.id, TELEGRAM_ID, "Lekker gegeten!")
    assert not await feedback.set_comment(rated.id, TELEGRAM_ID, "Nog iets")  # has one
    stored = await feedback.rating_of(result.signup.id)
    assert stored is not None and stored.message == "Lekker gegeten!"


async def test_the_questions_sent_to_a_resident_are_read_newest_first(repos: Repositories) -> None:
    sent = []
    for hours, ref in ((50, "signup:1"), (30, "signup:2"), (20, "signup:3"), (10, "signup:4")):
        queued = await repos.outbox.enqueue(
            chat_id=TELEGRAM_ID,
            kind=QUESTION_KIND,
            payload={},
            language="nl",
            due_at=NOW - timedelta(hours=hours),
            now=NOW - timedelta(hours=hours),
            ref=ref,
            dedupe_key=ref,
        )
        sent.append(queued or 0)
        await repos.outbox.mark_sent(queued or 0, NOW - timedelta(hours=hours))
    await repos.outbox.enqueue(  # not sent yet: not read
        chat_id=TELEGRAM_ID,
        kind=QUESTION_KIND,
        payload={},
        language="nl",
        due_at=NOW,
        now=NOW,
        ref="signup:5",
    )
    refs = repos.feedback.sent_question_refs
    since = NOW - timedelta(hours=48)
    assert await refs(TELEGRAM_ID, since=since, limit=3) == ["signup:4", "signup:3", "signup:2"]
    assert await refs(TELEGRAM_ID, since=since, limit=2) == ["signup:4", "signup:3"]
    assert await refs(TELEGRAM_ID + 1, since=since, limit=3) == []


async def test_staff_see_the_newest_feedback_of_their_centres_first(world: World) -> None:
    feedback = world.repos.feedback
    for minutes, centre in ((0, "centrum"), (1, None), (2, "mariakerke"), (3, "centrum")):
        await feedback.add(
            org_id=world.org.id,
            kind=SUGGESTION,
            message=f"idee {minutes}",
            now=NOW + timedelta(minutes=minutes),
            centre_id=centre,
        )
    recent = await feedback.recent(world.org.id, centres=frozenset({"centrum"}))
    assert [f.message for f in recent] == ["idee 3", "idee 1", "idee 0"]


# --- volunteers and shifts --------------------------------------------------------------------


async def test_a_volunteer_code_is_stored_found_ended_and_used_once(world: World) -> None:
    volunteers, org_id = world.repos.volunteers, world.org.id
    assert await volunteers.exists(org_id, "v-marie")
    assert not await volunteers.exists(org_id, "nobody")
    code, other = "KQ7MXR2PTW", "HN4ZC8VA3E"
    week = NOW + timedelta(days=7)
    await volunteers.add_code(org_id, "v-marie", code, now=NOW, expires_at=week)
    await volunteers.add_code(org_id, "v-anne", other, now=NOW, expires_at=week)
    found = await volunteers.find_code(org_id, code)
    assert found == StoredCode("v-marie", NOW, week, None, volunteer_removed=False)
    assert await volunteers.find_code(org_id, "ABCDEFGHJK") is None
    assert await volunteers.find_code("elsewhere", code) is None

    hour = NOW + timedelta(hours=1)
    assert await volunteers.end_unused_codes(org_id, "v-marie", now=hour) == 1
    assert present(await volunteers.find_code(org_id, code)).expires_at == hour
    assert present(await volunteers.find_code(org_id, other)).expires_at == week  # not hers
    assert await volunteers.end_unused_codes(org_id, "v-marie", now=hour) == 0  # already over

    assert await volunteers.use_code(org_id, other, TELEGRAM_ID, now=hour)
    assert not await volunteers.use_code(org_id, other, TELEGRAM_ID + 1, now=hour)
    assert present(await volunteers.find_code(org_id, other)).used_at == hour
    # A used code is not ended by a new one: it stays used.
    assert await volunteers.end_unused_codes(org_id, "v-anne", now=hour) == 0
    assert present(await volunteers.find_code(org_id, other)).expires_at == week


async def test_volunteer_links_are_added_and_removed_by_account_or_by_volunteer(
    world: World,
) -> None:
    volunteers, org_id = world.repos.volunteers, world.org.id
    await volunteers.add_link(org_id, TELEGRAM_ID, "v-marie", now=NOW)
    await volunteers.add_link(org_id, TELEGRAM_ID + 1, "v-anne", now=NOW)
    assert await volunteers.linked_volunteer(org_id, TELEGRAM_ID) == "v-marie"
    assert await volunteers.linked_account(org_id, "v-marie") == TELEGRAM_ID
    assert await volunteers.links(org_id) == [
        (TELEGRAM_ID, "v-marie"),
        (TELEGRAM_ID + 1, "v-anne"),
    ]
    assert await volunteers.unlink_volunteer(org_id, "v-anne")
    assert not await volunteers.unlink_volunteer(org_id, "v-anne")
    assert await volunteers.linked_volunteer(org_id, TELEGRAM_ID + 1) is None
    assert await volunteers.linked_account(org_id, "v-anne") is None
    assert await volunteers.unlink(org_id, TELEGRAM_ID)
    assert not await volunteers.unlink(org_id, TELEGRAM_ID)
    assert await volunteers.links(org_id) == []


async def test_shift_rows_read_back_who_took_and_who_gave_back_a_place(world: World) -> None:
    volunteers, org_id = world.repos.volunteers, world.org.id
    friday, wednesday = "2026-11-27T13:00", "2026-11-25T09:00"
    anne = await volunteers.add_assignment(
        org_id, "reception-centrum-friday", friday, "v-anne", now=NOW
    )
    piotr = await volunteers.add_assignment(
        org_id, "reception-centrum-friday", friday, "v-piotr", now=NOW
    )
    await volunteers.record_give_back(
        org_id, "reception-centrum", wednesday, "v-marie", reason="ziek", now=NOW
    )
    week = await volunteers.shift_roster(org_id, "2026-11-23T00:00", "2026-11-29T23:59")
    assert week.taken == {("reception-centrum-friday", friday): {"v-anne": anne, "v-piotr": piotr}}
    assert week.given_back == {("reception-centrum", wednesday, "v-marie")}
    # A place that was taken and is given back ends; the reason is kept either way.
    await volunteers.record_give_back(
        org_id, "reception-centrum-friday", friday, "v-anne", reason=None, now=NOW
    )
    one = await volunteers.shift_roster(
        org_id, friday, friday, shift_id="reception-centrum-friday"
    )
    assert one.taken == {("reception-centrum-friday", friday): {"v-piotr": piotr}}
    assert one.given_back == {("reception-centrum-friday", friday, "v-anne")}
    later = await volunteers.shift_roster(org_id, "2026-12-01T00:00", "2026-12-31T23:59")
    assert later == ShiftRoster(frozenset(), {})


async def test_unlinking_withdraws_the_chats_pending_messages_of_a_kind(
    repos: Repositories,
) -> None:
    queued = {}
    for kind, key in (("shift_reminder", "a"), ("shift_reminder", "b"), ("promotion", "c")):
        queued[key] = await repos.outbox.enqueue(
            chat_id=TELEGRAM_ID,
            kind=kind,
            payload={},
            language="nl",
            due_at=NOW,
            now=NOW,
            org_id="oostende",
            dedupe_key=key,
        )
    withdraw = repos.outbox.cancel_pending_to
    assert await withdraw(TELEGRAM_ID, org_id="kortrijk", kinds=("shift_reminder",)) == 0
    assert await withdraw(TELEGRAM_ID, org_id="oostende", kinds=("shift_reminder",)) == 2
    assert [m.kind for m in await repos.outbox.pending_for(TELEGRAM_ID)] == ["promotion"]
    # Without an organisation, any; a reason is noted on the row.
    assert await withdraw(TELEGRAM_ID, kinds=("promotion",), reason="not wanted") == 1
    promotion = await repos.outbox.get(queued["c"] or 0)
    assert promotion is not None and promotion.status == "cancelled"
    assert promotion.last_error == "not wanted"


async def test_waiting_messages_of_a_kind_move_to_another_chat_as_the_same_rows(
    repos: Repositories,
) -> None:
    old, new = TELEGRAM_ID, TELEGRAM_ID + 1
    queued = {}
    for kind, key, org in (
        ("shift_reminder", "a", "oostende"),
        ("shift_reminder", "b", "kortrijk"),
        ("promotion", "c", "oostende"),
    ):
        queued[key] = await repos.outbox.enqueue(
            chat_id=old,
            kind=kind,
            payload={"text": key},
            language="nl",
            due_at=NOW,
            now=NOW,
            org_id=org,
            dedupe_key=key,
        )
    move = repos.outbox.readdress_pending
    assert await move(old, new, kinds=("shift_reminder",), org_id="oostende") == 1
    assert [m.id for m in await repos.outbox.pending_for(new)] == [queued["a"]]
    assert {m.dedupe_key for m in await repos.outbox.pending_for(old)} == {"b", "c"}
    # One row gets a chat and content of its own; only while it is pending.
    moved = queued["a"] or 0
    assert await repos.outbox.readdress(moved, chat_id=old, payload={"text": "à"}, language="fr")
    again = present(await repos.outbox.get(moved))
    assert (again.chat_id, again.payload, again.language) == (old, {"text": "à"}, "fr")
    await repos.outbox.withdraw(moved, "unlinked")
    assert not await repos.outbox.readdress(moved, chat_id=new, payload={}, language="nl")


async def test_a_message_withdrawn_for_a_reason_is_queued_again_to_the_new_chat(
    repos: Repositories,
) -> None:
    async def queue(chat_id: int, key: str, reason: str | None) -> int | None:
        return await repos.outbox.enqueue(
            chat_id=chat_id,
            kind="shift_reminder",
            payload={"text": f"{chat_id}"},
            language="nl",
            due_at=NOW,
            now=NOW,
            org_id="oostende",
            dedupe_key=key,
            revive_reason=reason,
        )

    first = await queue(TELEGRAM_ID, "a", "unlinked")
    other = await queue(TELEGRAM_ID, "b", "unlinked")
    assert await queue(TELEGRAM_ID + 1, "a", "unlinked") is None  # pending: left alone
    await repos.outbox.withdraw(first or 0, "unlinked")
    await repos.outbox.withdraw(other or 0, "given back")
    assert await queue(TELEGRAM_ID + 1, "a", "unlinked") == first
    assert await queue(TELEGRAM_ID + 1, "b", "unlinked") is None  # another reason: stays
    revived = present(await repos.outbox.get(first or 0))
    assert (revived.chat_id, revived.status, revived.payload) == (
        TELEGRAM_ID + 1,
        "pending",
        {"text": f"{TELEGRAM_ID + 1}"},
    )
    assert present(await repos.outbox.get(other or 0)).status == "cancelled"


async def test_a_wish_to_volunteer_lands_in_the_staff_inbox(world: World) -> None:
    request_id = await world.repos.volunteers.record_interest(
        world.org.id,
        TELEGRAM_ID,
        message="Ik wil graag helpen in de keuken",
        centre_id="centrum",
        language="nl",
        now=NOW,
    )
    request = await world.repos.help_requests.get(world.org.id, request_id)
    assert request is not None and request.resident_id == TELEGRAM_ID
    assert request.status is HelpStatus.OPEN


# --- organisation data ------------------------------------------------------------------------


async def test_an_imported_data_file_reads_back_the_same_and_again_is_unchanged(
    repos: Repositories,
) -> None:
    organisations = repos.organisations
    assert await organisations.ids() == []
    report = await organisations.import_file(resolve_data("oostende"), now=NOW)
    org = await organisations.load(report.org_id)
    assert org == load_organisation(resolve_data("oostende"))
    again = await organisations.import_file(resolve_data("oostende"), now=NOW)
    assert again.unchanged
    assert await organisations.ids() == ["oostende"]
    source = await organisations.source("oostende")
    assert source is not None and source.source_text.startswith(
        resolve_data("oostende").read_text(encoding="utf-8")[:40]
    )
    with pytest.raises(LookupError):
        await organisations.load("nowhere")


# --- reports and health -----------------------------------------------------------------------


async def test_month_figures_count_places_people_promotions_ratings_and_help(
    world: World,
) -> None:
    lunch = world.org.activity("christmas-lunch")
    assert lunch is not None and lunch.capacity is not None
    for resident in (*range(1, lunch.capacity + 1), 500):
        await world.repos.residents.ensure(resident, now=NOW)
    first = await world.book(1)
    for resident in range(2, lunch.capacity + 1):  # the lunch is full
        await world.book(resident)
    waiting = await world.book(500)
    assert waiting.signup.status is SignupStatus.WAITING
    await SignupRules.of(world.repos).cancel(
        world.org, world.calendar, first.signup.id, now=NOW, notice=renderer
    )
    await world.repos.feedback.add_rating(waiting.signup, 5, now=NOW)
    request_id = await _ask_for_help(world, 1)
    await world.repos.help_requests.claim(
        world.org.id, request_id, STAFF_A, NOW + timedelta(minutes=45)
    )
    reports = world.repos.reports
    december = ("2026-12-01T00:00", "2027-01-01T00:00")
    [figures] = [
        f
        for f in await reports.signup_figures(world.org.id, *december)
        if f.activity_id == "christmas-lunch"
    ]
    assert figures.confirmed == lunch.capacity  # one left, the first waiting moved up
    assert figures.people == lunch.capacity and figures.cancelled == 1
    assert figures.waiting == 0 and figures.residents == lunch.capacity
    assert (await reports.promotions(world.org.id, *december))[("centrum", "christmas-lunch")] == 1
    assert await reports.unique_residents(world.org.id, *december) == lunch.capacity
    november = (utc_now_iso(NOW - timedelta(days=1)), utc_now_iso(NOW + timedelta(days=1)))
    [rated] = await reports.ratings(world.org.id, *november)
    assert (rated.activity_id, rated.ratings, rated.average) == ("christmas-lunch", 1, 5.0)
    summary = await reports.feedback_figures(world.org.id, *november)
    assert (summary.ratings, summary.average, summary.suggestions) == (1, 5.0, 0)
    [asked] = await reports.help_requests(world.org.id, *november)
    assert asked.topic == "money" and asked.claimed_at is not None
    assert asked.claimed_at - asked.created_at == timedelta(minutes=45)


async def test_health_tells_a_monitor_what_is_loaded_and_queued(world: World) -> None:
    await world.repos.outbox.enqueue(
        chat_id=TELEGRAM_ID,
        kind="reminder_day_before",
        payload={"text": "morgen"},
        language="nl",
        due_at=NOW,
        now=NOW,
    )
    health = await world.repos.reports.health()
    assert list(health.organisations) == ["oostende"]
    assert health.outbox == {"pending": 1} and health.unreachable_residents == 0
    assert health.schema_version == await world.repos.db.schema_version()
