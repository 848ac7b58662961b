"""What reminders and change notices say, in the resident's language, with their buttons.

The planner renders a message when it queues it, so the outbox row holds the exact text the
resident will read (and a second look at the database shows it). Buttons carry the sign-up id;
`conversations/flows/reminder_answers.py` answers them and checks that the sign-up is theirs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from conversations.calendar_file import when_label
from conversations.context import Ctx
from conversations.i18n import I18n
from conversations.notices import reply_to_payload
from conversations.payloads import ReminderAnswer
from conversations.reply import Button, Reply
from storage.db import Database
from storage.model import LANGUAGES, Organisation
from storage.outbox import STARTS_AT
from storage.records import LOCAL_FORMAT, ChangeKind, OccurrenceChange, Signup
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence

FLOW = "r"
"""Button payload prefix of the reminder answers flow."""

COMING = "y"
CANT_COME = "n"
CONFIRM_CANCEL = "N"
CALENDAR = "c"
SETTINGS = "s"


def payload(action: str, signup_id: int) -> ReminderAnswer:
    """A button of a reminder: "r:y:42" (well under Telegram's 64 bytes)."""
    return ReminderAnswer(action, signup_id)


def reminder_buttons(ctx: Ctx, signup_id: int) -> tuple[tuple[Button, ...], ...]:
    """The buttons "I'm coming", "I can't come" and "Add to calendar" for one sign-up."""
    _ = ctx.tr.gettext
    return (
        (
            Button(_("✅ I'm coming"), payload(COMING, signup_id)),
            Button(_("❌ I can't come"), payload(CANT_COME, signup_id)),
        ),
        (Button(_("📅 Add to calendar"), payload(CALENDAR, signup_id)),),
    )


def _title(ctx: Ctx, signup: Signup) -> str:
    activity = ctx.org.activity(signup.activity_id)
    return ctx.text(activity.title) if activity else signup.activity_id


def _place_line(ctx: Ctx, signup: Signup) -> str:
    centre = ctx.org.centre(signup.centre_id)
    parts = [ctx.centre_name(signup.centre_id), centre.address if centre else ""]
    return "📍 " + ", ".join(part for part in parts if part)


def _price_line(ctx: Ctx, signup: Signup) -> str | None:
    """What it costs this resident: the reduced price if it applies, per person in a party."""
    _ = ctx.tr.gettext
    activity = ctx.org.activity(signup.activity_id)
    if activity is None:
        return None
    amount = activity.price
    if signup.reduced and activity.reduced_price is not None:
        amount = activity.reduced_price
    if amount is None or amount == 0:
        return "💶 " + _("free")
    price = ctx.tr.price(amount)
    if signup.party_size > 1:
        return "💶 " + ctx.tr.ngettext(
            "{price} per person, {n} person", "{price} per person, {n} people", signup.party_size
        ).format(price=price, n=signup.party_size)
    return f"💶 {price}"


def reminder_text(ctx: Ctx, signup: Signup, start: datetime, end: datetime | None) -> str:
    """The reminder: what, when (today / tomorrow as the resident will read it), where, price."""
    _ = ctx.tr.gettext
    title = _title(ctx, signup)
    local_start = start.astimezone(ctx.calendar.tz)
    days_ahead = (local_start.date() - ctx.now.astimezone(ctx.calendar.tz).date()).days
    if days_ahead == 0:
        head = _("🔔 Reminder for today: {activity}").format(activity=title)
    elif days_ahead == 1:
        head = _("🔔 Reminder for tomorrow: {activity}").format(activity=title)
    else:
        head = _("🔔 Reminder: {activity}").format(activity=title)
    local_end = end.astimezone(ctx.calendar.tz) if end is not None else None
    lines = [head, "📅 " + when_label(ctx, local_start, local_end), _place_line(ctx, signup)]
    price = _price_line(ctx, signup)
    if price:
        lines.append(price)
    if signup.companions:
        lines.append(
            ctx.tr.ngettext(
                "You come with {n} other person.",
                "You come with {n} other people.",
                signup.companions,
            ).format(n=signup.companions)
        )
    return "\n".join(lines)


def reminder_reply(ctx: Ctx, signup: Signup, start: datetime, end: datetime | None) -> Reply:
    """The reminder with its three buttons; `ctx.now` is when it is meant to be read."""
    return Reply(
        reminder_text(ctx, signup, start, end),
        reminder_buttons(ctx, signup.id),
        recipient=signup.resident_id,
        language=ctx.lang,
    )


def change_reply(
    ctx: Ctx,
    signup: Signup,
    change: ChangeKind,
    old_start: datetime,
    new_start: datetime | None = None,
    reason: str | None = None,
) -> Reply:
    """The notice that an occurrence moved (the sign-up moves along) or no longer takes place."""
    _ = ctx.tr.gettext
    title = _title(ctx, signup)
    old = when_label(ctx, old_start.astimezone(ctx.calendar.tz))
    rows: tuple[tuple[Button, ...], ...]
    if change is ChangeKind.MOVED and new_start is not None:
        new = when_label(ctx, new_start.astimezone(ctx.calendar.tz))
        lines = [
            _("📢 Change: {activity} moves from {old} to {new}.").format(
                activity=title, old=old, new=new
            ),
            _("Your sign-up moves along with it."),
            _place_line(ctx, signup),
        ]
        rows = reminder_buttons(ctx, signup.id)
    else:
        lines = [
            _("📢 Cancelled: {activity} on {when} does not take place.").format(
                activity=title, when=old
            ),
            _("Your sign-up for it is cancelled. We are sorry."),
        ]
        rows = ()
    if reason:
        lines.append(_("Reason: {reason}").format(reason=reason))
    return Reply("\n".join(lines), rows, recipient=signup.resident_id, language=ctx.lang)


def to_payload(reply: Reply, starts_at: datetime | None) -> dict[str, Any]:
    """The outbox payload of a reply; `starts_at` lets the dispatcher drop it once too late."""
    data = reply_to_payload(reply)
    if starts_at is not None:
        data[STARTS_AT] = starts_at.astimezone(UTC).isoformat(timespec="seconds")
    return data


class Renderer:
    """Renders messages for residents in their own language, at a given moment."""

    def __init__(
        self, store: Database, org: Organisation, calendar: Calendar, i18n: I18n | None = None
    ) -> None:
        self.store = store
        self.org = org
        self.calendar = calendar
        self.i18n = i18n or I18n(org.country)

    async def language_of(self, user_id: int | None) -> str:
        """The resident's chosen language, else the organisation's."""
        if user_id is not None:
            chosen = await repositories(self.store).residents.language(user_id)
            if chosen in LANGUAGES:
                return str(chosen)
        return self.org.default_language

    def ctx(self, lang: str, now: datetime) -> Ctx:
        """The world a message is written in."""
        return Ctx(org=self.org, calendar=self.calendar, tr=self.i18n.get(lang), now=now)

    async def ctx_for(self, user_id: int | None, now: datetime) -> Ctx:
        """The context in the resident's language."""
        return self.ctx(await self.language_of(user_id), now)

    async def reminder(
        self, signup: Signup, occurrence: Occurrence, due: datetime
    ) -> tuple[dict[str, Any], str]:
        """A reminder as the resident reads it at `due` (rules.reminders.ReminderRenderer)."""
        ctx = await self.ctx_for(signup.resident_id, due)
        reply = reminder_reply(ctx, signup, occurrence.start, occurrence.end)
        return to_payload(reply, occurrence.start), ctx.lang

    async def change(
        self, change: OccurrenceChange, signup: Signup, now: datetime
    ) -> tuple[dict[str, Any], str]:
        """A change or cancellation notice (rules.reminders.ReminderRenderer)."""
        ctx = await self.ctx_for(signup.resident_id, now)
        tz = self.calendar.tz
        old_start = datetime.strptime(change.occurrence_start, LOCAL_FORMAT).replace(tzinfo=tz)
        new_start = (
            datetime.strptime(change.new_start, LOCAL_FORMAT).replace(tzinfo=tz)
            if change.new_start
            else None
        )
        reply = change_reply(ctx, signup, change.change, old_start, new_start, change.reason)
        return to_payload(reply, new_start or old_start), ctx.lang
