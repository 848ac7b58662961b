"""Residents see their sign-ups, get them in their calendar, and cancel them after a yes."""

from __future__ import annotations

from datetime import datetime

from conversations.consent import give_consent
from conversations.engine import FrontDoor
from conversations.payloads import (
    AskCancelSignup,
    CancelSignup,
    Help,
    Menu,
    MySignups,
    SignupCalendar,
    WhatsOn,
)
from conversations.reply import Incoming, IncomingKind
from rules.signups import signup_rules
from storage import outbox
from storage.records import SignupStatus, get_signup, set_resident_language
from tests.conversations.chat import BRUSSELS, MONDAY_MORNING, RESIDENT, payloads, press, text
from tests.present import present

CHRISTMAS_LUNCH = datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)
PEDICURE = datetime(2026, 11, 24, 9, 30, tzinfo=BRUSSELS)
FRENCH_NEIGHBOUR = 4343


async def book(door: FrontDoor, user: int, activity: str, centre: str, start: datetime):
    await give_consent(door.store, user, MONDAY_MORNING, name=f"Resident {user}")
    return await signup_rules(door.store).sign_up(
        door.org,
        door.calendar,
        activity_id=activity,
        centre_id=centre,
        start=start,
        now=MONDAY_MORNING,
        resident_id=user,
    )


async def test_my_sign_ups_shows_date_place_and_status_with_a_cancel_button_each(
    door: FrontDoor,
) -> None:
    lunch = await book(door, RESIDENT, "christmas-lunch", "centrum", CHRISTMAS_LUNCH)
    await book(door, FRENCH_NEIGHBOUR, "pedicure", "mariakerke", PEDICURE)
    pedicure = await book(door, RESIDENT, "pedicure", "mariakerke", PEDICURE)
    listing = await press(door, MySignups())
    message = text(listing)
    assert "Tuesday, 24 November, 09:30" in message and "Mariakerke" in message
    assert "waiting list, number 1" in message
    assert "Thursday, 17 December" in message and "confirmed" in message
    assert message.index("24 November") < message.index("17 December")  # soonest first
    assert {AskCancelSignup(pedicure.signup.id), AskCancelSignup(lunch.signup.id)} <= set(
        payloads(listing)
    )
    assert Menu() in payloads(listing) and Help() in payloads(listing)


async def test_no_sign_ups_leads_to_whats_on(door: FrontDoor) -> None:
    listing = await press(door, MySignups())
    assert "no sign-ups" in text(listing) and WhatsOn() in payloads(listing)


async def test_cancelling_asks_first_and_keeping_it_changes_nothing(door: FrontDoor) -> None:
    lunch = await book(door, RESIDENT, "christmas-lunch", "centrum", CHRISTMAS_LUNCH)
    question = await press(door, AskCancelSignup(lunch.signup.id))
    assert CancelSignup(lunch.signup.id) in payloads(question) and MySignups() in payloads(
        question
    )
    await press(door, MySignups())
    assert (
        present(await get_signup(door.store, present(lunch.signup).id)).status
        is SignupStatus.CONFIRMED
    )


async def test_a_cancelled_place_goes_to_the_first_waiting_who_is_told_in_their_language(
    door: FrontDoor,
) -> None:
    mine = await book(door, RESIDENT, "pedicure", "mariakerke", PEDICURE)
    await set_resident_language(door.store, FRENCH_NEIGHBOUR, "fr", now=MONDAY_MORNING)
    waiting = await book(door, FRENCH_NEIGHBOUR, "pedicure", "mariakerke", PEDICURE)
    assert waiting.status == "waiting"
    done = await press(door, CancelSignup(mine.signup.id))
    assert "cancelled" in text(done)
    assert (
        present(await get_signup(door.store, present(mine.signup).id)).status
        is SignupStatus.CANCELLED
    )
    assert (
        present(await get_signup(door.store, present(waiting.signup).id)).status
        is SignupStatus.CONFIRMED
    )
    (notice,) = await outbox.pending_for(door.store, FRENCH_NEIGHBOUR)
    assert notice.kind == "promotion" and notice.language == "fr"
    assert "Pédicure" in notice.payload["text"]  # the activity's French title
    assert notice.ref == f"signup:{waiting.signup.id}"


async def test_cancel_my_pedicure_in_words_goes_straight_to_the_question(
    door: FrontDoor,
) -> None:
    mine = await book(door, RESIDENT, "pedicure", "mariakerke", PEDICURE)
    replies = await door.handle(
        Incoming(
            RESIDENT,
            IncomingKind.TEXT,
            text="ik wil mijn inschrijving voor de pedicure annuleren",
            client_language="nl",
        )
    )
    assert CancelSignup(mine.signup.id) in payloads(replies)


async def test_nobody_can_cancel_someone_elses_sign_up_with_a_forged_button(
    door: FrontDoor,
) -> None:
    theirs = await book(door, FRENCH_NEIGHBOUR, "christmas-lunch", "centrum", CHRISTMAS_LUNCH)
    for payload in (
        CancelSignup(theirs.signup.id),
        AskCancelSignup(theirs.signup.id),
        "s:k:abc",
        "s:zz:1",
    ):
        replies = await press(door, payload)
        assert "no longer valid" in text(replies), payload
    assert (
        present(await get_signup(door.store, present(theirs.signup).id)).status
        is SignupStatus.CONFIRMED
    )


async def test_add_to_calendar_sends_an_ics_file_for_a_confirmed_place_only(
    door: FrontDoor,
) -> None:
    lunch = await book(door, RESIDENT, "christmas-lunch", "centrum", CHRISTMAS_LUNCH)
    replies = await press(door, SignupCalendar(lunch.signup.id))
    (document,) = [r.document for r in replies if r.document is not None]
    assert document.mime_type == "text/calendar" and document.filename.endswith(".ics")
    await book(door, FRENCH_NEIGHBOUR, "pedicure", "mariakerke", PEDICURE)
    waiting = await book(door, RESIDENT, "pedicure", "mariakerke", PEDICURE)
    replies = await press(door, SignupCalendar(waiting.signup.id))
    assert all(r.document is None for r in replies) and "waiting list" in text(replies)


async def test_ask_about_cancelling_writes_nothing_and_names_the_activity(
    door: FrontDoor,
) -> None:
    answer = await door.ask(
        "ik wil mijn inschrijving voor de pedicure annuleren", at=MONDAY_MORNING
    )
    assert answer.intent == "cancel_signup" and answer.activity == "pedicure"
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0


STENE_LUNCH_TODAY = datetime(2026, 11, 25, 12, 0, tzinfo=BRUSSELS)  # a Wednesday


async def test_cancelling_on_a_wednesday_for_wednesday_means_next_weeks_lunch(
    door: FrontDoor, clock
) -> None:
    today = await book(door, RESIDENT, "lunch-stene", "stene", STENE_LUNCH_TODAY)
    next_week = await book(
        door, RESIDENT, "lunch-stene", "stene", datetime(2026, 12, 2, 12, 0, tzinfo=BRUSSELS)
    )
    clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=BRUSSELS))
    replies = await door.handle(
        Incoming(RESIDENT, IncomingKind.TEXT, text="zeg mijn lunch in Stene op woensdag af")
    )
    assert CancelSignup(next_week.signup.id) in payloads(replies)
    assert CancelSignup(today.signup.id) not in payloads(replies)


async def test_with_no_lunch_next_wednesday_the_sign_up_of_today_is_the_one_cancelled(
    door: FrontDoor, clock
) -> None:
    today = await book(door, RESIDENT, "lunch-stene", "stene", STENE_LUNCH_TODAY)
    await book(
        door, RESIDENT, "lunch-stene", "stene", datetime(2026, 12, 9, 12, 0, tzinfo=BRUSSELS)
    )
    clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=BRUSSELS))
    replies = await door.handle(
        Incoming(RESIDENT, IncomingKind.TEXT, text="cancel my lunch in Stene on Wednesday")
    )
    assert CancelSignup(today.signup.id) in payloads(replies)
