"""What several flows need, in one place, so that no flow imports another (flows are leaves).

Telling staff in their own language, the answer wrapper, phone numbers, and the sign-up notices
(cancelling one's own sign-up moves the waiting list up, wherever it happens). Button rows are in
conversations/answers/menu.py, which the answers outside the flows use too.
tests/test_import_graph.py keeps flows from importing each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from conversations import residents
from conversations.answer import Answer
from conversations.answers import menu
from conversations.calendar_file import when_label
from conversations.context import Ctx
from conversations.flows.base import Turn
from conversations.i18n import Translator
from conversations.notices import reply_to_payload
from conversations.payloads import SignupCalendar
from conversations.reply import Button, Reply
from rules.signups import PROMOTION, CancelResult, NoticeRenderer, signup_rules
from storage.db import Database
from storage.records import Signup, parse_local_start
from storage.repositories import repositories

Rows = tuple[tuple[Button, ...], ...]

PHONE = re.compile(r"^\+?[0-9][0-9 ./()-]{5,19}$")
"""A typed phone number: digits with the spaces, dots, slashes, dashes and brackets people use."""


def is_phone(text: str) -> bool:
    """Whether a typed text looks like a phone number (help requests, the staff's desk sign-up)."""
    return PHONE.match(text) is not None


# --- language ----------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def translator(lang: str, country: str) -> Translator:
    """The (cached) texts and formats of one language in one country."""
    return Translator(lang, country)


def in_language(ctx: Ctx, lang: str) -> Ctx:
    """The same world, written in another language (another resident's, or a staff member's)."""
    return ctx if lang == ctx.lang else replace(ctx, tr=translator(lang, ctx.org.country))


# --- answers and buttons -----------------------------------------------------------------------


def answer(
    ctx: Ctx, text: str, rows: Rows = (), *, intent: str, activity: str | None = None
) -> Answer:
    """One reply with its button rows, as the answer of `intent`, in ctx's language."""
    return Answer(
        language=ctx.lang,
        intent=intent,
        activity=activity,
        replies=[Reply(text, rows, language=ctx.lang)],
    )


def refusal(ctx: Ctx) -> Answer:
    """Someone who is not staff reached a staff screen: a friendly no, and the menu."""
    _ = ctx.tr.gettext
    text = _("Sorry, this part is only for the staff of the centres. Can I help you otherwise?")
    return answer(ctx, text, menu.main_menu(ctx), intent="unknown")


# --- staff -------------------------------------------------------------------------------------


def staff_ids_for(turn: Turn, centre_id: str | None) -> list[int]:
    """Telegram ids of the staff of a centre: configured staff and the data file's staff."""
    ids = set(turn.staff_ids)
    for member in turn.ctx.org.staff:
        if member.telegram_id and (
            not member.centres or centre_id is None or centre_id in member.centres
        ):
            ids.add(member.telegram_id)
    ids.discard(turn.user_id)  # a staff member who writes knows already
    return sorted(ids)


async def staff_ctx(turn: Turn, staff_id: int) -> Ctx:
    """The world in a staff member's own language (the organisation's when they chose none)."""
    lang = await residents.chosen_language(turn.store, staff_id)
    return in_language(turn.ctx, lang or turn.ctx.org.default_language)


async def to_staff(
    turn: Turn, centre_id: str | None, write: Callable[[Ctx], str | Reply]
) -> list[Reply]:
    """One message per staff member of the centre (all staff for None), each in their language."""
    replies = []
    for staff_id in staff_ids_for(turn, centre_id):
        ctx = await staff_ctx(turn, staff_id)
        written = write(ctx)
        text, rows = (written, ()) if isinstance(written, str) else (written.text, written.buttons)
        replies.append(Reply(text, rows, recipient=staff_id, language=ctx.lang))
    return replies


# --- sign-up notices ---------------------------------------------------------------------------


def notice_reply(ctx: Ctx, kind: str, signup: Signup) -> Reply:
    """The notice of a promotion from the waiting list or of a cancellation, in ctx's language."""
    _ = ctx.tr.gettext
    activity = ctx.org.activity(signup.activity_id)
    title = ctx.text(activity.title) if activity else signup.activity_id
    start = parse_local_start(signup.occurrence_start, ctx.org.timezone)
    values = {
        "title": title,
        "when": when_label(ctx, start),
        "centre": ctx.centre_name(signup.centre_id),
    }
    if kind == PROMOTION:
        text = _(
            "Good news! A place has freed up: you are now signed up for {title}, {when}, at "
            "{centre}. Can't come after all? Cancel in “My sign-ups”, then someone else can go."
        ).format(**values)
        rows: Rows = (
            (Button(_("📅 Add to calendar"), SignupCalendar(signup.id)),),
            (Button(_("✍️ My sign-ups"), menu.MY_SIGNUPS),),
            menu.back_row(ctx),
        )
    else:
        text = _(
            "Sorry: {title}, {when}, at {centre} does not take place. Your sign-up is cancelled."
        ).format(**values)
        centre = ctx.org.centre(signup.centre_id)
        if centre is not None and centre.phone:
            text += "\n" + _("Questions? Phone {phone}.").format(phone=centre.phone)
        rows = ((Button(_("📅 What's on"), menu.WHATSON),), menu.back_row(ctx))
    return Reply(text, rows, language=ctx.lang)


def notice_renderer(ctx: Ctx, store: Database) -> NoticeRenderer:
    """Renders outbox notices for `rules.signups` in each resident's own language."""

    async def render(kind: str, signup: Signup) -> tuple[dict[str, Any], str]:
        lang = signup.resident_id and await repositories(store).residents.language(
            signup.resident_id
        )
        language = str(lang or ctx.org.default_language)
        reply = notice_reply(in_language(ctx, language), kind, signup)
        return reply_to_payload(reply), language

    return render


async def cancel_own(turn: Turn, signup_id: int) -> CancelResult:
    """Cancel one of the writer's own sign-ups; the waiting list moves up and is told."""
    ctx = turn.ctx
    return await signup_rules(turn.store).cancel(
        ctx.org,
        ctx.calendar,
        signup_id,
        now=ctx.now,
        resident_id=turn.user_id,
        notice=notice_renderer(ctx, turn.store),
    )
