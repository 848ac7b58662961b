"""Spoken Arabic "this year", "this time", "this month" (هالسنة, هالمرة, هالشهر) are no typo of
a centre's name (هالسنة is one letter from ليستن, an alias of De Leesten)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation

ORG = Path(__file__).parents[1] / "eval" / "blind" / "orgs" / "zutphen.yaml"
NOW = datetime(2027, 11, 30, 10, 0)


@pytest.mark.parametrize(
    "text",
    [
        "هل في عشاء عيد الميلاد هالسنة؟",
        "في غداء هالسنة بالمركز؟",
        "هل في رحلة هالسنة؟",
        "شو في نشاطات هالشهر؟",
        "بدي سجل هالمرة بالبينغو",
    ],
)
def test_this_year_names_no_centre(text: str) -> None:
    understood = Understander(load_organisation(ORG)).understand(text, now=NOW)
    assert understood.centre is None


def test_the_christmas_dinner_asked_this_year_is_found() -> None:
    understood = Understander(load_organisation(ORG)).understand(
        "هل في عشاء عيد الميلاد هالسنة؟ وقديش سعره؟", now=NOW
    )
    assert understood.activity == "christmas-dinner"
