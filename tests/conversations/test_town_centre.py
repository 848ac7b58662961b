"""The centre in the town centre is named by the town centre in any language ("the one in the
town centre", "şehir merkezindeki merkez", "وسط المدينة"), when one centre's district is it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation
from tests.conversations import understander

DATA = Path(__file__).parent / "data"
NOW = datetime(2027, 1, 13, 10, 0)  # a Wednesday

CASES = [
    ("is the one in the town centre open tomorrow?", "en"),
    ("any activities tomorrow at the city centre one?", "en"),
    ("is het buurthuis in het stadscentrum morgen open?", "nl"),
    ("le centre au centre-ville est ouvert demain ?", "fr"),
    ("Hat das Zentrum in der Innenstadt morgen offen?", "de"),
    ("şehir merkezindeki merkez yarın açık mı?", "tr"),
    ("czy ośrodek w centrum miasta jest jutro otwarty?", "pl"),
    ("чи працює завтра центр у центрі міста?", "uk"),
    ("هل المركز في وسط المدينة مفتوح غدا؟", "ar"),
]


def _invented() -> Understander:
    return Understander(load_organisation(DATA / "lindewaarde.yaml"))


@pytest.mark.parametrize(("text", "lang"), CASES, ids=[c[0] for c in CASES])
def test_the_town_centre_names_the_centre_of_the_town_centre(text: str, lang: str) -> None:
    assert _invented().understand(text, now=NOW).centre == "vonk"
    assert understander("oostende").understand(text, now=NOW).centre == "centrum"


def test_no_centre_when_no_district_is_the_town_centre() -> None:
    understood = understander("kortrijk").understand(
        "is the one in the town centre open tomorrow?", now=NOW
    )
    assert understood.centre != "centrum"
