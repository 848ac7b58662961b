"""Residents who type instead of tapping: a whole lunch sign-up in Dutch and in Turkish, and a
question asked halfway that is answered while the sign-up waits, over HTTP as on Telegram."""

from __future__ import annotations

from datetime import timedelta

from telegram.ext import Application

from conversations.payloads import Resume, SignupConfirm
from storage.clock import FixedClock

from .botapi_double import BotApiDouble, Call

DUTCH = 6161
TURKISH = 6262


class Typist:
    """One resident typing, a little while between messages (as people do)."""

    def __init__(self, api: BotApiDouble, clock: FixedClock, user: int, lang: str) -> None:
        self.api, self.clock, self.user, self.lang = api, clock, user, lang
        self.seen = 0

    async def says(self, words: str) -> Call:
        """Type `words`; the last message the bot sent back."""
        self.clock.advance(timedelta(seconds=20))
        self.api.queue_text(self.user, words, language_code=self.lang)
        return await self._next()

    async def taps(self, data: str) -> Call:
        """Press a button; the last message the bot sent back."""
        self.clock.advance(timedelta(seconds=20))
        self.api.queue_callback(self.user, data, language_code=self.lang)
        return await self._next()

    async def _next(self) -> Call:
        self.seen += 1
        sent = await self.api.wait_for_sent(self.user, self.seen)
        self.seen = len(sent)
        return sent[-1]


async def test_a_lunch_sign_up_typed_entirely_in_dutch(
    api: BotApiDouble, bot: Application, clock: FixedClock
) -> None:
    anna = Typist(api, clock, DUTCH, "nl")
    days = await anna.says("Ik wil me inschrijven voor het middagmaal in Centrum")
    assert "welke dag" in days.text
    consent = await anna.says("woensdag")
    assert "bewaar ik een paar gegevens" in consent.text
    meal = await anna.says("ja")
    assert "woensdag 25 november" in meal.text and "Maaltijd" in meal.text
    tariff = await anna.says("vegetarisch graag")
    assert "verminderd tarief" in tariff.text
    check = await anna.says("nee")
    assert "Maaltijd: Vegetarisch" in check.text and "9,50" in check.text
    assert SignupConfirm() in check.payloads()
    done = await anna.says("ja, graag")
    assert "Je bent ingeschreven voor Middagmaal, woensdag 25 november" in done.text
    assert "niet begrepen" not in " ".join(c.text for c in api.sent_to(DUTCH))


async def test_a_lunch_sign_up_typed_entirely_in_turkish(
    api: BotApiDouble, bot: Application, clock: FixedClock
) -> None:
    ayse = Typist(api, clock, TURKISH, "tr")
    days = await ayse.says("Centrum'da öğle yemeğine kaydolmak istiyorum")
    assert "hangi günü" in days.text
    consent = await ayse.says("perşembe")
    assert "bilgi saklamam" in consent.text
    meal = await ayse.says("evet")
    assert "26 Kasım Perşembe" in meal.text
    tariff = await ayse.says("vejetaryen lütfen")
    assert "İndirimli tarife" in tariff.text
    check = await ayse.says("evet")
    assert "Vejetaryen" in check.text and "5,00" in check.text
    done = await ayse.says("evet")
    assert "kaydınız yapıldı" in done.text and "26 Kasım Perşembe" in done.text


async def test_a_question_in_the_middle_of_a_sign_up_is_answered_and_the_sign_up_goes_on(
    api: BotApiDouble, bot: Application, clock: FixedClock
) -> None:
    anna = Typist(api, clock, DUTCH, "nl")
    await anna.says("Ik wil me inschrijven voor het middagmaal in Centrum op woensdag")
    meal = await anna.says("ja")
    assert "Maaltijd: wat wil je?" in meal.text
    hours = await anna.says("Wanneer is Stene open?")
    assert "Stene" in hours.text and "09:00" in hours.text  # answered, not "not understood"
    back = hours.find(Resume())
    again = await anna.taps(back)
    assert "Maaltijd: wat wil je?" in again.text and "woensdag 25 november" in again.text
    tariff = await anna.says("zoutarm")
    assert "verminderd tarief" in tariff.text
    check = await anna.says("nee")
    assert "Maaltijd: Zoutarm" in check.text
