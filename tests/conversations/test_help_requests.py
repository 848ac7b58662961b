"""Help requests: a resident asks for a person, staff hear of it at once and take it up."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.runtime import build_front_door
from conversations.engine import FrontDoor
from conversations.flows.help import NoteState
from conversations.payloads import (
    Help,
    HelpBack,
    HelpCentre,
    HelpMoment,
    HelpStep,
    HelpTopic,
    Inbox,
    InboxAction,
    Menu,
    Resume,
)
from conversations.reply import Incoming, IncomingKind, Reply
from data import demo_path
from storage.clock import FixedClock
from tests.conversations.chat import (
    BRUSSELS,
    RESIDENT,
    STAFF,
    offered_as,
    payloads,
    press,
    say,
    text,
)

OPEX_STAFF = 777001  # data-file staff member for Opex only


async def share_phone(door: FrontDoor, phone: str = "32470123456") -> list[Reply]:
    """Tap Telegram's "share my phone number" button."""
    return await door.handle(
        Incoming(RESIDENT, IncomingKind.CONTACT, text=phone, client_language="en")
    )


async def inbox(door: FrontDoor, user: int = STAFF) -> list[Reply]:
    """Type /inbox."""
    return await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload="inbox", client_language="en")
    )


def to(replies: list[Reply], recipient: int | None) -> list[Reply]:
    """The replies addressed to one chat (None: the person who wrote)."""
    return [r for r in replies if r.recipient == recipient]


async def count(door: FrontDoor, table: str) -> int:
    """Rows in a table."""
    return await door.store.fetch_value(f"SELECT count(*) FROM {table}")


async def ask_for_a_call_back_at_centrum(door: FrontDoor, lang: str = "en") -> list[Reply]:
    """The whole story up to "send": money, Centrum, consent, a message, a phone, tomorrow."""
    await press(door, HelpTopic("money"), lang=lang)
    await press(door, HelpCentre("c", "money", "centrum"), lang=lang)
    await press(door, HelpCentre("ok", "money", "centrum"), lang=lang)
    await say(door, "I cannot pay my energy bill", lang=lang)
    await share_phone(door)
    await press(door, HelpMoment("am1"), lang=lang)
    return await press(door, HelpStep("send"), lang=lang)


def request_id_from(replies: list[Reply]) -> int:
    """The id on the staff message's Claim button."""
    claim = next(p for p in offered_as(to(replies, STAFF), InboxAction) if p.action == "c")
    return claim.request


async def test_talk_to_a_person_starts_with_the_topics_and_a_way_to_phone(
    door: FrontDoor,
) -> None:
    replies = await press(door, Help())
    offered = payloads(replies)
    for topic in ("money", "housing", "health", "lonely", "digital", "letters", "other"):
        assert HelpTopic(topic) in offered
    assert HelpStep("phones") in offered and Menu() in offered
    phones = await press(door, HelpStep("phones"))
    assert "059 00 10 01" in text(phones)


async def test_a_question_about_rent_preselects_housing_and_asks_only_the_centre(
    door: FrontDoor,
) -> None:
    replies = await say(
        door, "Kan iemand mij terugbellen? Ik heb een probleem met mijn huur", lang="nl"
    )
    offered = payloads(replies)
    assert HelpCentre("c", "housing", "centrum") in offered
    assert not any(isinstance(p, HelpTopic) for p in offered)


async def test_a_question_naming_the_centre_goes_straight_to_consent(door: FrontDoor) -> None:
    replies = await say(door, "Can someone from Stene call me back about my rent?")
    assert HelpCentre("ok", "housing", "stene") in payloads(replies)


async def test_nothing_is_kept_before_consent_and_no_thanks_keeps_nothing(
    door: FrontDoor,
) -> None:
    await press(door, Help())
    await press(door, HelpTopic("lonely"))
    consent = await press(door, HelpCentre("c", "lonely", "hazegras"))
    assert HelpCentre("ok", "lonely", "hazegras") in payloads(consent)
    # Only where the resident is in the questions, so a typed "yes" is understood; no person.
    assert await count(door, "residents") == 0
    declined = await press(door, HelpStep("no"))
    assert "did not keep anything" in text(declined)
    assert "059 00 10 02" in text(declined)
    assert await count(door, "residents") == 0
    assert await count(door, "help_requests") == 0
    assert await count(door, "conversation_state") == 0


async def test_resident_asks_for_a_call_back_and_staff_get_it_at_once(door: FrontDoor) -> None:
    await press(door, HelpTopic("money"))
    await press(door, HelpCentre("c", "money", "centrum"))
    message_step = await press(door, HelpCentre("ok", "money", "centrum"))
    assert HelpStep("skip") in payloads(message_step)
    phone_step = await say(door, "I cannot pay my energy bill")
    contact = [b for r in phone_step for row in r.buttons for b in row if b.request_contact]
    assert contact, "the phone step offers Telegram's contact button"
    moments = await share_phone(door)
    offered = payloads(moments)
    assert {
        HelpMoment("am0"),
        HelpMoment("pm0"),
        HelpMoment("am1"),
        HelpMoment("pm1"),
        HelpMoment("visit"),
    } <= set(offered)
    confirm = await press(door, HelpMoment("am1"))
    assert "+32470123456" in text(confirm) and "tomorrow morning" in text(confirm)
    replies = await press(door, HelpStep("send"))

    mine = text(to(replies, None))
    assert "059 00 10 01" in mine  # the centre's phone number
    assert "Today: 09:00–17:00" in mine  # and its hours
    assert "tomorrow morning" in mine and "+32470123456" in mine
    (staff,) = to(replies, STAFF)
    for expected in ("Anna", "energy bill", "+32470123456", "Centrum", "24"):
        assert expected in staff.text
    assert InboxAction("c", request_id_from(replies)) in payloads([staff])
    row = await door.store.fetch_one("SELECT * FROM help_requests")
    assert (row["topic"], row["centre_id"], row["callback"]) == ("money", "centrum", "am1")
    assert row["callback_day"] == "2026-11-24" and row["status"] == "open"
    assert await count(door, "conversation_state") == 0


async def test_no_phone_means_no_call_and_an_invitation_to_come_by(door: FrontDoor) -> None:
    await press(door, HelpTopic("digital"))
    await press(door, HelpCentre("c", "digital", "opex"))
    await press(door, HelpCentre("ok", "digital", "opex"))
    await press(door, HelpStep("skip"))
    confirm = await press(door, HelpStep("nophone"))
    assert "No call" in text(confirm)
    replies = await press(door, HelpStep("send"))
    assert "welcome at the centre" in text(to(replies, None))
    (staff,) = to(replies, STAFF)
    assert ": —" in staff.text  # no phone number given (staff read it in nl)
    assert "Message:" not in staff.text


async def test_a_typed_phone_number_is_taken_and_anything_else_is_asked_again(
    door: FrontDoor,
) -> None:
    await press(door, HelpTopic("health"))
    await press(door, HelpCentre("c", "health", "centrum"))
    await press(door, HelpCentre("ok", "health", "centrum"))
    await press(door, HelpStep("skip"))
    again = await say(door, "tomorrow please")
    assert "does not look like a phone number" in text(again)
    moments = await say(door, "059 12 34 56")
    assert HelpMoment("visit") in payloads(moments)


async def test_call_back_moments_are_only_those_when_the_centre_is_open(
    door: FrontDoor,
) -> None:
    # Stene is closed on Mondays (Tu-Fr 09:00-16:30): on Monday only tomorrow is offered.
    await press(door, HelpTopic("housing"))
    await press(door, HelpCentre("c", "housing", "stene"))
    await press(door, HelpCentre("ok", "housing", "stene"))
    await press(door, HelpStep("skip"))
    offered = payloads(await share_phone(door))
    assert HelpMoment("am1") in offered and HelpMoment("pm1") in offered
    assert HelpMoment("am0") not in offered and HelpMoment("pm0") not in offered
    # A moment that was never offered (a forged or old button) asks again.
    again = await press(door, HelpMoment("am0"))
    assert HelpMoment("am1") in payloads(again)
    assert await count(door, "help_requests") == 0


async def test_on_friday_evening_the_next_opening_day_is_offered(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 11, 27, 18, 0, tzinfo=BRUSSELS))  # Friday; Stene opens Tuesday
    await press(door, HelpTopic("housing"))
    await press(door, HelpCentre("c", "housing", "stene"))
    await press(door, HelpCentre("ok", "housing", "stene"))
    await press(door, HelpStep("skip"))
    moments = await share_phone(door)
    assert payloads(moments)[:2] == [HelpMoment("next"), HelpMoment("visit")]
    labels = [b.label for r in moments for row in r.buttons for b in row]
    assert "📅 Tuesday, 1 December" in labels
    confirm = await press(door, HelpMoment("next"))
    assert "Tuesday, 1 December" in text(confirm)


async def test_ask_answers_the_first_step_and_writes_nothing(door: FrontDoor) -> None:
    answer = await door.ask("Can someone call me back please?", client_language="en")
    assert answer.intent == "help_request"
    assert HelpTopic("money") in payloads(answer.replies)
    for table in ("help_requests", "conversation_state", "residents", "outbox"):
        assert await count(door, table) == 0


async def test_staff_claims_from_the_inbox_and_the_resident_is_told_in_their_language(
    door: FrontDoor,
) -> None:
    request_id = request_id_from(await ask_for_a_call_back_at_centrum(door, lang="nl"))
    listed = await inbox(door)
    assert InboxAction("v", request_id) in payloads(listed)
    claimed = await press(door, InboxAction("c", request_id), user=STAFF)
    assert "You have taken it up" in text(claimed)
    assert InboxAction("n", request_id) in payloads(claimed)
    row = await door.store.fetch_one("SELECT * FROM outbox WHERE kind = 'help_claimed'")
    assert row["chat_id"] == RESIDENT and row["language"] == "nl"
    notice = json.loads(row["payload"])["text"]
    assert "Ontmoetingscentrum Centrum" in notice  # the centre's name in Dutch
    status = await door.store.fetch_value("SELECT status FROM help_requests")
    assert status == "claimed"


async def test_staff_add_a_note_and_resolve_and_the_resident_hears_it_once(
    door: FrontDoor,
) -> None:
    request_id = request_id_from(await ask_for_a_call_back_at_centrum(door))
    await press(door, InboxAction("c", request_id), user=STAFF)
    ask_note = await press(door, InboxAction("n", request_id), user=STAFF)
    assert "Type your note" in text(ask_note)
    noted = await say(door, "Called her, appointment on Thursday", user=STAFF)
    assert "Note saved." in text(noted) and "appointment on Thursday" in text(noted)
    resolved = await press(door, InboxAction("r", request_id), user=STAFF)
    assert "Marked as resolved" in text(resolved)
    again = await press(door, InboxAction("r", request_id), user=STAFF)
    assert "already resolved" in text(again)
    kinds = [
        r["kind"]
        for r in await door.store.fetch_all(
            "SELECT kind FROM outbox WHERE chat_id = ?", (RESIDENT,)
        )
    ]
    assert kinds == ["help_claimed", "help_resolved"]
    resolved_list = await press(door, Inbox("resolved"), user=STAFF)
    assert InboxAction("v", request_id) in payloads(resolved_list)


async def test_a_second_staff_member_cannot_claim_a_taken_request(door: FrontDoor) -> None:
    request_id = request_id_from(await ask_for_a_call_back_at_centrum(door))
    door.staff_ids = frozenset({STAFF, STAFF + 1})
    await press(door, InboxAction("c", request_id), user=STAFF)
    late = await press(door, InboxAction("c", request_id), user=STAFF + 1)
    assert "Someone else has already taken this up" in text(late)
    claimed_by = await door.store.fetch_value("SELECT claimed_by FROM help_requests")
    assert claimed_by == STAFF


async def test_a_resident_cannot_open_the_inbox_or_claim_by_forging_a_button(
    door: FrontDoor,
) -> None:
    request_id = request_id_from(await ask_for_a_call_back_at_centrum(door))
    for payload in (
        Inbox(),
        InboxAction("c", request_id),
        InboxAction("r", request_id),
        InboxAction("v", request_id),
    ):
        refused = await press(door, payload)
        assert "only for the staff" in text(refused)
    assert "only for the staff" in text(await inbox(door, user=RESIDENT))
    assert await door.store.fetch_value("SELECT status FROM help_requests") == "open"


async def test_a_forged_request_id_is_refused_clearly(door: FrontDoor) -> None:
    for payload in (InboxAction("c", 999), "hq:v:abc", "hq:r:-1", "hq:c:" + "9" * 40, "hq:zz:1"):
        replies = await press(door, payload, user=STAFF)
        assert "cannot find that request" in text(replies)


@pytest.fixture
async def opex_door(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FrontDoor]:
    """Oostende with one more staff member in the data file, for Opex only."""
    source = demo_path("oostende").read_text(encoding="utf-8")
    staff_line = "  - {id: s-coordinator, name: Coördinator ontmoetingscentra}\n"
    assert staff_line in source
    extra = f"  - {{id: s-olga, name: Olga, telegram_id: {OPEX_STAFF}, centres: [opex]}}\n"
    data = tmp_path / "oostende.yaml"
    data.write_text(source.replace(staff_line, staff_line + extra), encoding="utf-8")
    front_door = await build_front_door(
        str(data), tmp_path / "bot.sqlite3", clock=clock, staff_ids=frozenset({STAFF})
    )
    yield front_door
    await front_door.close()


async def test_data_file_staff_get_and_see_only_their_own_centres(opex_door: FrontDoor) -> None:
    at_centrum = request_id_from(await ask_for_a_call_back_at_centrum(opex_door))
    assert OPEX_STAFF not in {r.recipient for r in await press(opex_door, Help())}
    await press(opex_door, HelpTopic("digital"))
    await press(opex_door, HelpCentre("c", "digital", "opex"))
    await press(opex_door, HelpStep("skip"))
    await press(opex_door, HelpStep("nophone"))
    at_opex_replies = await press(opex_door, HelpStep("send"))
    assert {STAFF, OPEX_STAFF} <= {r.recipient for r in at_opex_replies}
    at_opex = request_id_from(at_opex_replies)

    listed = payloads(await inbox(opex_door, user=OPEX_STAFF))
    assert InboxAction("v", at_opex) in listed and InboxAction("v", at_centrum) not in listed
    refused = await press(opex_door, InboxAction("c", at_centrum), user=OPEX_STAFF)
    assert "not for your centres" in text(refused)
    assert InboxAction("v", at_centrum) in payloads(await inbox(opex_door, user=STAFF))


async def test_the_words_that_start_a_request_are_kept_as_its_message(door: FrontDoor) -> None:
    await say(door, "Can someone call me back about my energy bill?")
    consent = await say(door, "Centrum")
    assert HelpCentre("ok", "money", "centrum") in payloads(consent)
    message = await say(door, "yes")
    assert "You wrote: “Can someone call me back about my energy bill?”" in text(message)
    await press(door, HelpStep("skip"))
    await press(door, HelpStep("nophone"))
    replies = await press(door, HelpStep("send"))
    (staff,) = to(replies, STAFF)
    assert "energy bill" in staff.text


async def test_every_step_of_a_request_can_be_typed(door: FrontDoor) -> None:
    topics = await press(door, Help())
    assert HelpTopic("money") in payloads(topics)
    await say(door, "housing")
    await say(door, "stene")
    await say(door, "yes please")
    await say(door, "My landlord will not repair the heating")
    moments = await say(door, "+32 470 12 34 56")
    assert HelpMoment("am1") in payloads(moments)
    check = await say(door, "tomorrow afternoon")
    assert "+32 470 12 34 56" in text(check) and "tomorrow afternoon" in text(check)
    replies = await say(door, "yes")
    (staff,) = to(replies, STAFF)
    for expected in ("repair the heating", "+32 470 12 34 56", "24 november"):
        assert expected in staff.text


async def test_a_question_at_the_phone_step_is_answered_and_the_request_waits(
    door: FrontDoor,
) -> None:
    await press(door, HelpTopic("health"))
    await press(door, HelpCentre("c", "health", "centrum"))
    await press(door, HelpCentre("ok", "health", "centrum"))
    await say(door, "I need help with my medication list")
    answer = await say(door, "When is Stene open?")
    assert "Stene" in text(answer) and Resume() in payloads(answer)
    again = await press(door, Resume())
    assert "May the centre phone you?" in text(again)


async def test_the_summary_changes_one_answer_and_keeps_the_rest(door: FrontDoor) -> None:
    await press(door, HelpTopic("money"))
    await press(door, HelpCentre("c", "money", "centrum"))
    await press(door, HelpCentre("ok", "money", "centrum"))
    await say(door, "My energy bill")
    await say(door, "059 12 34 56")
    check = await press(door, HelpMoment("visit"))
    assert HelpBack("phone") in payloads(check)
    await press(door, HelpBack("phone"))
    await say(door, "0470 99 88 77")
    check = await say(door, "I will come by")
    assert "0470 99 88 77" in text(check) and "My energy bill" in text(check)


def test_a_staff_note_state_reads_back_and_an_old_one_as_well() -> None:
    assert NoteState.load(NoteState(7).saved()) == NoteState(7)
    assert NoteState.load({"note": 7, "at": "2026-11-23T10:15:00+01:00"}) == NoteState(7)
    assert NoteState.load({"note": "7"}) is None and NoteState.load({}) is None


async def test_words_typed_at_the_phone_step_are_kept_for_the_staff_not_lost(
    door: FrontDoor,
) -> None:
    await press(door, HelpTopic("money"))
    await press(door, HelpCentre("c", "money", "centrum"))
    await press(door, HelpCentre("ok", "money", "centrum"))
    await say(door, "My energy bill is far too high")
    phone = await say(door, "The letter came from the supplier last week")
    assert "does not look like a phone number" in text(phone)
    assert "added your words to your message" in text(phone)
    assert HelpStep("nophone") in payloads(phone)  # still asked for a phone, or to skip
    moments = await say(door, "0470 12 34 56")
    check = await press(door, HelpMoment("visit"))
    assert HelpMoment("visit") in payloads(moments)
    assert "came from the supplier" in text(check)  # the summary shows it
    replies = await press(door, HelpStep("send"))
    (staff,) = to(replies, STAFF)
    for words in ("far too high", "came from the supplier", "0470 12 34 56"):
        assert words in staff.text
