"""Staff access: every staff and volunteer action is checked on the server, centres included."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from conversations.access import StaffScope, staff_scope
from conversations.engine import FrontDoor
from conversations.flows.base import Turn
from conversations.payloads import (
    MyShifts,
    ShiftAction,
    Staff,
    StaffAction,
    StaffActivity,
    StaffSession,
    UnlinkConfirmed,
    VolunteerCode,
)
from conversations.reply import Incoming, IncomingKind, Reply
from storage.model import StaffMember
from tests.conversations.chat import RESIDENT, STAFF, offered_as, payloads, press, text

STENE_STAFF = 7000001  # in the data file, for Stene only
EVERYWHERE_STAFF = 7000002  # in the data file, no centres listed: all of them


def _with_data_file_staff(door: FrontDoor) -> None:
    door.org = replace(
        door.org,
        staff=(
            *door.org.staff,
            StaffMember("s-stene", "Stene desk", telegram_id=STENE_STAFF, centres=("stene",)),
            StaffMember("s-all", "Coordinator", telegram_id=EVERYWHERE_STAFF),
        ),
    )


async def _command(door: FrontDoor, command: str, user: int, args: str = "") -> list[Reply]:
    return await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload=command, text=args, client_language="en")
    )


def _labels(replies: list[Reply]) -> list[str]:
    return [b.label for r in replies for row in r.buttons for b in row]


def _turn(door: FrontDoor, user: int) -> Turn:
    ctx = door._ctx("en", door.clock.now())
    return Turn(ctx, door.store, Incoming(user, IncomingKind.TEXT), True, door.staff_ids)


async def test_staff_scope_knows_configured_and_data_file_staff(door: FrontDoor) -> None:
    _with_data_file_staff(door)
    assert staff_scope(_turn(door, STAFF)) == StaffScope(STAFF, None)
    assert staff_scope(_turn(door, EVERYWHERE_STAFF)) == StaffScope(EVERYWHERE_STAFF, None)
    stene = staff_scope(_turn(door, STENE_STAFF))
    assert stene == StaffScope(STENE_STAFF, frozenset({"stene"}))
    assert stene.sees("stene") and not stene.sees("centrum") and not stene.sees(None)
    assert staff_scope(_turn(door, RESIDENT)) is None


async def test_a_resident_is_refused_every_staff_screen_and_command(door: FrontDoor) -> None:
    _with_data_file_staff(door)
    for payload in (
        Staff(),
        StaffActivity(0),
        StaffSession(0),
        StaffAction("x!", "00000000"),
        VolunteerCode(),
        VolunteerCode("v-marie", "!"),
    ):
        shown = text(await press(door, payload, user=RESIDENT))
        assert "only for staff" in shown or "only for the staff" in shown, payload
    for command, args in (("staff", ""), ("code", "v-marie")):
        shown = text(await _command(door, command, RESIDENT, args))
        assert "only for" in shown, command
    assert await door.store.fetch_value("SELECT count(*) FROM volunteer_codes") == 0


async def test_staff_of_one_centre_see_only_its_activities(door: FrontDoor) -> None:
    _with_data_file_staff(door)
    mine = _labels(await _command(door, "staff", STENE_STAFF))
    assert any("Stene" in label for label in mine)
    assert not any("Centrum" in label or "Mariakerke" in label for label in mine)
    everything = _labels(await _command(door, "staff", STAFF))
    assert any("Centrum" in label for label in everything)
    assert any("Mariakerke" in label for label in everything)


async def test_staff_of_one_centre_cannot_reach_another_by_forging_an_index(
    door: FrontDoor,
) -> None:
    _with_data_file_staff(door)
    listed = await _command(door, "staff", STENE_STAFF)
    indexes = offered_as(listed, StaffActivity)
    for index in range(len(indexes), len(indexes) + 10):
        shown = text(await press(door, StaffActivity(index), user=STENE_STAFF))
        assert "no longer valid" in shown
        assert "Centrum" not in shown


async def test_a_saved_screen_stops_working_when_the_centre_is_no_longer_theirs(
    door: FrontDoor,
) -> None:
    _with_data_file_staff(door)
    await _command(door, "staff", EVERYWHERE_STAFF)  # every activity listed and saved
    door.org = replace(
        door.org,
        staff=(
            StaffMember("s-all", "Coordinator", telegram_id=EVERYWHERE_STAFF, centres=("stene",)),
        ),
    )
    shown = text(await press(door, StaffActivity(0), user=EVERYWHERE_STAFF))
    assert "no longer valid" in shown


async def test_staff_make_link_codes_only_for_volunteers_of_their_centres(
    door: FrontDoor,
) -> None:
    _with_data_file_staff(door)
    offered = payloads(await _command(door, "code", STENE_STAFF))
    assert VolunteerCode("v-anne") in offered and VolunteerCode("v-marie") not in offered
    refused = await press(door, VolunteerCode("v-marie", "!"), user=STENE_STAFF)
    assert "don't know that volunteer" in text(refused)
    assert await door.store.fetch_value("SELECT count(*) FROM volunteer_codes") == 0
    made = await press(door, VolunteerCode("v-anne", "!"), user=STENE_STAFF)
    assert "Link code for" in text(made)
    everywhere = payloads(await _command(door, "code", STAFF))
    assert {VolunteerCode("v-marie"), VolunteerCode("v-anne")} <= set(everywhere)


async def test_volunteer_screens_are_refused_to_people_who_are_not_linked(
    door: FrontDoor,
) -> None:
    for payload in (
        MyShifts(),
        "v:o",
        UnlinkConfirmed(),
        ShiftAction("t", "abc", datetime(2026, 11, 24, 14, 0)),
        ShiftAction("c!", "abc", datetime(2026, 11, 24, 14, 0)),
    ):
        shown = text(await press(door, payload, user=RESIDENT))
        assert "Shifts are for volunteers" in shown, payload
    assert await door.store.fetch_value("SELECT count(*) FROM shift_assignments") == 0
    assert await door.store.fetch_value("SELECT count(*) FROM shift_cancellations") == 0
