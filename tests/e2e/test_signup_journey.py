"""A resident signs up for the Christmas lunch over HTTP, exactly as on Telegram."""

from __future__ import annotations

from telegram.ext import Application

from conversations.payloads import (
    Payload,
    SignupCalendar,
    SignupConfirm,
    SignupConsent,
    SignupTariff,
)

from .botapi_double import BotApiDouble, Call

RESIDENT = 5151


def tap(api: BotApiDouble, message: Call, wanted: Payload | type[Payload]) -> None:
    """Press the button of `message` that is `wanted` (that value, or the first of that type)."""
    data = message.find(wanted)
    api.queue_callback(RESIDENT, data)


async def test_resident_taps_through_the_christmas_lunch_and_gets_the_calendar_file(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_text(RESIDENT, "Ik wil me inschrijven voor de kerstlunch")
    (consent,) = await api.wait_for_sent(RESIDENT)
    tap(api, consent, SignupConsent())
    *_, tariff = await api.wait_for_sent(RESIDENT, 2)
    tap(api, tariff, SignupTariff(False))
    *_, check = await api.wait_for_sent(RESIDENT, 3)
    assert "Kerstlunch" in check.text and "17 december" in check.text
    tap(api, check, SignupConfirm())
    *_, confirmed = await api.wait_for_sent(RESIDENT, 4)
    assert "Kerstlunch" in confirmed.text
    tap(api, confirmed, SignupCalendar)
    await api.wait_for_calls("sendDocument")
    (document,) = api.calls_of("sendDocument")
    assert document.chat_id == RESIDENT
    upload = document.params["document"]
    assert upload["filename"] == "christmas-lunch-2026-12-17.ics"
    assert (
        b"BEGIN:VCALENDAR" in upload["content"]
        and b"DTSTART:20261217T110000Z" in upload["content"]
    )
    assert len(api.calls_of("answerCallbackQuery")) == 4
