"""The .ics a resident adds to their calendar: RFC 5545, UTC times, their language, stable UID."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar as ICalendar

from bot.runtime import resolve_data
from conversations.calendar_file import ics_for
from conversations.context import Ctx
from conversations.i18n import I18n
from rules.signups import signup_rules
from storage.db import Store
from storage.importer import import_file, load_organisation_from_store
from storage.records import ensure_resident
from storage.schedule import Calendar

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 10, 15, tzinfo=BRUSSELS)


@pytest.fixture
async def world(store: Store):
    report = await import_file(store, resolve_data("oostende"), now=NOW)
    org = await load_organisation_from_store(store, report.org_id)
    await ensure_resident(store, 1, now=NOW)
    return store, org, Calendar(org)


def ctx_in(world, lang: str) -> Ctx:
    _store, org, calendar = world
    return Ctx(org=org, calendar=calendar, tr=I18n(org.country).get(lang), now=NOW)


async def book(world, activity: str, centre: str, start: datetime):
    store, org, calendar = world
    result = await signup_rules(store).sign_up(
        org,
        calendar,
        activity_id=activity,
        centre_id=centre,
        start=start,
        now=NOW,
        resident_id=1,
    )
    return result.signup


async def test_christmas_lunch_file_has_utc_times_place_and_title(world) -> None:
    signup = await book(
        world, "christmas-lunch", "centrum", datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)
    )
    document = ics_for(ctx_in(world, "en"), signup)
    assert document.mime_type == "text/calendar"
    raw = document.content.decode()
    assert "DTSTART:20261217T110000Z" in raw and "DTEND:20261217T140000Z" in raw
    (event,) = ICalendar.from_ical(document.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Christmas lunch"
    assert "Kapellestraat 40, 8400 Oostende" in str(event["LOCATION"])
    assert event.decoded("DTSTART") == datetime(2026, 12, 17, 11, 0, tzinfo=UTC)
    assert "059 00 10 01" in str(event["DESCRIPTION"])


async def test_the_file_speaks_the_residents_language_and_keeps_its_uid(world) -> None:
    signup = await book(
        world, "christmas-lunch", "centrum", datetime(2026, 12, 17, 12, 0, tzinfo=BRUSSELS)
    )
    french = ICalendar.from_ical(ics_for(ctx_in(world, "fr"), signup).content)
    again = ICalendar.from_ical(ics_for(ctx_in(world, "fr"), signup).content)
    (event,) = french.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Déjeuner de Noël"
    assert event["UID"] == again.walk("VEVENT")[0]["UID"]
    assert french["VERSION"] == "2.0" and french["PRODID"]


async def test_a_course_gets_every_lesson_in_one_file(world) -> None:
    signup = await book(
        world, "computer-course", "hazegras", datetime(2027, 1, 12, 14, 0, tzinfo=BRUSSELS)
    )
    events = ICalendar.from_ical(ics_for(ctx_in(world, "nl"), signup).content).walk("VEVENT")
    assert len(events) == 6
    assert len({e["UID"] for e in events}) == 6
    assert events[-1].decoded("DTSTART") == datetime(2027, 2, 16, 13, 0, tzinfo=UTC)


async def test_a_pedicure_appointment_lasts_its_slot(world) -> None:
    signup = await book(
        world, "pedicure", "mariakerke", datetime(2026, 11, 24, 9, 30, tzinfo=BRUSSELS)
    )
    (event,) = ICalendar.from_ical(ics_for(ctx_in(world, "nl"), signup).content).walk("VEVENT")
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime(
        2026, 1, 1, 0, 30
    ) - datetime(2026, 1, 1, 0, 0)
