"""A help request reaching staff, through the full bot over HTTP, like on Telegram.

Anna asks to be called back about her rent, agrees that the centre keeps her question, shares
her phone number with Telegram's contact button, picks tomorrow morning and sends it. The staff
chat gets the request at once with a Claim button; a staff member claims it, and Anna hears
that someone has taken up her question.
"""

from __future__ import annotations

from telegram.ext import Application

from conversations.payloads import HelpCentre, HelpMoment, HelpStep, InboxAction

from .botapi_double import BotApiDouble, Call
from .conftest import STAFF_ID

ANNA = 5101


async def _next(api: BotApiDouble, chat_id: int) -> Call:
    """The next message the bot sends to a chat."""
    seen = len(api.sent_to(chat_id))
    calls = await api.wait_for_sent(chat_id, seen + 1)
    return calls[-1]


async def test_a_call_back_request_reaches_staff_and_anna_hears_it_was_taken_up(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_text(ANNA, "Can someone call me back? I have a problem with my rent", "en")
    centres = await _next(api, ANNA)
    assert HelpCentre("c", "housing", "centrum") in centres.payloads()

    api.queue_callback(ANNA, HelpCentre("c", "housing", "centrum"), language_code="en")
    consent = await _next(api, ANNA)
    assert HelpCentre("ok", "housing", "centrum") in consent.payloads()

    api.queue_callback(ANNA, HelpCentre("ok", "housing", "centrum"), language_code="en")
    message_step = await _next(api, ANNA)
    assert HelpStep("skip") in message_step.payloads()

    api.queue_text(ANNA, "My landlord wants to raise the rent", "en")
    phone_step = await _next(api, ANNA)
    contact = [b for row in phone_step.keyboard for b in row if b.get("request_contact")]
    assert contact, "the phone step shows Telegram's share-phone button"

    api.queue_contact(ANNA, "32470123456", "en")
    moments = await _next(api, ANNA)
    assert HelpMoment("am1") in moments.payloads()

    api.queue_callback(ANNA, HelpMoment("am1"), language_code="en")
    confirm = await _next(api, ANNA)
    assert "+32470123456" in confirm.text

    api.queue_callback(ANNA, HelpStep("send"), language_code="en")
    (request,) = await api.wait_for_sent(STAFF_ID)
    for expected in (f"Resident{ANNA}", "raise the rent", "+32470123456", "Centrum"):
        assert expected in request.text
    claim = next(p for p in request.payloads() if isinstance(p, InboxAction) and p.action == "c")
    thanks = (await api.wait_for_sent(ANNA))[-1]
    assert "059 00 10 01" in thanks.text  # the centre's phone number

    seen = len(api.sent_to(ANNA))
    api.queue_callback(STAFF_ID, claim, language_code="en")
    claimed = await _next(api, STAFF_ID)
    assert "You have taken it up" in claimed.text
    await api.wait_for_sent(ANNA, seen + 1)
    told = api.sent_to(ANNA)[-1]
    assert "has taken up your question" in told.text
    for call in api.sent_to(ANNA) + api.sent_to(STAFF_ID):
        assert all(len(data.encode()) <= 64 for data in call.button_data())
