"""Privacy: what the bot keeps about a person, and deleting it after a confirmation."""

from __future__ import annotations

from conversations import residents
from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows.base import Flow, Turn
from conversations.flows.my_signups import notice_renderer
from conversations.reply import Button, Reply
from conversations.understanding import Understanding
from storage import signups

REMINDER_SETTINGS = "r"  # the reminders flow's settings screen
ASK_DELETE = "del"
CONFIRMED_DELETE = "del!"


class PrivacyFlow(Flow):
    """See and delete one's personal data."""

    name = menu.PRIVACY
    intents = ("privacy",)

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer:
        """Show what is kept."""
        return await self.on_button(turn, "")

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """The overview, the question before deleting, or the deletion."""
        if rest == "":
            kept = (
                await residents.kept_data(turn.store, turn.user_id, turn.ctx.tr)
                if turn.writes
                else {}
            )
            return overview(turn.ctx, kept)
        if rest == ASK_DELETE:
            return confirm_delete(turn.ctx)
        if rest == CONFIRMED_DELETE and turn.writes:
            ctx = turn.ctx

            async def cancel(signup_id: int) -> None:
                await signups.cancel_signup(
                    turn.store,
                    ctx.org,
                    ctx.calendar,
                    signup_id,
                    now=ctx.now,
                    resident_id=turn.user_id,
                    notice=notice_renderer(ctx, turn.store),
                )

            await residents.forget(turn.store, turn.user_id, cancel)
            return deleted(turn.ctx)
        return None


def overview(ctx: Ctx, kept: dict[str, str]) -> Answer:
    """The personal data the bot holds, with a button to delete it."""
    _ = ctx.tr.gettext
    if not kept:
        text = _("I keep no personal data about you.")
        rows: tuple[tuple[Button, ...], ...] = (
            (Button(_("🔔 Reminders"), REMINDER_SETTINGS),),
            menu.back_row(ctx),
        )
    else:
        lines = [_("This is what I keep about you:")]
        lines += [f"• {label}: {value}" for label, value in kept.items()]
        lines.append(_("Only the staff of the centres can see it. You can delete it at any time."))
        text = "\n".join(lines)
        rows = (
            (
                Button(_("🔔 Reminders"), REMINDER_SETTINGS),
                Button(_("🗑 Delete my data"), f"{menu.PRIVACY}:{ASK_DELETE}"),
            ),
            menu.back_row(ctx),
        )
    return Answer(
        language=ctx.lang, intent="privacy", replies=[Reply(text, rows, language=ctx.lang)]
    )


def confirm_delete(ctx: Ctx) -> Answer:
    """Ask before deleting anything."""
    _ = ctx.tr.gettext
    rows = (
        (
            Button(_("Yes, delete"), f"{menu.PRIVACY}:{CONFIRMED_DELETE}"),
            Button(_("No, keep it"), menu.PRIVACY),
        ),
        menu.back_row(ctx),
    )
    text = _("Are you sure? I will forget everything about you and cancel your sign-ups.")
    return Answer(
        language=ctx.lang, intent="privacy", replies=[Reply(text, rows, language=ctx.lang)]
    )


def deleted(ctx: Ctx) -> Answer:
    """Confirmation that the data is gone."""
    _ = ctx.tr.gettext
    return Answer(
        language=ctx.lang,
        intent="privacy",
        replies=[Reply(_("Done: your data is deleted."), menu.main_menu(ctx), language=ctx.lang)],
    )
