"""Privacy: consent, what the bot keeps about a person as a file, and deleting it after a yes.

Payloads (prefix `x`): `x` the overview, `x:file` the data as a JSON file, `x:del` the question
before deleting, `x:del!` the deletion, `x:ok[:<lang>]` consent (and the language it was asked
for). The commands `/privacy`, `/mydata` and `/forget` lead to the overview, the file and the
question.
"""

from __future__ import annotations

import json

from conversations import consent, residents
from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn
from conversations.flows.toolkit import cancel_own, in_language
from conversations.i18n import normalise_language
from conversations.payloads import Consent, Privacy
from conversations.reply import Button, Document, IncomingKind, Reply
from conversations.understanding import Understanding

REMINDER_SETTINGS = "r"  # the reminders flow's settings screen
ASK_DELETE = "del"
CONFIRMED_DELETE = "del!"
FILE = "file"
MY_DATA = "mydata"  # the commands
FORGET = "forget"


class PrivacyFlow(Flow):
    """See, download and delete one's personal data; give consent."""

    name = menu.PRIVACY
    intents = ("privacy", MY_DATA, FORGET)  # the last two only ever come as commands

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer:
        """Show what is kept."""
        return await self._overview(turn)

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """The overview, the file, the question before deleting, the deletion, consent."""
        ctx = turn.ctx
        if rest == "" and turn.incoming.kind is IncomingKind.COMMAND:
            rest = {MY_DATA: FILE, FORGET: ASK_DELETE}.get(turn.incoming.payload.lower(), "")
        if rest == "":
            return await self._overview(turn)
        if rest == FILE:
            return await self._file(turn)
        if rest == ASK_DELETE:
            return confirm_delete(ctx)
        if rest == CONFIRMED_DELETE and turn.writes:
            await self._forget(turn)
            return deleted(ctx)
        agreed = Consent.unpack(f"{menu.PRIVACY}:{rest}")
        if agreed is not None and agreed.lang is None:
            return await consent.accept(turn, ctx)
        if agreed is not None and agreed.lang and normalise_language(agreed.lang) == agreed.lang:
            return await consent.accept(turn, in_language(ctx, agreed.lang), agreed.lang)
        return None

    async def _overview(self, turn: Turn) -> Answer:
        kept = (
            await residents.kept_data(turn.store, turn.user_id, turn.ctx.tr) if turn.writes else {}
        )
        return overview(turn.ctx, kept)

    async def _file(self, turn: Turn) -> Answer:
        ctx = turn.ctx
        if not turn.writes:
            return overview(ctx, {})
        data = await residents.my_data(turn.store, turn.user_id, ctx.now)
        return data_file(ctx, data)

    async def _forget(self, turn: Turn) -> None:
        async def cancel(signup_id: int) -> None:
            await cancel_own(turn, signup_id)

        await residents.forget(turn.store, turn.user_id, cancel, now=turn.ctx.now)


def overview(ctx: Ctx, kept: dict[str, str]) -> Answer:
    """The personal data the bot holds, with buttons for the file and for deleting it."""
    _ = ctx.tr.gettext
    if not kept:
        nothing = _("I keep no personal data about you.")
        text = f"{nothing}\n\n{consent.first_contact_text(ctx)}"
        rows: tuple[tuple[Button, ...], ...] = (
            (Button(_("✅ I agree"), consent.accept_payload()),),
            (Button(_("🔔 Reminders"), REMINDER_SETTINGS),),
            menu.back_row(ctx),
        )
    else:
        lines = [_("This is what I keep about you:")]
        lines += [f"• {label}: {value}" for label, value in kept.items()]
        lines.append(_("Only the staff of the centres can see it. You can delete it at any time."))
        text = "\n".join(lines)
        rows = (
            (Button(_("📄 My data as a file"), Privacy(FILE)),),
            (
                Button(_("🔔 Reminders"), REMINDER_SETTINGS),
                Button(_("🗑 Delete my data"), Privacy(ASK_DELETE)),
            ),
            menu.back_row(ctx),
        )
    return toolkit.answer(ctx, text, rows, intent="privacy")


def data_file(ctx: Ctx, data: dict[str, object]) -> Answer:
    """Everything kept, as a JSON file; or a plain word when nothing is kept."""
    _ = ctx.tr.gettext
    if data.get("resident") is None and not any(
        isinstance(rows, list) and rows for rows in data.values()
    ):
        return overview(ctx, {})
    content = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    document = Document("my-data.json", content, "application/json")
    text = _("Everything I keep about you, as a file. You can delete it with /forget.")
    rows = (
        (Button(_("🗑 Delete my data"), Privacy(ASK_DELETE)),),
        menu.back_row(ctx, menu.PRIVACY),
    )
    return Answer(
        language=ctx.lang,
        intent="privacy",
        replies=[Reply(text, rows, document=document, language=ctx.lang)],
    )


def confirm_delete(ctx: Ctx) -> Answer:
    """Ask before deleting anything."""
    _ = ctx.tr.gettext
    rows = (
        (
            Button(_("Yes, delete"), Privacy(CONFIRMED_DELETE)),
            Button(_("No, keep it"), menu.PRIVACY),
        ),
        menu.back_row(ctx),
    )
    text = _("Are you sure? I will forget everything about you and cancel your sign-ups.")
    return toolkit.answer(ctx, text, rows, intent="privacy")


def deleted(ctx: Ctx) -> Answer:
    """Confirmation that the data is gone."""
    _ = ctx.tr.gettext
    return toolkit.answer(
        ctx, _("Done: your data is deleted."), menu.main_menu(ctx), intent="privacy"
    )
