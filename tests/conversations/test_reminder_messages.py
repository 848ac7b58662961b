"""What a reminder says, and what happens when the resident presses its buttons."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import resolve_data
from conversations.engine import FrontDoor
from conversations.i18n import I18n
from conversations.payloads import Payload, ReminderAnswer, ReminderSettings, unpack_any
from conversations.reminder_messages import Renderer
from conversations.reply import Incoming, IncomingKind, Reply
from rules.reminders import plan_reminders
from storage import outbox
from storage.clock import FixedClock
from storage.db import Store
from storage.importer import import_file, load_organisation_from_store
from storage.records import (
    Signup,
    SignupStatus,
    ensure_resident,
    get_resident,
    get_signup,
    insert_signup,
)
from storage.repositories import repositories
from storage.schedule import Calendar

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=BRUSSELS)
LUNCH = datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS)
ANNA, BERT, MALLORY = 4242, 4343, 6666


@pytest.fixture
async def door(store: Store) -> FrontDoor:
    report = await import_file(store, resolve_data("oostende"), now=NOW - timedelta(days=7))
    org = await load_organisation_from_store(store, report.org_id)
    for user_id in (ANNA, BERT, MALLORY):
        await ensure_resident(store, user_id, now=NOW)
    return FrontDoor(org, Calendar(org), store, FixedClock(NOW), I18n(org.country))


async def book(
    door: FrontDoor, resident: int, status: SignupStatus = SignupStatus.CONFIRMED, **extra: object
) -> Signup:
    return await insert_signup(
        door.store,
        org_id="oostende",
        activity_id="lunch-centrum",
        centre_id="centrum",
        start=LUNCH,
        now=NOW,
        resident_id=resident,
        status=status,
        **extra,  # type: ignore[arg-type]
    )


async def speak(door: FrontDoor, resident: int, language: str) -> None:
    await door.store.execute(
        "UPDATE residents SET language = ? WHERE user_id = ?", (language, resident)
    )


async def press(door: FrontDoor, resident: int, payload: Payload) -> list[Reply]:
    return await door.handle(Incoming(resident, IncomingKind.BUTTON, payload=payload.pack()))


async def test_reminder_tells_what_when_where_and_the_price_in_the_residents_language(
    door: FrontDoor,
) -> None:
    signup = await book(door, ANNA, reduced=True)
    await speak(door, ANNA, "nl")
    renderer = Renderer(door.store, door.org, door.calendar)
    occurrence = door.calendar.occurrence("activity", "lunch-centrum", "centrum", LUNCH)
    assert occurrence is not None
    due = datetime(2026, 11, 23, 17, 0, tzinfo=BRUSSELS)
    payload, language = await renderer.reminder(signup, occurrence, due)
    text = payload["text"]
    assert language == "nl"
    assert "morgen" in text.lower() or "tomorrow" in text.lower()
    assert "dinsdag 24 november, 12:00–13:00" in text
    centre = door.org.centre("centrum")
    assert centre is not None and centre.address in text
    assert "€\u00a05,00" in text  # her reduced price, in Belgian Dutch formatting
    payloads = [unpack_any(b["payload"]) for row in payload["buttons"] for b in row]
    assert payloads == [
        ReminderAnswer("y", signup.id),
        ReminderAnswer("n", signup.id),
        ReminderAnswer("c", signup.id),
    ]
    assert payload[outbox.STARTS_AT] == "2026-11-24T11:00:00+00:00"


async def test_french_speaking_resident_reads_french_dates_and_prices(door: FrontDoor) -> None:
    signup = await book(door, BERT)
    await speak(door, BERT, "fr")
    renderer = Renderer(door.store, door.org, door.calendar)
    occurrence = door.calendar.occurrence("activity", "lunch-centrum", "centrum", LUNCH)
    assert occurrence is not None
    payload, language = await renderer.reminder(signup, occurrence, LUNCH - timedelta(hours=2))
    assert language == "fr"
    assert "mardi 24 novembre" in payload["text"]
    assert "9,50\u00a0€" in payload["text"]


async def test_im_coming_gets_a_thank_you(door: FrontDoor) -> None:
    signup = await book(door, ANNA)
    [reply] = await press(door, ANNA, ReminderAnswer("y", signup.id))
    assert "Thank you" in reply.text or "Dank" in reply.text


async def test_cant_come_asks_first_then_cancels_and_the_waiting_list_moves_up(
    door: FrontDoor,
) -> None:
    anna = await book(door, ANNA)
    bert = await book(door, BERT, status=SignupStatus.WAITING)
    [question] = await press(door, ANNA, ReminderAnswer("n", anna.id))
    confirm = [b.typed for row in question.buttons for b in row]
    assert ReminderAnswer("N", anna.id) in confirm
    still = await get_signup(door.store, anna.id)
    assert still is not None and still.status is SignupStatus.CONFIRMED  # not before the yes
    await press(door, ANNA, ReminderAnswer("N", anna.id))
    cancelled = await get_signup(door.store, anna.id)
    promoted = await get_signup(door.store, bert.id)
    assert cancelled is not None and cancelled.status is SignupStatus.CANCELLED
    assert promoted is not None and promoted.status is SignupStatus.CONFIRMED
    [notice] = await outbox.pending_for(door.store, BERT)
    assert notice.kind == "promotion"


async def test_cancelling_withdraws_the_pending_reminders(door: FrontDoor) -> None:
    anna = await book(door, ANNA)
    renderer = Renderer(door.store, door.org, door.calendar)
    await plan_reminders(repositories(door.store), door.org, door.calendar, NOW, render=renderer)
    assert len(await outbox.pending_for(door.store, ANNA)) == 2
    await press(door, ANNA, ReminderAnswer("N", anna.id))
    assert await outbox.pending_for(door.store, ANNA) == []


async def test_button_of_someone_elses_sign_up_does_nothing_and_says_so(door: FrontDoor) -> None:
    anna = await book(door, ANNA)
    [reply] = await press(door, MALLORY, ReminderAnswer("N", anna.id))
    assert "no longer valid" in reply.text or "niet meer geldig" in reply.text
    unchanged = await get_signup(door.store, anna.id)
    assert unchanged is not None and unchanged.status is SignupStatus.CONFIRMED
    [unknown] = await press(door, ANNA, ReminderAnswer("y", 999999))
    assert unknown.text == reply.text


async def test_button_of_an_already_cancelled_sign_up_says_it_is_cancelled(
    door: FrontDoor,
) -> None:
    anna = await book(door, ANNA)
    await press(door, ANNA, ReminderAnswer("N", anna.id))
    [reply] = await press(door, ANNA, ReminderAnswer("N", anna.id))
    assert "already cancelled" in reply.text or "al geannuleerd" in reply.text


async def test_add_to_calendar_sends_an_ics_file(door: FrontDoor) -> None:
    anna = await book(door, ANNA)
    [reply] = await press(door, ANNA, ReminderAnswer("c", anna.id))
    assert reply.document is not None and reply.document.filename.endswith(".ics")
    assert b"BEGIN:VEVENT" in reply.document.content


async def test_resident_chooses_reminders_only_the_day_before(door: FrontDoor) -> None:
    await book(door, ANNA)
    renderer = Renderer(door.store, door.org, door.calendar)
    await plan_reminders(repositories(door.store), door.org, door.calendar, NOW, render=renderer)
    [settings] = await door.handle(Incoming(ANNA, IncomingKind.COMMAND, payload="reminders"))
    choices = [b.typed for row in settings.buttons for b in row]
    assert {
        ReminderSettings("both"),
        ReminderSettings("day_before"),
        ReminderSettings("same_day"),
        ReminderSettings("none"),
    } <= set(choices)
    await press(door, ANNA, ReminderSettings("day_before"))
    resident = await get_resident(door.store, ANNA)
    assert resident is not None and resident.reminders == "day_before"
    assert [m.kind for m in await outbox.pending_for(door.store, ANNA)] == ["reminder_day_before"]
