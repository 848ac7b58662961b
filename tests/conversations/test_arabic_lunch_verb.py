"""The Arabic verb "to have lunch" ("اتغدى", "نتغدى") names the lunch, as the noun "الغدا" does:
"where can I have lunch on Friday?" lists our lunches that day; a restaurant by the sea is still
out of scope. Retraining the intent model with set 20 had tipped the verb-only question to
`unknown`: the lexicon, not the model's margin, now decides it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

WEDNESDAY = datetime(2027, 1, 27, 13, 0)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("وين فيني اتغدى يوم الخميس؟", date(2027, 1, 28)),
        ("فين نقدر نتغدى غدا؟", date(2027, 1, 28)),
        ("وين بقدر اتغدى يوم الجمعة؟", date(2027, 1, 29)),
    ],
)
def test_where_to_have_lunch_lists_our_lunches(text: str, day: date) -> None:
    understood = understander("oostende").understand(text, now=WEDNESDAY)
    assert (understood.intent, understood.date) == ("activities", day)
    assert "lunch" in understood.activity_kinds


def test_a_restaurant_by_the_sea_is_still_elsewhere() -> None:
    understood = understander("oostende").understand(
        "وين في مطعم منيح نتغدى فيه قرب البحر؟", now=WEDNESDAY
    )
    assert understood.intent == "unknown"
