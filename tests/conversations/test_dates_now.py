"""A word for "now" names today when opening hours or a desk are asked (docs/dates.md "Now").

The committed sets disagreed (one "teraz" row expected today's date, one "şimdi" row none); the
convention is that "is it open now?" is a question about today, like "is it open today?", and
reports today's date with today's hours. Elsewhere "now" names no day: "I'd like to sign up now
for the lunch" is about the lunch's next date, not today.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

WEDNESDAY = datetime(2027, 3, 10, 10, 30)  # Hazegras: 09:00-12:00, 13:00-16:30

NOW = [
    "is Hazegras nu open?",
    "hazegras momenteel open of dicht",
    "Hazegras est ouvert en ce moment ?",
    "hat Hazegras jetzt auf",
    "is hazegras open right now",
    "Hazegras şu an açık mı",
    "czy Hazegras jest teraz czynny",
    "Хазеграс зараз працює?",
    "هل هازيغراس مفتوح الآن؟",
]


@pytest.mark.parametrize("text", NOW)
def test_open_now_is_today(text: str) -> None:
    understood = understander("oostende").understand(text, now=WEDNESDAY)
    assert understood.intent == "opening_hours"
    assert understood.centre == "hazegras"
    assert understood.date == date(2027, 3, 10)


@pytest.mark.parametrize(
    "text",
    ["nu ik eraan denk: is Hazegras zaterdag open?", "now, is hazegras open on saturday?"],
)
def test_a_day_named_beside_now_wins(text: str) -> None:
    understood = understander("oostende").understand(text, now=WEDNESDAY)
    assert understood.date == date(2027, 3, 13)


@pytest.mark.parametrize(
    "text",
    [
        "wat is er nu allemaal te doen in Hazegras deze maand",
        "I now live near the station, which centre is closest?",
    ],
)
def test_now_names_no_day_outside_opening_hours(text: str) -> None:
    understood = understander("oostende").understand(text, now=WEDNESDAY)
    assert understood.intent != "opening_hours"
    assert understood.date in (None, date(2027, 3, 10))
    assert understood.date is None or understood.until is not None


@pytest.mark.parametrize(
    "text",
    [
        "y a-t-il quelqu'un maintenant pour m'aider avec mes factures ?",
        "is anyone there right now to help me with my pension papers?",
        "czy jest teraz ktoś, kto pomoże mi z rachunkami?",
    ],
)
def test_a_desk_asked_for_now_is_today(text: str) -> None:
    understood = understander("oostende").understand(text, now=WEDNESDAY)
    assert understood.intent == "service_desk"
    assert understood.date == date(2027, 3, 10)


@pytest.mark.parametrize(
    "text", ["welke cursussen zijn er nu?", "what activities do you have at the moment?"]
)
def test_what_there_is_now_is_these_days_not_today(text: str) -> None:
    understood = understander("oostende").understand(text, now=WEDNESDAY)
    assert understood.intent == "activities"
    assert understood.date is None
