"""Deleting one's data: nothing of the resident stays behind, and their place goes on."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduler import purge_safely
from conversations.consent import give_consent, has_consent
from conversations.engine import FrontDoor
from conversations.payloads import Consent, Help, Menu, Payload, Privacy, SignupStart
from conversations.reply import Incoming, IncomingKind, Reply
from conversations.retention import purge_inactive
from data import demo_path
from rules.signups import SignupResult, signup_rules
from rules.volunteers import create_code, redeem_code
from storage import outbox
from storage.clock import FixedClock
from storage.datafile import parse_organisation
from storage.db import utc_now_iso
from storage.model import PrivacyPolicy
from storage.records import ensure_resident, get_signup, insert_signup
from storage.repositories import repositories
from storage.volunteers import record_volunteer_interest
from tests.conversations.chat import payloads, press, say, text
from tests.conversations.traces import traces
from tests.present import present

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
LEAVING, WAITING = 5501, 5502
PEDICURE_SLOT = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


async def _press(door: FrontDoor, payload: Payload | str) -> str:
    return text(await press(door, payload, user=LEAVING))


async def book_pedicure(door: FrontDoor, resident: int, now: datetime) -> SignupResult:
    """The resident asks for Tuesday's first pedicure slot (one place: the next one waits)."""
    return await signup_rules(door.store).sign_up(
        door.org,
        door.calendar,
        activity_id="pedicure",
        centre_id="mariakerke",
        start=PEDICURE_SLOT,
        now=now,
        resident_id=resident,
    )


async def test_forgetting_a_resident_removes_them_everywhere_and_promotes_the_next(
    door: FrontDoor,
) -> None:
    store = door.store
    for user, name in ((LEAVING, "Leaving Resident"), (WAITING, "Waiting Resident")):
        await ensure_resident(store, user, now=NOW, name=name)
    first = await book_pedicure(door, LEAVING, NOW)
    second = await book_pedicure(door, WAITING, NOW)
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

    assert "Are you sure" in await _press(door, Privacy("del"))
    assert "deleted" in await _press(door, Privacy("del!"))

    promoted = await repositories(store).signups.get(present(second.signup).id)
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


# --- /forget and /mydata with everything a resident can leave behind --------------------------

ANNA_ID = 6100000001
ANNA_NAME = "Anna Verstraete"
ANNA_PHONE = "0470 98 76 54"
QUEUED = 6100000002


async def _command(door: FrontDoor, command: str, user: int = ANNA_ID) -> list[Reply]:
    return await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload=command, client_language="en")
    )


async def _leave_traces(door: FrontDoor) -> dict[str, int]:
    """Anna agrees, signs up (past and future), asks for help, gives feedback, links as a
    volunteer, has a reminder queued and a conversation half done."""
    store, now = door.store, door.clock.now()
    await press(door, Consent(), user=ANNA_ID, name=ANNA_NAME)
    await give_consent(store, ANNA_ID, now, name=ANNA_NAME)
    await give_consent(store, QUEUED, now, name="Queued Neighbour")
    past = await insert_signup(
        store,
        org_id="oostende",
        activity_id="pedicure",
        centre_id="mariakerke",
        start="2026-11-17T09:00",
        now=now - timedelta(days=7),
        resident_id=ANNA_ID,
        options={},
    )
    future = await book_pedicure(door, ANNA_ID, now)
    queued = await book_pedicure(door, QUEUED, now)
    assert (future.status, queued.status) == ("confirmed", "waiting")
    assert future.signup is not None and queued.signup is not None
    help_id = await store.execute(
        "INSERT INTO help_requests (org_id, resident_id, kind, topic, message, contact_phone,"
        " callback, note, language, created_at) VALUES (?, ?, 'help', 'money', ?, ?, 'am1', ?,"
        " 'en', ?)",
        (
            "oostende",
            ANNA_ID,
            f"My energy bill is too high, call me on {ANNA_PHONE}",
            ANNA_PHONE,
            f"Phoned {ANNA_NAME}, visit on Tuesday",
            utc_now_iso(now),
        ),
    )
    feedback_id = await store.execute(
        "INSERT INTO feedback (org_id, resident_id, kind, message, rating, language, created_at)"
        " VALUES ('oostende', ?, 'feedback', ?, 4, 'en', ?)",
        (ANNA_ID, f"Lovely lunch, greetings from {ANNA_NAME}", utc_now_iso(now)),
    )
    code = await create_code(repositories(store), "oostende", "v-marie", now=now)
    await redeem_code(repositories(store), "oostende", code, ANNA_ID, now=now)
    await outbox.enqueue(
        store,
        chat_id=ANNA_ID,
        kind="reminder_day_before",
        payload={"text": f"{ANNA_NAME}, see you tomorrow at the pedicure"},
        language="en",
        due_at=now + timedelta(hours=6),
        now=now,
        org_id="oostende",
        ref=f"signup:{future.signup.id}",
    )
    await press(door, SignupStart("christmas-lunch"), user=ANNA_ID, name=ANNA_NAME)
    return {
        "past": past.id,
        "future": future.signup.id,
        "queued": queued.signup.id,
        "help": help_id,
        "feedback": feedback_id,
    }


async def test_forget_leaves_no_id_name_or_phone_anywhere_yet_the_figures_stay(
    door: FrontDoor,
) -> None:
    ids = await _leave_traces(door)
    store = door.store
    assert await traces(store, ANNA_ID, ANNA_NAME, ANNA_PHONE)  # the test sees them before

    question = await _command(door, "forget")
    assert Privacy("del!") in payloads(question) and "Are you sure" in text(question)
    assert await traces(store, ANNA_ID, ANNA_NAME, ANNA_PHONE)  # nothing gone before the yes
    done = await press(door, Privacy("del!"), user=ANNA_ID)
    assert "deleted" in text(done)

    assert await traces(store, ANNA_ID, ANNA_NAME, ANNA_PHONE) == []
    # The sign-ups stay as anonymous counts: the past one as it was, the future one cancelled.
    past = await get_signup(store, ids["past"])
    future = await get_signup(store, ids["future"])
    assert past is not None and past.status == "confirmed" and past.resident_id is None
    assert future is not None and future.status == "cancelled" and future.resident_id is None
    anonymous = await store.fetch_value(
        "SELECT count(*) FROM signups WHERE anonymised_at IS NOT NULL AND walk_in_phone IS NULL"
    )
    assert anonymous == 2
    # The waiting list moved up and the neighbour is told.
    promoted = await get_signup(store, ids["queued"])
    assert promoted is not None and promoted.status == "confirmed"
    assert [m.kind for m in await outbox.pending_for(store, QUEUED)] == ["promotion"]
    # What was asked keeps its topic and timing; feedback its rating.
    help_row = await store.fetch_one("SELECT * FROM help_requests WHERE id = ?", (ids["help"],))
    assert help_row is not None
    assert (help_row["topic"], help_row["callback"], help_row["message"]) == ("money", "am1", "")
    assert help_row["created_at"]
    said = await store.fetch_one("SELECT * FROM feedback WHERE id = ?", (ids["feedback"],))
    assert said is not None and (said["rating"], said["kind"], said["message"]) == (
        4,
        "feedback",
        "",
    )
    # And the bot treats Anna as someone new.
    assert "no personal data" in text(await _command(door, "privacy"))


async def test_mydata_sends_everything_kept_as_a_json_file(door: FrontDoor) -> None:
    ids = await _leave_traces(door)
    replies = await _command(door, "mydata")
    (document,) = [r.document for r in replies if r.document is not None]
    assert document.filename.endswith(".json") and document.mime_type == "application/json"
    assert Menu() in payloads(replies) and Help() in payloads(replies)
    data = json.loads(document.content)
    assert data["telegram_id"] == ANNA_ID
    assert data["resident"]["name"] == ANNA_NAME and data["resident"]["consent_at"]
    assert {s["id"] for s in data["signups"]} == {ids["past"], ids["future"]}
    assert data["help_requests"][0]["contact_phone"] == ANNA_PHONE
    assert data["feedback"][0]["rating"] == 4
    assert data["volunteer_links"][0]["volunteer_id"] == "v-marie"
    assert data["volunteer_codes"][0]["used_by"] == ANNA_ID
    assert [m["kind"] for m in data["outbox"]] == ["reminder_day_before"]
    assert data["outbox"][0]["payload"]["text"].startswith(ANNA_NAME)
    assert data["conversation_state"][0]["flow"] == "su"
    # Every table that holds a row about Anna is in the file.
    holding = {table for table, _value in await traces(door.store, ANNA_ID)}
    assert holding <= set(data) | {"residents"}


async def test_privacy_screen_offers_the_file_and_deleting(door: FrontDoor) -> None:
    await _leave_traces(door)
    overview = await _command(door, "privacy")
    assert {Privacy("file"), Privacy("del"), Menu(), Help()} <= set(payloads(overview))
    assert ANNA_NAME in text(overview)
    as_file = await press(door, Privacy("file"), user=ANNA_ID)
    assert any(r.document is not None for r in as_file)


async def test_someone_unknown_asking_for_their_data_gets_no_file(door: FrontDoor) -> None:
    replies = await _command(door, "mydata", user=6100000099)
    assert all(r.document is None for r in replies)
    assert "no personal data" in text(replies)


# --- the purge of residents who stopped writing -----------------------------------------------


async def test_residents_silent_for_24_months_are_forgotten_the_others_kept(
    door: FrontDoor, clock: FixedClock
) -> None:
    store = door.store
    await press(door, Consent(), user=ANNA_ID)
    await press(door, Consent(), user=QUEUED)
    clock.advance(timedelta(days=30 * 23))
    await say(door, "Is Stene open tomorrow?", user=QUEUED)  # QUEUED writes again
    clock.advance(timedelta(days=30 * 2))
    purged = await purge_inactive(store, door.org, door.calendar, clock.now())
    assert purged.residents == 1
    assert await traces(store, ANNA_ID) == []
    assert await has_consent(store, QUEUED)


async def test_the_data_file_sets_how_long_silence_is_kept(
    door: FrontDoor, clock: FixedClock
) -> None:
    await press(door, Consent(), user=ANNA_ID)
    clock.advance(timedelta(days=7 * 30))
    six_months = replace(door.org, privacy=PrivacyPolicy(inactive_months=6))
    await purge_inactive(door.store, six_months, door.calendar, clock.now())
    assert await traces(door.store, ANNA_ID) == []


async def test_desk_sign_ups_lose_name_and_phone_after_the_same_time(
    door: FrontDoor, clock: FixedClock
) -> None:
    desk = await insert_signup(
        door.store,
        org_id="oostende",
        activity_id="pedicure",
        centre_id="mariakerke",
        start="2026-11-24T09:00",
        now=clock.now(),
        walk_in_name="Desk Visitor",
        walk_in_phone="059 11 22 33",
    )
    clock.advance(timedelta(days=25 * 31))
    purged = await purge_inactive(door.store, door.org, door.calendar, clock.now())
    assert purged.desk_signups == 1
    kept = await get_signup(door.store, desk.id)
    assert kept is not None and kept.walk_in_phone is None and not kept.walk_in_name


def test_privacy_block_of_the_data_file_is_read_and_checked() -> None:
    source = demo_path("oostende").read_text(encoding="utf-8")
    with_block = source.replace(
        "  default_language: nl\n", "  default_language: nl\n  privacy: {inactive_months: 12}\n"
    )
    org, problems = parse_organisation(with_block, "oostende.yaml")
    assert problems == [] and org is not None and org.privacy.inactive_months == 12
    wrong = source.replace(
        "  default_language: nl\n", "  default_language: nl\n  privacy: {inactive_months: 0}\n"
    )
    _org, problems = parse_organisation(wrong, "oostende.yaml")
    assert any("inactive_months" in str(p) for p in problems)
    default, _problems = parse_organisation(source, "oostende.yaml")
    assert default is not None and default.privacy.inactive_months == 24


async def test_the_daily_purge_job_forgets_and_logs_only_counts(
    door: FrontDoor, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    await press(door, Consent(), user=ANNA_ID, name=ANNA_NAME)
    await give_consent(door.store, ANNA_ID, clock.now(), name=ANNA_NAME)
    clock.advance(timedelta(days=25 * 31))
    with caplog.at_level(logging.INFO):
        await purge_safely(door.store, door.org, door.calendar, clock)
    assert "1 inactive resident(s) forgotten" in caplog.text
    assert str(ANNA_ID) not in caplog.text and ANNA_NAME not in caplog.text
    assert await traces(door.store, ANNA_ID) == []
