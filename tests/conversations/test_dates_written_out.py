"""A resident names a day in their own way: the day written out wins, in every language."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

MONDAY = datetime(2026, 11, 23, 10, 0)  # Monday 23 November 2026

CASES = [
    # An explicit date beats the weekday next to it (issue 14.3)
    ("Is Stene open op dinsdag 29 december?", MONDAY, date(2026, 12, 29)),
    ("Is Stene open op maandag 28 december?", datetime(2026, 12, 21, 10), date(2026, 12, 28)),
    ("Is the centre open on Tuesday the 29th?", MONDAY, date(2026, 12, 29)),
    ("dinsdag 29", MONDAY, date(2026, 12, 29)),  # the next Tuesday that is a 29th
    # A day written as its number only
    ("Le centre est ouvert le 29 ?", MONDAY, date(2026, 11, 29)),
    ("Ist das Zentrum am 29. offen?", MONDAY, date(2026, 11, 29)),
    ("Is the centre open on the 29th?", MONDAY, date(2026, 11, 29)),
    ("Merkez 29'unda açık mı?", MONDAY, date(2026, 11, 29)),
    ("Центр відкритий 29-го?", MONDAY, date(2026, 11, 29)),
    ("Czy centrum jest otwarte dnia 29?", MONDAY, date(2026, 11, 29)),
    ("هل المركز مفتوح يوم 29؟", MONDAY, date(2026, 11, 29)),
    ("Is het centrum open op de 29ste?", MONDAY, date(2026, 11, 29)),
    # A holiday keeps its date next to an activity, and wins over a weekday in its name
    ("middagmaal op paasmaandag", MONDAY, date(2027, 3, 29)),
    ("inloop op koningsdag", MONDAY, date(2027, 4, 27)),
    ("lunch on Easter Monday", MONDAY, date(2027, 3, 29)),
    ("هل المركز مفتوح يوم إثنين الفصح؟", MONDAY, date(2027, 3, 29)),
    ("wat is er op 2de kerstdag", MONDAY, date(2026, 12, 26)),
    ("wat is er op tweede kerstdag", MONDAY, date(2026, 12, 26)),
    # Short day names in all languages
    ("what is on sat", MONDAY, date(2026, 11, 28)),
    ("is het centrum open zo", MONDAY, date(2026, 11, 29)),
    ("activiteiten woe", MONDAY, date(2026, 11, 25)),
    ("Ist das Zentrum Di. offen?", MONDAY, date(2026, 11, 24)),
    ("Le centre est ouvert mer ?", MONDAY, date(2026, 11, 25)),
    ("merkez cmt açık mı", MONDAY, date(2026, 11, 28)),
    ("czy centrum jest otwarte w pt?", MONDAY, date(2026, 11, 27)),
    ("чи відкрито центр в сб?", MONDAY, date(2026, 11, 28)),
]


@pytest.mark.parametrize(("text", "now", "day"), CASES, ids=[c[0] for c in CASES])
def test_the_day_a_resident_names_is_the_day_understood(
    text: str, now: datetime, day: date
) -> None:
    assert understander("oostende").understand(text, now=now).date == day


@pytest.mark.parametrize(
    "text",
    [
        "I'd like 2 places for the Christmas party",  # a number of places is no day
        "Christmas lunch",  # the holiday names the activity
        "repas de Noël",
        "Mon centre est fermé ?",  # French "mon" is no Monday
        "Wo ist das Zentrum?",  # German "wo" is no Wednesday
        "Ik wil zo graag komen",  # Dutch "zo" is no Sunday
        "merkez açık mı",  # a Turkish question ends in "mı", no German "Mi"
    ],
)
def test_words_that_look_like_days_name_no_day(text: str) -> None:
    assert understander("oostende").understand(text, now=MONDAY).date is None
