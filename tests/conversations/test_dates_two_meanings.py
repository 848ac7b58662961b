"""Day words that are other words too: Arabic "أحد" (someone) and "اثنين" (two) are Sunday and
Monday only with the article ("الأحد", "يوم الاثنين"); Dutch "zat" (sat) is Saturday only where a
short day name would be ("op zat", "zat 13/3"); Levantine "هال" + a day is this coming day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

WEDNESDAY = datetime(2027, 3, 10, 10, 30)
SATURDAY, SUNDAY, MONDAY, THURSDAY = (date(2027, 3, d) for d in (13, 14, 15, 11))


@pytest.mark.parametrize(
    "text",
    [
        "هل يمكن أن يتصل بي أحد بخصوص فاتورة الكهرباء؟",
        "ممكن احد يساعدني في الهاتف",
        "هل يوجد أحد يتكلم العربية في هازيغراس؟",
        "بدي احجز لاثنين بالغداء",
        "Vroeger zat ik in een koor, hebben jullie er een?",
        "ik zat gisteren bij de kapper, wanneer is de volgende pedicure?",
    ],
)
def test_someone_two_and_sat_name_no_day(text: str) -> None:
    assert understander("oostende").understand(text, now=WEDNESDAY).date is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("هل هازيغراس مفتوح يوم الأحد؟", SUNDAY),
        ("هازيغراس مفتوح الاحد؟", SUNDAY),
        ("شو في بالأحد", SUNDAY),
        ("هل هازيغراس مفتوح الإثنين", MONDAY),
        ("هازيغراس الاثنين", MONDAY),
        ("Hazegras open op zat?", SATURDAY),
        ("hazegras open zat 13/3", SATURDAY),
        ("بدي سجل بالغدا هالخميس أنا وبنتي", THURSDAY),
        ("هازيغراس مفتوح هالسبت؟", SATURDAY),
        ("شو في هالأحد", SUNDAY),
    ],
)
def test_the_day_names_still_name_their_day(text: str, day: date) -> None:
    assert understander("oostende").understand(text, now=WEDNESDAY).date == day
