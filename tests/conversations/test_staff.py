"""Staff see who comes, get the list as CSV, cancel a session, and sign up people at the desk."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from conversations.consent import give_consent
from conversations.engine import FrontDoor
from conversations.reply import Incoming, IncomingKind, Reply
from storage import outbox
from storage.records import list_signups, set_resident_language
from storage.signups import sign_up
from tests.conversations.chat import (
    BRUSSELS,
    MONDAY_MORNING,
    RESIDENT,
    STAFF,
    text,
)

CRAFT = datetime(2026, 12, 23, 14, 0, tzinfo=BRUSSELS)
LUNCH = datetime(2026, 11, 25, 12, 0, tzinfo=BRUSSELS)
FRENCH = 4343


def button(replies: list[Reply], label_part: str) -> str:
    return next(
        b.payload for r in replies for row in r.buttons for b in row if label_part in b.label
    )


async def press(door: FrontDoor, payload: str, user: int = STAFF) -> list[Reply]:
    return await door.handle(
        Incoming(user, IncomingKind.BUTTON, payload=payload, client_language="en")
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
    result = await sign_up(
        door.store,
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
        await press(door, "st:x!:00000000", RESIDENT),
        await press(door, "st:o:0", RESIDENT),
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
