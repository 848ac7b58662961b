"""Days residents name in their own words: the second day of a feast, the named days of the
season, day names typed with a slip, short day names at the end, in every language."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest

from bot.cli import main
from tests.conversations import understander

MONDAY = datetime(2026, 11, 23, 10, 0)  # Monday 23 November 2026
WEDNESDAY = datetime(2026, 11, 25, 10, 0)
BOXING_DAY = date(2026, 12, 26)
EASTER_MONDAY = date(2027, 3, 29)  # Easter 2027 is 28 March
WHIT_MONDAY = date(2027, 5, 17)
GOOD_FRIDAY = date(2027, 3, 26)

SECOND_DAYS = [
    # The second day of Christmas is 26 December, whatever the language calls it
    ("Is De Zonnewijzer open op tweede kerstdag?", BOXING_DAY),
    ("Le centre est-il ouvert le lendemain de Noël ?", BOXING_DAY),
    ("Ist das Zentrum am zweiten Weihnachtsfeiertag offen?", BOXING_DAY),
    ("Is the centre open on St Stephen's Day?", BOXING_DAY),
    ("Merkez ikinci Noel günü açık mı?", BOXING_DAY),
    ("Merkez Noel'in ikinci günü açık mı?", BOXING_DAY),
    ("Czy centrum jest otwarte w drugi dzień świąt Bożego Narodzenia?", BOXING_DAY),
    ("Чи відкритий центр на другий день Різдва?", BOXING_DAY),
    ("هل المركز مفتوح في ثاني أيام عيد الميلاد؟", BOXING_DAY),
    # ... and the second day of Easter and of Pentecost their Monday, not their Sunday
    ("Is the centre open on the second day of Easter?", EASTER_MONDAY),
    ("Le centre est-il ouvert le lendemain de Pâques ?", EASTER_MONDAY),
    ("Ist das Zentrum am zweiten Osterfeiertag offen?", EASTER_MONDAY),
    ("Merkez Paskalya'nın ikinci günü açık mı?", EASTER_MONDAY),
    ("Czy centrum jest otwarte w drugi dzień Wielkanocy?", EASTER_MONDAY),
    ("Чи відкритий центр на другий день Великодня?", EASTER_MONDAY),
    ("هل المركز مفتوح في ثاني أيام عيد الفصح؟", EASTER_MONDAY),
    ("Open op tweede pinksterdag?", WHIT_MONDAY),
    ("Ist das Zentrum am zweiten Pfingstfeiertag offen?", WHIT_MONDAY),
    ("Is the centre open on the second day of Pentecost?", WHIT_MONDAY),
    ("Merkez Pentekost'un ikinci günü açık mı?", WHIT_MONDAY),
    ("Czy centrum jest otwarte drugiego dnia Zielonych Świątek?", WHIT_MONDAY),
    ("هل المركز مفتوح في ثاني أيام عيد العنصرة؟", WHIT_MONDAY),
    # A weekday inside the holiday's name does not win over it
    ("Le centre est-il ouvert le lundi de Pentecôte ?", WHIT_MONDAY),
    ("Is the centre open on Whit Monday?", WHIT_MONDAY),
    ("Is the centre open on Good Friday?", GOOD_FRIDAY),
    ("Is De Zonnewijzer open op Goede Vrijdag?", GOOD_FRIDAY),
    ("Merkez Paskalya Pazartesi açık mı?", EASTER_MONDAY),
    ("Czy centrum jest otwarte w poniedziałek wielkanocny?", EASTER_MONDAY),
    ("Чи відкритий центр у великодній понеділок?", EASTER_MONDAY),
]


@pytest.mark.parametrize(("text", "day"), SECOND_DAYS, ids=[c[0] for c in SECOND_DAYS])
def test_the_second_day_of_a_feast_is_its_own_day(text: str, day: date) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date == day


SEASON = [
    ("Is De Zonnewijzer open op pakjesavond?", date(2026, 12, 5)),
    ("Is De Zonnewijzer open op kerstavond?", date(2026, 12, 24)),
    ("Is De Zonnewijzer open op oudejaarsavond?", date(2026, 12, 31)),
    ("Is De Zonnewijzer open op Valentijnsdag?", date(2027, 2, 14)),
    ("Is De Zonnewijzer open op Driekoningen?", date(2027, 1, 6)),
    ("Le centre est-il ouvert à la Saint-Nicolas ?", date(2026, 12, 6)),
    ("Le centre est-il ouvert à la Saint-Sylvestre ?", date(2026, 12, 31)),
    ("Le centre est-il ouvert à l'Épiphanie ?", date(2027, 1, 6)),
    ("Ist das Zentrum an Heiligabend offen?", date(2026, 12, 24)),
    ("Ist das Zentrum am Silvesterabend offen?", date(2026, 12, 31)),
    ("Ist das Zentrum am Dreikönigstag offen?", date(2027, 1, 6)),
    ("Is the centre open on St Nicholas Day?", date(2026, 12, 6)),
    ("Is the centre open on New Year's Eve?", date(2026, 12, 31)),
    ("Is the centre open on Valentine's Day?", date(2027, 2, 14)),
    ("Merkez yılbaşı gecesi açık mı?", date(2026, 12, 31)),
    ("Merkez Sevgililer Günü açık mı?", date(2027, 2, 14)),
    ("Czy centrum jest otwarte w Wigilię?", date(2026, 12, 24)),
    ("Czy centrum jest otwarte w Sylwestra?", date(2026, 12, 31)),
    ("Czy centrum jest otwarte w Trzech Króli?", date(2027, 1, 6)),
    ("Чи відкритий центр на Святвечір?", date(2026, 12, 24)),
    ("Чи відкритий центр на новорічний вечір?", date(2026, 12, 31)),
    ("Чи відкритий центр на Водохреще?", date(2027, 1, 6)),
    ("هل المركز مفتوح ليلة رأس السنة؟", date(2026, 12, 31)),
    ("هل المركز مفتوح في عيد الغطاس؟", date(2027, 1, 6)),
]


@pytest.mark.parametrize(("text", "day"), SEASON, ids=[c[0] for c in SEASON])
def test_the_named_days_of_the_season_are_dates(text: str, day: date) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date == day


def test_sinterklaas_is_the_fifth_in_the_netherlands_and_the_sixth_in_belgium() -> None:
    text = "Is het centrum open op Sinterklaas?"
    assert understander("denhaag-zuidwest").understand(text, now=MONDAY).date == date(2026, 12, 5)
    assert understander("kortrijk").understand(text, now=MONDAY).date == date(2026, 12, 6)


def _hours(question: str, capsys: pytest.CaptureFixture[str]) -> list[list[str]]:
    assert main(["ask", "--json", "--org", "kortrijk", "--at", "2026-11-23T10:00", question]) == 0
    return json.loads(capsys.readouterr().out)["hours"]


def test_a_named_day_that_is_no_public_holiday_keeps_the_usual_hours(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    # De Zonnewijzer: "Mo-Fr 08:30-17:00; PH off"; 24 and 31 December 2026 are Thursdays
    assert _hours("Is De Zonnewijzer open op kerstavond?", capsys) == [["08:30", "17:00"]]
    assert _hours("Is De Zonnewijzer open op oudejaarsavond?", capsys) == [["08:30", "17:00"]]
    assert _hours("Is De Zonnewijzer open op kerstmis?", capsys) == []


TYPOS = [
    ("Is De Zonnewijzer open vrydag?", MONDAY, date(2026, 11, 27)),
    ("Is De Zonnewijzer open donderdg?", MONDAY, date(2026, 11, 26)),
    ("activiteiten woensdg", MONDAY, date(2026, 11, 25)),
    ("Le centre est ouvert vendredie ?", MONDAY, date(2026, 11, 27)),
    ("Le centre est ouvert mecredi ?", MONDAY, date(2026, 11, 25)),
    ("Ist das Zentrum mitwoch offen?", MONDAY, date(2026, 11, 25)),
    ("Ist das Zentrum Donerstag offen?", MONDAY, date(2026, 11, 26)),
    ("Is the centre open thurday?", MONDAY, date(2026, 11, 26)),
    ("Is the centre open thrusday?", MONDAY, date(2026, 11, 26)),  # two letters swapped
    ("Merkez pazartes açık mı?", WEDNESDAY, date(2026, 11, 30)),
    ("Merkez carsmba açık mı?", MONDAY, date(2026, 11, 25)),
    ("Czy centrum jest otwarte w czwartk?", MONDAY, date(2026, 11, 26)),
    ("Czy centrum jest otwarte w poniedzialk?", WEDNESDAY, date(2026, 11, 30)),
    ("Чи відкритий центр у пятнцю?", MONDAY, date(2026, 11, 27)),
    # A month typed with a slip, next to its day
    ("Is the centre open on 5 decmber?", MONDAY, date(2026, 12, 5)),
    ("Ist das Zentrum am 5. Dezembr offen?", MONDAY, date(2026, 12, 5)),
]


@pytest.mark.parametrize(("text", "now", "day"), TYPOS, ids=[c[0] for c in TYPOS])
def test_a_day_name_typed_with_a_slip_still_names_the_day(
    text: str, now: datetime, day: date
) -> None:
    assert understander("kortrijk").understand(text, now=now).date == day


# Everyday words one letter from a day or month name, or starting like one
EVERYDAY = {
    "nl": ["vrijwilliger", "zonder", "donker", "markt", "maarten", "koffie", "wonen", "zomer"],
    "en": ["sundae", "money", "match", "marsh", "friend", "mayor", "frida", "satire"],
    "fr": ["maris", "vendre", "jeune", "marche", "avions", "merci", "venir", "lundiste"],
    "de": ["montage", "monate", "dienste", "sonne", "freizeit", "marzipan", "dezimal", "julia"],
    "tr": ["salata", "salon", "bazar", "kayış", "kasap", "sabah", "cümle", "pazarlama"],
    "pl": ["robota", "marka", "marzeń", "sobie", "czwarty", "środek", "środowisko", "cztery"],
    "uk": ["серед", "среди", "середина", "середня", "недолік", "берег", "субсидія", "четверо"],
    "ar": ["اثنان", "الجمعية", "السبب", "خمسة", "أربعة", "ثلاثة", "جمعيات"],
}


@pytest.mark.parametrize(
    "word", [w for words in EVERYDAY.values() for w in words], ids=lambda w: str(w)
)
def test_everyday_words_near_a_day_name_name_no_day(word: str) -> None:
    understand = understander("kortrijk").understand
    assert understand(word, now=MONDAY).date is None
    assert understand(f"{word} 12", now=MONDAY).date is None  # nor a month next to a number
    assert understand(f"12 {word}", now=MONDAY).date is None


SHORT_AT_THE_END = [
    ("Öffnungszeiten De Zonnewijzer Mi", date(2026, 11, 25)),
    ("Öffnungszeiten De Pelikaan Mi", date(2026, 11, 25)),  # a name in no language's words
    ("openingsuren De Zonnewijzer wo", date(2026, 11, 25)),
    ("horaires De Zonnewijzer mer", date(2026, 11, 25)),
    ("opening hours De Zonnewijzer sat", date(2026, 11, 28)),
    ("De Zonnewijzer açılış saatleri sal", date(2026, 11, 24)),
    ("Godziny otwarcia De Zonnewijzer w pt.", date(2026, 11, 27)),
    ("godziny otwarcia De Zonnewijzer sob", date(2026, 11, 28)),
]


@pytest.mark.parametrize(("text", "day"), SHORT_AT_THE_END, ids=[c[0] for c in SHORT_AT_THE_END])
def test_a_short_day_name_ends_a_question_in_its_language(text: str, day: date) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date == day


@pytest.mark.parametrize(
    "text", ["De Zonnewijzer açık mı", "Zonnewijzer açık mi", "Merkez De Zonnewijzer'de mi"]
)
def test_a_turkish_question_word_at_the_end_is_no_german_wednesday(text: str) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date is None


@pytest.mark.parametrize(
    "text",
    [
        "ik kom zo",  # "right away"
        "tot zo",
        "ik ben er zo",
        "j'aime la mer",  # the sea
        "merci pour le mer",
        "Wie geht es dir so?",
        "das ist so",
        "I love the sun",
        "what about the sun",
        "jestem tu sob",
        "bir sal",
    ],
)
def test_a_short_day_name_that_ends_an_everyday_sentence_names_no_day(text: str) -> None:
    assert understander("kortrijk").understand(text, now=MONDAY).date is None


def test_a_short_day_name_after_on_names_the_day() -> None:
    assert understander("kortrijk").understand("lunch on sun", now=MONDAY).date == date(
        2026, 11, 29
    )
