"""Asked during a centre's lunch break, "when does it open again?" is about this afternoon: the
answer is today's hours, not a day next week."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

IN_THE_BREAK = datetime(2027, 1, 13, 12, 20)  # Wednesday: Hazegras is 09:00-12:00, 13:00-16:30

CASES = [
    "hoe laat gaat Hazegras weer open na de middag?",
    "wanneer is hazegras terug open",
    "À quelle heure Hazegras rouvre après la pause de midi ?",
    "Wann macht Hazegras nach der Mittagspause wieder auf?",
    "what time does hazegras open again after lunch",
    "Hazegras öğle arasından sonra saat kaçta tekrar açılıyor?",
    "o której Hazegras znowu otwiera po przerwie?",
    "коли Хазеграс знову відкриється після обідньої перерви?",
    "متى يفتح هازيغراس مرة ثانية بعد استراحة الغداء؟",
]


@pytest.mark.parametrize("text", CASES)
def test_open_again_in_the_lunch_break_is_this_afternoon(text: str) -> None:
    understood = understander("oostende").understand(text, now=IN_THE_BREAK)
    assert understood.intent == "opening_hours"
    assert understood.centre == "hazegras"
    assert understood.date is None  # today: its hours, with the afternoon still ahead


def test_open_again_on_a_closed_day_is_the_next_open_day() -> None:
    saturday = datetime(2027, 1, 16, 10, 0)
    understood = understander("oostende").understand("when does hazegras open again", now=saturday)
    assert understood.date == date(2027, 1, 18)


def test_open_again_today_before_the_break_is_today() -> None:
    morning = datetime(2027, 1, 13, 9, 30)  # Hazegras closes 12:00-13:00 today
    understood = understander("oostende").understand(
        "Hazegras öğlen kapalı mı? saat kaçta tekrar açılıyor bugün", now=morning
    )
    assert understood.date == date(2027, 1, 13)
