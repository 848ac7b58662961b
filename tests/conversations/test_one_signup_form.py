"""The resident's sign-up and the staff's desk sign-up are one form: one declaration of its
slots and one driver (conversations/signup_form.py), filled in by either."""

from __future__ import annotations

import ast
import inspect

import pytest

from conversations import signup_form
from conversations.engine import FrontDoor
from conversations.flows import staff
from conversations.payloads import SignupConfirm, SignupConsent, SignupOption, SignupStart
from storage.records import list_signups
from tests.conversations.chat import offered_as, press, say, text
from tests.conversations.test_staff import button, open_session, type_text
from tests.conversations.test_staff import press as staff_press

RESIDENT_ONLY = 424242


async def resident_types(door: FrontDoor, activity: str, typed: str) -> list:
    """A resident starts a sign-up, agrees, and types `typed` at the first question."""
    await press(door, SignupStart(activity), user=RESIDENT_ONLY)
    await press(door, SignupConsent(), user=RESIDENT_ONLY)
    return await say(door, typed, user=RESIDENT_ONLY)


async def staff_type(door: FrontDoor, session: tuple[str, str], typed: str) -> list:
    """Staff open a session, sign up someone at the desk, and type `typed` at the first
    question after the name and phone."""
    attendance = await open_session(door, *session)
    await staff_press(door, button(attendance, "Sign up someone"))
    await type_text(door, "Mevrouw Peeters")
    await type_text(door, "059 12 34 56")
    return await type_text(door, typed)


@pytest.mark.parametrize("typed", ["2", "two", "2 grandchildren", "twee"])
async def test_a_typed_answer_fits_the_same_slot_for_the_resident_and_at_the_desk(
    door: FrontDoor, typed: str
) -> None:
    resident = await resident_types(door, "grandparents-craft", typed)
    assert offered_as(resident, SignupConfirm)  # the summary: nothing else is asked
    await press(door, SignupConfirm(), user=RESIDENT_ONLY)
    desk = await staff_type(door, ("Craft afternoon", "23 Dec"), typed)
    assert "Mevrouw Peeters (☎ 059 12 34 56)" in text(desk)  # the confirmation
    await type_text(door, "yes")
    found = await list_signups(door.store, "oostende", active_only=True)
    by_whom = {s.resident_id: s.companions for s in found}
    assert by_whom == {RESIDENT_ONLY: 2, None: 2}


async def test_one_change_to_the_forms_slots_reaches_both_sign_ups(
    door: FrontDoor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The meal is no longer asked: one change to the declaration, no change to either flow.
    without_meal = tuple(s for s in signup_form.SLOTS if s.name != "option")
    monkeypatch.setattr(signup_form, "SLOTS", without_meal)
    await press(door, SignupStart("lunch-centrum", "centrum"), user=RESIDENT_ONLY)
    days = await press(door, SignupConsent(), user=RESIDENT_ONLY)
    after_day = await say(door, "Wednesday", user=RESIDENT_ONLY)
    assert "reduced tariff" in text(after_day), text(days)
    assert not offered_as(after_day, SignupOption)
    attendance = await open_session(door, "Lunch · Centrum", "25 Nov")
    await staff_press(door, button(attendance, "Sign up someone"))
    await type_text(door, "Meneer Claes")
    confirm = await type_text(door, "059 12 34 56")
    assert "Sign up Meneer Claes" in text(confirm)  # straight to the confirmation
    done = await type_text(door, "yes")
    assert "has a place" in text(done)
    (desk,) = [s for s in await list_signups(door.store, "oostende") if s.resident_id is None]
    assert desk.options == {}


def test_the_staff_flow_holds_no_step_sequence_of_its_own() -> None:
    """The desk sign-up asks what signup_form.SLOTS declares: staff.py only says who fills the
    form in (its buttons, its texts, its confirmation), never which question comes next."""
    tree = ast.parse(inspect.getsource(staff))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "signup_form"
    }
    assert "next_question" in used and "take" in used
    steps = {"open_option", "option_question", "companions_question", "time_question", "SLOTS"}
    assert not used & steps
    source = inspect.getsource(staff)
    assert "Type the name" not in source and "Type their phone" not in source
