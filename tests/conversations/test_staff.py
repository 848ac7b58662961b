"""Staff see who comes, get the list as CSV, cancel a session, and sign up people at the desk."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime, timedelta

from conversations.consent import give_consent
from conversations.engine import FrontDoor
from conversations.flows.staff import DeskState, StaffState
from conversations.payloads import Payload, StaffAction, StaffMark, StaffSession
from conversations.reply import Incoming, IncomingKind, Reply
from rules.signups import signup_rules
from storage import outbox
from storage.clock import FixedClock
from storage.model import StaffMember
from storage.records import list_signups, set_resident_language
from storage.repositories import repositories
from tests.conversations.chat import (
    BRUSSELS,
    MONDAY_MORNING,
    NEIGHBOUR,
    RESIDENT,
    STAFF,
    offered_as,
    text,
)

CRAFT = datetime(2026, 12, 23, 14, 0, tzinfo=BRUSSELS)
LUNCH = datetime(2026, 11, 25, 12, 0, tzinfo=BRUSSELS)
FRENCH = 4343
STENE_STAFF = 7000001  # staff of Stene only, from the data file


def button(replies: list[Reply], label_part: str) -> str:
    return next(
        b.payload for r in replies for row in r.buttons for b in row if label_part in b.label
    )


async def press(door: FrontDoor, payload: Payload | str, user: int = STAFF) -> list[Reply]:
    data = payload.pack() if isinstance(payload, Payload) else payload
    return await door.handle(
        Incoming(user, IncomingKind.BUTTON, payload=data, client_language="en")
    )


async def type_text(door: FrontDoor, words: str, user: int = STAFF) -> list[Reply]:
    return await door.handle(Incoming(user, IncomingKind.TEXT, text=words, client_language="en"))


async def staff_command(door: FrontDoor, user: int = STAFF) -> list[Reply]:
    return await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload="staff", client_language="en")
    )


async def book(
    door: FrontDoor, user: int, activity: str, centre: str, start: datetime, **extra
) -> None:
    await give_consent(door.store, user, MONDAY_MORNING, name=f"Resident {user}")
    result = await signup_rules(door.store).sign_up(
        door.org,
        door.calendar,
        activity_id=activity,
        centre_id=centre,
        start=start,
        now=MONDAY_MORNING,
        resident_id=user,
        **extra,
    )
    assert result.status in ("confirmed", "waiting")


async def open_session(door: FrontDoor, activity_label: str, day_label: str) -> list[Reply]:
    activities = await staff_command(door)
    sessions = await press(door, button(activities, activity_label))
    return await press(door, button(sessions, day_label))


async def test_residents_are_refused_the_staff_side_whatever_they_press(door: FrontDoor) -> None:
    await book(
        door,
        RESIDENT,
        "christmas-lunch",
        "centrum",
        datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS),
    )
    for replies in (
        await staff_command(door, RESIDENT),
        await press(door, StaffAction("x!", "00000000"), RESIDENT),
        await press(door, StaffSession(0), RESIDENT),
    ):
        assert "only for the staff" in text(replies)
    assert len(await list_signups(door.store, "oostende", active_only=True)) == 1


async def test_staff_see_names_grandchildren_and_the_waiting_list(door: FrontDoor) -> None:
    for user in range(1, 7):
        await book(door, user, "grandparents-craft", "opex", CRAFT, companions=3)
    await book(door, 7, "grandparents-craft", "opex", CRAFT, companions=1)
    attendance = await open_session(door, "Craft afternoon", "23 Dec")
    message = text(attendance)
    assert "Resident 1 (+3)" in message
    assert "24 of 24" in message
    assert "Waiting list:\n1. Resident 7 (+1)" in message


async def test_lunch_list_counts_menus_and_reduced_tariffs_and_comes_as_csv(
    door: FrontDoor,
) -> None:
    await book(
        door, 1, "lunch-centrum", "centrum", LUNCH, options={"menu": "vegetarian"}, reduced=True
    )
    await book(door, 2, "lunch-centrum", "centrum", LUNCH, options={"menu": "standard"})
    await book(door, 3, "lunch-centrum", "centrum", LUNCH, options={"menu": "vegetarian"})
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    message = text(attendance)
    assert "Vegetarian: 2" in message and "Standard: 1" in message
    assert "Reduced tariff: 1" in message
    replies = await press(door, button(attendance, "CSV"))
    (document,) = [r.document for r in replies if r.document is not None]
    assert document.mime_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(document.content.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["Resident 1", "Resident 2", "Resident 3"]
    assert [r["menu"] for r in rows] == ["vegetarian", "standard", "vegetarian"]
    assert [r["reduced"] for r in rows] == ["yes", "no", "no"]


async def test_cancelling_a_session_asks_first_then_tells_everyone_in_their_language(
    door: FrontDoor,
) -> None:
    await book(door, RESIDENT, "lunch-centrum", "centrum", LUNCH)
    await set_resident_language(door.store, FRENCH, "fr", now=MONDAY_MORNING)
    await book(door, FRENCH, "lunch-centrum", "centrum", LUNCH)
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    question = await press(door, button(attendance, "Cancel this session"))
    assert await list_signups(door.store, "oostende", active_only=True)  # not yet
    done = await press(door, button(question, "Yes"))
    assert "2 people" in text(done)
    assert await list_signups(door.store, "oostende", active_only=True) == []
    (french,) = await outbox.pending_for(door.store, FRENCH)
    assert french.kind == "cancellation" and french.language == "fr"
    assert "Repas de midi" in french.payload["text"]
    (dutch,) = await outbox.pending_for(door.store, RESIDENT)
    assert dutch.language == "nl"


async def test_an_old_cancel_button_cannot_cancel_another_session(door: FrontDoor) -> None:
    await book(door, RESIDENT, "lunch-centrum", "centrum", LUNCH)
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    old_cancel = button(await press(door, button(attendance, "Cancel this session")), "Yes")
    await open_session(door, "Lunch · Centrum", "26 Nov")  # staff looked at another day since
    replies = await press(door, old_cancel)
    assert "no longer valid" in text(replies)
    assert len(await list_signups(door.store, "oostende", active_only=True)) == 1


async def test_staff_sign_up_a_resident_without_telegram_and_it_counts(door: FrontDoor) -> None:
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    await press(door, button(attendance, "Sign up someone"))
    await type_text(door, "Mevrouw Peeters")
    wrong = await type_text(door, "not a number")
    assert "phone number" in text(wrong)
    menu = await type_text(door, "059 12 34 56")
    confirm = await press(door, button(menu, "Low-salt"))
    assert "Mevrouw Peeters" in text(confirm)
    done = await press(door, button(confirm, "Yes"))
    assert "has a place" in text(done) and "Places taken: 1 of 40" in text(done)
    (signup,) = await list_signups(door.store, "oostende", active_only=True)
    assert signup.walk_in_name == "Mevrouw Peeters" and signup.walk_in_phone == "059 12 34 56"
    assert signup.options == {"menu": "low-salt"} and signup.resident_id is None


async def test_the_desk_sign_up_takes_typed_answers_like_the_residents_own(
    door: FrontDoor,
) -> None:
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    await press(door, button(attendance, "Sign up someone"))
    await type_text(door, "Meneer Claes")
    await type_text(door, "059 12 34 56")
    confirm = await type_text(door, "vegetarian")  # the same meal question as residents get
    assert "Meneer Claes" in text(confirm)
    unclear = await type_text(door, "the blue one")
    assert "Please choose one of the buttons" in text(unclear)
    done = await type_text(door, "yes")
    assert "has a place" in text(done)
    (signup,) = await list_signups(door.store, "oostende", active_only=True)
    assert signup.options == {"menu": "vegetarian"} and signup.walk_in_name == "Meneer Claes"


def signup_id(replies: list[Reply], name: str) -> int:
    """The sign-up id carried by the attendance button of a person."""
    mark = StaffMark.unpack(button(replies, name))
    assert mark is not None
    return mark.signup


def check_of(replies: list[Reply]) -> str:
    """The check value that ties the buttons of an attendance list to its session."""
    action = StaffAction.unpack(button(replies, "CSV"))
    assert action is not None
    return action.check


async def marks(door: FrontDoor) -> dict[int | None, bool | None]:
    found = await list_signups(door.store, "oostende", active_only=True)
    return {s.resident_id: s.attended for s in found}


async def test_staff_register_who_came_from_the_day_of_the_session(
    door: FrontDoor, clock: FixedClock
) -> None:
    await book(door, RESIDENT, "lunch-centrum", "centrum", LUNCH)
    await book(door, FRENCH, "lunch-centrum", "centrum", LUNCH)
    before = await open_session(door, "Lunch · Centrum", "25 Nov")
    assert "Tap a name" not in text(before)
    assert not offered_as(before, StaffMark)

    clock.set(datetime(2026, 11, 25, 13, 30, tzinfo=BRUSSELS))  # lunch is over: still listed
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    assert "Tap a name" in text(attendance)
    assert "Not registered: 2" in text(attendance)
    assert "Cancel this session" not in text(attendance)
    assert not any(p.action == "x" for p in offered_as(attendance, StaffAction))
    came = await press(door, button(attendance, f"Resident {RESIDENT}"))
    assert f"1. Resident {RESIDENT} ✅" in text(came)
    assert "Came: 1 · Did not come: 0 · Not registered: 1" in text(came)
    assert await marks(door) == {RESIDENT: True, FRENCH: None}
    switched = await press(door, button(came, f"Resident {RESIDENT}"))  # tapped again: no-show
    absent = await press(door, button(switched, f"Resident {FRENCH}"))
    assert f"1. Resident {RESIDENT} ❌" in text(absent)
    assert "Came: 1 · Did not come: 1 · Not registered: 0" in text(absent)
    assert await marks(door) == {RESIDENT: False, FRENCH: True}
    replies = await press(door, button(absent, "CSV"))
    (document,) = [r.document for r in replies if r.document is not None]
    rows = list(csv.DictReader(io.StringIO(document.content.decode("utf-8-sig"))))
    assert [r["attended"] for r in rows] == ["no", "yes"]


async def test_only_staff_of_the_centre_can_register_attendance(
    door: FrontDoor, clock: FixedClock
) -> None:
    door.org = replace(
        door.org,
        staff=(*door.org.staff, StaffMember("s-stene", "Stene", STENE_STAFF, centres=("stene",))),
    )
    await book(door, RESIDENT, "lunch-centrum", "centrum", LUNCH)
    clock.set(datetime(2026, 11, 25, 12, 10, tzinfo=BRUSSELS))
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    mark = button(attendance, f"Resident {RESIDENT}")
    assert "only for the staff" in text(await press(door, mark, RESIDENT))
    assert "no longer valid" in text(await press(door, mark, STENE_STAFF))
    # Stene staff with a Stene session open cannot mark a Centrum sign-up either.
    stene = await staff_command(door, STENE_STAFF)
    sessions = await press(door, button(stene, "Lunch · Stene"), STENE_STAFF)
    opened = await press(door, button(sessions, "25 Nov"), STENE_STAFF)
    forged = StaffMark(signup_id(attendance, f"Resident {RESIDENT}"), True, check_of(opened))
    assert "no longer valid" in text(await press(door, forged, STENE_STAFF))
    assert await marks(door) == {RESIDENT: None}


async def test_a_forged_signup_id_is_refused(door: FrontDoor, clock: FixedClock) -> None:
    await book(door, RESIDENT, "lunch-centrum", "centrum", LUNCH)
    await book(door, FRENCH, "lunch-centrum", "centrum", LUNCH + timedelta(days=1))
    for user in range(1, 41):  # fills the lunch
        await book(door, user, "lunch-centrum", "centrum", LUNCH)
    await book(door, NEIGHBOUR, "lunch-centrum", "centrum", LUNCH)
    found = await list_signups(door.store, "oostende", active_only=True)
    other_day = next(s.id for s in found if s.resident_id == FRENCH)
    waiting = next(s.id for s in found if s.resident_id == NEIGHBOUR)
    clock.set(datetime(2026, 11, 25, 12, 10, tzinfo=BRUSSELS))
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    mine = signup_id(attendance, f"Resident {RESIDENT}")
    check = check_of(attendance)
    for forged in (
        StaffMark(other_day, True, check),  # a sign-up for another session
        StaffMark(waiting, True, check),  # on the waiting list: not confirmed
        StaffMark(999999, True, check),  # no such sign-up
        StaffMark(mine, True, "00000000"),  # another occurrence's check
    ):
        assert "no longer valid" in text(await press(door, forged)), forged
    assert {s.attended for s in await list_signups(door.store, "oostende")} == {None}


async def test_attendance_cannot_be_registered_before_the_day(door: FrontDoor) -> None:
    await book(door, RESIDENT, "lunch-centrum", "centrum", LUNCH)
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    (signup,) = await list_signups(door.store, "oostende", active_only=True)
    replies = await press(door, StaffMark(signup.id, True, check_of(attendance)))
    assert "from the day of the session" in text(replies)
    assert (await marks(door)) == {RESIDENT: None}


async def test_a_desk_sign_up_saved_before_states_were_typed_goes_on_after_a_restart(
    door: FrontDoor,
) -> None:
    # Saved by the bot before this version (keys occ and w, one-letter keys inside w).
    old = {
        "occ": ["lunch-centrum", "centrum", "202611251200"],
        "w": {"name": "Meneer Claes", "phone": "059 12 34 56", "o": {}},
        "at": MONDAY_MORNING.isoformat(),
    }
    await repositories(door.store).conversations.save(STAFF, "st", old, now=MONDAY_MORNING)
    confirm = await type_text(door, "vegetarian")
    assert "Meneer Claes" in text(confirm)
    done = await type_text(door, "yes")
    assert "has a place" in text(done)
    (signup,) = await list_signups(door.store, "oostende", active_only=True)
    assert signup.options == {"menu": "vegetarian"} and signup.walk_in_phone == "059 12 34 56"


def test_a_typed_staff_state_reads_back_as_itself() -> None:
    state = StaffState(
        sessions=[["lunch-centrum", "centrum", "202611251200"]],
        occurrence=["lunch-centrum", "centrum", "202611251200"],
        desk=DeskState(name="Mevrouw Peeters", companions=1),
    )
    assert StaffState.load(state.saved()) == state
    assert StaffState.load({"pairs": [["lunch-centrum", "centrum"]]}).centres() == ["centrum"]
    assert StaffState.load({"occ": ["too", "short"]}).occurrence is None
