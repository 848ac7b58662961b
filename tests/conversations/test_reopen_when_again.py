"""Asked during a closure, "when again?" words ("коли знову", "kiedy znowu", "tekrar ne zaman")
ask when the centre opens again, even where the same words also ask for "the next one"."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conversations import understander

IN_THE_CLOSURE = datetime(2026, 12, 29, 10, 0)  # Stene is closed for maintenance 28-30 December

CASES = [
    ("nl", "Stene is dicht voor werken? wanneer is het weer open"),
    ("fr", "Stene est fermé pour travaux ? il rouvre quand"),
    ("de", "Stene ist wegen Arbeiten zu, wann ist es wieder offen?"),
    ("en", "stene closed for works?? when is it open again"),
    ("tr", "Stene bakım için kapalı mı? tekrar ne zaman açılıyor"),
    ("pl", "Stene zamknięte na remont? kiedy znowu otwarte"),
    ("uk", "Stene закритий на ремонт? коли знову відкриється?"),
    ("uk", "коли знову працює Stene після ремонту"),
    ("ar", "مركز ستينه مسكّر للصيانة؟ امتى يفتح من جديد"),
]


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_when_again_in_a_closure_is_the_day_it_reopens(lang: str, text: str) -> None:
    understood = understander("oostende").understand(
        text, now=IN_THE_CLOSURE, client_language=lang
    )
    assert understood.intent == "opening_hours"
    assert understood.centre == "stene"
    assert understood.date == date(2026, 12, 31)


def test_when_the_next_walk_is_stays_a_next_activity() -> None:
    understood = understander("oostende").understand(
        "коли знову буде прогулянка?", now=IN_THE_CLOSURE, client_language="uk"
    )
    assert understood.intent == "activities"


TOLD_TODAY = [
    ("fr", "Stene rouvre quand ? j'ai trouvé porte close ce matin"),
    ("nl", "wanneer is Stene terug open? ik stond vanmorgen voor een gesloten deur"),
    ("en", "when does stene open again? it was shut this morning"),
    ("de", "Wann macht Stene wieder auf? Heute früh war zu"),
]


@pytest.mark.parametrize(("lang", "text"), TOLD_TODAY)
def test_today_told_as_when_it_was_shut_still_asks_the_reopening(lang: str, text: str) -> None:
    understood = understander("oostende").understand(
        text, now=IN_THE_CLOSURE, client_language=lang
    )
    assert understood.intent == "opening_hours"
    assert understood.date == date(2026, 12, 31)
