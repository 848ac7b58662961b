"""Answers to the buttons under a reminder, and the resident's choice of reminders.

Payloads (see conversations/reminder_messages.py): `r:y:<id>` I'm coming, `r:n:<id>` I can't
come (asks first), `r:N:<id>` cancels, `r:c:<id>` the .ics file, `r` or `/reminders` the
settings, `r:s:<choice>` saves a choice. A sign-up id is only acted on when it is the pressing
resident's own and still active; anything else gets a plain "no longer valid".
"""

from __future__ import annotations

from conversations.answer import Answer
from conversations.answers import menu
from conversations.calendar_file import ics_for, when_label
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn
from conversations.payloads import ReminderAnswer, ReminderSettings, unpack_as
from conversations.reminder_messages import (
    CALENDAR,
    CANT_COME,
    COMING,
    CONFIRM_CANCEL,
    FLOW,
    Renderer,
    payload,
)
from conversations.reply import Button, Reply
from conversations.understanding import Understanding
from rules.reminders import plan_reminders
from storage.records import ReminderPreference, Signup, SignupStatus, parse_local_start
from storage.repositories import repositories


class ReminderAnswersFlow(Flow):
    """The resident answers a reminder, or chooses which reminders they want."""

    name = FLOW
    intents = ("reminders",)  # `/reminders` reaches on_button(turn, "")

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer | None:
        """Show the reminder settings."""
        return await self.on_button(turn, "")

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Coming, can't come, cancel, calendar file, or the settings."""
        if rest == "":
            return await self._settings(turn, "")
        pressed = unpack_as(f"{FLOW}:{rest}", ReminderSettings, ReminderAnswer)
        if isinstance(pressed, ReminderSettings):
            return await self._settings(turn, pressed.value or "")
        if not isinstance(pressed, ReminderAnswer):
            return stale(turn.ctx)
        signup = await self._own(turn, pressed.signup)
        if signup is None:
            return stale(turn.ctx)
        if signup.status is SignupStatus.CANCELLED:
            return already_cancelled(turn.ctx)
        action = pressed.action
        if action == COMING:
            return coming(turn.ctx, signup)
        if action == CANT_COME:
            return ask_cancel(turn.ctx, signup)
        if action == CONFIRM_CANCEL:
            return await self._cancel(turn, signup)
        if action == CALENDAR:
            return calendar_file(turn.ctx, signup)
        return stale(turn.ctx)

    async def _own(self, turn: Turn, signup_id: int) -> Signup | None:
        """The sign-up when it belongs to the person pressing, else None (forged or stale)."""
        signup = await repositories(turn.store).signups.get(signup_id)
        if signup is None or signup.resident_id != turn.user_id:
            return None
        if signup.org_id != turn.ctx.org.id:
            return None
        return signup

    async def _cancel(self, turn: Turn, signup: Signup) -> Answer:
        """Cancel and let the waiting list move up (their notices go through the outbox)."""
        ctx = turn.ctx
        if not turn.writes:
            return ask_cancel(ctx, signup)
        result = await toolkit.cancel_own(turn, signup.id)
        if result.cancelled is None:
            return already_cancelled(ctx)
        return cancelled(ctx)

    async def _settings(self, turn: Turn, choice: str) -> Answer:
        """Show the choices, or save one and plan this resident's reminders again."""
        ctx = turn.ctx
        if choice:
            try:
                wanted = ReminderPreference(choice)
            except ValueError:
                return stale(ctx)
            if turn.writes:
                await save_preference(turn, wanted)
                await plan_reminders(
                    repositories(turn.store),
                    ctx.org,
                    ctx.calendar,
                    ctx.now,
                    render=Renderer(turn.store, ctx.org, ctx.calendar),
                    resident_id=turn.user_id,
                )
            return preference_saved(ctx, wanted)
        current = ReminderPreference.BOTH
        if turn.writes:
            stored = await repositories(turn.store).residents.reminder_preference(turn.user_id)
            current = stored or ReminderPreference.BOTH
        return settings(ctx, current)


async def save_preference(turn: Turn, wanted: ReminderPreference) -> None:
    """Remember which reminders the resident wants (a resident row is made when missing)."""
    await repositories(turn.store).residents.set_reminder_preference(
        turn.user_id, wanted, now=turn.ctx.now
    )


def _answer(ctx: Ctx, text: str, rows: toolkit.Rows = ()) -> Answer:
    return toolkit.answer(ctx, text, rows or (menu.back_row(ctx),), intent="reminders")


def _title_and_when(ctx: Ctx, signup: Signup) -> tuple[str, str]:
    activity = ctx.org.activity(signup.activity_id)
    title = ctx.text(activity.title) if activity else signup.activity_id
    start = parse_local_start(signup.occurrence_start, ctx.org.timezone)
    return title, when_label(ctx, start)


def coming(ctx: Ctx, signup: Signup) -> Answer:
    """A thank-you for saying they come."""
    _ = ctx.tr.gettext
    title, _when = _title_and_when(ctx, signup)
    return _answer(ctx, _("Thank you! See you at {activity}.").format(activity=title))


def ask_cancel(ctx: Ctx, signup: Signup) -> Answer:
    """Ask before cancelling: the place goes to someone else."""
    _ = ctx.tr.gettext
    title, when = _title_and_when(ctx, signup)
    text = _(
        "Do you want to cancel your sign-up for {activity} ({when})? Your place then goes to "
        "someone on the waiting list."
    ).format(activity=title, when=when)
    rows = (
        (
            Button(_("Yes, cancel"), payload(CONFIRM_CANCEL, signup.id)),
            Button(_("No, I'm coming"), payload(COMING, signup.id)),
        ),
        menu.back_row(ctx),
    )
    return _answer(ctx, text, rows)


def cancelled(ctx: Ctx) -> Answer:
    """The sign-up is cancelled."""
    _ = ctx.tr.gettext
    return _answer(ctx, _("Your sign-up is cancelled. Thank you for letting us know."))


def already_cancelled(ctx: Ctx) -> Answer:
    """A button of a sign-up that is cancelled already."""
    _ = ctx.tr.gettext
    return _answer(ctx, _("This sign-up is already cancelled."))


def stale(ctx: Ctx) -> Answer:
    """A reminder button that is not (or no longer) this resident's to press."""
    _ = ctx.tr.gettext
    return _answer(
        ctx, _("This reminder is no longer valid. Look in “My sign-ups” for what is current.")
    )


def calendar_file(ctx: Ctx, signup: Signup) -> Answer:
    """The .ics file of the sign-up."""
    _ = ctx.tr.gettext
    title, _when = _title_and_when(ctx, signup)
    reply = Reply(
        _("Here is {activity} for your calendar.").format(activity=title),
        (menu.back_row(ctx),),
        document=ics_for(ctx, signup),
        language=ctx.lang,
    )
    return Answer(language=ctx.lang, intent="reminders", replies=[reply])


def _choices(ctx: Ctx) -> list[tuple[ReminderPreference, str]]:
    _ = ctx.tr.gettext
    return [
        (ReminderPreference.BOTH, _("The day before and on the day")),
        (ReminderPreference.DAY_BEFORE, _("Only the day before")),
        (ReminderPreference.SAME_DAY, _("Only on the day")),
        (ReminderPreference.NONE, _("No reminders")),
    ]


def settings(ctx: Ctx, current: ReminderPreference) -> Answer:
    """The four choices, the current one ticked."""
    _ = ctx.tr.gettext
    rows = tuple(
        (Button(("✓ " if value is current else "") + label, ReminderSettings(str(value))),)
        for value, label in _choices(ctx)
    )
    return _answer(
        ctx,
        _("🔔 Which reminders do you want for your sign-ups?"),
        (*rows, menu.back_row(ctx)),
    )


def preference_saved(ctx: Ctx, wanted: ReminderPreference) -> Answer:
    """Confirm the choice."""
    _ = ctx.tr.gettext
    label = dict(_choices(ctx))[wanted]
    return _answer(ctx, _("Saved. Reminders: {choice}.").format(choice=label))
