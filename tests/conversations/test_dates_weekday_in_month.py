"""A weekday with a month and no day ("which Thursday in April is the seniors' afternoon?") is
that weekday through the month: from its first to its last, so a monthly activity is found on
whichever of them it falls (docs/dates.md "A weekday in a month")."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

WEDNESDAY = datetime(2027, 3, 10, 10, 30)

ASKED = [
    "welke donderdag in april is de seniorennamiddag?",
    "le goûter des seniors c'est quel jeudi en avril ?",
    "Wann ist im April der Seniorennachmittag, an welchem Donnerstag?",
    "which Thursday in April is the seniors' afternoon",
    "hangi perşembe nisan'da yaşlılar buluşması?",
    "w który czwartek w kwietniu jest popołudnie seniora?",
    "в який четвер у квітні зустріч для літніх?",
    "أي خميس في أبريل لقاء كبار السن؟",
]


@pytest.mark.parametrize("text", ASKED)
def test_a_weekday_in_a_month_is_every_such_day_of_it(text: str) -> None:
    understood = understander("kortrijk").understand(text, now=WEDNESDAY)
    assert (understood.date, understood.until) == (date(2027, 4, 1), date(2027, 4, 29))


def test_in_the_current_month_it_runs_from_today() -> None:
    understood = understander("kortrijk").understand(
        "wat is er op zaterdag in maart", now=WEDNESDAY
    )
    assert (understood.date, understood.until) == (date(2027, 3, 13), date(2027, 3, 27))


def test_a_month_in_another_sentence_leaves_the_weekday_alone() -> None:
    understood = understander("kortrijk").understand(
        "Is Bellegem open op maandag? In april ga ik op reis", now=WEDNESDAY
    )
    assert (understood.date, understood.until) == (date(2027, 3, 15), None)


def test_may_as_a_verb_is_no_month() -> None:
    understood = understander("kortrijk").understand(
        "May I come along on Thursday? Please put me on the list", now=WEDNESDAY
    )
    assert (understood.date, understood.until) == (date(2027, 3, 11), None)


def test_in_may_is_the_month() -> None:
    understood = understander("kortrijk").understand(
        "which Thursday in May is the seniors' afternoon?", now=WEDNESDAY
    )
    assert (understood.date, understood.until) == (date(2027, 5, 6), date(2027, 5, 27))
