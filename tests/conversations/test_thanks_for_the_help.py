"""Thanks for the bot's help ("thanks, that was really helpful") is thanks; praise of an activity
or a person ("the teacher was very helpful") stays feedback."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conversations import understander

NOW = datetime(2027, 5, 10, 10, 0)

THANKS = [
    "Thanks a lot, that was really helpful!",
    "thank you, you helped me",
    "Bedankt, dat was echt nuttig!",
    "merci, u hebt me goed geholpen",
    "Merci, c'était très utile",
    "Danke, das war sehr hilfreich",
    "Teşekkürler, çok yardımcı oldu",
    "شكرا، كان مفيد جدا",
    "Dziękuję, to było bardzo pomocne",
    "Дякую, це було дуже корисно",
]


@pytest.mark.parametrize("text", THANKS)
def test_thanks_for_the_help_is_thanks(text: str) -> None:
    assert understander("oostende").understand(text, now=NOW).intent == "thanks"


@pytest.mark.parametrize(
    "text",
    [
        "The teacher of the tablet course was very helpful",
        "De lesgever van de tabletcursus was heel behulpzaam, bedankt",
        "The lunch was really good, thanks",
    ],
)
def test_praise_of_an_activity_stays_feedback(text: str) -> None:
    assert understander("oostende").understand(text, now=NOW).intent == "feedback"
