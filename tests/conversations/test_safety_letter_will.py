"""A letter that says something will happen is no testament (blind set 47, 2026-12-08): "we got a
letter saying our huurtoeslag will be stopped, who can help us?" was answered with the suicide
helplines, because the English pattern of farewell letters beside a will took the modal "will"
for the document. The document is "my will", "a will", "the will" or "testament"; the letters
and notes left beside it stay a crisis."""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS, SUICIDE, detect

ORDINARY = [
    "we got a letter saying our huurtoeslag (rent benefit) will be stopped, who can help us?",
    "the letter from the council says my allowance will go down, where can I ask about it?",
    "I got a letter, they will cut the gas next week, can someone help me read it?",
]
CRISES = [
    "ive written letters for the kids and sorted the will. just wanted someone to know",
    "I've left notes for everyone and my will is on the table, I won't be here tomorrow",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_a_letter_about_what_will_happen_is_no_alarm(text: str) -> None:
    signal = detect(text, lang="en")
    assert signal is None or signal.kind not in KINDS, signal.explain() if signal else None


@pytest.mark.parametrize("text", CRISES)
def test_farewell_letters_beside_a_will_stay_a_crisis(text: str) -> None:
    signal = detect(text, lang="en")
    assert signal is not None and signal.kind == SUICIDE
