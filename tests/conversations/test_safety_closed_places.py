"""A place that is closed is no person locked in: "Vijfhoek jest teraz zamknięty?" asks the
hours, while "jestem zamknięta w domu" and "mama jest zamknięta w pokoju" are a crisis."""

from __future__ import annotations

import pytest

from conversations.safety import detect

CLOSED_PLACES = [
    "Vijfhoek jest teraz zamknięty? kiedy będzie znowu otwarte",
    "biblioteka jest dziś zamknięta?",
    "czy Stene jest zamknięty na klucz w weekend?",
    "Daknam jest zamknięty przez remont, do kiedy?",
    "Vijfhoek зараз закритий? коли знову відкриється",
    "Vijfhoek şu an kapalı mı? ne zaman açılır",
    "Is Vijfhoek locked up now? when does it open",
    "مركز فايفهوك مسكر هلق؟ امتى بيفتح",
]


@pytest.mark.parametrize("text", CLOSED_PLACES)
def test_a_closed_place_raises_no_alarm(text: str) -> None:
    signal = detect(text)
    assert signal is None or signal.kind not in {"violence", "suicide", "self_harm", "medical"}


LOCKED_IN = [
    "jestem zamknięta w domu, on nie pozwala mi wyjść",
    "mama jest zamknięta w pokoju przez brata od wczoraj",
    "maż mnie bije, siedzę zamknięta w łazience",
]


@pytest.mark.parametrize("text", LOCKED_IN)
def test_a_person_locked_in_is_violence(text: str) -> None:
    signal = detect(text)
    assert signal is not None and signal.kind == "violence"
