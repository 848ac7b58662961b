"""A follow-up question through the full bot: "en morgen?" after a question about the hours."""

from __future__ import annotations

from telegram.ext import Application

from .botapi_double import BotApiDouble

RESIDENT = 4646


async def test_en_morgen_after_an_hours_question_answers_for_tomorrow_at_that_centre(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_text(RESIDENT, "Is Stene vandaag open?", language_code="nl")
    (today,) = await api.wait_for_sent(RESIDENT)
    assert "Stene" in today.text
    api.queue_text(RESIDENT, "en morgen?", language_code="nl")
    _, tomorrow = await api.wait_for_sent(RESIDENT, 2)
    assert "Stene" in tomorrow.text
    assert "dinsdag 24 november" in tomorrow.text  # the clock stands on Monday 23 November
    assert "09:00" in tomorrow.text
