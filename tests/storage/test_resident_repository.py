"""The queries the conversations used to write themselves, now behind repositories: alike on
SQLite and PostgreSQL (a resident sees their data, is forgotten, and a turn starts from one read).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import resolve_data
from conversations import residents
from conversations.i18n import Translator
from rules.signups import SignupRules
from storage import conversation_language
from storage.db import Database
from storage.feedback import SUGGESTION
from storage.importer import import_file, load_organisation_from_store
from storage.records import ReminderPreference, Signup
from storage.repositories import Repositories, repositories
from storage.schedule import Calendar
from tests.present import present

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)
CHRISTMAS_LUNCH = datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)
MIA = 7_012_345_678
NEIGHBOUR = 7_012_345_679


@pytest.fixture
def repos(any_store: Database) -> Repositories:
    return repositories(any_store)


async def _renderer(kind: str, signup: Signup) -> tuple[dict[str, Any], str]:
    return {"text": kind, "buttons": []}, "nl"


async def test_a_turn_starts_from_language_state_and_spoken_language_in_one_read(
    repos: Repositories,
) -> None:
    nothing = await repos.conversations.start_of_turn(MIA)
    assert (nothing.chosen, nothing.state, nothing.spoken) == (None, None, None)

    await repos.residents.give_consent(MIA, now=NOW, language="tr")
    await repos.conversations.save(MIA, "signup", {"step": "menu"}, now=NOW)
    await conversation_language.note(repos.db, MIA, "tr", True, NOW)  # type: ignore[arg-type]
    start = await repos.conversations.start_of_turn(MIA)
    assert start.chosen == "tr"
    assert start.state is not None and (start.state.flow, start.state.state) == (
        "signup",
        {"step": "menu"},
    )
    assert start.spoken is not None and (start.spoken.language, start.spoken.asked) == ("tr", True)


async def test_consent_keeps_the_language_chosen_before(repos: Repositories) -> None:
    await repos.residents.give_consent(MIA, now=NOW, language="pl")
    again = await repos.residents.give_consent(MIA, now=NOW, language="en")
    assert again.language == "pl"


async def test_reminder_choice_tariff_and_names_are_remembered(repos: Repositories) -> None:
    assert await repos.residents.reminder_preference(MIA) is None
    await repos.residents.set_reminder_preference(MIA, ReminderPreference.SAME_DAY, now=NOW)
    assert await repos.residents.reminder_preference(MIA) is ReminderPreference.SAME_DAY

    # without consent nothing of the sign-up is kept

    async def remember() -> None:
        await repos.residents.remember_signup_details(
            MIA, name="Mia", language="nl", reduced_tariff=True, now=NOW
        )

    await remember()
    assert await repos.residents.reduced_tariff(MIA) is None
    await repos.residents.give_consent(MIA, now=NOW)
    await remember()
    assert await repos.residents.reduced_tariff(MIA) is True
    assert await repos.residents.names([MIA, NEIGHBOUR]) == {MIA: "Mia"}
    assert await repos.residents.names([]) == {}


async def test_a_resident_sees_all_their_data_and_then_it_is_forgotten(
    repos: Repositories,
) -> None:
    report = await import_file(repos.db, resolve_data("oostende"), now=NOW)
    org = await load_organisation_from_store(repos.db, report.org_id)
    calendar = Calendar(org)
    for person in (MIA, NEIGHBOUR):
        await repos.residents.give_consent(person, now=NOW, name=f"P{person}")
        await SignupRules.of(repos).sign_up(
            org,
            calendar,
            activity_id="christmas-lunch",
            centre_id="centrum",
            start=CHRISTMAS_LUNCH,
            now=NOW,
            resident_id=person,
            options={"menu": "vegetarian"},
        )
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
    await repos.feedback.add(
        org_id=org.id, kind=SUGGESTION, message="Meer soep", now=NOW, resident_id=MIA
    )
    await repos.conversations.save(MIA, "help", {"step": 2}, now=NOW)

    counts = await repos.residents.personal_counts(MIA)
    assert (counts.signups, counts.help_requests, counts.feedback) == (1, 1, 1)
    kept = await residents.kept_data(repos.db, MIA, Translator("en", "BE"))
    assert kept["Name"] == f"P{MIA}" and kept["Sign-ups"] == "1"

    exported = await residents.my_data(repos.db, MIA, NOW)
    assert exported["resident"]["name"] == f"P{MIA}"
    assert [s["options"] for s in exported["signups"]] == [{"menu": "vegetarian"}]
    assert exported["help_requests"][0]["contact_phone"] == "0470 12 34 56"
    assert exported["conversation_state"][0]["state"] == {"step": 2}

    async def cancel(signup_id: int) -> None:
        await SignupRules.of(repos).cancel(
            org, calendar, signup_id, now=NOW, resident_id=MIA, notice=_renderer
        )

    await residents.forget(repos.db, MIA, cancel, now=NOW)
    gone = await residents.my_data(repos.db, MIA, NOW)
    assert gone["resident"] is None
    assert all(gone[table] == [] for table in ("signups", "help_requests", "conversation_state"))
    assert await repos.residents.get(NEIGHBOUR) is not None  # the neighbour is untouched
    assert (await repos.residents.personal_counts(NEIGHBOUR)).signups == 1


async def test_desk_names_and_stale_topics_age_out(repos: Repositories) -> None:
    report = await import_file(repos.db, resolve_data("oostende"), now=NOW)
    org = await load_organisation_from_store(repos.db, report.org_id)
    desk = await SignupRules.of(repos).sign_up(
        org,
        Calendar(org),
        activity_id="christmas-lunch",
        centre_id="centrum",
        start=CHRISTMAS_LUNCH,
        now=NOW,
        walk_in_name="Jan",
        walk_in_phone="059 12 34 56",
    )
    later = CHRISTMAS_LUNCH + timedelta(days=1)
    assert await repos.signups.anonymise_desk_signups(org.id, before=NOW, now=later) == 0
    assert await repos.signups.anonymise_desk_signups(org.id, before=later, now=later) == 1
    anonymous = await repos.signups.get(present(desk.signup).id)
    assert anonymous is not None and anonymous.walk_in_name == ""

    await repos.conversations.save(1, "topic", {}, now=NOW - timedelta(hours=1))
    await repos.conversations.save(2, "signup", {}, now=NOW - timedelta(hours=1))
    purged = await repos.conversations.purge_older_than(
        NOW - timedelta(days=7), flow="topic", flow_before=NOW - timedelta(minutes=30)
    )
    assert purged == 1 and await repos.conversations.load(2) is not None
