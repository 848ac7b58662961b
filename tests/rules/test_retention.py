"""The retention rules on both backends: what forgetting a resident deletes and what it keeps
anonymously, and what the daily purge ages out, and when."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import resolve_data
from rules.retention import SignupCanceller, forget, months_before, purge_inactive
from rules.signups import SignupRules
from rules.volunteers import create_code, redeem_code
from storage import conversation_language
from storage.db import Database
from storage.feedback import AskSetting
from storage.help_requests import HelpStatus
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation, PrivacyPolicy
from storage.records import Signup, SignupStatus
from storage.repositories import Repositories, repositories
from storage.schedule import Calendar

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)
CHRISTMAS_LUNCH = datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)  # 80 places
MONDAY_LUNCH = datetime(2026, 11, 16, 12, 0, tzinfo=BRUSSELS)  # last week's lunch at Centrum
MIA, NEIGHBOUR = 7_012_345_678, 7_012_345_679


@pytest.fixture
def repos(any_store: Database) -> Repositories:
    return repositories(any_store)


@pytest.fixture
async def org(repos: Repositories) -> Organisation:
    report = await import_file(repos.db, resolve_data("oostende"), now=NOW - timedelta(days=30))
    return await load_organisation_from_store(repos.db, report.org_id)


async def _notice(kind: str, signup: Signup) -> tuple[dict[str, Any], str]:
    return {"text": kind, "buttons": []}, "nl"


def _canceller(repos: Repositories, org: Organisation, user_id: int) -> SignupCanceller:
    async def cancel(signup_id: int) -> None:
        await SignupRules.of(repos).cancel(
            org, Calendar(org), signup_id, now=NOW, resident_id=user_id, notice=_notice
        )

    return cancel


async def _book(
    repos: Repositories, org: Organisation, resident: int | None, start: datetime, **extra: Any
) -> Signup:
    result = await SignupRules.of(repos).sign_up(
        org,
        Calendar(org),
        activity_id="christmas-lunch" if start == CHRISTMAS_LUNCH else "lunch-centrum",
        centre_id="centrum",
        start=start,
        now=min(NOW, start - timedelta(days=5)),
        resident_id=resident,
        **extra,
    )
    assert result.signup is not None
    return result.signup


async def _a_resident_with_everything(repos: Repositories, org: Organisation) -> tuple[int, int]:
    """Mia: consent, a lunch to come, one past, a help request, a rating, a volunteer link,
    messages, a conversation in progress; the ids of her coming and her past sign-up."""
    await repos.residents.give_consent(MIA, now=NOW, name="Mia", language="fr")
    coming = await _book(repos, org, MIA, CHRISTMAS_LUNCH, options={"menu": "vegetarian"})
    past = await _book(repos, org, MIA, MONDAY_LUNCH)
    await repos.help_requests.create(
        org_id=org.id,
        resident_id=MIA,
        centre_id="centrum",
        topic="money",
        message="Ik kan mijn factuur niet betalen",
        contact_phone="0470 12 34 56",
        callback="am1",
        callback_day=None,
        language="nl",
        now=NOW,
    )
    await repos.feedback.add_rating(past, 5, now=NOW)
    await repos.feedback.set_ask_setting(MIA, AskSetting.YES, now=NOW)
    code = await create_code(repos, org.id, "v-marie", now=NOW)
    await redeem_code(repos, org.id, code, MIA, now=NOW)
    await repos.outbox.enqueue(
        chat_id=MIA, kind="reminder_day_before", payload={}, language="fr", due_at=NOW, now=NOW
    )
    await repos.conversations.save(MIA, "help", {"step": 2}, now=NOW)
    await conversation_language.note(repos.db, MIA, "fr", True, NOW)
    return coming.id, past.id


async def test_forgetting_a_resident_deletes_them_and_keeps_only_anonymous_counts(
    repos: Repositories, org: Organisation
) -> None:
    coming, past = await _a_resident_with_everything(repos, org)
    await repos.residents.give_consent(NEIGHBOUR, now=NOW, name="Jan")
    neighbours = await _book(repos, org, NEIGHBOUR, CHRISTMAS_LUNCH)

    await forget(repos, MIA, _canceller(repos, org, MIA), now=NOW)

    assert await repos.residents.get(MIA) is None
    assert await repos.conversations.start_of_turn(MIA) == await repos.conversations.start_of_turn(
        MIA + 99
    )  # no state, no language: as if never seen
    assert await repos.outbox.pending_for(MIA) == []
    assert await repos.feedback.ask_setting(MIA) is None
    assert await repos.volunteers.linked_volunteer(org.id, MIA) is None
    exported = await repos.residents.export(MIA)
    assert all(rows == [] for rows in exported.values())
    # What others count on stays, without her: the lunch to come is cancelled (a place frees
    # up), last week's lunch still counts as attended, the rating and the request stay.
    cancelled, kept = await repos.signups.get(coming), await repos.signups.get(past)
    assert cancelled is not None and cancelled.status is SignupStatus.CANCELLED
    assert cancelled.resident_id is None and cancelled.options == {}
    assert kept is not None and kept.status is SignupStatus.CONFIRMED and kept.resident_id is None
    rating = await repos.feedback.rating_of(past)
    assert rating is not None and rating.rating == 5 and rating.resident_id is None
    [request] = await repos.help_requests.inbox(org.id, HelpStatus.OPEN)
    assert (request.resident_id, request.message, request.contact_phone) == (None, "", None)
    assert request.topic == "money"
    # The neighbour is untouched.
    assert await repos.residents.get(NEIGHBOUR) is not None
    still = await repos.signups.get(neighbours.id)
    assert still is not None and still.resident_id == NEIGHBOUR and still.active


async def test_forgetting_without_a_moment_cancels_past_sign_ups_too(
    repos: Repositories, org: Organisation
) -> None:
    _coming, past = await _a_resident_with_everything(repos, org)
    await forget(repos, MIA, _canceller(repos, org, MIA))
    gone = await repos.signups.get(past)
    assert gone is not None and gone.status is SignupStatus.CANCELLED


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(datetime(2026, 11, 23, 10, 15), 24) == datetime(2024, 11, 23, 10, 15)
    assert months_before(datetime(2026, 3, 31), 1) == datetime(2026, 2, 28)
    assert months_before(datetime(2026, 1, 15), 13) == datetime(2024, 12, 15)


async def test_the_daily_purge_forgets_the_silent_and_ages_out_names_and_states(
    repos: Repositories, org: Organisation
) -> None:
    await _a_resident_with_everything(repos, org)
    await repos.residents.give_consent(NEIGHBOUR, now=NOW)
    desk = await _book(
        repos, org, None, MONDAY_LUNCH, walk_in_name="Desk Visitor", walk_in_phone="059 11 22 33"
    )
    await repos.conversations.save(NEIGHBOUR, "topic", {}, now=NOW)
    later = NOW + timedelta(days=31 * 25)  # over two years
    await repos.residents.seen(NEIGHBOUR, now=later - timedelta(days=1), every=timedelta(0))
    await conversation_language.note(repos.db, NEIGHBOUR, "nl", False, later - timedelta(hours=2))

    purged = await purge_inactive(
        repos,
        org,
        later,
        canceller=lambda user_id: _canceller(repos, org, user_id),
        short_lived=("topic", timedelta(minutes=30)),
    )

    assert purged.residents == 1 and purged.desk_signups == 1
    assert await repos.residents.get(MIA) is None
    assert await repos.residents.get(NEIGHBOUR) is not None  # wrote yesterday
    anonymous = await repos.signups.get(desk.id)
    assert anonymous is not None and not anonymous.walk_in_name and not anonymous.walk_in_phone
    start = await repos.conversations.start_of_turn(NEIGHBOUR)
    assert start.state is None  # the topic went with the rest of the stale states
    assert start.spoken is not None  # two hours old: still the conversation's language


async def test_the_data_file_sets_how_long_silence_is_kept(
    repos: Repositories, org: Organisation
) -> None:
    await repos.residents.give_consent(MIA, now=NOW)
    seven_months = NOW + timedelta(days=7 * 31)
    canceller = lambda user_id: _canceller(repos, org, user_id)  # noqa: E731
    kept = await purge_inactive(repos, org, seven_months, canceller=canceller)
    assert kept.residents == 0 and await repos.residents.get(MIA) is not None
    six_months = replace(org, privacy=PrivacyPolicy(inactive_months=6))
    gone = await purge_inactive(repos, six_months, seven_months, canceller=canceller)
    assert gone.residents == 1 and await repos.residents.get(MIA) is None


async def test_a_follow_up_topic_goes_sooner_than_a_form_half_filled(
    repos: Repositories, org: Organisation
) -> None:
    await repos.conversations.save(MIA, "topic", {}, now=NOW)
    await repos.conversations.save(NEIGHBOUR, "signup", {}, now=NOW)
    canceller = lambda user_id: _canceller(repos, org, user_id)  # noqa: E731
    hour_later = NOW + timedelta(hours=1)
    purged = await purge_inactive(
        repos, org, hour_later, canceller=canceller, short_lived=("topic", timedelta(minutes=30))
    )
    assert purged.conversations == 1
    assert await repos.conversations.load(MIA) is None
    assert await repos.conversations.load(NEIGHBOUR) is not None
    await purge_inactive(repos, org, NOW + timedelta(days=8), canceller=canceller)
    assert await repos.conversations.load(NEIGHBOUR) is None
