"""Consent: nothing personal is kept about a resident before they agreed to it.

At first contact (`/start`, a greeting) the welcome carries a short note on what is kept, why,
for how long and how to delete it, with an accept button (`x:ok`). Answers to questions (hours,
what's on) never need consent.

A flow that is about to keep personal data (a sign-up keeps the resident's name and choices)
first checks `has_consent`; without it, it shows `consent_answer` with an accept button that
carries the flow's own `continue_payload`. When that button comes back, the flow calls
`give_consent` and carries on where it was.

A chosen language is personal too (it is kept with the Telegram id, and a language says something
about a person), so choosing one before consent answers in that language and asks whether it may
be remembered (`x:ok:<lang>`); without a yes, nothing is stored and the next message is answered
in the language it is written in, as for anyone unknown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from conversations import residents
from conversations.answer import Answer
from conversations.answers import basics, menu
from conversations.context import Ctx
from conversations.flows.base import Turn
from conversations.payloads import Consent
from conversations.reply import Button, Reply
from storage.db import Database
from storage.repositories import repositories

ACCEPT = "ok"  # the PrivacyFlow step that records consent: `x:ok` or `x:ok:<lang>`


async def has_consent(store: Database, user_id: int) -> bool:
    """Whether the resident agreed that we keep their personal data."""
    return await repositories(store).residents.has_consent(user_id)


async def give_consent(
    store: Database,
    user_id: int,
    now: datetime,
    *,
    name: str | None = None,
    language: str | None = None,
) -> None:
    """Record the resident's consent (and the name Telegram gives, for attendance lists).

    `language` is the language of the conversation they agreed in: it is remembered with the
    consent (unless they chose one before), so the rest of the conversation stays in it.
    """
    await repositories(store).residents.give_consent(
        user_id, now=now, name=name, language=language
    )


def consent_answer(ctx: Ctx, continue_payload: str, *, intent: str = "signup") -> Answer:
    """What we keep, why, and how to delete it; accepting sends `continue_payload`."""
    _ = ctx.tr.gettext
    text = "\n".join(
        [
            _("Before I sign you up: to do that I keep a few things about you."),
            "",
            _("• your name as Telegram shows it, for the list at the centre"),
            _("• your sign-ups and choices, such as your meal or the reduced tariff"),
            "",
            _(
                "Only the staff of the centres see it. You can see or delete it at any time "
                "with “My data” in the menu."
            ),
            _("Is that all right?"),
        ]
    )
    rows = (
        (Button(_("✅ Yes, that is fine"), continue_payload),),
        (Button(_("No, thank you"), menu.MENU),),
        menu.back_row(ctx),
    )
    return Answer(language=ctx.lang, intent=intent, replies=[Reply(text, rows, language=ctx.lang)])


def accept_payload(lang: str | None = None) -> Consent:
    """The accept button's payload; with a language, accepting also remembers it."""
    return Consent(lang or None)


def first_contact_text(ctx: Ctx) -> str:
    """What is kept, why, for how long and how to delete it: the note at first contact."""
    _ = ctx.tr.gettext
    months = ctx.org.privacy.inactive_months
    return "\n".join(
        [
            _("🔒 Your data: I keep nothing about you until you agree."),
            _(
                "If you agree, I remember your language, and when you sign up or ask for help: "
                "your name as Telegram shows it and what you chose or asked. That way the centre "
                "knows who is coming and can help you."
            ),
            ctx.tr.ngettext(
                "Only the staff of the centres see it. It is deleted after {n} month without a "
                "message from you. /mydata shows it, /forget deletes it.",
                "Only the staff of the centres see it. It is deleted after {n} months without a "
                "message from you. /mydata shows it, /forget deletes it.",
                months,
            ).format(n=months),
            _("Questions about opening hours and what's on need no agreement."),
        ]
    )


def _accept_row(ctx: Ctx, lang: str | None = None) -> tuple[Button, ...]:
    return (Button(ctx.tr.gettext("✅ I agree"), accept_payload(lang)),)


async def welcome(turn: Turn, answer: Answer) -> Answer:
    """The greeting, with the note on personal data and an accept button for the undecided."""
    if not turn.writes or await has_consent(turn.store, turn.user_id) or not answer.replies:
        return answer
    ctx = turn.ctx
    first = answer.replies[0]
    answer.replies[0] = replace(
        first,
        text=f"{first.text}\n\n{first_contact_text(ctx)}",
        buttons=(*first.buttons, _accept_row(ctx)),  # the menu keeps its place
    )
    return answer


async def choose_language(turn: Turn, ctx: Ctx) -> Answer:
    """Answer in the language chosen (`ctx`'s); remember it only with consent, else ask first."""
    if not turn.writes:
        return basics.language_changed(ctx)
    if await residents.choose_language(turn.store, turn.user_id, ctx.lang, ctx.now):
        return basics.language_changed(ctx)
    _ = ctx.tr.gettext
    text = "\n\n".join(
        [
            _("I can remember your language only if you agree that I keep it."),
            first_contact_text(ctx),
        ]
    )
    rows = (_accept_row(ctx, ctx.lang), (Button(_("Not now"), menu.MENU),), menu.back_row(ctx))
    return Answer(
        language=ctx.lang, intent="language", replies=[Reply(text, rows, language=ctx.lang)]
    )


async def accept(turn: Turn, ctx: Ctx, lang: str | None = None) -> Answer:
    """Record consent (and the language it was asked for), then thank the resident."""
    _ = ctx.tr.gettext
    if turn.writes:
        await give_consent(turn.store, turn.user_id, ctx.now, language=ctx.lang)
        if lang is not None:
            await residents.choose_language(turn.store, turn.user_id, lang, ctx.now)
    if lang is not None:
        answer = basics.language_changed(ctx)
        first = answer.replies[0]
        thanks = _("Thank you!")  # outside the f-string, or extraction never sees it
        answer.replies[0] = replace(first, text=f"{thanks} {first.text}")
        return answer
    text = _("Thank you! /mydata shows what I keep, /forget deletes it. What would you like?")
    return Answer(
        language=ctx.lang,
        intent="privacy",
        replies=[Reply(text, menu.main_menu(ctx), language=ctx.lang)],
    )
