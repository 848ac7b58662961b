"""Residents keep their own language through typing, buttons, consent and a sign-up, over HTTP.

Both have a Dutch phone (Telegram reports `nl`): the French speaker writes in French, the Arabic
speaker asks about Dutch lessons in Arabic. Every message the bot sends them is in their language.
"""

from __future__ import annotations

import re

from telegram.ext import Application

from conversations.i18n import Translator
from conversations.payloads import (
    Hours,
    Menu,
    Payload,
    SignupCalendar,
    SignupCompanions,
    SignupConfirm,
    SignupConsent,
    SignupDate,
    SignupOption,
    SignupStart,
    SignupTariff,
)

from .botapi_double import BotApiDouble, Call

FRENCH = 6161
ARABIC = 6262
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")
# The sign-up steps, in the order a resident taps through them: consent, a day, the menu, no
# companions, no reduced tariff, yes.
STEPS: tuple[Payload | type[Payload], ...] = (
    SignupConsent(),
    SignupDate,
    SignupOption,
    SignupCompanions(0),
    SignupTariff(False),
    SignupConfirm(),
)


def tap(api: BotApiDouble, user: int, message: Call, wanted: Payload | type[Payload]) -> None:
    """Press the button of `message` that is `wanted` (that value, or the first of that type)."""
    data = message.find(wanted)
    api.queue_callback(user, data)  # the client language stays Dutch


def _is(offered: Payload | str, wanted: Payload | type[Payload]) -> bool:
    return offered == wanted or (isinstance(wanted, type) and isinstance(offered, wanted))


async def sign_up(api: BotApiDouble, user: int, first: Call, sent: int) -> list[Call]:
    """Tap through a sign-up from `first`; every message the bot sent on the way."""
    seen = [first]
    message = first
    for _ in range(len(STEPS) + 2):
        offered = message.payloads()
        step = next((p for p in STEPS if any(_is(d, p) for d in offered)), None)
        if step is None:
            break
        tap(api, user, message, step)
        sent += 1
        *_, message = await api.wait_for_sent(user, sent)
        seen.append(message)
    return seen


async def test_a_french_speaker_with_a_dutch_phone_signs_up_in_french(
    api: BotApiDouble, bot: Application
) -> None:
    fr = Translator("fr")
    api.queue_text(FRENCH, "Bonjour, je voudrais m'inscrire au déjeuner de Noël")
    (consent,) = await api.wait_for_sent(FRENCH)
    assert fr.gettext("Is that all right?") in consent.text
    messages = await sign_up(api, FRENCH, consent, 1)
    done = messages[-1]
    assert any(isinstance(d, SignupCalendar) for d in done.payloads())  # signed up: calendar file
    assert "décembre" in done.text
    for message in messages[1:]:
        assert "december" not in message.text  # never the Dutch month
    api.queue_callback(FRENCH, Menu())
    *_, menu = await api.wait_for_sent(FRENCH, len(messages) + 1)
    assert fr.gettext("What would you like to know?") in menu.text


async def test_an_arabic_speaker_asking_about_dutch_lessons_stays_in_arabic(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_text(ARABIC, "هل هناك دروس في اللغة الهولندية؟")
    (answer,) = await api.wait_for_sent(ARABIC)
    assert ARABIC_LETTERS.search(answer.text)
    assert Translator("nl").gettext("From now on I will answer in English.") not in answer.text
    assert "Vanaf nu" not in answer.text
    tap(api, ARABIC, answer, SignupStart)
    *_, consent = await api.wait_for_sent(ARABIC, 2)
    messages = await sign_up(api, ARABIC, consent, 2)
    assert any(isinstance(d, SignupCalendar) for d in messages[-1].payloads())
    for message in messages:
        assert ARABIC_LETTERS.search(message.text), message.text
        assert "\u2066" in message.text  # dates and times isolated inside Arabic
    api.queue_callback(ARABIC, Hours())
    *_, hours = await api.wait_for_sent(ARABIC, len(messages) + 2)
    assert ARABIC_LETTERS.search(hours.text)
