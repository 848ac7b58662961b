"""Ukrainian "пропоную свою допомогу" (I offer my help) is an offer to volunteer, while
"пропоную відкрити ..." (I suggest opening ...) stays a suggestion: the suggestion verbs added
for feedback had taken the offer of help with them."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conversations import understander

MONDAY = datetime(2027, 1, 11, 10, 0)


@pytest.mark.parametrize(
    "text",
    [
        "пропоную свою допомогу як волонтерка",
        "пропоную свою допомогу в кухні, знаю українську і нідерландську",
        "можу запропонувати свою допомогу на святі",
    ],
)
def test_offering_ones_help_is_volunteering(text: str) -> None:
    assert understander("oostende").understand(text, now=MONDAY).intent == "volunteer"


def test_suggesting_an_opening_day_is_still_feedback() -> None:
    text = "пропоную відкрити центр у суботу, багато людей працює"
    assert understander("oostende").understand(text, now=MONDAY).intent == "feedback"
