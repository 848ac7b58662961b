"""My sign-ups: what a resident signed up for, the calendar file, and cancelling (after a yes).

Payloads: `s` (the list), `s:c:<id>` (asks), `s:k:<id>` (cancels), `s:i:<id>` (the .ics file).
A sign-up id in a payload is only ever acted on when it is the pressing resident's own.
"""

from __future__ import annotations

from datetime import date, timedelta

from conversations.answer import Answer
from conversations.answers import menu
from conversations.calendar_file import ics_for, when_label
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn
from conversations.flows.toolkit import cancel_own
from conversations.payloads import AskCancelSignup, CancelSignup, SignupCalendar, unpack_as
from conversations.reply import Button, Reply
from conversations.understanding import Understanding
from rules.signups import signup_rules
from storage.model import SignupMode
from storage.records import Signup, SignupStatus, parse_local_start
from storage.repositories import repositories

SHOWN = 10  # sign-ups listed at once; more than that is rare and would not fit a phone screen


def describe(ctx: Ctx, signup: Signup, position: int | None = None) -> str:
    """One sign-up in a line: when, what, where, and where it stands."""
    _ = ctx.tr.gettext
    activity = ctx.org.activity(signup.activity_id)
    title = ctx.text(activity.title) if activity else signup.activity_id
    start = parse_local_start(signup.occurrence_start, ctx.org.timezone)
    if signup.series:
        when = _("from {date}").format(date=ctx.tr.date(start))
    else:
        when = when_label(ctx, start)
    if signup.status is SignupStatus.WAITING:
        status = _("⏳ waiting list, number {n}").format(n=position or "?")
    else:
        status = _("✅ confirmed")
    extra = ""
    if signup.companions:
        label = ctx.text(activity.companions_label) if activity else ""
        extra = f" (+{signup.companions}{' ' + label if label else ''})"
    return f"• {when} — {title}{extra}, {ctx.centre_name(signup.centre_id)}: {status}"


def short_label(ctx: Ctx, signup: Signup) -> str:
    """A sign-up as a button label: title and short date."""
    activity = ctx.org.activity(signup.activity_id)
    title = ctx.text(activity.title) if activity else signup.activity_id
    start = parse_local_start(signup.occurrence_start, ctx.org.timezone)
    return f"{title}, {ctx.tr.date(start, 'short')}"


def _on_day(signups: list[Signup], day: date, today: date) -> list[Signup]:
    """The sign-ups on the day a cancellation names; when it is next week's weekday and the
    resident has none then but one today ("cancel Monday's" said on a Monday), today's."""

    def on(when: date) -> list[Signup]:
        return [s for s in signups if s.occurrence_start[:10] == when.isoformat()]

    found = on(day)
    if not found and day - timedelta(days=7) == today:
        found = on(today)
    return found


class MySignupsFlow(Flow):
    """See, add to the calendar and cancel one's sign-ups."""

    name = menu.MY_SIGNUPS
    intents = ("my_signups", "cancel_signup")

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer:
        """The list; for "cancel my pedicure", straight to cancelling that one."""
        u = understanding
        ctx = turn.ctx
        if u.intent != "cancel_signup":
            return await self._overview(turn)
        _ = ctx.tr.gettext
        mine = await self._mine(turn)
        wanted = u.activity or (
            u.activity_candidates[0] if len(u.activity_candidates) == 1 else None
        )
        matching = [s for s in mine if wanted is None or s.activity_id == wanted]
        if len(matching) > 1 and u.date is not None:
            matching = _on_day(matching, u.date, ctx.now.date()) or matching
        if wanted is not None and len(matching) == 1:
            answer = self._ask_cancel(ctx, matching[0])
        elif wanted is not None and not matching:
            activity = ctx.org.activity(wanted)
            title = ctx.text(activity.title) if activity else wanted
            note = _("You are not signed up for {title}.").format(title=title)
            answer = await self._overview(turn, note)
        else:
            answer = await self._overview(
                turn, _("Which sign-up would you like to cancel?") if mine else None, matching
            )
        answer.intent = "cancel_signup"
        answer.activity = u.activity
        return answer

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """The list, the question before cancelling, the cancelling, the calendar file."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        if rest == "":
            return await self._overview(turn)
        pressed = unpack_as(f"{self.name}:{rest}", AskCancelSignup, CancelSignup, SignupCalendar)
        if not isinstance(pressed, (AskCancelSignup, CancelSignup, SignupCalendar)):
            return await self._overview(turn, _("That button is no longer valid."))
        signup = await self._own(turn, pressed.signup)
        if signup is None:
            return await self._overview(turn, _("That button is no longer valid."))
        if isinstance(pressed, AskCancelSignup):
            return self._ask_cancel(ctx, signup)
        if isinstance(pressed, SignupCalendar):
            return self._calendar_file(ctx, signup)
        result = await cancel_own(turn, signup.id)
        if result.cancelled is None:
            return await self._overview(turn, _("That sign-up was already cancelled."))
        note = _("Done: your sign-up for {what} is cancelled.").format(
            what=short_label(ctx, signup)
        )
        if result.promoted:
            note += " " + _("Thank you: your place goes to someone on the waiting list.")
        return await self._overview(turn, note)

    async def _mine(self, turn: Turn) -> list[Signup]:
        if not turn.writes:
            return []
        found = await signup_rules(turn.store).upcoming_for(
            turn.user_id, now=turn.ctx.now, calendar=turn.ctx.calendar
        )
        return [s for s in found if s.org_id == turn.ctx.org.id]

    async def _own(self, turn: Turn, signup_id: int) -> Signup | None:
        """The active sign-up of the pressing resident with this id, or None."""
        if not turn.writes:
            return None
        signup = await repositories(turn.store).signups.get(signup_id)
        if (
            signup is None
            or signup.resident_id != turn.user_id
            or signup.org_id != turn.ctx.org.id
            or not signup.active
        ):
            return None
        return signup

    async def _overview(
        self, turn: Turn, note: str | None = None, only: list[Signup] | None = None
    ) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        mine = only if only is not None else await self._mine(turn)
        rows: list[tuple[Button, ...]] = []
        if not mine:
            text = _("You have no sign-ups at the moment.")
            rows.append((Button(_("📅 What's on"), menu.WHATSON),))
        else:
            lines = [_("Your sign-ups:"), ""]
            for signup in mine[:SHOWN]:
                position = await repositories(turn.store).signups.waiting_position(signup.id)
                lines.append(describe(ctx, signup, position))
                rows.append(
                    (
                        Button(
                            _("✖️ Cancel: {what}").format(what=short_label(ctx, signup)),
                            AskCancelSignup(signup.id),
                        ),
                    )
                )
            text = "\n".join(lines)
        if note:
            text = f"{note}\n\n{text}"
        rows.append(menu.back_row(ctx))
        return toolkit.answer(ctx, text, tuple(rows), intent="my_signups")

    def _ask_cancel(self, ctx: Ctx, signup: Signup) -> Answer:
        _ = ctx.tr.gettext
        activity = ctx.org.activity(signup.activity_id)
        lines = [_("Do you want to cancel this sign-up?"), describe(ctx, signup)]
        if activity is not None and activity.signup is SignupMode.SERIES:
            lines.append(_("This cancels every session of the course."))
        rows = (
            (
                Button(_("Yes, cancel"), CancelSignup(signup.id)),
                Button(_("No, keep it"), self.name),
            ),
            menu.back_row(ctx, self.name),
        )
        return toolkit.answer(
            ctx, "\n".join(lines), rows, intent="cancel_signup", activity=signup.activity_id
        )

    def _calendar_file(self, ctx: Ctx, signup: Signup) -> Answer:
        _ = ctx.tr.gettext
        rows = ((Button(_("✍️ My sign-ups"), self.name),), menu.back_row(ctx))
        if signup.status is not SignupStatus.CONFIRMED:
            text = _(
                "You are still on the waiting list. You get the calendar file once you "
                "have a place."
            )
            reply = Reply(text, rows, language=ctx.lang)
        else:
            text = _("Here is {what} for your calendar: open the file to add it.").format(
                what=short_label(ctx, signup)
            )
            reply = Reply(text, rows, document=ics_for(ctx, signup), language=ctx.lang)
        return Answer(language=ctx.lang, intent="my_signups", replies=[reply])
