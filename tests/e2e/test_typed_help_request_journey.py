"""A help request typed from start to end, over HTTP as on Telegram: the words that started
it, the message, the phone number and the call-back time all reach the staff."""

from __future__ import annotations

from datetime import timedelta

from telegram.ext import Application

from conversations.payloads import InboxAction
from storage.clock import FixedClock

from .botapi_double import BotApiDouble
from .conftest import STAFF_ID
from .test_typed_signup_journey import Typist

ANNA = 6363


async def test_a_typed_help_request_arrives_at_staff_with_message_phone_and_time(
    api: BotApiDouble, bot: Application, clock: FixedClock
) -> None:
    anna = Typist(api, clock, ANNA, "nl")
    centres = await anna.says("Kan iemand mij terugbellen over mijn energiefactuur?")
    assert "welk centrum" in centres.text
    consent = await anna.says("Centrum")
    assert "bewaar ik een paar gegevens" in consent.text or "Is dat goed" in consent.text
    message = await anna.says("ja")
    assert "energiefactuur" in message.text  # her first words are kept as her message
    phone = await anna.says("De rekening van december is veel te hoog")
    assert "je nummer" in phone.text
    moments = await anna.says("0470 12 34 56")
    assert "Wanneer mogen we je bellen?" in moments.text
    check = await anna.says("morgen om 10 uur")
    assert "0470 12 34 56" in check.text and "24 november" in check.text
    clock.advance(timedelta(seconds=20))
    api.queue_text(ANNA, "ja, verstuur maar", language_code="nl")
    (request,) = await api.wait_for_sent(STAFF_ID)
    for expected in ("energiefactuur", "december is veel te hoog", "0470 12 34 56", "24 november"):
        assert expected in request.text, expected
    assert any(isinstance(p, InboxAction) and p.action == "c" for p in request.payloads())
