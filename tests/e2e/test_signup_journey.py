"""A resident signs up for the Christmas lunch over HTTP, exactly as on Telegram."""

from __future__ import annotations

from telegram.ext import Application

from .botapi_double import BotApiDouble, Call

RESIDENT = 5151


def tap(api: BotApiDouble, message: Call, prefix: str) -> None:
    """Press the button of `message` whose callback data starts with `prefix`."""
    data = next(d for d in message.button_data() if d.startswith(prefix))
    api.queue_callback(RESIDENT, data)


async def test_resident_taps_through_the_christmas_lunch_and_gets_the_calendar_file(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_text(RESIDENT, "Ik wil me inschrijven voor de kerstlunch")
    (consent,) = await api.wait_for_sent(RESIDENT)
    tap(api, consent, "su:ok")
    *_, tariff = await api.wait_for_sent(RESIDENT, 2)
    tap(api, tariff, "su:r:0")
    *_, check = await api.wait_for_sent(RESIDENT, 3)
    assert "Kerstlunch" in check.text and "17 december" in check.text
    tap(api, check, "su:y")
    *_, confirmed = await api.wait_for_sent(RESIDENT, 4)
    assert "Kerstlunch" in confirmed.text
    tap(api, confirmed, "s:i:")
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
