"""The three bundled demo organisations say exactly what the reference data says.

The facts pinned here are the ones residents ask about and the acceptance checks use: ids,
names, hours, phones, schedules, places, prices, sign-up rules, volunteers and open shifts.
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from functools import cache

import pytest

from data import DEMO_ORGANISATIONS, demo_path
from storage.datafile import check_file, load_organisation
from storage.model import (
    LANGUAGES,
    Access,
    Activity,
    DeadlineRule,
    Organisation,
    Schedule,
    SignupMode,
    Text,
)
from storage.schedule import Calendar, schedule_dates

FIRST = date(2026, 11, 2)
UNTIL = date(2027, 6, 30)
WEEKDAYS = "MO,TU,WE,TH,FR"


@cache
def org(org_id: str) -> Organisation:
    """The parsed demo organisation, loaded once per test session."""
    return load_organisation(demo_path(org_id))


def _span(span: str) -> tuple[time, time]:
    """Start and end of a "HH:MM-HH:MM" range."""
    start, end = span.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def weekly(days: str, span: str, first: date = FIRST, until: date = UNTIL) -> Schedule:
    """A weekly schedule on `days` ("MO,WE"), by default for the whole season."""
    return Schedule(*_span(span), rrule=f"FREQ=WEEKLY;BYDAY={days}", first=first, until=until)


def monthly(days: str, span: str) -> Schedule:
    """A monthly schedule on `days` ("1TU", "2TH,4TH") for the whole season."""
    return Schedule(*_span(span), rrule=f"FREQ=MONTHLY;BYDAY={days}", first=FIRST, until=UNTIL)


def once(day: date, span: str) -> Schedule:
    """A one-off schedule."""
    return Schedule(*_span(span), date=day)


def activity(org_id: str, activity_id: str) -> Activity:
    """An activity that must exist."""
    found = org(org_id).activity(activity_id)
    assert found is not None, f"{org_id}: no activity {activity_id}"
    return found


# -- the files themselves -----------------------------------------------------------------


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_demo_file_has_no_problems(org_id: str) -> None:
    assert check_file(demo_path(org_id)) == []


@pytest.mark.parametrize(
    ("org_id", "country", "timezone"),
    [
        ("oostende", "BE", "Europe/Brussels"),
        ("denhaag-zuidwest", "NL", "Europe/Amsterdam"),
        ("kortrijk", "BE", "Europe/Brussels"),
    ],
)
def test_organisation_header(org_id: str, country: str, timezone: str) -> None:
    o = org(org_id)
    assert (o.id, o.country, o.timezone, o.default_language) == (org_id, country, timezone, "nl")
    assert o.holiday_country == country


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_default_reminder_policy(org_id: str) -> None:
    r = org(org_id).reminders
    assert (r.day_before_at, r.hours_before) == (time(17, 0), 2)
    assert (r.quiet_from, r.quiet_until) == (time(21, 0), time(8, 0))


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_one_example_staff_member_without_telegram_id(org_id: str) -> None:
    staff = org(org_id).staff
    assert len(staff) == 1
    assert staff[0].telegram_id is None


# -- ids ----------------------------------------------------------------------------------

IDS = {
    "oostende": {
        "centres": "centrum hazegras vuurtorenwijk opex konterdam stene mariakerke zandvoorde",
        "desks": "social-stene social-zandvoorde wegwijs digital-hazegras digital-konterdam "
        "pensions carers leisure legal",
        "activities": "coffee lunch-centrum lunch-mariakerke lunch-stene computer-course "
        "smartphone-cafe chair-gym walking-club petanque card-games dutch-table sunday-cafe "
        "online-safety grandparents-craft christmas-lunch pedicure",
        "volunteers": "v-marie v-johan v-fatima v-piotr v-anne",
    },
    "denhaag-zuidwest": {
        "centres": "moerwijk morgenstond bouwlust vrederust",
        "desks": "debt forms neighbourhood-nurse youth",
        "activities": "walk-in language-cafe mothers-morning bike-lessons cooking-group "
        "giveaway-shop homework fall-prevention",
        "volunteers": "v-sevgi v-karim v-olena",
    },
    "kortrijk": {
        "centres": "zonnewijzer marke heule bissegem overleie lange-munte antenne-bellegem "
        "antenne-kooigem antenne-rollegem veemarkt",
        "desks": "zitdag-bellegem zitdag-kooigem zitdag-rollegem wegwijs-55 medical infobalie",
        "activities": "lunch-zonnewijzer senior-action-bellegem buurtcafe tablet-course",
        "volunteers": "",
    },
}


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
@pytest.mark.parametrize("part", ["centres", "desks", "activities", "volunteers"])
def test_ids_are_those_of_the_reference(org_id: str, part: str) -> None:
    ids = [item.id for item in getattr(org(org_id), part)]
    assert ids == IDS[org_id][part].split()


# -- centres ------------------------------------------------------------------------------

CENTRES = [
    # org, id, name (nl), hours, location
    ("oostende", "centrum", "Ontmoetingscentrum Centrum",
     "Mo-Fr 09:00-17:00; Sa 10:00-13:00; PH off", (51.2300, 2.9190)),
    ("oostende", "hazegras", "Ontmoetingscentrum Hazegras",
     "Mo-Fr 09:00-12:00,13:00-16:30; PH off", (51.2335, 2.9290)),
    ("oostende", "vuurtorenwijk", "Ontmoetingscentrum Vuurtorenwijk",
     "Mo,Tu,Th,Fr 09:00-16:00; We 09:00-12:00; PH off", (51.2330, 2.9440)),
    ("oostende", "opex", "Ontmoetingscentrum Opex",
     "Mo-Fr 13:00-17:00; PH off", (51.2205, 2.9150)),
    ("oostende", "konterdam", "Ontmoetingscentrum Konterdam",
     "Mo-Th 09:00-16:00; Fr 09:00-12:00; PH off", (51.2170, 2.9350)),
    ("oostende", "stene", "Ontmoetingscentrum Stene",
     "Tu-Fr 09:00-16:30; PH off", (51.2050, 2.9050)),
    ("oostende", "mariakerke", "Ontmoetingscentrum Mariakerke",
     "Mo-Fr 09:00-16:30; Su 14:00-17:00; PH off", (51.2165, 2.8900)),
    ("oostende", "zandvoorde", "Ontmoetingscentrum Zandvoorde",
     "Mo,We,Fr 09:00-12:00,13:30-16:00; PH off", (51.2145, 2.9720)),
    ("denhaag-zuidwest", "moerwijk", "Ontmoetingscentrum Moerwijk",
     "Mo-Fr 09:00-17:00; PH off", (52.0560, 4.2880)),
    ("denhaag-zuidwest", "morgenstond", "Ontmoetingscentrum Morgenstond",
     "Mo-Fr 09:00-21:00; Sa 10:00-14:00; PH off", (52.0470, 4.2650)),
    ("denhaag-zuidwest", "bouwlust", "Ontmoetingscentrum Bouwlust",
     "Mo-Th 09:00-17:00; Fr 09:00-13:00; PH off", (52.0400, 4.2520)),
    ("denhaag-zuidwest", "vrederust", "Ontmoetingscentrum Vrederust",
     "Mo-Fr 09:30-16:30; PH off", (52.0430, 4.2400)),
    ("kortrijk", "zonnewijzer", "Dienstencentrum De Zonnewijzer",
     "Mo-Fr 08:30-17:00; PH off", (50.8250, 3.2650)),
    ("kortrijk", "marke", "Dienstencentrum Marke",
     "Mo-Fr 09:00-16:30; PH off", (50.8070, 3.2320)),
    ("kortrijk", "heule", "Dienstencentrum Heule",
     "Mo-Fr 09:00-16:30; PH off", (50.8400, 3.2370)),
    ("kortrijk", "bissegem", "Dienstencentrum Bissegem",
     "Mo-Th 09:00-16:30; PH off", (50.8230, 3.2230)),
    ("kortrijk", "overleie", "Dienstencentrum Overleie",
     "Mo-Fr 09:00-16:30; PH off", (50.8330, 3.2640)),
    ("kortrijk", "lange-munte", "Dienstencentrum Lange Munte",
     "Mo-Fr 09:00-16:30; PH off", (50.8120, 3.2820)),
    ("kortrijk", "antenne-bellegem", "Sociaal huis antenne Bellegem",
     "Mo 09:00-12:00; Th 13:30-16:30; PH off", (50.7770, 3.2780)),
    ("kortrijk", "antenne-kooigem", "Sociaal huis antenne Kooigem",
     "Tu 09:00-12:00; PH off", (50.7430, 3.3000)),
    ("kortrijk", "antenne-rollegem", "Sociaal huis antenne Rollegem",
     "Fr 09:00-12:00; PH off", (50.7640, 3.2500)),
    ("kortrijk", "veemarkt", "Buurtwerk Veemarkt (infobalie)",
     "Mo-Fr 10:00-12:00,13:30-16:00; PH off", (50.8290, 3.2600)),
]  # fmt: skip


@pytest.mark.parametrize(("org_id", "centre_id", "name", "hours", "location"), CENTRES)
def test_centre_name_hours_and_location(
    org_id: str, centre_id: str, name: str, hours: str, location: tuple[float, float]
) -> None:
    centre = org(org_id).centre(centre_id)
    assert centre is not None
    assert centre.name.get("nl") == name
    assert centre.hours == hours
    assert (centre.lat, centre.lon) == pytest.approx(location)


OOSTENDE_CENTRES = [
    # id, address, phone
    ("centrum", "Kapellestraat 40, 8400 Oostende", "059 00 10 01"),
    ("hazegras", "Hendrik Serruyslaan 12, 8400 Oostende", "059 00 10 02"),
    ("vuurtorenwijk", "Fortstraat 5, 8400 Oostende", "059 00 10 03"),
    ("opex", "Zandstraat 20, 8400 Oostende", "059 00 10 04"),
    ("konterdam", "Kalkaartstraat 3, 8400 Oostende", "059 00 10 05"),
    ("stene", "Stenedorp 14, 8400 Oostende", "059 00 10 06"),
    ("mariakerke", "Nieuwpoortsesteenweg 600, 8400 Oostende", "059 00 10 07"),
    ("zandvoorde", "Zandvoordedorpstraat 8, 8400 Oostende", "059 00 10 08"),
]


@pytest.mark.parametrize(("centre_id", "address", "phone"), OOSTENDE_CENTRES)
def test_oostende_centre_address_phone_and_district(
    centre_id: str, address: str, phone: str
) -> None:
    centre = org("oostende").centre(centre_id)
    assert centre is not None
    assert (centre.address, centre.phone) == (address, phone)
    assert centre.district == centre.name.get("nl").removeprefix("Ontmoetingscentrum ")
    assert centre.postcodes == ("8400",)


@pytest.mark.parametrize(
    ("centre_id", "postcodes", "address"),
    [
        ("moerwijk", ("2532", "2533"), "Zuiderparklaan 100, 2533 Den Haag"),
        ("morgenstond", ("2541", "2542"), "Melis Stokelaan 200, 2541 Den Haag"),
        ("bouwlust", ("2544",), "Leyweg 900, 2544 Den Haag"),
        ("vrederust", ("2545",), "Erasmusweg 300, 2545 Den Haag"),
    ],
)
def test_den_haag_centre_postcodes_and_address(
    centre_id: str, postcodes: tuple[str, ...], address: str
) -> None:
    centre = org("denhaag-zuidwest").centre(centre_id)
    assert centre is not None
    assert (centre.postcodes, centre.address, centre.phone) == (postcodes, address, None)


@pytest.mark.parametrize(
    ("centre_id", "kind", "postcode"),
    [
        ("zonnewijzer", "dienstencentrum", "8500"),
        ("marke", "dienstencentrum", "8510"),
        ("heule", "dienstencentrum", "8501"),
        ("bissegem", "dienstencentrum", "8501"),
        ("overleie", "dienstencentrum", "8500"),
        ("lange-munte", "dienstencentrum", "8500"),
        ("antenne-bellegem", "sociaal huis", "8510"),
        ("antenne-kooigem", "sociaal huis", "8510"),
        ("antenne-rollegem", "sociaal huis", "8510"),
        ("veemarkt", "buurtwerk", "8500"),
    ],
)
def test_kortrijk_centre_kind_and_postcode(centre_id: str, kind: str, postcode: str) -> None:
    centre = org("kortrijk").centre(centre_id)
    assert centre is not None
    assert (centre.kind, centre.postcodes, centre.phone) == (kind, (postcode,), None)
    # No street addresses are known: the address names the centre and its postcode only.
    assert centre.address.endswith(f", {postcode} Kortrijk")


@pytest.mark.parametrize(
    ("postcode", "centres"),
    [
        ("8500", {"zonnewijzer", "overleie", "lange-munte", "veemarkt"}),
        ("8501", {"heule", "bissegem"}),
        ("8510", {"marke", "antenne-bellegem", "antenne-kooigem", "antenne-rollegem"}),
    ],
)
def test_kortrijk_postcode_points_at_several_centres(postcode: str, centres: set[str]) -> None:
    assert {c.id for c in org("kortrijk").centres if postcode in c.postcodes} == centres


def test_only_vuurtorenwijk_is_not_wheelchair_accessible() -> None:
    o = org("oostende")
    assert [c.id for c in o.centres if not c.wheelchair_accessible] == ["vuurtorenwijk"]
    vuurtorenwijk = o.centre("vuurtorenwijk")
    assert vuurtorenwijk is not None and vuurtorenwijk.accessibility is not None
    assert "zij-ingang" in vuurtorenwijk.accessibility.get("nl")
    assert "side entrance" in vuurtorenwijk.accessibility.get("en")
    for other in ("denhaag-zuidwest", "kortrijk"):
        assert all(c.wheelchair_accessible for c in org(other).centres)


def test_oostende_closures() -> None:
    o = org("oostende")
    citywide = [(c.start, c.end, c.from_time, c.centres) for c in o.closures_for("centrum")]
    assert citywide == [
        (date(2026, 12, 24), date(2026, 12, 24), time(12, 0), None),
        (date(2026, 12, 31), date(2026, 12, 31), time(12, 0), None),
    ]
    stene = [(c.start, c.end, c.from_time) for c in o.closures_for("stene") if c.centres]
    assert stene == [(date(2026, 12, 28), date(2026, 12, 30), None)]
    assert all(c.centres is None for c in o.closures_for("mariakerke"))


@pytest.mark.parametrize("org_id", ["denhaag-zuidwest", "kortrijk"])
def test_no_closures_beyond_public_holidays(org_id: str) -> None:
    o = org(org_id)
    assert all(o.closures_for(c.id) == () for c in o.centres)


# -- desks --------------------------------------------------------------------------------

DESKS = [
    # org, id, centre, schedule, access, phone for appointments
    ("oostende", "social-stene", "stene", weekly("TU", "09:00-11:00"), "walk-in", None),
    ("oostende", "social-zandvoorde", "zandvoorde", weekly("WE", "09:00-11:00"), "walk-in", None),
    ("oostende", "wegwijs", "centrum", weekly(WEEKDAYS, "09:00-12:00"), "walk-in", None),
    ("oostende", "digital-hazegras", "hazegras", weekly("WE", "14:00-16:00"), "walk-in", None),
    ("oostende", "digital-konterdam", "konterdam", weekly("FR", "09:30-11:30"), "appointment",
     "059 00 10 05"),
    ("oostende", "pensions", "centrum", monthly("1TU", "13:30-16:00"), "appointment",
     "059 00 10 01"),
    ("oostende", "carers", "mariakerke", weekly("TH", "13:30-15:30"), "walk-in", None),
    ("oostende", "leisure", "opex", weekly("MO", "13:00-16:00"), "appointment", "059 00 10 04"),
    ("oostende", "legal", "vuurtorenwijk", monthly("2TH,4TH", "09:00-11:00"), "appointment",
     None),
    ("denhaag-zuidwest", "debt", "moerwijk", weekly("TU", "13:00-15:00"), "walk-in", None),
    ("denhaag-zuidwest", "forms", "morgenstond", weekly("MO,TH", "10:00-12:00"), "walk-in",
     None),
    ("denhaag-zuidwest", "neighbourhood-nurse", "vrederust", weekly("WE", "10:00-11:00"),
     "walk-in", None),
    ("denhaag-zuidwest", "youth", "bouwlust", weekly("TH", "15:00-17:00"), "walk-in", None),
    ("kortrijk", "zitdag-bellegem", "antenne-bellegem", weekly("MO", "09:00-12:00"), "walk-in",
     None),
    ("kortrijk", "zitdag-kooigem", "antenne-kooigem", weekly("TU", "09:00-12:00"), "walk-in",
     None),
    ("kortrijk", "zitdag-rollegem", "antenne-rollegem", weekly("FR", "09:00-12:00"), "walk-in",
     None),
    ("kortrijk", "wegwijs-55", "zonnewijzer", weekly("TU,TH", "09:00-11:30"), "walk-in", None),
    ("kortrijk", "medical", "marke", weekly("WE", "14:00-16:00"), "appointment", None),
    ("kortrijk", "infobalie", "veemarkt", weekly(WEEKDAYS, "10:00-12:00"), "walk-in", None),
]  # fmt: skip


@pytest.mark.parametrize(("org_id", "desk_id", "centre", "schedule", "access", "phone"), DESKS)
def test_desk_place_time_and_access(
    org_id: str,
    desk_id: str,
    centre: str,
    schedule: Schedule,
    access: str,
    phone: str | None,
) -> None:
    desk = org(org_id).desk(desk_id)
    assert desk is not None
    assert (desk.centre, desk.schedule, desk.access) == (centre, schedule, Access(access))
    assert desk.phone == phone
    assert desk.kinds, "desks need kinds so residents' words find them"


@pytest.mark.parametrize(
    ("org_id", "desk_id", "kind"),
    [
        ("oostende", "social-stene", "bills"),
        ("oostende", "wegwijs", "seniors"),
        ("oostende", "digital-hazegras", "itsme"),
        ("oostende", "pensions", "pension"),
        ("oostende", "carers", "carers"),
        ("oostende", "leisure", "uitpas"),
        ("oostende", "legal", "legal"),
        ("denhaag-zuidwest", "debt", "debts"),
        ("denhaag-zuidwest", "forms", "forms"),
        ("denhaag-zuidwest", "neighbourhood-nurse", "nurse"),
        ("denhaag-zuidwest", "youth", "youth"),
        ("kortrijk", "zitdag-kooigem", "social"),
        ("kortrijk", "medical", "doctor"),
        ("kortrijk", "infobalie", "information"),
    ],
)
def test_desk_kinds_find_the_desk(org_id: str, desk_id: str, kind: str) -> None:
    desk = org(org_id).desk(desk_id)
    assert desk is not None and kind in desk.kinds


# -- activities ---------------------------------------------------------------------------

ACTIVITIES = [
    # org, id, sign-up, places, price, reduced price
    ("oostende", "coffee", "walk-in", None, None, None),
    ("oostende", "lunch-centrum", "per-date", 40, "9.50", "5.00"),
    ("oostende", "lunch-mariakerke", "per-date", 30, "9.50", "5.00"),
    ("oostende", "lunch-stene", "per-date", 25, "9.50", "5.00"),
    ("oostende", "computer-course", "series", 8, "30.00", "6.00"),
    ("oostende", "smartphone-cafe", "per-date", 10, None, None),
    ("oostende", "chair-gym", "per-date", 20, "2.00", "1.00"),
    ("oostende", "walking-club", "walk-in", None, None, None),
    ("oostende", "petanque", "walk-in", None, None, None),
    ("oostende", "card-games", "walk-in", None, "1.00", None),
    ("oostende", "dutch-table", "per-date", 12, None, None),
    ("oostende", "sunday-cafe", "walk-in", None, None, None),
    ("oostende", "online-safety", "per-date", 30, None, None),
    ("oostende", "grandparents-craft", "per-date", 24, None, None),
    ("oostende", "christmas-lunch", "per-date", 80, "18.00", "9.00"),
    ("oostende", "pedicure", "appointment", 1, "20.00", None),
    ("denhaag-zuidwest", "walk-in", "walk-in", None, None, None),
    ("denhaag-zuidwest", "language-cafe", "per-date", 15, None, None),
    ("denhaag-zuidwest", "mothers-morning", "per-date", 12, None, None),
    ("denhaag-zuidwest", "bike-lessons", "series", 10, "10.00", "0.00"),
    ("denhaag-zuidwest", "cooking-group", "per-date", 14, "3.00", "1.00"),
    ("denhaag-zuidwest", "giveaway-shop", "walk-in", None, None, None),
    ("denhaag-zuidwest", "homework", "per-date", 20, None, None),
    ("denhaag-zuidwest", "fall-prevention", "per-date", 12, None, None),
    ("kortrijk", "lunch-zonnewijzer", "per-date", 50, "8.00", "4.50"),
    ("kortrijk", "senior-action-bellegem", "per-date", 40, "3.00", None),
    ("kortrijk", "buurtcafe", "walk-in", None, None, None),
    ("kortrijk", "tablet-course", "series", 10, "20.00", "4.00"),
]


@pytest.mark.parametrize(
    ("org_id", "activity_id", "signup", "capacity", "price", "reduced"), ACTIVITIES
)
def test_activity_signup_places_and_prices(
    org_id: str,
    activity_id: str,
    signup: str,
    capacity: int | None,
    price: str | None,
    reduced: str | None,
) -> None:
    a = activity(org_id, activity_id)
    assert a.signup == SignupMode(signup)
    assert a.capacity == capacity
    assert a.price == (None if price is None else Decimal(price))
    assert a.reduced_price == (None if reduced is None else Decimal(reduced))
    assert a.kinds, "activities need kinds so residents' words find them"


def test_free_bike_lessons_with_reduced_tariff_are_a_real_price() -> None:
    a = activity("denhaag-zuidwest", "bike-lessons")
    assert a.reduced_price is not None and a.reduced_price == 0


ONE_CENTRE_ACTIVITIES = [
    ("oostende", "lunch-centrum", "centrum", weekly(WEEKDAYS, "12:00-13:00")),
    ("oostende", "lunch-mariakerke", "mariakerke", weekly(WEEKDAYS, "12:00-13:00")),
    ("oostende", "lunch-stene", "stene", weekly("TU,WE,TH,FR", "12:00-13:00")),
    ("oostende", "computer-course", "hazegras",
     weekly("TU", "14:00-16:00", date(2027, 1, 12), date(2027, 2, 16))),
    ("oostende", "smartphone-cafe", "konterdam", weekly("WE", "10:00-11:30")),
    ("oostende", "chair-gym", "mariakerke", weekly("MO", "10:00-11:00")),
    ("oostende", "walking-club", "zandvoorde", weekly("WE", "14:00-15:30")),
    ("oostende", "petanque", "stene", weekly("FR", "14:00-16:30")),
    ("oostende", "card-games", "vuurtorenwijk", weekly("TU", "13:30-16:00")),
    ("oostende", "dutch-table", "opex", weekly("TH", "14:00-15:30")),
    ("oostende", "sunday-cafe", "mariakerke", weekly("SU", "14:00-17:00")),
    ("oostende", "online-safety", "centrum", once(date(2026, 12, 3), "14:00-16:00")),
    ("oostende", "grandparents-craft", "opex", once(date(2026, 12, 23), "14:00-16:30")),
    ("oostende", "christmas-lunch", "centrum", once(date(2026, 12, 17), "12:00-15:00")),
    ("oostende", "pedicure", "mariakerke", weekly("TU", "09:00-12:00")),
    ("denhaag-zuidwest", "language-cafe", "bouwlust", weekly("WE", "10:00-11:30")),
    ("denhaag-zuidwest", "mothers-morning", "vrederust", weekly("FR", "09:30-11:30")),
    ("denhaag-zuidwest", "bike-lessons", "morgenstond",
     weekly("SA", "10:00-12:00", date(2027, 3, 6), date(2027, 4, 24))),
    ("denhaag-zuidwest", "cooking-group", "morgenstond", weekly("TH", "16:00-19:00")),
    ("denhaag-zuidwest", "giveaway-shop", "vrederust", weekly("WE", "13:00-16:00")),
    ("denhaag-zuidwest", "homework", "bouwlust", weekly("MO,TU,WE,TH", "15:30-17:00")),
    ("denhaag-zuidwest", "fall-prevention", "morgenstond", weekly("TU", "10:00-11:00")),
    ("kortrijk", "lunch-zonnewijzer", "zonnewijzer", weekly(WEEKDAYS, "11:45-13:00")),
    ("kortrijk", "senior-action-bellegem", "antenne-bellegem", monthly("1TH", "14:00-16:30")),
    ("kortrijk", "buurtcafe", "veemarkt", weekly("TU", "13:30-16:00")),
    ("kortrijk", "tablet-course", "heule",
     weekly("MO", "14:00-16:00", date(2027, 1, 11), date(2027, 2, 1))),
]  # fmt: skip


@pytest.mark.parametrize(("org_id", "activity_id", "centre", "schedule"), ONE_CENTRE_ACTIVITIES)
def test_activity_place_and_time(
    org_id: str, activity_id: str, centre: str, schedule: Schedule
) -> None:
    a = activity(org_id, activity_id)
    assert [(s.centre, s.schedule) for s in a.sessions] == [(centre, schedule)]


def test_coffee_runs_at_every_oostende_centre_on_its_weekday_mornings() -> None:
    sessions = {s.centre: s.schedule for s in activity("oostende", "coffee").sessions}
    assert sessions == {
        "centrum": weekly(WEEKDAYS, "10:00-11:30"),
        "hazegras": weekly(WEEKDAYS, "10:00-11:30"),
        "vuurtorenwijk": weekly(WEEKDAYS, "10:00-11:30"),
        "opex": weekly(WEEKDAYS, "14:00-15:30"),
        "konterdam": weekly(WEEKDAYS, "10:00-11:30"),
        "stene": weekly("TU,WE,TH,FR", "10:00-11:30"),
        "mariakerke": weekly(WEEKDAYS, "10:00-11:30"),
        "zandvoorde": weekly("MO,WE,FR", "10:00-11:30"),
    }


def test_den_haag_walk_in_runs_at_every_centre() -> None:
    a = activity("denhaag-zuidwest", "walk-in")
    assert a.centres == ("moerwijk", "morgenstond", "bouwlust", "vrederust")
    assert {s.schedule for s in a.sessions} == {weekly(WEEKDAYS, "09:30-12:00")}


@pytest.mark.parametrize(
    ("org_id", "activity_id", "lessons"),
    [
        ("oostende", "computer-course", 6),
        ("denhaag-zuidwest", "bike-lessons", 8),
        ("kortrijk", "tablet-course", 4),
    ],
)
def test_series_has_the_announced_number_of_lessons(
    org_id: str, activity_id: str, lessons: int
) -> None:
    (session,) = activity(org_id, activity_id).sessions
    assert len(schedule_dates(session.schedule)) == lessons


DEADLINES = [
    # org, id, rule, time it closes (None: not pinned), days before, date
    ("oostende", "lunch-centrum", "previous-working-day", time(10, 0), None, None),
    ("oostende", "lunch-mariakerke", "previous-working-day", time(10, 0), None, None),
    ("oostende", "lunch-stene", "previous-working-day", time(10, 0), None, None),
    ("oostende", "computer-course", "date", None, None, date(2027, 1, 8)),
    ("oostende", "christmas-lunch", "date", None, None, date(2026, 12, 10)),
    ("denhaag-zuidwest", "bike-lessons", "date", None, None, date(2027, 3, 1)),
    ("denhaag-zuidwest", "cooking-group", "days-before", time(12, 0), 1, None),
    ("kortrijk", "lunch-zonnewijzer", "previous-working-day", time(10, 0), None, None),
]


@pytest.mark.parametrize(("org_id", "activity_id", "rule", "at", "days", "day"), DEADLINES)
def test_signup_deadline(
    org_id: str,
    activity_id: str,
    rule: str,
    at: time | None,
    days: int | None,
    day: date | None,
) -> None:
    deadline = activity(org_id, activity_id).deadline
    assert deadline is not None
    assert deadline.rule == DeadlineRule(rule)
    if at is not None:
        assert deadline.at == at
    if days is not None:
        assert deadline.days == days
    assert deadline.date == day


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_only_the_listed_activities_have_a_deadline(org_id: str) -> None:
    with_deadline = {a.id for a in org(org_id).activities if a.deadline is not None}
    assert with_deadline == {d[1] for d in DEADLINES if d[0] == org_id}


@pytest.mark.parametrize("lunch", ["lunch-centrum", "lunch-mariakerke", "lunch-stene"])
def test_oostende_lunch_asks_for_the_menu(lunch: str) -> None:
    (menu,) = activity("oostende", lunch).options
    assert menu.id == "menu"
    assert [c.id for c in menu.choices] == ["standard", "vegetarian", "low-salt"]


def test_kortrijk_lunch_has_no_menu_choice() -> None:
    assert activity("kortrijk", "lunch-zonnewijzer").options == ()


def test_grandparents_bring_up_to_three_grandchildren() -> None:
    a = activity("oostende", "grandparents-craft")
    assert a.max_companions == 3
    assert a.companions_label is not None
    assert a.companions_label.get("en") == "grandchildren"
    others = [x.id for o in DEMO_ORGANISATIONS for x in org(o).activities if x.max_companions]
    assert others == ["grandparents-craft"]


def test_pedicure_is_one_resident_per_half_hour_appointment() -> None:
    a = activity("oostende", "pedicure")
    assert (a.signup, a.slot_minutes, a.capacity) == (SignupMode.APPOINTMENT, 30, 1)


# -- volunteers and shifts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("org_id", "volunteer_id", "name", "language"),
    [
        ("oostende", "v-marie", "Marie Declercq", "nl"),
        ("oostende", "v-johan", "Johan Vermeulen", "nl"),
        ("oostende", "v-fatima", "Fatima El Amrani", "fr"),
        ("oostende", "v-piotr", "Piotr Nowak", "pl"),
        ("oostende", "v-anne", "Anne Claeys", "nl"),
        ("denhaag-zuidwest", "v-sevgi", "Sevgi Yılmaz", "tr"),
        ("denhaag-zuidwest", "v-karim", "Karim Bennani", "ar"),
        ("denhaag-zuidwest", "v-olena", "Olena Shevchenko", "uk"),
    ],
)
def test_volunteer(org_id: str, volunteer_id: str, name: str, language: str) -> None:
    volunteer = org(org_id).volunteer(volunteer_id)
    assert volunteer is not None
    assert (volunteer.name, volunteer.language) == (name, language)


SHIFTS = [
    # org, role (nl), centre, schedule, volunteers assigned, people needed
    ("oostende", "Onthaal", "centrum", weekly("MO,WE", "09:00-13:00"), ["v-marie"], 1),
    ("oostende", "Bar", "mariakerke", weekly("SU", "14:00-17:00"), ["v-johan"], 1),
    ("oostende", "Conversatietafel host", "opex", weekly("TH", "13:45-15:45"), ["v-fatima"], 1),
    ("oostende", "Digitale hulp", "hazegras", weekly("WE", "13:45-16:15"), ["v-piotr"], 1),
    ("oostende", "Keuken", "stene", weekly("TU,TH", "10:00-13:30"), ["v-anne"], 1),
    ("oostende", "Onthaal", "centrum", weekly("FR", "13:00-17:00"), [], 1),
    ("oostende", "Keuken", "stene", weekly("WE,FR", "10:00-13:30"), [], 1),
    ("oostende", "Kerstlunch service", "centrum", once(date(2026, 12, 17), "11:00-15:30"), [],
     4),
    ("denhaag-zuidwest", "Gastvrouw open inloop", "moerwijk",
     weekly("MO,TU", "09:00-12:30"), ["v-sevgi"], 1),
    ("denhaag-zuidwest", "Kookgroep", "morgenstond", weekly("TH", "15:30-19:30"), ["v-karim"],
     1),
    ("denhaag-zuidwest", "Taalcafé host", "bouwlust", weekly("WE", "09:45-11:45"), ["v-olena"],
     1),
    ("denhaag-zuidwest", "Weggeefwinkel", "vrederust", weekly("WE", "12:45-16:15"), [], 1),
]  # fmt: skip


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_shifts_are_those_of_the_reference(org_id: str) -> None:
    found = [
        (s.role.get("nl"), s.centre, s.schedule, list(s.volunteers), s.needed)
        for s in org(org_id).shifts
    ]
    expected = [row[1:] for row in SHIFTS if row[0] == org_id]
    assert sorted(found, key=repr) == sorted(expected, key=repr)


def test_open_shifts_and_how_many_they_need() -> None:
    open_shifts = {s.id: s.needed for s in org("oostende").shifts if not s.volunteers}
    assert sorted(open_shifts.values()) == [1, 1, 4]
    shift = org("oostende").shift("christmas-lunch-service")
    assert shift is not None and shift.needed == 4 and shift.volunteers == ()


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_shift_volunteers_exist(org_id: str) -> None:
    o = org(org_id)
    assert all(o.volunteer(v) is not None for s in o.shifts for v in s.volunteers)


# -- translations and names residents write -----------------------------------------------


def _texts(o: Organisation) -> list[tuple[str, Text]]:
    """Every text residents read that must be in all eight languages."""
    found: list[tuple[str, Text]] = [("organisation", o.name)]
    found += [(f"centre {c.id}", c.name) for c in o.centres]
    found += [(f"desk {d.id}", d.topic) for d in o.desks]
    found += [(f"activity {a.id}", a.title) for a in o.activities]
    found += [(f"shift {s.id}", s.role) for s in o.shifts]
    found += [(f"closure {c.start}", c.reason) for c in o.closures]
    found += [(f"closure {c.start}", c.reason) for x in o.centres for c in o.closures_for(x.id)]
    for a in o.activities:
        for option in a.options:
            found.append((f"option {a.id}/{option.id}", option.label))
            found += [(f"choice {a.id}/{c.id}", c.label) for c in option.choices]
        if a.companions_label is not None:
            found.append((f"companions {a.id}", a.companions_label))
    return found


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_every_text_is_in_all_eight_languages(org_id: str) -> None:
    missing = [
        (what, sorted(set(LANGUAGES) - set(text.values)))
        for what, text in _texts(org(org_id))
        if set(text.values) != set(LANGUAGES) or not all(text.values.values())
    ]
    assert missing == []


CYRILLIC = re.compile(r"^[\u0400-\u04ff' -]+$")
ARABIC = re.compile(r"^[\u0600-\u06ff ]+$")


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_every_centre_has_cyrillic_and_arabic_aliases(org_id: str) -> None:
    for centre in org(org_id).centres:
        assert any(CYRILLIC.match(a) for a in centre.aliases), centre.id
        assert any(ARABIC.match(a) for a in centre.aliases), centre.id


# -- schedules fit the hours --------------------------------------------------------------


@pytest.mark.parametrize("org_id", DEMO_ORGANISATIONS)
def test_everything_takes_place_while_its_centre_is_open(org_id: str) -> None:
    """Regular hours never conflict with an activity, desk or shift."""
    calendar = Calendar(org(org_id))
    outside = []
    for occ in calendar.occurrences(FIRST, UNTIL):
        hours = calendar.hours_on(occ.centre, occ.start.date())
        start, end = occ.start.time(), occ.end.time()
        if not any(opens <= start and end <= closes for opens, closes in hours.intervals):
            outside.append((occ.kind, occ.item_id, occ.centre, occ.start))
    assert outside == []


def test_stene_maintenance_and_christmas_eve_afternoon_cancel_occurrences() -> None:
    calendar = Calendar(org("oostende"))
    maintenance = calendar.occurrences(date(2026, 12, 28), date(2026, 12, 30), centre="stene")
    assert maintenance == []
    christmas_eve = calendar.occurrences(date(2026, 12, 24), date(2026, 12, 24))
    assert christmas_eve, "the morning still takes place"
    assert all(o.end.time() <= time(12, 0) for o in christmas_eve)
    days = [o.start.date() for o in calendar.occurrences(FIRST, UNTIL, item_id="lunch-stene")]
    assert date(2026, 12, 29) not in days and date(2026, 12, 31) not in days
