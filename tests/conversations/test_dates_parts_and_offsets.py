"""Days named with a part of the day ("donderdagavond", "w środę rano"), counted from a holiday
or date ("the day after Ascension", "Pentekost'tan bir gün önce"), and dates written with the
month names of the Maghreb and the Levant ("نهار 29 دجنبر", "11 شباط"), in every language."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from bot.cli import main
from tests.conversations import understander

MONDAY = datetime(2026, 11, 23, 10, 0)  # Monday 23 November 2026
WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = (date(2026, 11, d) for d in (25, 26, 27, 28))

PARTS_OF_THE_DAY = [
    # Written onto the weekday, as Dutch and German do
    ("Is Veemarkt donderdagvoormiddag open?", THURSDAY),
    ("Kan ik woensdagnamiddag eens binnenspringen in Veemarkt?", WEDNESDAY),
    ("Veemarkt zaterdagochtend open?", SATURDAY),
    ("Hat Veemarkt am Mittwochnachmittag geöffnet?", WEDNESDAY),
    ("Ist Veemarkt freitagmorgens offen?", FRIDAY),
    ("Hat Veemarkt Donnerstagfrüh auf?", THURSDAY),
    # Beside it, in every language
    ("Is Veemarkt zaterdag voormiddag open?", SATURDAY),  # "voormiddag" is no "vanvoormiddag"
    ("Veemarkt est ouvert jeudi en fin de matinée ?", THURSDAY),
    ("Is Veemarkt open on Friday night?", FRIDAY),
    ("Veemarkt perşembe öğleden sonra açık mı?", THURSDAY),
    ("Czy Veemarkt jest czynny w środę rano?", WEDNESDAY),
    ("Чи працює Veemarkt у п'ятницю ввечері?", FRIDAY),
    ("هل مركز Veemarkt مفتوح يوم الأربعاء صباحا؟", WEDNESDAY),
]


@pytest.mark.parametrize(("text", "day"), PARTS_OF_THE_DAY, ids=[c[0] for c in PARTS_OF_THE_DAY])
def test_a_part_of_the_day_keeps_its_weekday(text: str, day: date) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date == day


def _ask(question: str, at: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["ask", "--json", "--org", "kortrijk", "--at", at, question]) == 0
    answer: dict[str, object] = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    return answer


def test_the_hours_of_a_part_of_the_day_are_that_days_hours(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The contract's `hours` are the centre's intervals on the day: an evening asked about
    on a day open only in the afternoon shows that afternoon, not another day's hours."""
    answer = _ask("Is Bellegem donderdagavond open?", "2026-11-23T10:00", capsys)
    assert (answer["date"], answer["hours"]) == ("2026-11-26", [["13:30", "16:30"]])
    answer = _ask("Hat Bellegem am Montagnachmittag offen?", "2026-11-23T10:00", capsys)
    assert (answer["date"], answer["hours"]) == ("2026-11-23", [["09:00", "12:00"]])


BEFORE_ASCENSION = datetime(2027, 4, 26, 10, 0)  # Ascension is 6 May 2027, Pentecost 16 May
AFTER_ASCENSION, BEFORE_PENTECOST = date(2027, 5, 7), date(2027, 5, 15)

COUNTED = [
    ("Is Veemarkt open de dag na Hemelvaart?", AFTER_ASCENSION),
    ("Zijn jullie daags voor Pinksteren open in Veemarkt?", BEFORE_PENTECOST),
    ("Veemarkt est-il ouvert le lendemain de l'Ascension ?", AFTER_ASCENSION),
    ("Ouvert la veille de la Pentecôte à Veemarkt ?", BEFORE_PENTECOST),
    ("Hat Veemarkt am Tag nach Christi Himmelfahrt geöffnet?", AFTER_ASCENSION),
    ("Ist Veemarkt am Tag vor Pfingsten offen?", BEFORE_PENTECOST),
    ("Is Veemarkt open the day after Ascension Day?", AFTER_ASCENSION),
    ("What's on in Veemarkt the day before Whit Monday?", date(2027, 5, 16)),
    ("Veemarkt Göğe Yükseliş'ten sonraki gün açık mı?", AFTER_ASCENSION),
    ("Veemarkt Pentekost'tan bir gün önce açık mı?", BEFORE_PENTECOST),
    ("Czy Veemarkt jest otwarty dzień po Wniebowstąpieniu?", AFTER_ASCENSION),
    ("Czy Veemarkt jest otwarty w przeddzień Zielonych Świątek?", BEFORE_PENTECOST),
    ("Чи відкритий Veemarkt наступного дня після Вознесіння?", AFTER_ASCENSION),
    ("Чи відкритий Veemarkt напередодні Трійці?", BEFORE_PENTECOST),
    ("هل مركز Veemarkt مفتوح في اليوم التالي لعيد الصعود؟", AFTER_ASCENSION),
    ("هل مركز Veemarkt مفتوح في اليوم اللي قبل عيد العنصرة؟", BEFORE_PENTECOST),
    # From a date written out, and with the weekday that day is on said elsewhere
    ("Is Veemarkt open the day before 1 May?", date(2027, 4, 30)),
    ("Is Veemarkt vrijdag nog open, daags na Hemelvaart?", AFTER_ASCENSION),
]


@pytest.mark.parametrize(("text", "day"), COUNTED, ids=[c[0] for c in COUNTED])
def test_a_day_counted_from_a_holiday_is_that_day(text: str, day: date) -> None:
    found = understander("kortrijk").understand(text, now=BEFORE_ASCENSION)
    assert (found.date, found.until) == (day, None)


def test_the_day_after_a_holiday_asked_that_day_is_today() -> None:
    boxing_day = datetime(2026, 12, 26, 9, 0)
    found = understander("kortrijk").understand(
        "Is Veemarkt open de dag na Kerstmis?", now=boxing_day
    )
    assert found.date == date(2026, 12, 26)
    found = understander("kortrijk").understand(
        "Is Veemarkt open the day before Christmas?", now=datetime(2026, 12, 25, 9, 0)
    )
    assert found.date == date(2027, 12, 24)


ARABIC_MONTHS = [
    ("واش Veemarkt محلول نهار 29 دجنبر؟", date(2026, 12, 29)),  # Morocco
    ("بغيت نتسجل فالغدا نهار 8 يناير", date(2027, 1, 8)),
    ("واش كاين شي نشاط نهار 3 غشت؟", date(2027, 8, 3)),
    ("هل Veemarkt مفتوح يوم 2 نونبر؟", date(2027, 11, 2)),
    ("هل Veemarkt مفتوح يوم 4 جانفي؟", date(2027, 1, 4)),  # Algeria, Tunisia
    ("هل Veemarkt مفتوح يوم 6 جويلية؟", date(2027, 7, 6)),
    ("هل المركز مفتوح في 11 شباط؟", date(2027, 2, 11)),  # the Levant, Iraq
    ("هل المركز مفتوح في 15 تشرين الأول؟", date(2027, 10, 15)),
    ("هل المركز مفتوح بدجنبر 30؟", date(2026, 12, 30)),  # "in" written onto the month
]


@pytest.mark.parametrize(("text", "day"), ARABIC_MONTHS, ids=[c[0] for c in ARABIC_MONTHS])
def test_arabic_month_names_of_every_region_name_the_date(text: str, day: date) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date == day


@pytest.mark.parametrize("text", ["ماي فريند", "مارس الرياضة", "غشت"])
def test_an_arabic_month_name_without_a_day_number_is_no_date(text: str) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date is None


def _at(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute)  # the 23rd is a Monday, the 24th a Tuesday


NEXT_MONDAY, NEXT_TUESDAY = date(2026, 11, 30), date(2026, 12, 1)

TODAYS_WEEKDAY = [
    # A centre still open later today is today; closed for the rest of the day, next week's
    ("Is Bellegem maandag open?", _at(11), MONDAY.date()),
    ("Bellegem pazartesi açık mı?", _at(13), NEXT_MONDAY),
    ("Czy Bellegem jest otwarte w poniedziałek?", _at(8, 30), MONDAY.date()),
    ("Hat Bellegem am Montag geöffnet?", _at(12, 5), NEXT_MONDAY),
    ("هل مركز Kooigem مفتوح يوم الاثنين؟", _at(9), NEXT_MONDAY),  # closed on Mondays
    # Booking: the lunch at 11:45 can be booked until it begins
    ("Schrijf me in voor het middagmaal maandag", _at(10), MONDAY.date()),
    ("Je voudrais m'inscrire au repas de midi lundi", _at(12, 30), NEXT_MONDAY),
    ("Скасуйте мій обід у понеділок", _at(11, 50), NEXT_MONDAY),
    # What is on: the café (13:30-16:00) still counts while it runs
    ("What's on in Veemarkt on Tuesday?", _at(15, day=24), date(2026, 11, 24)),
    ("Veemarkt'ta salı ne var?", _at(17, day=24), NEXT_TUESDAY),
    # "vandaag", "next" and a written date keep their meaning
    ("Is Bellegem vandaag maandag open?", _at(13), MONDAY.date()),
    ("Is Bellegem volgende maandag open?", _at(9), NEXT_MONDAY),
    ("Is Bellegem open on Monday 23 November?", _at(13), MONDAY.date()),
]


@pytest.mark.parametrize(
    ("text", "now", "day"), TODAYS_WEEKDAY, ids=[c[0] + " " + str(c[1]) for c in TODAYS_WEEKDAY]
)
def test_todays_weekday_is_today_while_what_is_asked_is_still_ahead(
    text: str, now: datetime, day: date
) -> None:
    assert understander("kortrijk").understand(text, now=now).date == day


SHORT_FORMS = [
    # A short day name right after "open" ends a question of mixed words
    ("is Veemarkt open sat?", SATURDAY),
    ("is Veemarkt open zo?", date(2026, 11, 29)),
    ("Veemarkt çrş açık mı?", WEDNESDAY),
    ("is Veemarkt open on wendsday?", WEDNESDAY),
    # Short month names beside a day number
    ("Veemarkt ouvert le 3 fév ?", date(2027, 2, 3)),
    ("Veemarkt ouvert le 14 juil ?", date(2027, 7, 14)),
    ("Hat Veemarkt am 2. Mär offen?", date(2027, 3, 2)),
    ("is Veemarkt open 3 jun?", date(2027, 6, 3)),
    ("Veemarkt 12 oca açık mı?", date(2027, 1, 12)),
    ("Czy Veemarkt jest otwarte 14 lut?", date(2027, 2, 14)),
    ("czy Veemarkt otwarte 2 gru?", date(2026, 12, 2)),
    ("чи відкрито Veemarkt 3 бер?", date(2027, 3, 3)),
]


@pytest.mark.parametrize(("text", "day"), SHORT_FORMS, ids=[c[0] for c in SHORT_FORMS])
def test_short_day_and_month_forms_name_the_day(text: str, day: date) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date == day


@pytest.mark.parametrize(
    "text", ["Is Veemarkt open zo laat?", "ik kom zo", "Sie sollten mal so offen sein"]
)
def test_a_short_day_name_that_is_another_word_names_no_day(text: str) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date is None
