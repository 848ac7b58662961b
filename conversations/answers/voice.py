"""What a resident is told when a voice message cannot be answered as if typed."""

from __future__ import annotations

from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.reply import Reply
from storage.model import Organisation

# The problems bot/voice.py names in Incoming.payload of a VOICE message.
UNAVAILABLE = "unavailable"
TOO_LONG = "too_long"
UNHEARD = "unheard"
BUSY = "busy"
FAILED = "failed"


def recogniser_prompt(org: Organisation, lang: str) -> str:
    """The centres' names in the conversation's language, to prime speech recognition.

    Whisper reads the prompt as if it had been said just before the clip, so "Stene" comes out
    as "Stene" instead of "Steam". Only the centres: measured on spoken questions, adding the
    activities' titles made the names come out worse (the prompt is diluted).
    """
    names = (c.name.get(lang, org.default_language) for c in org.centres)
    return ", ".join(dict.fromkeys(n for n in names if n)) + "."


def notice(ctx: Ctx, problem: str) -> Answer:
    """Why the voice message got no answer, and the way on: type, or choose from the menu."""
    _ = ctx.tr.gettext
    texts = {
        UNAVAILABLE: _(
            "Sorry, I can't listen to voice messages here. Please type your question, "
            "or choose below."
        ),
        TOO_LONG: _(
            "Your voice message is longer than a minute. Please send a shorter one, "
            "or type your question."
        ),
        UNHEARD: _(
            "Sorry, I could not make out any words. Please try again, or type your question."
        ),
        BUSY: _(
            "Many people are sending voice messages right now. Please try again in a minute, "
            "or type your question."
        ),
    }
    text = texts.get(
        problem,
        _("Sorry, I could not listen to that voice message. Please try again, or type it."),
    )
    return Answer(
        language=ctx.lang,
        intent="unknown",
        replies=[Reply(text, menu.main_menu(ctx), language=ctx.lang)],
    )
