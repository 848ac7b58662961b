""" "What can this app do?" asks what the bot is for, in every language, beside a centre whose
smartphone café and digital desk share the word "app"; an app that does not work is still the
digital desk. Retraining the intent model with set 20 had tipped development set 6's "wat kan
deze app eigenlijk allemaal" to a desk: the lexicon's `bot_help` phrases now decide the class."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conversations import understander

MONDAY = datetime(2027, 1, 11, 10, 0)


@pytest.mark.parametrize(
    "text",
    [
        "wat doet die app allemaal",
        "qu'est-ce qu'elle peut faire cette appli ?",
        "was kann diese App eigentlich alles",
        "what can this app actually do",
        "bu uygulama neler yapabiliyor",
        "co właściwie potrafi ta aplikacja",
        "що вміє цей додаток?",
        "شو بيعمل هالتطبيق؟",
    ],
)
def test_what_this_app_can_do_is_bot_help(text: str) -> None:
    assert understander("oostende").understand(text, now=MONDAY).intent == "bot_help"


@pytest.mark.parametrize(
    "text",
    [
        "die app van de bank werkt niet, kan iemand helpen",
        "Diese App der Bank funktioniert nicht, wer hilft mir?",
    ],
)
def test_an_app_that_does_not_work_is_still_the_digital_desk(text: str) -> None:
    assert understander("oostende").understand(text, now=MONDAY).intent == "service_desk"
