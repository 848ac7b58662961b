"""One resident flooding the bot never makes the others wait.

The flooder's messages are counted when they arrive, not when they are handled (handling is paced
to about one reply a second per chat, so a count at handling never saw a flood); a flooder's
backlog is dropped; and one chat's pacing never holds a slot another resident needs.
"""

from __future__ import annotations

from telegram.ext import Application

from bot.telegram_app import ChatQueueProcessor
from conversations.i18n import Translator
from conversations.payloads import Menu

from .botapi_double import BotApiDouble
from .conftest import StartBot

SLOW_DOWN = (
    "You are sending a lot of messages very quickly. I will take a short break; please "
    "write again in a minute, one message at a time."
)
FLOODER = 5_100_001
OTHERS = tuple(range(5_200_001, 5_200_006))


def processor_of(application: Application) -> ChatQueueProcessor:  # type: ignore[type-arg]
    """The application's update processor (ours)."""
    processor = application.update_processor
    assert isinstance(processor, ChatQueueProcessor)
    return processor


async def test_others_are_answered_within_a_second_while_one_chat_floods(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    # Telegram's pacing as in production: a burst of 3, then one message a second per chat.
    application = await start_bot(rate_chat_burst=3)
    latencies: list[float] = []
    for other in OTHERS:  # 200 messages in five bursts, each followed by someone else's question
        for number in range(40):
            api.queue_text(FLOODER, f"allo {number}", language_code="fr")
        asked = api.queue_text(other, "Wanneer is Centrum open?")

        def answered(chat: int = other) -> bool:
            return bool(api.delivered_to(chat))

        await api.wait_for(answered, timeout=3)
        latencies.append(api.delivered_to(other)[0].at - api.queued_at[asked])
    assert max(latencies) < 1.0, latencies
    note = Translator("fr").gettext(SLOW_DOWN)
    await api.wait_for(lambda: note in api.texts_to(FLOODER), timeout=5)
    await api.wait_until_consumed()
    await processor_of(application).wait_idle()
    texts = api.texts_to(FLOODER)
    assert texts.count(note) == 1  # one polite note, in the flooder's language
    assert len(texts) <= 6  # a few answers before the flood was seen; the backlog was dropped


async def test_a_flooders_dropped_button_presses_still_stop_their_spinner(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    application = await start_bot(rate_chat_burst=3)
    for number in range(30):
        api.queue_text(FLOODER, f"allo {number}", language_code="fr")
    pressed = [api.queue_callback(FLOODER, Menu()) for _ in range(10)]
    await api.wait_until_consumed()
    await processor_of(application).wait_idle()
    assert processor_of(application).dropped > 0
    answers = api.calls_of("answerCallbackQuery")
    answered = {call.params.get("callback_query_id") for call in answers}
    assert len(answered) == len(pressed)  # every press answered: no spinner left turning
