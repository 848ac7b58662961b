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
from storage.signups import PROMOTION
from storage.volunteers import Redeemed, ShiftRoster
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
    code = await repos.volunteers.create_code(org.id, "v-marie", now=NOW)
    await repos.volunteers.redeem_code(org.id, code, 1, now=NOW)

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
    promoted = sorted(present(p.resident_id) for c in cancels for p in c.promoted)
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
    assert present(await world.repos.signups.get(booked.signup.id)).attended is True


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


async def test_a_sign_up_is_rated_once_and_rating_turns_the_question_on(world: World) -> None:
    await world.repos.residents.ensure(TELEGRAM_ID, now=NOW)
    result = await world.book(TELEGRAM_ID)
    feedback = world.repos.feedback
    assert await feedback.ask_setting(TELEGRAM_ID) is None
    rated = await feedback.record_rating(result.signup, 4, now=NOW, language="nl")
    assert rated is not None and rated.rating == 4 and rated.asked
    assert await feedback.record_rating(result.signup, 1, now=NOW) is None  # once per sign-up
    assert await feedback.ask_setting(TELEGRAM_ID) is AskSetting.YES
    assert await feedback.add_comment(rated.id, TELEGRAM_ID, "Lekker gegeten!")
    assert not await feedback.add_comment(rated.id, TELEGRAM_ID, "Nog iets")  # once
    stored = await feedback.rating_of(result.signup.id)
    assert stored is not None and stored.message == "Lekker gegeten!"


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


async def test_a_volunteer_code_links_once_and_then_is_used(world: World) -> None:
    volunteers = world.repos.volunteers
    code = await volunteers.create_code(world.org.id, "v-marie", now=NOW)
    linked = await volunteers.redeem_code(world.org.id, code.lower(), TELEGRAM_ID, now=NOW)
    assert linked.outcome is Redeemed.LINKED and linked.volunteer_id == "v-marie"
    again = await volunteers.redeem_code(world.org.id, code, TELEGRAM_ID + 1, now=NOW)
    assert again.outcome is Redeemed.USED
    assert await volunteers.linked_volunteer(world.org.id, TELEGRAM_ID) == "v-marie"
    assert await volunteers.links(world.org.id) == [(TELEGRAM_ID, "v-marie")]
    assert await volunteers.unlink(world.org.id, TELEGRAM_ID)
    assert await volunteers.linked_volunteer(world.org.id, TELEGRAM_ID) is None
    with pytest.raises(LookupError):
        await volunteers.create_code(world.org.id, "nobody", now=NOW)


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
    await world.repos.signups.cancel(
        world.org, world.calendar, first.signup.id, now=NOW, notice=renderer
    )
    await world.repos.feedback.record_rating(waiting.signup, 5, now=NOW)
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
