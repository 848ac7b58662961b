""" "17.05" may be a day (17 May) or an hour (five past five). Said bare, as the only day of the
message, it is the day; beside an hour's word ("om", "at", "uur"), a range ("tot", "9.00-10.10")
or after a weekday it does not fall on, it is an hour. A weekday's hour ("maandag 10.30") is
never read as a day of the month."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

FRIDAY = datetime(2027, 5, 14, 10, 0)  # 17 May 2027 is Whit Monday, 24 May a Monday

BARE_DAY = [
    ("nl", "is Stene open 17.05? is dat geen feestdag"),
    ("fr", "Stene est ouvert le 17.05 ?"),
    ("de", "Hat Stene am 17.05 geöffnet?"),
    ("en", "is stene open 17.05 or is it a bank holiday"),
    ("tr", "Stene 17.05 açık mı? bayram mı o gün"),
    ("pl", "czy Stene jest otwarte 17.05? to chyba jakieś święto"),
    ("uk", "Stene працює 17.05? це ж свято"),
    ("ar", "هل مركز ستينه مفتوح يوم 17.05؟"),
]


@pytest.mark.parametrize(("lang", "text"), BARE_DAY)
def test_a_bare_dotted_day_is_that_day(lang: str, text: str) -> None:
    understood = understander("oostende").understand(text, now=FRIDAY, client_language=lang)
    assert understood.intent == "opening_hours"
    assert understood.date == date(2027, 5, 17)


HOURS = [
    ("nl", "is Stene nog open om 17.05"),
    ("en", "is stene open until 10.10"),
    ("de", "Ist Stene bis 17.05 offen?"),
    ("nl", "Stene open 9.00-10.10?"),
    ("pl", "czy Stene jest otwarte o 10.05"),
]


@pytest.mark.parametrize(("lang", "text"), HOURS)
def test_a_dotted_hour_beside_an_hours_word_is_no_day(lang: str, text: str) -> None:
    understood = understander("oostende").understand(text, now=FRIDAY, client_language=lang)
    assert understood.date is None


WEEKDAY_HOURS = [
    ("nl", "is Stene maandag 10.30 open?"),
    ("fr", "Stene est ouvert lundi 10h30 ?"),
    ("pl", "czy Stene jest otwarte w poniedziałek 10.30?"),
    ("tr", "Stene pazartesi 10.30 açık mı"),
    ("uk", "Stene працює в понеділок 10:30?"),
    ("nl", "is Stene maandag 10.05 open?"),  # 10 May is past and 10.05.2028 is no Monday
]


@pytest.mark.parametrize(("lang", "text"), WEEKDAY_HOURS)
def test_an_hour_after_a_weekday_is_no_day_of_the_month(lang: str, text: str) -> None:
    understood = understander("oostende").understand(text, now=FRIDAY, client_language=lang)
    assert understood.date == date(2027, 5, 17)  # the coming Monday


def test_a_dotted_day_that_falls_on_the_weekday_named_is_that_day() -> None:
    understood = understander("oostende").understand(
        "is Stene maandag 24.05 open?", now=FRIDAY, client_language="nl"
    )
    assert understood.date == date(2027, 5, 24)


@pytest.mark.parametrize(
    "text",
    ["salıdan itibaren Stene'de ne var?", "Stene'de salıdan itibaren hangi etkinlikler var"],
)
def test_turkish_from_after_the_day_is_no_thing_in_town(text: str) -> None:
    understood = understander("oostende").understand(text, now=FRIDAY, client_language="tr")
    assert understood.intent == "activities"
    assert understood.centre == "stene"
