"""Volunteers through the front door: linking, shifts, taking one, "I can't come", joining."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import build_front_door
from conversations.engine import FrontDoor
from conversations.flows.volunteers import (
    CantComeState,
    JoinState,
    render_shift_reminder,
)
from conversations.payloads import (
    CentrePage,
    Help,
    Hours,
    Menu,
    MyShifts,
    MyShiftsPage,
    OpenShifts,
    Payload,
    Resume,
    ShiftAction,
    Unlink,
    UnlinkConfirmed,
    VolunteerCode,
    VolunteerJoin,
    VolunteerJoinAnswer,
    VolunteerJoinChoice,
    VolunteerJoinPage,
    unpack_any,
)
from conversations.reply import Incoming, IncomingKind, Reply
from rules.volunteers import create_code
from storage.clock import FixedClock
from storage.model import StaffMember
from storage.repositories import repositories
from storage.volunteers import linked_volunteer
from tests.conversations.chat import every_screen, payloads, press, say

BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY_MORNING = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)
MARIE = 5001  # v-marie: reception at Centrum, Mondays and Wednesdays 09:00-13:00
ANNE = 5002  # v-anne: kitchen at Stene
RESIDENT = 4242
STAFF = 900001
FRIDAY_RECEPTION = ("reception-centrum-friday", datetime(2026, 11, 27, 13, 0))
WEDNESDAY_RECEPTION = ("reception-centrum", datetime(2026, 11, 25, 9, 0))
STENE_KITCHEN = ("kitchen-stene-open", datetime(2026, 11, 25, 10, 0))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MONDAY_MORNING)


@pytest.fixture
async def door(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FrontDoor]:
    front_door = await build_front_door(
        "oostende", tmp_path / "bot.sqlite3", clock=clock, staff_ids=frozenset({STAFF})
    )
    yield front_door
    await front_door.close()


def _payloads(replies: list[Reply]) -> list[Payload | str]:
    return payloads(replies)


def _mine(replies: list[Reply]) -> list[Reply]:
    return [r for r in replies if r.recipient is None]


def _text(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in _mine(replies))


async def _command(door: FrontDoor, user: int, name: str, args: str = "") -> list[Reply]:
    return await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload=name, text=args, client_language="en")
    )


async def _press(door: FrontDoor, user: int, payload: Payload | str) -> list[Reply]:
    return await press(door, payload, user=user, lang="en", name="Rita")


async def _say(door: FrontDoor, user: int, text: str) -> list[Reply]:
    return await door.handle(
        Incoming(user, IncomingKind.TEXT, text=text, client_language="en", display_name="Rita")
    )


async def _link(door: FrontDoor, user: int, volunteer_id: str) -> list[Reply]:
    code = await create_code(
        repositories(door.store), door.org.id, volunteer_id, now=door.clock.now()
    )
    return await _command(door, user, "start", code)


# --- linking -----------------------------------------------------------------------------------


async def test_volunteer_links_with_start_code_and_hears_what_they_can_do(
    door: FrontDoor,
) -> None:
    replies = await _link(door, MARIE, "v-marie")
    text = _text(replies)
    assert "Welcome, Marie" in text
    assert "shifts" in text and "can't come" in text
    assert {MyShifts(), OpenShifts(), Menu(), Help()} <= set(_payloads(replies))
    assert await linked_volunteer(door.store, door.org.id, MARIE) == "v-marie"


async def test_expired_code_is_refused_with_a_clear_message(
    door: FrontDoor, clock: FixedClock
) -> None:
    code = await create_code(repositories(door.store), door.org.id, "v-marie", now=clock.now())
    clock.advance(timedelta(days=8))
    text = _text(await _command(door, MARIE, "start", code))
    assert "expired" in text and "new code" in text
    assert await linked_volunteer(door.store, door.org.id, MARIE) is None


async def test_reused_code_is_refused_with_a_clear_message(door: FrontDoor) -> None:
    code = await create_code(repositories(door.store), door.org.id, "v-marie", now=MONDAY_MORNING)
    await _command(door, MARIE, "start", code)
    text = _text(await _command(door, RESIDENT, "start", code))
    assert "already used" in text
    assert await linked_volunteer(door.store, door.org.id, RESIDENT) is None


async def test_start_without_a_code_still_greets(door: FrontDoor) -> None:
    assert "Ostend" in _text(await _command(door, RESIDENT, "start"))


# --- access ------------------------------------------------------------------------------------


async def test_resident_who_is_not_a_volunteer_asking_for_shifts_gets_a_friendly_explanation(
    door: FrontDoor,
) -> None:
    replies = await _say(door, RESIDENT, "When is my shift?")
    text = _text(replies)
    assert "volunteers" in text and "code" in text
    assert {VolunteerJoin(), Menu(), Help()} <= set(_payloads(replies))
    answer = await door.ask("Wanneer is mijn shift?")
    assert answer.intent == "shifts"


async def test_a_resident_pressing_a_shift_button_sees_no_shifts(door: FrontDoor) -> None:
    for payload in (
        MyShifts(),
        OpenShifts(),
        ShiftAction("t!", *FRIDAY_RECEPTION),
        ShiftAction("c", *WEDNESDAY_RECEPTION),
    ):
        text = _text(await _press(door, RESIDENT, payload))
        assert "Shifts are for volunteers" in text, payload
    assert await door.store.fetch_value("SELECT count(*) FROM shift_assignments") == 0


# --- my shifts and open shifts -----------------------------------------------------------------


async def test_my_shifts_show_two_weeks_with_todays_shift_highlighted(door: FrontDoor) -> None:
    await _link(door, MARIE, "v-marie")
    replies = await _command(door, MARIE, "shifts")
    text = _text(replies)
    assert "👉 Today: Reception at Centrum community centre, Monday, 23 November" in text
    assert "Wednesday, 25 November, 09:00–13:00" in text
    assert text.count("Reception") == 4
    payloads = _payloads(replies)
    assert ShiftAction("c", *WEDNESDAY_RECEPTION) in payloads
    assert MyShiftsPage(1) in payloads  # later shifts on request
    later = _text(await _press(door, MARIE, MyShiftsPage(1)))
    assert "Reception" in later and "👉" not in later


async def test_open_shifts_of_my_centre_say_how_many_are_needed_and_name_nobody(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    replies = await _press(door, MARIE, OpenShifts())
    text = _text(replies)
    assert "Centrum community centre" in text
    assert "Stene" not in text  # not Marie's centre
    assert "1 person needed" in text
    assert ShiftAction("t", *FRIDAY_RECEPTION) in _payloads(replies)
    await _press(door, MARIE, ShiftAction("t!", *FRIDAY_RECEPTION))
    await _link(door, ANNE, "v-anne")
    anne_sees = _text(await _press(door, ANNE, OpenShifts()))
    assert "Marie" not in anne_sees and "Declercq" not in anne_sees


async def test_taking_an_open_shift_asks_first_then_tells_the_centres_staff(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    ask = await _press(door, MARIE, ShiftAction("t", *FRIDAY_RECEPTION))
    assert "Do you want to take this shift?" in _text(ask)
    assert ShiftAction("t!", *FRIDAY_RECEPTION) in _payloads(ask)
    assert await door.store.fetch_value("SELECT count(*) FROM shift_assignments") == 0
    done = await _press(door, MARIE, ShiftAction("t!", *FRIDAY_RECEPTION))
    assert "Thank you" in _text(done)
    (notice,) = [r for r in done if r.recipient == STAFF]
    assert "Marie Declercq" in notice.text and "Onthaal" in notice.text
    assert notice.language == "nl"  # staff read the organisation's language


async def test_second_tap_on_a_full_shift_is_told_it_was_just_taken(door: FrontDoor) -> None:
    bare = replace(door.org, shifts=tuple(replace(s, volunteers=()) for s in door.org.shifts))
    door.org = bare  # nobody has assigned shifts: both may take any centre's shift
    await _link(door, MARIE, "v-marie")
    await _link(door, ANNE, "v-anne")
    await _press(door, MARIE, ShiftAction("t!", *FRIDAY_RECEPTION))
    late = await _press(door, ANNE, ShiftAction("t!", *FRIDAY_RECEPTION))
    assert "just took the last place" in _text(late)
    assert not [r for r in late if r.recipient is not None]


async def test_forged_take_payload_for_a_shift_of_another_centre_is_refused(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    replies = await _press(door, MARIE, ShiftAction("t!", *STENE_KITCHEN))
    assert "not at one of your centres" in _text(replies)
    assert not [r for r in replies if r.recipient is not None]
    assert await door.store.fetch_value("SELECT count(*) FROM shift_assignments") == 0


async def test_forged_payloads_with_unknown_shifts_or_dates_are_refused(door: FrontDoor) -> None:
    await _link(door, MARIE, "v-marie")
    for payload in (
        ShiftAction("t!", "no-such-shift", datetime(2026, 11, 27, 13, 0)),
        ShiftAction("t!", "reception-centrum-friday", datetime(2026, 11, 24, 13, 0)),  # a Tuesday
    ):
        assert "no longer available" in _text(await _press(door, MARIE, payload)), payload
    assert await door.store.fetch_value("SELECT count(*) FROM shift_assignments") == 0


# --- I can't come ------------------------------------------------------------------------------


async def test_cant_come_with_a_typed_reason_tells_staff_who_which_shift_and_why(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    confirm = await _press(door, MARIE, ShiftAction("c", *WEDNESDAY_RECEPTION))
    assert "You can't come to this shift?" in _text(confirm)
    assert ShiftAction("c!", *WEDNESDAY_RECEPTION) in _payloads(confirm)
    ask = await _press(door, MARIE, ShiftAction("c!", *WEDNESDAY_RECEPTION))
    assert "tell the centre why" in _text(ask)
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0
    done = await _say(door, MARIE, "I have to go to the doctor")
    assert "I told the centre" in _text(done)
    (notice,) = [r for r in done if r.recipient == STAFF]
    assert "Marie Declercq" in notice.text
    assert "Onthaal" in notice.text  # the role, in the staff's language
    assert "I have to go to the doctor" in notice.text
    assert "1 person needed" in notice.text or "1 persoon" in notice.text
    mine = _text(await _press(door, MARIE, MyShifts()))
    assert mine.count("Reception") == 3


async def test_cant_come_without_a_reason(door: FrontDoor) -> None:
    await _link(door, MARIE, "v-marie")
    await _press(door, MARIE, ShiftAction("c!", *WEDNESDAY_RECEPTION))
    done = await _press(door, MARIE, ShiftAction("c!!", *WEDNESDAY_RECEPTION))
    assert [r.recipient for r in done if r.recipient is not None] == [STAFF]
    # the next message is a question again, not a reason
    assert "Shifts are for volunteers" not in _text(await _say(door, MARIE, "Is Stene open?"))


async def test_forged_cant_come_on_another_volunteers_shift_is_refused(door: FrontDoor) -> None:
    await _link(door, ANNE, "v-anne")
    replies = await _press(door, ANNE, ShiftAction("c!!", *WEDNESDAY_RECEPTION))
    assert "not on this shift" in _text(replies)
    assert not [r for r in replies if r.recipient is not None]
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0


async def test_staff_of_another_centre_are_not_told(door: FrontDoor) -> None:
    door.org = replace(
        door.org,
        staff=(
            StaffMember("s-centrum", "Centrum", telegram_id=800001, centres=("centrum",)),
            StaffMember("s-stene", "Stene", telegram_id=800002, centres=("stene",)),
        ),
    )
    await _link(door, MARIE, "v-marie")
    done = await _press(door, MARIE, ShiftAction("c!!", *WEDNESDAY_RECEPTION))
    assert sorted(r.recipient for r in done if r.recipient is not None) == [800001, STAFF]


# --- unlinking ---------------------------------------------------------------------------------


async def test_unlinking_asks_first(door: FrontDoor) -> None:
    await _link(door, MARIE, "v-marie")
    ask = await _press(door, MARIE, Unlink())
    assert UnlinkConfirmed() in _payloads(ask)
    assert await linked_volunteer(door.store, door.org.id, MARIE) == "v-marie"
    await _press(door, MARIE, UnlinkConfirmed())
    assert await linked_volunteer(door.store, door.org.id, MARIE) is None


# --- becoming a volunteer ----------------------------------------------------------------------


async def test_becoming_a_volunteer_asks_what_where_when_and_consent_then_tells_staff(
    door: FrontDoor,
) -> None:
    what = await _say(door, RESIDENT, "I would like to volunteer")
    assert VolunteerJoinChoice("w", "kitchen") in _payloads(what)
    where = await _press(door, RESIDENT, VolunteerJoinChoice("w", "kitchen"))
    screens = await every_screen(door, where, VolunteerJoinPage)  # eight centres: "More"
    assert any(VolunteerJoinChoice("c", "stene") in _payloads(screen) for screen in screens)
    when = await _press(door, RESIDENT, VolunteerJoinChoice("c", "stene"))
    consent = await _say(door, RESIDENT, "Tuesday mornings")
    assert "Tuesday mornings" in _text(consent) and VolunteerJoinAnswer("ok") in _payloads(consent)
    assert await door.store.fetch_value("SELECT count(*) FROM help_requests") == 0
    done = await _press(door, RESIDENT, VolunteerJoinAnswer("ok"))
    assert "staff will contact you" in _text(done)
    row = await door.store.fetch_one("SELECT * FROM help_requests")
    assert row is not None and row["kind"] == "volunteer" and row["centre_id"] == "stene"
    assert "Tuesday mornings" in row["message"]
    (notice,) = [r for r in done if r.recipient == STAFF]
    assert "Rita" in notice.text and "Tuesday mornings" in notice.text
    assert Menu() in _payloads(when) and Help() in _payloads(when)


async def test_declining_consent_keeps_nothing(door: FrontDoor) -> None:
    await _press(door, RESIDENT, VolunteerJoin())
    await _say(door, RESIDENT, "Gardening")
    await _press(door, RESIDENT, VolunteerJoinChoice("c", "*"))
    await _press(door, RESIDENT, VolunteerJoinChoice("f", "weekends"))
    done = await _press(door, RESIDENT, VolunteerJoinAnswer("no"))
    assert "did not keep anything" in _text(done)
    assert await door.store.fetch_value("SELECT count(*) FROM help_requests") == 0
    assert await door.store.fetch_value("SELECT count(*) FROM conversation_state") == 0


async def test_consent_cannot_be_skipped_with_a_forged_button(door: FrontDoor) -> None:
    await _press(door, RESIDENT, VolunteerJoinAnswer("ok"))
    assert await door.store.fetch_value("SELECT count(*) FROM help_requests") == 0


# --- staff codes -------------------------------------------------------------------------------


async def test_staff_make_a_link_code_with_the_code_command(door: FrontDoor) -> None:
    replies = await _command(door, STAFF, "code", "v-anne")
    text = _text(replies)
    code = text.splitlines()[1]
    assert "/start " + code in text
    welcome = await _command(door, ANNE, "start", code)
    assert "Welcome, Anne" in _text(welcome)


async def test_staff_pick_a_volunteer_from_buttons_and_confirm(door: FrontDoor) -> None:
    listing = await _command(door, STAFF, "code")
    assert VolunteerCode("v-marie") in _payloads(listing)
    confirm = await _press(door, STAFF, VolunteerCode("v-marie"))
    assert VolunteerCode("v-marie", "!") in _payloads(confirm)
    assert await door.store.fetch_value("SELECT count(*) FROM volunteer_codes") == 0
    await _press(door, STAFF, VolunteerCode("v-marie", "!"))
    assert await door.store.fetch_value("SELECT count(*) FROM volunteer_codes") == 1


async def test_only_staff_can_make_codes(door: FrontDoor) -> None:
    for replies in (
        await _command(door, RESIDENT, "code", "v-marie"),
        await _press(door, RESIDENT, VolunteerCode("v-marie", "!")),
    ):
        assert "only for staff" in _text(replies)
    assert await door.store.fetch_value("SELECT count(*) FROM volunteer_codes") == 0


# --- every screen ------------------------------------------------------------------------------


async def test_every_volunteer_screen_has_a_way_back_and_payloads_fit_telegram(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    screens = [
        await _press(door, MARIE, p)
        for p in (
            "v",
            OpenShifts(),
            ShiftAction("t", *FRIDAY_RECEPTION),
            ShiftAction("c", *WEDNESDAY_RECEPTION),
            ShiftAction("c!", *WEDNESDAY_RECEPTION),
            Unlink(),
            "vj",
        )
    ]
    screens.append(await _command(door, STAFF, "code"))
    for replies in screens:
        payloads = _payloads(replies)
        assert Menu() in payloads and Help() in payloads
        assert all(isinstance(p, Payload) and p.fits() for p in payloads)


async def test_shift_reminder_is_written_in_the_volunteers_language_with_a_cant_come_button(
    door: FrontDoor,
) -> None:
    shift = door.org.shift("conversation-host-opex")
    assert shift is not None
    (occurrence,) = door.calendar.occurrences(
        MONDAY_MORNING.date() + timedelta(days=3),
        MONDAY_MORNING.date() + timedelta(days=3),
        kind="shift",
        item_id=shift.id,
    )
    payload = render_shift_reminder(door.org, door.calendar, "fr", shift, occurrence)
    json.dumps(payload)  # it goes into the outbox as JSON
    assert "13:45" in payload["text"]
    buttons = [unpack_any(b["payload"]) for row in payload["buttons"] for b in row]
    assert ShiftAction("c", "conversation-host-opex", datetime(2026, 11, 26, 13, 45)) in buttons


TOMORROW_TODAY = {  # how each language says "tomorrow" and "today" in the shift reminder
    "nl": ("morgen", "vandaag"),
    "fr": ("demain", "aujourd'hui"),
    "de": ("Morgen", "Heute"),
    "en": ("tomorrow", "today"),
    "tr": ("yarın", "bugün"),
    "ar": ("غدًا", "اليوم"),
    "pl": ("jutro", "dziś"),
    "uk": ("завтра", "сьогодні"),
}


@pytest.mark.parametrize("lang", sorted(TOMORROW_TODAY))
async def test_the_same_day_shift_reminder_says_today_in_every_language(
    door: FrontDoor, lang: str
) -> None:
    shift = door.org.shift("reception-centrum")
    assert shift is not None
    day = MONDAY_MORNING.date() + timedelta(days=2)
    (occurrence,) = door.calendar.occurrences(day, day, kind="shift", item_id=shift.id)
    tomorrow, today = TOMORROW_TODAY[lang]
    before = render_shift_reminder(door.org, door.calendar, lang, shift, occurrence)["text"]
    on_the_day = render_shift_reminder(door.org, door.calendar, lang, shift, occurrence, True)
    assert tomorrow in before and today not in before
    assert today in on_the_day["text"] and tomorrow not in on_the_day["text"]
    assert "09:00" in on_the_day["text"]
    buttons = [unpack_any(b["payload"]) for row in on_the_day["buttons"] for b in row]
    assert ShiftAction("c", "reception-centrum", datetime(2026, 11, 25, 9, 0)) in buttons


async def test_coming_after_all_keeps_the_shift_and_the_next_message_is_a_question(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    await _press(door, MARIE, ShiftAction("c!", *WEDNESDAY_RECEPTION))
    await _press(door, MARIE, MyShifts())  # "I'll come after all"
    replies = await _say(door, MARIE, "Is Stene open tomorrow?")
    assert not [r for r in replies if r.recipient is not None]
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0


async def _typed(door: FrontDoor, user: int, words: str) -> list[Reply]:
    return await say(door, words, user=user, lang="nl", name="Rita")


async def test_a_volunteer_types_that_they_cannot_come_and_the_reason_reaches_the_centre(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    confirm = await _typed(door, MARIE, "ik ben ziek, ik kan woensdag niet komen")
    assert ShiftAction("c!", *WEDNESDAY_RECEPTION) in _payloads(confirm)
    done = await _typed(door, MARIE, "ja")
    assert "doorgegeven aan het centrum" in _text(_mine(done))
    (staff,) = [r for r in done if r.recipient == STAFF]
    assert "ik ben ziek" in staff.text and "25 november" in staff.text
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 1


async def test_a_volunteer_with_several_shifts_picks_one_by_typing_its_day(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    which = await _typed(door, MARIE, "ik kan niet komen")
    assert len([p for p in _payloads(which) if isinstance(p, ShiftAction)]) > 1
    confirm = await _typed(door, MARIE, "woensdag 2 december")
    assert "2 december" in _text(confirm)
    side = await _typed(door, MARIE, "wanneer is Stene open?")
    assert "Stene" in _text(side) and Resume() in _payloads(side)
    kept = await _typed(door, MARIE, "nee")  # "No, I'll be there"
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0
    assert "Kun je niet komen" not in _text(kept) and "Je diensten" in _text(kept)


async def test_a_resident_who_cannot_come_is_not_taken_for_a_volunteer(door: FrontDoor) -> None:
    replies = await _typed(door, RESIDENT, "ik kan woensdag niet komen")
    assert not any(isinstance(p, ShiftAction) for p in _payloads(replies))


async def test_a_reason_asked_before_states_were_typed_still_reaches_the_centre(
    door: FrontDoor, clock: FixedClock
) -> None:
    # Saved as a plain dict by the bot before this version; the bot restarted since.
    await _link(door, MARIE, "v-marie")
    old = {
        "step": "reason",
        "shift": WEDNESDAY_RECEPTION[0],  # a short shift id travels as itself
        "start": "202611250900",
        "at": clock.now().isoformat(),
    }
    await repositories(door.store).conversations.save(MARIE, "v", old, now=clock.now())
    done = await _say(door, MARIE, "My car broke down")
    assert "I told the centre" in _text(done)
    (notice,) = [r for r in done if r.recipient == STAFF]
    assert "My car broke down" in notice.text


async def test_becoming_a_volunteer_half_answered_before_states_were_typed_goes_on(
    door: FrontDoor, clock: FixedClock
) -> None:
    old = {"step": "when", "what": "kitchen", "centre": "@stene", "at": clock.now().isoformat()}
    await repositories(door.store).conversations.save(RESIDENT, "vj", old, now=clock.now())
    consent = await _say(door, RESIDENT, "Friday afternoons")
    assert "Friday afternoons" in _text(consent)
    done = await _press(door, RESIDENT, VolunteerJoinAnswer("ok"))
    assert "staff will contact you" in _text(done)
    row = await door.store.fetch_one("SELECT * FROM help_requests")
    assert row is not None and row["centre_id"] == "stene"


def test_typed_volunteer_states_read_back_as_themselves() -> None:
    cant = CantComeState("confirm", "ziek", "abc123", "202611250900")
    join = JoinState("consent", "kitchen", "@stene", "tuesday-morning")
    assert CantComeState.load(cant.saved()) == cant and JoinState.load(join.saved()) == join
    assert CantComeState.load({"reason": "ziek"}) is None and JoinState.load({}) is None


async def test_a_volunteer_ill_on_a_day_without_a_shift_hears_so_and_sees_their_shifts(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")  # Marie has no shift on Tuesday
    answer = await _typed(door, MARIE, "ik ben ziek morgen, ik kan niet komen")
    assert "geen inschrijvingen" not in _text(answer)
    assert "geen dienst op dinsdag 24 november" in _text(answer)
    assert ShiftAction("c", *WEDNESDAY_RECEPTION) in _payloads(answer)  # the shifts she has
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0


async def test_open_diensten_from_a_volunteer_are_shifts_not_opening_hours(
    door: FrontDoor,
) -> None:
    await _link(door, MARIE, "v-marie")
    answer = await _typed(door, MARIE, "open diensten")
    offered = _payloads(answer)
    assert OpenShifts() in offered or any(isinstance(p, ShiftAction) for p in offered)
    assert not any(isinstance(p, (Hours, CentrePage)) for p in offered)
