"""An hour of the clock next to a weekday is a time, not a day of the month: "Wednesday at 10
o'clock" is the coming Wednesday, not the next Wednesday that falls on the 10th."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

TUESDAY = datetime(2027, 9, 28, 8, 30)  # Tuesday 28 September 2027
WEDNESDAY = date(2027, 9, 29)

CASES = [
    ("zet me op woensdag om 10 uur voor de pedicure", "nl"),
    ("pedicure woensdag 10 uur graag", "nl"),
    ("inscrivez-moi à la pédicure mercredi à 10 heures", "fr"),
    ("pédicure mercredi 10h svp", "fr"),
    ("Bitte Fußpflege am Mittwoch um 10 Uhr", "de"),
    ("Fußpflege Mittwoch 10 Uhr", "de"),
    ("book me for the pedicure on Wednesday at 10 o'clock", "en"),
    ("pedicure wednesday 10 am please", "en"),
    ("çarşamba saat 10 pedikür için yazın beni", "tr"),
    ("pedikür çarşamba saat 11 olur mu", "tr"),
    ("zapisz mnie na pedicure w środę o 10", "pl"),
    ("pedicure w środę na godzinę 10", "pl"),
    ("запишіть мене на педикюр у середу на 10 годину", "uk"),
    ("педикюр в середу о 10 годині", "uk"),
    ("سجلني في الباديكير يوم الأربعاء الساعة 10", "ar"),
    ("باديكير الأربعاء 10 صباحا", "ar"),
]


@pytest.mark.parametrize(("text", "lang"), CASES, ids=[c[0] for c in CASES])
def test_an_hour_beside_a_weekday_is_no_day_of_the_month(text: str, lang: str) -> None:
    understood = understander("oostende").understand(text, now=TUESDAY)
    assert understood.date == WEDNESDAY


@pytest.mark.parametrize(
    "text",
    ["woensdag 10 november", "mercredi le 10", "Wednesday the 10th", "у середу 10-го"],
)
def test_a_day_number_beside_a_weekday_is_still_that_day(text: str) -> None:
    understood = understander("oostende").understand(text, now=TUESDAY)
    assert understood.date == date(2027, 11, 10)
