"""Greeting, help, thanks, the unknown, language choice and the way to a person."""

from __future__ import annotations

from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.payloads import Language
from conversations.reply import Button, Reply
from storage.model import LANGUAGES

LANGUAGE_NAMES: dict[str, str] = {
    "nl": "Nederlands",
    "fr": "Français",
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "pl": "Polski",
    "uk": "Українська",
}
"""Each language in its own name, as residents look for it."""


def _with_menu(ctx: Ctx, intent: str, text: str) -> Answer:
    return Answer(
        language=ctx.lang,
        intent=intent,
        replies=[Reply(text, menu.main_menu(ctx), language=ctx.lang)],
    )


def greeting(ctx: Ctx, again: bool = False) -> Answer:
    """Hello, who we are, and the menu; only a short hello for someone who knows us."""
    _ = ctx.tr.gettext
    if again:
        text = _("Hello again! Welcome back to {organisation}. What would you like?")
    else:
        text = _(
            "Hello! I am the front door of {organisation}. I can tell you when a centre is open, "
            "what's on, and where to go with a question. Choose below or just type your question."
        )
    return _with_menu(ctx, "greeting", text.format(organisation=ctx.text(ctx.org.name)))


def bot_help(ctx: Ctx) -> Answer:
    """What the bot can do, with examples of questions."""
    _ = ctx.tr.gettext
    text = "\n".join(
        [
            _("I can help you with:"),
            _("• opening hours of the centres"),
            _("• what's on: meals, courses, coffee mornings"),
            _("• where to go with a question: pension, bills, smartphone"),
            _("• addresses and the nearest centre"),
            _("• talking to a person"),
            "",
            _("Type your question, for example: “Is Stene open tomorrow?”"),
        ]
    )
    return _with_menu(ctx, "bot_help", text)


def thanks(ctx: Ctx) -> Answer:
    """You're welcome."""
    _ = ctx.tr.gettext
    return _with_menu(ctx, "thanks", _("You're welcome! Ask me anything, any time."))


def unknown(ctx: Ctx) -> Answer:
    """Not understood, or not about us: what we can help with, the menu, the way to a person."""
    _ = ctx.tr.gettext
    # Also the answer to questions we cannot help with (trains, recipes, the football): an
    # honest "not this" with what we do know beats a confident wrong list.
    text = _(
        "Sorry, I can't help with that. I know about our centres: opening hours, what's on, "
        "where to go with a question, and addresses. Choose from the menu, or tap “Talk to a "
        "person”."
    )
    return _with_menu(ctx, "unknown", text)


def choose_language(ctx: Ctx) -> Answer:
    """Buttons with each language in its own name."""
    _ = ctx.tr.gettext
    buttons = [Button(LANGUAGE_NAMES[code], Language(code)) for code in LANGUAGES]
    rows = menu.rows_of(buttons)
    return Answer(
        language=ctx.lang,
        intent="language",
        replies=[
            Reply(
                _("Which language do you prefer?"), (*rows, menu.back_row(ctx)), language=ctx.lang
            )
        ],
    )


def other_language(english: Ctx, own: Ctx | None) -> Answer:
    """A message in a language we do not speak: which we speak, in English and the resident's
    own language, with the language buttons (intent "language", reply language "en")."""
    names = ", ".join(LANGUAGE_NAMES[code] for code in LANGUAGES)
    buttons = [Button(LANGUAGE_NAMES[code], Language(code)) for code in LANGUAGES]
    rows = menu.rows_of(buttons)
    speakers = (english, own) if own is not None else (english,)
    replies = []
    for ctx in speakers:
        text = ctx.tr.gettext(
            "Sorry, I do not speak that language. I can answer in: {languages}. "
            "Choose a language below, or write to me in one of them."
        ).format(languages=names)
        # The buttons go under the last message, where the resident reads last.
        last = ctx is speakers[-1]
        replies.append(Reply(text, rows if last else (), language=ctx.lang))
    return Answer(language="en", intent="language", replies=replies)


def language_changed(ctx: Ctx) -> Answer:
    """Confirmation in the newly chosen language."""
    _ = ctx.tr.gettext
    return _with_menu(ctx, "language", _("From now on I will answer in English."))


def talk_to_person(ctx: Ctx) -> Answer:
    """The phone numbers of the centres, so a resident can reach a person."""
    _ = ctx.tr.gettext
    lines = [_("You can always phone or visit a centre. Someone will help you:")]
    for centre in ctx.org.centres:
        if centre.phone:
            lines.append(f"☎️ {ctx.text(centre.name)}: {centre.phone}")
        else:
            lines.append(f"📍 {ctx.text(centre.name)}: {centre.address}")
    return Answer(
        language=ctx.lang,
        intent="help_request",
        replies=[Reply("\n".join(lines), (menu.back_row(ctx),), language=ctx.lang)],
    )


def stale_button(ctx: Ctx) -> Answer:
    """A button that is no longer valid (or never was): say so and show the menu."""
    _ = ctx.tr.gettext
    return _with_menu(ctx, "unknown", _("That button is no longer valid. Here is the menu."))
