"""Chat slang for suicide ("kms", "unalive myself") is a crisis; the letters in another sense
("KMS form", "kms lol" about a late bus) are not."""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS, detect


@pytest.mark.parametrize(
    "text",
    [
        "i want to kms",
        "honestly gonna kms tonight",
        "thinking about unaliving myself",
        "i might unalive myself",
    ],
)
def test_suicide_slang_is_a_crisis(text: str) -> None:
    signal = detect(text, lang="en")
    assert signal is not None and signal.kind == "suicide"


@pytest.mark.parametrize(
    "text", ["kms lol this bus is late again", "the KMS form for my pension, where do I get it?"]
)
def test_the_letters_elsewhere_raise_nothing(text: str) -> None:
    signal = detect(text, lang="en")
    assert signal is None or signal.kind not in KINDS
