"""Residents tell staff what they think, and answer "how was it?" the day after an activity."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from conversations import residents
from conversations.consent import give_consent
from conversations.engine import FrontDoor
from conversations.flows.feedback import (
    COMMENT,
    PENDING,
    FeedbackState,
    classify,
    question_renderer,
)
from conversations.payloads import (
    FeedbackAgain,
    FeedbackConsent,
    FeedbackNever,
    FeedbackNoComment,
    FeedbackRating,
    Menu,
    Resume,
    unpack_any,
)
from conversations.reply import Incoming, IncomingKind, Reply
from rules.reminders import plan_feedback_questions
from storage import outbox
from storage.clock import FixedClock
from storage.feedback import (
    QUESTION_KIND,
    AskSetting,
    ask_setting,
    recent_feedback,
)
from storage.model import StaffMember
from storage.records import Signup, insert_signup
from storage.repositories import repositories
from tests.conversations.chat import (
    BRUSSELS,
    MONDAY_MORNING,
    NEIGHBOUR,
    RESIDENT,
    STAFF,
    payloads,
    press,
    say,
    text,
)

STENE_STAFF = 900002
AFTER_LUNCH = datetime(2026, 11, 24, 13, 30, tzinfo=BRUSSELS)  # Tuesday
NEXT_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=BRUSSELS)


async def command(door: FrontDoor, name: str, user: int = RESIDENT) -> list[Reply]:
    """Send a /command."""
    return await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload=name, client_language="en")
    )


async def agreed(door: FrontDoor, user: int = RESIDENT) -> None:
    """The resident accepted earlier that we keep their data."""
    await give_consent(door.store, user, door.clock.now())


def to_resident(replies: list[Reply]) -> list[Reply]:
    return [r for r in replies if r.recipient is None]


def to_user(replies: list[Reply], user: int) -> list[Reply]:
    return [r for r in replies if r.recipient == user]


async def stored_feedback(door: FrontDoor) -> list[tuple[str, str, str | None, int | None]]:
    rows = await door.store.fetch_all(
        "SELECT kind, message, centre_id, resident_id FROM feedback ORDER BY id"
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


# --- suggestions and feedback -----------------------------------------------------------------


def test_a_message_that_proposes_something_is_a_suggestion_in_any_language() -> None:
    assert classify("I have an idea: a knitting café") == "suggestion"
    assert classify("Voorstel: meer yoga in Stene") == "suggestion"
    assert classify("Pourquoi pas un atelier de cuisine ?") == "suggestion"
    assert classify("The lunch was too cold") == "feedback"


async def test_resident_who_agreed_passes_on_an_idea_and_staff_hear_it_at_once(
    door: FrontDoor,
) -> None:
    await agreed(door)
    replies = await say(door, "I have a suggestion: a knitting café in Stene would be nice")
    assert "Thank you for your idea" in text(to_resident(replies))
    assert Menu() in payloads(to_resident(replies))  # the way back
    [notice] = to_user(replies, STAFF)
    assert "knitting café" in notice.text and "/feedback" in notice.text
    assert await stored_feedback(door) == [
        (
            "suggestion",
            "I have a suggestion: a knitting café in Stene would be nice",
            "stene",
            RESIDENT,
        )
    ]


async def test_resident_without_consent_is_asked_first_and_declining_keeps_nothing(
    door: FrontDoor,
) -> None:
    replies = await say(door, "Complaint: the chair gym in Mariakerke was far too cold")
    assert FeedbackConsent("y") in payloads(replies) and FeedbackConsent("0") in payloads(replies)
    assert not to_user(replies, STAFF)
    replies = await press(door, FeedbackConsent("0"))
    assert "not kept your message" in text(replies)
    assert await stored_feedback(door) == []
    assert await door.store.fetch_value("SELECT count(*) FROM conversation_state") == 0
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0


async def test_resident_who_agrees_has_the_complaint_passed_on_to_staff(door: FrontDoor) -> None:
    await say(door, "Complaint: the chair gym in Mariakerke was far too cold")
    replies = await press(door, FeedbackConsent("y"))
    assert "Thank you for telling us" in text(to_resident(replies))
    assert to_user(replies, STAFF)
    [(kind, message, centre, resident)] = await stored_feedback(door)
    assert (kind, centre, resident) == ("feedback", "mariakerke", RESIDENT)
    assert "far too cold" in message
    # An old consent button pressed again stores nothing twice.
    await press(door, FeedbackConsent("y"))
    assert len(await stored_feedback(door)) == 1


async def test_a_bare_wish_to_complain_asks_what_happened_then_passes_it_on(
    door: FrontDoor,
) -> None:
    await agreed(door)
    replies = await say(door, "I want to complain")
    assert "What would you like to tell the staff?" in text(replies)
    assert await stored_feedback(door) == []
    replies = await say(door, "The toilets at the Centrum were dirty on Monday")
    assert "passed it on" in text(to_resident(replies))
    [(kind, message, _centre, _resident)] = await stored_feedback(door)
    assert kind == "feedback" and message.startswith("The toilets")


async def test_staff_read_the_latest_feedback_with_the_feedback_command(door: FrontDoor) -> None:
    await agreed(door)
    await say(door, "I have a suggestion: a knitting café in Stene would be nice")
    replies = await command(door, "feedback", STAFF)
    assert "The latest feedback" in text(replies) and "knitting café" in text(replies)
    assert Menu() in payloads(replies)
    # A resident typing /feedback is asked what they want to say, and sees no one else's words.
    replies = await command(door, "feedback", NEIGHBOUR)
    assert "knitting café" not in text(replies)
    assert "What would you like to tell the staff?" in text(replies)


async def test_staff_of_one_centre_hear_of_and_see_only_their_centres(door: FrontDoor) -> None:
    door.org = replace(
        door.org,
        staff=(StaffMember("s-stene", "Stene", telegram_id=STENE_STAFF, centres=("stene",)),),
    )
    await agreed(door)
    replies = await say(door, "Complaint: the chair gym in Mariakerke was far too cold")
    assert to_user(replies, STAFF) and not to_user(replies, STENE_STAFF)
    replies = await say(door, "I have a suggestion: a knitting café in Stene would be nice")
    assert to_user(replies, STENE_STAFF)
    listed = text(await command(door, "feedback", STENE_STAFF))
    assert "knitting café" in listed and "chair gym" not in listed


# --- the day-after question -------------------------------------------------------------------


async def lunch_yesterday(door: FrontDoor, clock: FixedClock, user: int = RESIDENT) -> Signup:
    """The resident had lunch at the Centrum on Tuesday; it is Wednesday 10:00, question sent."""
    await agreed(door, user)
    await residents.choose_language(door.store, user, "en", MONDAY_MORNING)
    signup = await insert_signup(
        door.store,
        org_id=door.org.id,
        activity_id="lunch-centrum",
        centre_id="centrum",
        start=datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS),
        now=MONDAY_MORNING,
        resident_id=user,
    )
    render = question_renderer(door.store, door.org, door.calendar, door.i18n)
    await plan_feedback_questions(
        repositories(door.store), door.org, door.calendar, AFTER_LUNCH, render=render
    )
    clock.set(NEXT_MORNING)
    return signup


async def test_the_day_after_lunch_the_resident_rates_it_and_adds_a_comment(
    door: FrontDoor, clock: FixedClock
) -> None:
    signup = await lunch_yesterday(door, clock)
    [question] = await outbox.messages_by_status(door.store, "pending")
    assert question.kind == QUESTION_KIND and question.due_at == NEXT_MORNING
    assert "How was Lunch" in question.payload["text"]
    assert "Don't ask again" in question.payload["text"]  # the first time it is an offer
    buttons = [unpack_any(b["payload"]) for row in question.payload["buttons"] for b in row]
    assert [FeedbackRating(signup.id, n) for n in range(1, 6)] == buttons[:5]
    assert FeedbackNever(signup.id) in buttons and Menu() in buttons

    replies = await press(door, FeedbackRating(signup.id, 4))
    assert "add a comment" in text(replies) and FeedbackNoComment() in payloads(replies)
    assert await ask_setting(door.store, RESIDENT) is AskSetting.YES
    replies = await say(door, "The soup was cold, the rest lovely")
    assert "The staff will read it" in text(to_resident(replies))
    [notice] = to_user(replies, STAFF)
    assert "4" in notice.text and "The soup was cold" in notice.text
    [rating] = await recent_feedback(door.store, door.org.id)
    assert (rating.rating, rating.asked, rating.signup_id) == (4, True, signup.id)
    assert rating.message == "The soup was cold, the rest lovely"

    replies = await press(door, FeedbackRating(signup.id, 1))
    assert "answered this question already" in text(replies)
    assert (await recent_feedback(door.store, door.org.id))[0].rating == 4


async def test_a_rating_without_comment_is_thanked(door: FrontDoor, clock: FixedClock) -> None:
    signup = await lunch_yesterday(door, clock)
    await press(door, FeedbackRating(signup.id, 5))
    replies = await press(door, FeedbackNoComment())
    assert "Thank you for your answer" in text(replies)
    assert await door.store.fetch_value("SELECT count(*) FROM conversation_state") == 0


async def test_a_forged_or_stale_rating_button_is_refused(
    door: FrontDoor, clock: FixedClock
) -> None:
    signup = await lunch_yesterday(door, clock)
    for payload, user in (
        (FeedbackRating(signup.id, 5), NEIGHBOUR),  # not their sign-up
        (FeedbackRating(signup.id + 1, 5), RESIDENT),  # no such sign-up
        (FeedbackNever(signup.id), NEIGHBOUR),
    ):
        replies = await press(door, payload, user)
        assert "no longer valid" in text(replies), payload
    assert await recent_feedback(door.store, door.org.id) == []


async def test_a_signup_that_was_never_asked_about_cannot_be_rated(
    door: FrontDoor, clock: FixedClock
) -> None:
    await agreed(door)
    signup = await insert_signup(
        door.store,
        org_id=door.org.id,
        activity_id="lunch-centrum",
        centre_id="centrum",
        start=datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS),
        now=MONDAY_MORNING,
        resident_id=RESIDENT,
    )
    clock.set(NEXT_MORNING)
    replies = await press(door, FeedbackRating(signup.id, 5))
    assert "no longer valid" in text(replies)


async def test_dont_ask_again_is_respected_and_can_be_undone(
    door: FrontDoor, clock: FixedClock
) -> None:
    signup = await lunch_yesterday(door, clock)
    replies = await press(door, FeedbackNever(signup.id))
    assert "will not ask" in text(replies)
    assert await ask_setting(door.store, RESIDENT) is AskSetting.NO
    assert FeedbackAgain() in payloads(replies)
    replies = await press(door, FeedbackAgain())
    assert "I will ask how it was" in text(replies)
    assert await ask_setting(door.store, RESIDENT) is AskSetting.YES
    # The resident's own /feedback screen offers to switch it off again.
    assert FeedbackNever(0) in payloads(await command(door, "feedback"))


async def test_a_question_typed_hours_after_rating_is_not_taken_for_a_comment(
    door: FrontDoor, clock: FixedClock
) -> None:
    signup = await lunch_yesterday(door, clock)
    await press(door, FeedbackRating(signup.id, 5))
    clock.advance(timedelta(hours=3))
    replies = await say(door, "When is the centre in Stene open tomorrow?")
    assert "The staff will read it" not in text(replies)
    [rating] = await recent_feedback(door.store, door.org.id)
    assert rating.message == ""


async def test_a_typed_yes_passes_the_message_on_and_a_question_in_between_waits(
    door: FrontDoor,
) -> None:
    await say(door, "Klacht: de stoelgym in Mariakerke was veel te koud", lang="nl")
    side = await say(door, "Wanneer is Stene open?", lang="nl")
    assert "Stene" in text(side) and Resume() in payloads(side)
    again = await press(door, Resume(), lang="nl")
    assert FeedbackConsent("y") in payloads(again)
    replies = await say(door, "ja hoor", lang="nl")
    assert "doorgegeven" in text(to_resident(replies))
    [(_kind, message, *_rest)] = await stored_feedback(door)
    assert "stoelgym" in message


async def test_a_typed_no_after_a_rating_is_no_comment(door: FrontDoor, clock: FixedClock) -> None:
    signup = await lunch_yesterday(door, clock)
    await press(door, FeedbackRating(signup.id, 4))
    replies = await say(door, "nee")
    assert "Thank you for your answer" in text(replies) or "Bedankt" in text(replies)
    [rating] = await recent_feedback(door.store, door.org.id)
    assert rating.rating == 4 and not rating.message


async def test_a_rating_typed_after_the_question_counts_as_the_button(
    door: FrontDoor, clock: FixedClock
) -> None:
    signup = await lunch_yesterday(door, clock)
    await say(door, "4")  # the question is not sent yet: nothing to answer
    assert await recent_feedback(door.store, door.org.id) == []
    [question] = await outbox.messages_by_status(door.store, "pending")
    await outbox.mark_sent(door.store, question.id, NEXT_MORNING)
    replies = await say(door, "vier", lang="nl")
    assert FeedbackNoComment() in payloads(replies)  # "add a comment?"
    [rating] = await recent_feedback(door.store, door.org.id)
    assert (rating.rating, rating.signup_id) == (4, signup.id)


async def test_a_message_waiting_for_a_yes_saved_before_states_were_typed_is_passed_on(
    door: FrontDoor,
) -> None:
    # Saved by the bot before this version ({"pending": item}); the bot restarted since.
    old = {
        "pending": {"activity": None, "centre": "stene", "text": "The door of Stene squeaks"},
        "at": MONDAY_MORNING.isoformat(),
    }
    await repositories(door.store).conversations.save(RESIDENT, "fb", old, now=MONDAY_MORNING)
    replies = await say(door, "yes")
    assert "Thank you for telling us" in text(to_resident(replies))
    [(_kind, message, centre, resident)] = await stored_feedback(door)
    assert (message, centre, resident) == ("The door of Stene squeaks", "stene", RESIDENT)


def test_a_typed_feedback_state_reads_back_as_itself() -> None:
    for state in (
        FeedbackState(PENDING, "lunch-centrum", "centrum", "Too salty"),
        FeedbackState(COMMENT, feedback=12),
    ):
        assert FeedbackState.load(state.saved()) == state
    assert FeedbackState.load({"comment": 12}) == FeedbackState(COMMENT, feedback=12)
    assert FeedbackState.load({}) is None and FeedbackState.load({"step": "x"}) is None
