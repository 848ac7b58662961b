"""An exhaustion idiom beside money, bills or letters ("help with my debts? I can't cope") is a
worry to answer kindly, never a crisis alarm; the idiom said alone still is one."""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS, detect

WORRIES = [
    ("Where can I get help with letters from the council and my debts? I can't cope", "en"),
    (
        "Waar kan ik hulp krijgen met de brieven van de gemeente en mijn schulden? "
        "ik kan het niet meer aan",
        "nl",
    ),
    ("Où trouver de l'aide pour mes dettes et toutes ces factures ? je n'en peux plus", "fr"),
    ("Wer hilft mir mit den Mahnungen und Schulden? Ich kann nicht mehr", "de"),
    ("borçlarım ve faturalarım için nereye gidebilirim? artık dayanamıyorum", "tr"),
    ("وين بقدر روح مشان الديون والفواتير؟ ما عدت قادر", "ar"),
    ("Gdzie mogę dostać pomoc z listami z gminy i długami? nie daję rady", "pl"),
    ("Де мені допоможуть з боргами і рахунками? я вже не можу", "uk"),
]


@pytest.mark.parametrize(("text", "lang"), WORRIES, ids=[w[1] for w in WORRIES])
def test_an_exhaustion_idiom_beside_money_worries_raises_no_alarm(text: str, lang: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is None or signal.kind not in KINDS


@pytest.mark.parametrize(
    ("text", "lang"),
    [("I can't cope anymore", "en"), ("nie daję rady", "pl"), ("ik kan het niet meer aan", "nl")],
)
def test_the_idiom_alone_is_still_a_crisis(text: str, lang: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is not None and signal.kind in KINDS
