"""The reference facts of the bundled demo organisations, as the schedule arithmetic sees them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from data import demo_path
from storage.datafile import load_organisation
from storage.model import Organisation
from storage.schedule import Calendar, Occurrence
from tests.present import present

BRUSSELS = ZoneInfo("Europe/Brussels")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, tz: ZoneInfo = BRUSSELS) -> datetime:
    """An aware local time."""
    return datetime(y, m, d, hh, mm, tzinfo=tz)


@pytest.fixture(scope="module")
def oostende_org() -> Organisation:
    """The default demo organisation."""
    return load_organisation(demo_path("oostende"))


@pytest.fixture(scope="module")
def oostende(oostende_org: Organisation) -> Calendar:
    """Oostende's calendar."""
    return Calendar(oostende_org)


@pytest.fixture(scope="module")
def denhaag() -> Calendar:
    """Den Haag Zuidwest's calendar."""
    return Calendar(load_organisation(demo_path("denhaag-zuidwest")))


@pytest.fixture(scope="module")
def kortrijk() -> Calendar:
    """Kortrijk's calendar."""
    return Calendar(load_organisation(demo_path("kortrijk")))


def starts(found: list[Occurrence]) -> list[datetime]:
    """The start times of some occurrences."""
    return [o.start for o in found]


# -- opening hours ----------------------------------------------------------------------------


def test_opex_stays_shut_on_christmas_eve_as_it_would_only_open_at_one(oostende: Calendar) -> None:
    hours = oostende.hours_on("opex", date(2026, 12, 24))
    assert hours.intervals == ()
    assert hours.closure is not None and hours.closure.from_time == time(12)
    assert oostende.hours_on("opex", date(2026, 12, 23)).intervals == ((time(13), time(17)),)


def test_hazegras_opens_only_its_morning_on_christmas_eve(oostende: Calendar) -> None:
    assert oostende.hours_on("hazegras", date(2026, 12, 24)).intervals == ((time(9), time(12)),)


def test_stene_is_closed_for_maintenance_between_christmas_and_new_year(
    oostende: Calendar,
) -> None:
    hours = oostende.hours_on("stene", date(2026, 12, 29))
    assert hours.intervals == ()
    assert hours.closure is not None and hours.closure.from_time is None  # maintenance
    assert hours.closure.centres == ("stene",)
    assert [oostende.hours_on("stene", date(2026, 12, d)).is_open for d in (28, 29, 30)] == [
        False,
        False,
        False,
    ]
    # Stene does not open on Mondays anyway; after the works it is back on Tuesday 5 January.
    assert oostende.hours_on("stene", date(2027, 1, 5)).intervals == ((time(9), time(16, 30)),)


def test_konterdam_is_closed_on_new_years_day(oostende: Calendar) -> None:
    hours = oostende.hours_on("konterdam", date(2027, 1, 1))
    assert hours.intervals == () and hours.holiday == "Nieuwjaar"


def test_centrum_is_closed_on_christmas_day(oostende: Calendar) -> None:
    hours = oostende.hours_on("centrum", date(2026, 12, 25))
    assert hours.intervals == () and hours.holiday == "Kerstmis"


def test_centrum_opens_saturday_morning(oostende: Calendar) -> None:
    assert oostende.hours_on("centrum", date(2026, 12, 5)).intervals == ((time(10), time(13)),)


def test_mariakerke_opens_sunday_afternoon(oostende: Calendar) -> None:
    assert oostende.hours_on("mariakerke", date(2026, 12, 6)).intervals == ((time(14), time(17)),)


def test_moerwijk_is_closed_on_boxing_day(denhaag: Calendar) -> None:
    hours = denhaag.hours_on("moerwijk", date(2026, 12, 26))
    assert hours.intervals == () and hours.holiday == "Tweede kerstdag"


def test_morgenstond_is_closed_on_kings_day(denhaag: Calendar) -> None:
    hours = denhaag.hours_on("morgenstond", date(2027, 4, 27))
    assert hours.intervals == () and hours.holiday == "Koningsdag"
    assert denhaag.hours_on("morgenstond", date(2027, 4, 28)).intervals == ((time(9), time(21)),)


def test_bissegem_is_closed_on_fridays(kortrijk: Calendar) -> None:
    week = kortrijk.week_hours("bissegem", date(2026, 11, 30))
    assert [h.is_open for h in week] == [True, True, True, True, False, False, False]


def test_centrum_open_now_on_christmas_eve_closes_at_noon(oostende: Calendar) -> None:
    assert oostende.open_now("centrum", at(2026, 12, 24, 11)) == (True, at(2026, 12, 24, 12))
    assert oostende.open_now("centrum", at(2026, 12, 24, 13)) == (False, at(2026, 12, 26, 10))


# -- occurrences ------------------------------------------------------------------------------


def test_chair_gym_runs_on_mondays_in_mariakerke(oostende: Calendar) -> None:
    for day in (date(2026, 11, 30), date(2026, 12, 28)):
        found = oostende.occurrences(day, day, kind="activity", item_id="chair-gym")
        assert [(o.centre, o.start, o.end) for o in found] == [
            (
                "mariakerke",
                at(day.year, day.month, day.day, 10),
                at(day.year, day.month, day.day, 11),
            )
        ]


def test_no_lunch_at_centrum_on_christmas_eve_or_day(oostende: Calendar) -> None:
    found = oostende.occurrences(
        date(2026, 12, 21), date(2026, 12, 27), kind="activity", item_id="lunch-centrum"
    )
    assert [o.start.date() for o in found] == [date(2026, 12, d) for d in (21, 22, 23)]


def test_coffee_at_centrum_on_christmas_eve_morning_stays(oostende: Calendar) -> None:
    eve = oostende.occurrence("activity", "coffee", "centrum", at(2026, 12, 24, 10))
    assert eve is not None and eve.end == at(2026, 12, 24, 11, 30)
    assert oostende.occurrence("activity", "coffee", "centrum", at(2026, 12, 25, 10)) is None


def test_afternoon_coffee_at_opex_is_off_on_christmas_eve(oostende: Calendar) -> None:
    day = date(2026, 12, 24)
    assert oostende.occurrences(day, day, centre="opex") == []


def test_nothing_takes_place_at_stene_during_maintenance(oostende: Calendar) -> None:
    assert oostende.occurrences(date(2026, 12, 28), date(2026, 12, 30), centre="stene") == []


def test_computer_course_has_six_tuesday_lessons(oostende: Calendar) -> None:
    found = oostende.occurrences(
        date(2026, 11, 1), date(2027, 6, 30), kind="activity", item_id="computer-course"
    )
    assert starts(found) == [at(2027, 1, 12, 14) + timedelta(weeks=w) for w in range(6)]
    assert found[-1].start == at(2027, 2, 16, 14)
    assert {o.centre for o in found} == {"hazegras"}


def test_bellegem_senior_afternoon_is_on_the_first_thursday(kortrijk: Calendar) -> None:
    found = kortrijk.occurrences(
        date(2026, 12, 1), date(2027, 1, 31), item_id="senior-action-bellegem", kind="activity"
    )
    assert starts(found) == [at(2026, 12, 3, 14), at(2027, 1, 7, 14)]
    assert found[0].centre == "antenne-bellegem"


def test_pensions_desk_is_on_the_first_tuesday(oostende: Calendar) -> None:
    found = oostende.occurrences(
        date(2026, 12, 1), date(2027, 1, 31), kind="desk", item_id="pensions"
    )
    assert starts(found) == [at(2026, 12, 1, 13, 30), at(2027, 1, 5, 13, 30)]


def test_legal_desk_on_second_and_fourth_thursday_keeps_christmas_eve_morning(
    oostende: Calendar,
) -> None:
    found = oostende.occurrences(
        date(2026, 12, 1), date(2026, 12, 31), kind="desk", item_id="legal"
    )
    # 24 December is the fourth Thursday; 09:00-11:00 ends before the noon closure.
    assert starts(found) == [at(2026, 12, 10, 9), at(2026, 12, 24, 9)]


def test_open_christmas_lunch_shift_needs_four(oostende: Calendar, oostende_org) -> None:
    found = oostende.occurrences(date(2026, 12, 17), date(2026, 12, 17), kind="shift")
    service = [o for o in found if o.start == at(2026, 12, 17, 11)]
    assert [(o.centre, o.end) for o in service] == [("centrum", at(2026, 12, 17, 15, 30))]
    shift = oostende_org.shift(service[0].item_id)
    assert shift is not None and shift.needed == 4 and shift.volunteers == ()


def test_bike_lessons_are_eight_saturdays(denhaag: Calendar) -> None:
    found = denhaag.occurrences(
        date(2027, 3, 1), date(2027, 4, 30), kind="activity", item_id="bike-lessons"
    )
    assert starts(found) == [
        at(2027, 3, 6, 10, tz=AMSTERDAM) + timedelta(weeks=w) for w in range(8)
    ]
    assert all(o.start.hour == 10 for o in found)  # across the 28 March clock change


def test_tablet_course_has_four_monday_lessons(kortrijk: Calendar) -> None:
    found = kortrijk.occurrences(
        date(2027, 1, 1), date(2027, 2, 28), kind="activity", item_id="tablet-course"
    )
    assert [o.start.date() for o in found] == [date(2027, 1, d) for d in (11, 18, 25)] + [
        date(2027, 2, 1)
    ]


# -- deadlines --------------------------------------------------------------------------------


def test_monday_lunch_signup_closes_friday_ten(oostende: Calendar, oostende_org) -> None:
    lunch = oostende_org.activity("lunch-centrum")
    assert oostende.signup_deadline(lunch, at(2026, 11, 30, 12)) == at(2026, 11, 27, 10)


def test_christmas_lunch_signup_closes_on_the_tenth(oostende: Calendar, oostende_org) -> None:
    lunch = oostende_org.activity("christmas-lunch")
    assert oostende.signup_deadline(lunch, at(2026, 12, 17, 12)) == at(2026, 12, 10, 23, 59)


def test_computer_course_signup_closes_on_eighth_january(oostende: Calendar, oostende_org) -> None:
    course = oostende_org.activity("computer-course")
    assert oostende.signup_deadline(course, at(2027, 1, 12, 14)) == at(2027, 1, 8, 23, 59)


def test_cooking_group_closes_noon_the_day_before(denhaag: Calendar) -> None:
    cooking = present(denhaag.org.activity("cooking-group"))
    thursday = at(2026, 12, 3, 16, tz=AMSTERDAM)
    assert denhaag.signup_deadline(cooking, thursday) == at(2026, 12, 2, 12, tz=AMSTERDAM)
