"""Polish words of a resident's world that are no crisis: a place that is closed is no person
locked in ("Vijfhoek jest teraz zamknięty?" asks the hours, while "jestem zamknięta w domu" and
"mama jest zamknięta w pokoju" are a crisis), and a parent who "już sama nie daje rady" (can't
manage on her own any more) needs care, while "już nie daję rady" said alone is still a crisis."""

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


MANAGING_ALONE = [
    "gdzie mogę zrobić pedicure? mama już sama nie daje rady",
    "tata już sam nie daje rady z zakupami, jest ktoś do pomocy?",
    "babcia już sama nie daje rady w kuchni, czy jest obiad z dowozem?",
]


@pytest.mark.parametrize("text", MANAGING_ALONE)
def test_a_parent_who_cannot_manage_alone_raises_no_alarm(text: str) -> None:
    signal = detect(text)
    assert signal is None or signal.kind not in {"violence", "suicide", "self_harm", "medical"}


@pytest.mark.parametrize(
    "text",
    [
        "już nie daję rady",
        "jestem sama, już nie daję rady",
        "ja już sama nie daję rady z tym wszystkim, nie chcę żyć",
    ],
)
def test_not_coping_said_of_oneself_is_still_a_crisis(text: str) -> None:
    signal = detect(text)
    assert signal is not None and signal.kind == "suicide"
