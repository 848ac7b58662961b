"""Schedule arithmetic on small organisations built inline."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from dateutil.rrule import rrulestr
from opening_hours import OpeningHours

from storage.model import (
    Activity,
    Centre,
    Closure,
    Deadline,
    DeadlineRule,
    Desk,
    Organisation,
    Schedule,
    Session,
    Shift,
    Text,
)
from storage.schedule import (
    END_OF_DAY,
    Calendar,
    Occurrence,
    rewrite_public_holidays,
    schedule_dates,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EVE = Closure(date(2026, 12, 24), date(2026, 12, 24), time(12), Text({"nl": "Kerstavond"}))


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, tz: ZoneInfo = BRUSSELS) -> datetime:
    """An aware local time."""
    return datetime(y, m, d, hh, mm, tzinfo=tz)


def weekly(byday: str, start: str, end: str, first=date(2026, 11, 2), until=date(2027, 6, 30)):
    """A weekly schedule like the data files write them."""
    return Schedule(
        start_time=time.fromisoformat(start),
        end_time=time.fromisoformat(end),
        rrule=f"FREQ=WEEKLY;BYDAY={byday}",
        first=first,
        until=until,
    )


def centre(cid: str, hours: str) -> Centre:
    """A centre with just what the calendar needs."""
    return Centre(id=cid, name=Text({"nl": cid}), kind="ontmoetingscentrum", hours=hours)


def activity(aid: str, cid: str, schedule: Schedule, deadline: Deadline | None = None) -> Activity:
    """An activity at one centre."""
    return Activity(
        id=aid,
        title=Text({"nl": aid}),
        sessions=(Session(cid, schedule),),
        deadline=deadline,
    )


def org(
    centres: tuple[Centre, ...],
    activities: tuple[Activity, ...] = (),
    closures: tuple[Closure, ...] = (),
    desks: tuple[Desk, ...] = (),
    shifts: tuple[Shift, ...] = (),
    country: str = "BE",
) -> Organisation:
    """A small organisation in Belgium (or the Netherlands)."""
    return Organisation(
        id="test",
        name=Text({"nl": "Test"}),
        country=country,
        timezone="Europe/Brussels" if country == "BE" else "Europe/Amsterdam",
        default_language="nl",
        holiday_country=country,
        closures=closures,
        centres=centres,
        activities=activities,
        desks=desks,
        shifts=shifts,
    )


CENTRUM = centre("centrum", "Mo-Fr 09:00-17:00; Sa 10:00-13:00; PH off")
OPEX = centre("opex", "Mo-Fr 13:00-17:00; PH off")
HAZEGRAS = centre("hazegras", "Mo-Fr 09:00-12:00,13:00-16:30; PH off")
COFFEE = activity("coffee", "centrum", weekly("MO,TU,WE,TH,FR", "10:00", "11:30"))
LUNCH = activity(
    "lunch",
    "centrum",
    weekly("MO,TU,WE,TH,FR", "12:00", "13:00"),
    Deadline(DeadlineRule.PREVIOUS_WORKING_DAY, at=time(10)),
)


@pytest.fixture
def calendar() -> Calendar:
    """Centrum, Opex and Hazegras with coffee and lunch, closing at noon on Christmas Eve."""
    return Calendar(org((CENTRUM, OPEX, HAZEGRAS), (COFFEE, LUNCH), (EVE,)))


# -- opening hours ----------------------------------------------------------------------------


def test_centre_shows_its_regular_hours_on_an_ordinary_day(calendar: Calendar) -> None:
    hours = calendar.hours_on("hazegras", date(2026, 12, 1))
    assert hours.intervals == ((time(9), time(12)), (time(13), time(16, 30)))
    assert hours.holiday is None and hours.closure is None and hours.is_open


def test_centre_is_closed_on_christmas_and_says_which_holiday(calendar: Calendar) -> None:
    hours = calendar.hours_on("centrum", date(2026, 12, 25))
    assert hours.intervals == ()
    assert hours.holiday == "Kerstmis"


def test_half_day_closure_cuts_the_morning_centre_at_noon(calendar: Calendar) -> None:
    hours = calendar.hours_on("hazegras", date(2026, 12, 24))
    assert hours.intervals == ((time(9), time(12)),)
    assert hours.closure == EVE


def test_afternoon_centre_stays_shut_all_day_under_a_noon_closure(calendar: Calendar) -> None:
    hours = calendar.hours_on("opex", date(2026, 12, 24))
    assert hours.intervals == ()
    assert hours.closure == EVE


def test_whole_day_closure_span_closes_every_day_of_it() -> None:
    works = Closure(date(2026, 12, 28), date(2026, 12, 30), None, Text({"nl": "Onderhoud"}))
    works = Closure(works.start, works.end, None, works.reason, centres=("hazegras",))
    cal = Calendar(org((CENTRUM, HAZEGRAS), closures=(works,)))
    assert [h.is_open for h in cal.week_hours("hazegras", date(2026, 12, 28), 4)] == [
        False,
        False,
        False,
        True,
    ]
    assert cal.hours_on("centrum", date(2026, 12, 29)).is_open


def test_week_hours_lists_seven_days_from_the_first(calendar: Calendar) -> None:
    week = calendar.week_hours("centrum", date(2026, 11, 30))
    assert [h.day for h in week] == [date(2026, 11, 30) + timedelta(days=i) for i in range(7)]
    assert week[5].intervals == ((time(10), time(13)),)
    assert week[6].intervals == ()


def test_unknown_centre_is_an_error(calendar: Calendar) -> None:
    with pytest.raises(KeyError):
        calendar.hours_on("nowhere", date(2026, 12, 1))


def test_round_the_clock_centre_ends_its_day_at_midnight() -> None:
    cal = Calendar(org((centre("night", "Mo-Su 00:00-24:00"),)))
    assert cal.hours_on("night", date(2026, 12, 1)).intervals == ((time(0), END_OF_DAY),)
    assert cal.open_now("night", at(2026, 12, 1, 12)) == (True, None)


def test_open_now_tells_when_it_closes(calendar: Calendar) -> None:
    assert calendar.open_now("hazegras", at(2026, 12, 1, 10)) == (True, at(2026, 12, 1, 12))


def test_closed_at_lunch_tells_when_it_reopens(calendar: Calendar) -> None:
    assert calendar.open_now("hazegras", at(2026, 12, 1, 12, 30)) == (False, at(2026, 12, 1, 13))


def test_closed_on_friday_evening_reopens_on_monday(calendar: Calendar) -> None:
    assert calendar.open_now("hazegras", at(2026, 12, 4, 18)) == (False, at(2026, 12, 7, 9))


def test_open_now_skips_christmas_and_accepts_other_zones(calendar: Calendar) -> None:
    now = at(2026, 12, 24, 11).astimezone(ZoneInfo("UTC"))
    assert calendar.open_now("centrum", now) == (True, at(2026, 12, 24, 12))
    assert calendar.open_now("centrum", at(2026, 12, 24, 12)) == (False, at(2026, 12, 26, 10))


# -- public holidays --------------------------------------------------------------------------


def test_holiday_names_come_in_the_residents_language_where_known(calendar: Calendar) -> None:
    assert calendar.holiday(date(2026, 12, 25)) == "Kerstmis"
    assert calendar.holiday(date(2026, 12, 25), "fr") == "Noël"
    assert calendar.holiday(date(2026, 12, 25), "en") == "Christmas Day"
    assert calendar.holiday(date(2026, 12, 25), "tr") == "Kerstmis"  # no Turkish: default
    assert calendar.holiday(date(2026, 12, 24)) is None


def _ph_days_of_opening_hours(country: str, tz: ZoneInfo) -> set[date]:
    """Days 2026-2028 on which opening-hours-py's own calendar applies `PH off`."""
    oh = OpeningHours("24/7; PH off", timezone=tz, country=country)
    day, found = date(2026, 1, 1), set()
    while day <= date(2028, 12, 31):
        if oh.is_closed(datetime.combine(day, time(12), tzinfo=tz)):
            found.add(day)
        day += timedelta(days=1)
    return found


def test_opening_hours_and_holidays_library_disagree_only_on_whit_sunday_and_good_friday() -> None:
    # This pins why the calendar writes PH out from the holidays library itself.
    years = (2026, 2027, 2028)
    be = set(holidays.country_holidays("BE", years=years, categories=("public",)))
    nl = set(holidays.country_holidays("NL", years=years, categories=("public",)))
    be_oh = _ph_days_of_opening_hours("BE", BRUSSELS)
    nl_oh = _ph_days_of_opening_hours("NL", AMSTERDAM)
    assert be_oh - be == set() and nl_oh - nl == set()
    assert be - be_oh == {date(2026, 5, 24), date(2027, 5, 16), date(2028, 6, 4)}  # Whit Sunday
    assert nl - nl_oh == {date(2026, 4, 3), date(2027, 3, 26), date(2028, 4, 14)}  # Good Friday


def test_sunday_centre_closes_on_whit_sunday_like_on_easter_sunday() -> None:
    cal = Calendar(org((centre("mariakerke", "Mo-Fr 09:00-16:30; Su 14:00-17:00; PH off"),)))
    assert cal.hours_on("mariakerke", date(2027, 3, 28)).intervals == ()  # Easter Sunday
    assert cal.hours_on("mariakerke", date(2027, 5, 16)).intervals == ()  # Whit Sunday
    assert cal.hours_on("mariakerke", date(2027, 5, 23)).intervals == ((time(14), time(17)),)


def test_dutch_centre_closes_on_good_friday_with_its_activities() -> None:
    moerwijk = centre("moerwijk", "Mo-Fr 09:00-17:00; PH off")
    walk_in = activity("walk-in", "moerwijk", weekly("MO,TU,WE,TH,FR", "09:30", "12:00"))
    cal = Calendar(org((moerwijk,), (walk_in,), country="NL"))
    good_friday = date(2027, 3, 26)
    assert cal.hours_on("moerwijk", good_friday).intervals == ()
    assert cal.hours_on("moerwijk", good_friday).holiday == "Goede vrijdag"
    assert cal.occurrences(good_friday, good_friday) == []
    assert not cal.is_working_day(None, good_friday)


def test_every_public_holiday_closes_a_ph_off_centre_2026_to_2028() -> None:
    for country in ("BE", "NL"):
        cal = Calendar(org((centre("c", "Mo-Su 09:00-17:00; PH off"),), country=country))
        public = holidays.country_holidays(
            country, years=(2026, 2027, 2028), categories=("public",)
        )
        day = date(2026, 1, 1)
        while day <= date(2028, 12, 31):
            assert cal.hours_on("c", day).is_open == (day not in public), (country, day)
            day += timedelta(days=1)


def test_special_holiday_hours_apply_on_holidays_only() -> None:
    cal = Calendar(org((centre("c", "Mo-Fr 09:00-17:00; PH 10:00-12:00"),)))
    assert cal.hours_on("c", date(2026, 12, 25)).intervals == ((time(10), time(12)),)
    assert cal.hours_on("c", date(2026, 12, 24)).intervals == ((time(9), time(17)),)


def test_centre_without_ph_off_stays_open_on_holidays_with_its_activities() -> None:
    shop = centre("shop", "Mo-Fr 09:00-17:00")
    coffee = activity("coffee", "shop", weekly("FR", "10:00", "11:00"))
    cal = Calendar(org((shop,), (coffee,)))
    assert cal.hours_on("shop", date(2026, 12, 25)).is_open
    assert len(cal.occurrences(date(2026, 12, 25), date(2026, 12, 25))) == 1


def test_ph_rewrite_keeps_weekday_unions_and_other_rules() -> None:
    days = [date(2026, 12, 25), date(2027, 1, 1)]
    assert (
        rewrite_public_holidays("Mo-Fr 09:00-17:00; PH off", days)
        == "Mo-Fr 09:00-17:00; 2026Dec25,2027Jan01 off"
    )
    assert (
        rewrite_public_holidays("Mo-Fr 09:00-12:00; Sa,PH 10:00-12:00", days)
        == "Mo-Fr 09:00-12:00; Sa 10:00-12:00; 2026Dec25,2027Jan01 10:00-12:00"
    )
    assert rewrite_public_holidays("PH off", []) == "off"


def test_region_code_subdivision_is_understood() -> None:
    belgium = org((CENTRUM,))
    flemish = Organisation(**{**belgium.__dict__, "holiday_subdivision": "VLG"})
    assert Calendar(flemish).holiday(date(2026, 12, 25)) == "Kerstmis"


# -- occurrences ------------------------------------------------------------------------------


def test_weekly_rule_gives_every_listed_weekday_between_first_and_until() -> None:
    days = schedule_dates(weekly("TU,TH", "10:00", "11:00", date(2026, 12, 1), date(2026, 12, 10)))
    assert days == [date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 8), date(2026, 12, 10)]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=MO,WE",
        "FREQ=WEEKLY",
        "FREQ=DAILY",
        "FREQ=DAILY;BYDAY=SA,SU",
        "FREQ=WEEKLY;WKST=SU;BYDAY=SU,MO",
        "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=5",
    ],
)
def test_repeating_rules_name_the_same_days_as_dateutil(rule: str) -> None:
    first, until = date(2026, 11, 4), date(2027, 6, 30)
    expected = [
        d.date()
        for d in rrulestr(rule, dtstart=datetime.combine(first, time())).between(
            datetime.combine(first, time()), datetime.combine(until, time.max), inc=True
        )
    ]
    schedule = Schedule(time(10), time(11), rrule=rule, first=first, until=until)
    assert schedule_dates(schedule) == expected


def test_naive_times_are_read_as_local(calendar: Calendar) -> None:
    naive = datetime(2026, 12, 23, 12)
    assert calendar.occurrence("activity", "lunch", "centrum", naive) is not None
    assert calendar.open_now("centrum", naive) == (True, at(2026, 12, 23, 17))


def test_monthly_first_tuesday_rule() -> None:
    schedule = Schedule(
        time(13, 30), time(16), rrule="FREQ=MONTHLY;BYDAY=1TU", first=date(2026, 11, 2)
    )
    schedule = Schedule(**{**schedule.__dict__, "until": date(2027, 3, 1)})
    assert schedule_dates(schedule) == [
        date(2026, 11, 3),
        date(2026, 12, 1),
        date(2027, 1, 5),
        date(2027, 2, 2),
    ]


def test_second_and_fourth_thursday_desk_keeps_its_morning_on_christmas_eve() -> None:
    legal = Desk(
        id="legal",
        topic=Text({"nl": "Juridisch advies"}),
        centre="centrum",
        schedule=Schedule(
            time(9),
            time(11),
            rrule="FREQ=MONTHLY;BYDAY=2TH,4TH",
            first=date(2026, 11, 2),
            until=date(2027, 6, 30),
        ),
    )
    cal = Calendar(org((CENTRUM,), desks=(legal,), closures=(EVE,)))
    found = cal.occurrences(date(2026, 12, 1), date(2026, 12, 31), kind="desk")
    assert [o.start for o in found] == [at(2026, 12, 10, 9), at(2026, 12, 24, 9)]


def test_one_off_activity_happens_once() -> None:
    talk = activity("talk", "centrum", Schedule(time(14), time(16), date=date(2026, 12, 3)))
    cal = Calendar(org((CENTRUM,), (talk,)))
    assert cal.occurrences(date(2026, 11, 1), date(2027, 1, 31)) == [
        Occurrence("activity", "talk", "centrum", at(2026, 12, 3, 14), at(2026, 12, 3, 16))
    ]


def test_dst_switch_keeps_sunday_coffee_at_ten_local() -> None:
    sunday = centre("sunday", "Su 09:00-17:00")  # no PH off: Easter Sunday does not close it
    coffee = activity("coffee", "sunday", weekly("SU", "10:00", "11:30"))
    cal = Calendar(org((sunday,), (coffee,)))
    found = cal.occurrences(date(2027, 3, 21), date(2027, 4, 4))
    assert [(o.start.hour, o.start.minute) for o in found] == [(10, 0)] * 3
    assert [o.start.utcoffset() for o in found] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2),
    ]
    assert found[1].start == at(2027, 3, 28, 10)
    assert found[1].end - found[1].start == timedelta(minutes=90)


def test_noon_closure_keeps_morning_coffee_and_drops_lunch(calendar: Calendar) -> None:
    eve = date(2026, 12, 24)
    found = calendar.occurrences(eve, eve)
    assert [(o.item_id, o.start) for o in found] == [("coffee", at(2026, 12, 24, 10))]


def test_nothing_takes_place_on_christmas_day(calendar: Calendar) -> None:
    assert calendar.occurrences(date(2026, 12, 25), date(2026, 12, 25)) == []


def test_occurrences_are_sorted_and_filtered(calendar: Calendar) -> None:
    week = calendar.occurrences(date(2026, 11, 30), date(2026, 12, 6))
    assert len(week) == 10
    assert week == sorted(week, key=lambda o: (o.start, o.centre, o.item_id))
    lunches = calendar.occurrences(
        date(2026, 11, 30), date(2026, 12, 6), kind="activity", item_id="lunch"
    )
    assert [o.start.day for o in lunches] == [30, 1, 2, 3, 4]
    assert calendar.occurrences(date(2026, 11, 30), date(2026, 12, 6), centre="opex") == []
    assert calendar.occurrences(date(2026, 11, 30), date(2026, 12, 6), kind="shift") == []


def test_shift_occurrences_carry_their_kind() -> None:
    kitchen = Shift(
        id="kitchen",
        role=Text({"nl": "Keuken"}),
        centre="centrum",
        schedule=Schedule(time(11), time(15, 30), date=date(2026, 12, 17)),
        needed=4,
    )
    cal = Calendar(org((CENTRUM,), shifts=(kitchen,)))
    (occ,) = cal.occurrences(date(2026, 12, 17), date(2026, 12, 17), kind="shift")
    assert (occ.kind, occ.item_id, occ.start, occ.end) == (
        "shift",
        "kitchen",
        at(2026, 12, 17, 11),
        at(2026, 12, 17, 15, 30),
    )


def test_next_occurrences_start_at_or_after_now(calendar: Calendar) -> None:
    found = calendar.next_occurrences(at(2026, 12, 23, 10), item_id="coffee", kind="activity")
    assert [o.start for o in found] == [
        at(2026, 12, 23, 10),
        at(2026, 12, 24, 10),
        at(2026, 12, 28, 10),
        at(2026, 12, 29, 10),
        at(2026, 12, 30, 10),
    ]
    later = calendar.next_occurrences(at(2026, 12, 23, 10, 1), item_id="lunch", kind="activity")
    assert later[0].start == at(2026, 12, 23, 12)


def test_next_occurrences_beyond_the_last_date_are_empty(calendar: Calendar) -> None:
    assert calendar.next_occurrences(at(2027, 7, 1, 9), item_id="lunch", kind="activity") == []


def test_exact_occurrence_exists_only_when_it_takes_place(calendar: Calendar) -> None:
    assert calendar.occurrence("activity", "lunch", "centrum", at(2026, 12, 23, 12)) is not None
    assert calendar.occurrence("activity", "lunch", "centrum", at(2026, 12, 24, 12)) is None
    assert calendar.occurrence("activity", "lunch", "centrum", at(2026, 12, 23, 12, 30)) is None
    assert calendar.occurrence("desk", "lunch", "centrum", at(2026, 12, 23, 12)) is None


# -- deadlines --------------------------------------------------------------------------------


def test_monday_lunch_closes_on_friday_morning(calendar: Calendar) -> None:
    assert calendar.signup_deadline(LUNCH, at(2026, 11, 30, 12)) == at(2026, 11, 27, 10)


def test_lunch_after_christmas_weekend_closes_on_christmas_eve(calendar: Calendar) -> None:
    # Monday 28 Dec: Sunday, Saturday and Christmas Friday are no working days.
    assert calendar.signup_deadline(LUNCH, at(2026, 12, 28, 12)) == at(2026, 12, 24, 10)


def test_tuesday_lunch_closes_on_monday(calendar: Calendar) -> None:
    assert calendar.signup_deadline(LUNCH, at(2026, 12, 1, 12)) == at(2026, 11, 30, 10)


def test_days_before_deadline_counts_calendar_days() -> None:
    cooking = activity(
        "cooking",
        "centrum",
        weekly("TH", "16:00", "19:00"),
        Deadline(DeadlineRule.DAYS_BEFORE, at=time(12), days=1),
    )
    cal = Calendar(org((CENTRUM,), (cooking,)))
    assert cal.signup_deadline(cooking, at(2026, 12, 3, 16)) == at(2026, 12, 2, 12)


def test_fixed_date_deadline_ends_that_day() -> None:
    course = activity(
        "course",
        "centrum",
        weekly("TU", "14:00", "16:00"),
        Deadline(DeadlineRule.DATE, date=date(2027, 1, 8)),
    )
    cal = Calendar(org((CENTRUM,), (course,)))
    assert cal.signup_deadline(course, at(2027, 1, 12, 14)) == at(2027, 1, 8, 23, 59)


def test_walk_in_activity_has_no_deadline(calendar: Calendar) -> None:
    assert calendar.signup_deadline(COFFEE, at(2026, 12, 1, 10)) is None


def test_working_days_skip_weekends_holidays_and_closed_centres() -> None:
    works = Closure(
        date(2026, 12, 29), date(2026, 12, 29), None, Text({"nl": "Onderhoud"}), ("centrum",)
    )
    cal = Calendar(org((CENTRUM, HAZEGRAS), closures=(works, EVE)))
    assert cal.is_working_day(None, date(2026, 12, 24))
    assert cal.is_working_day("centrum", date(2026, 12, 24))  # only the afternoon closes
    assert not cal.is_working_day(None, date(2026, 12, 25))
    assert not cal.is_working_day(None, date(2026, 12, 26))
    assert cal.is_working_day(None, date(2026, 12, 29))
    assert not cal.is_working_day("centrum", date(2026, 12, 29))
    assert cal.is_working_day("hazegras", date(2026, 12, 29))


def test_a_bridge_day_is_the_next_working_day_between_a_holiday_and_the_weekend() -> None:
    """The Friday after Ascension in both countries; the Friday after 11 November in Belgium;
    the Monday before King's Day (a Tuesday in 2027) in the Netherlands (docs/dates.md)."""
    belgian, dutch = Calendar(org((CENTRUM,))), Calendar(org((CENTRUM,), country="NL"))
    assert belgian.bridge_day(date(2027, 4, 19)) == date(2027, 5, 7)
    assert dutch.bridge_day(date(2027, 4, 19)) == date(2027, 4, 26)
    assert dutch.bridge_day(date(2027, 4, 27)) == date(2027, 5, 7)
    assert belgian.bridge_day(date(2027, 5, 8)) == date(2027, 11, 12)
    assert belgian.bridge_day(date(2027, 11, 12)) == date(2027, 11, 12)  # today is one
