"""Staff make a volunteer's link code from Telegram: /code VOLUNTEER_ID, or pick from buttons."""

from __future__ import annotations

from conversations.access import staff_scope
from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn
from conversations.payloads import VolunteerCode
from conversations.reply import Button, IncomingKind
from rules import volunteers as volunteer_rules
from rules.shifts import volunteer_centres
from storage.model import Volunteer
from storage.repositories import repositories

STAFF_CODE = "code"


def _staff_may_link(turn: Turn, volunteer_id: str) -> bool:
    """Configured staff may make a code for anyone; data-file staff for their centres."""
    scope = staff_scope(turn)
    if scope is None:
        return False
    return scope.sees_any(volunteer_centres(turn.ctx.org, volunteer_id))


def staff_only(ctx: Ctx) -> Answer:
    """Someone who is not staff tried a staff action."""
    _ = ctx.tr.gettext
    return _answer(ctx, _("Sorry, this is only for staff."), (menu.back_row(ctx),))


def choose_volunteer(ctx: Ctx, volunteers: list[Volunteer]) -> Answer:
    """Staff pick the volunteer to make a code for."""
    _ = ctx.tr.gettext
    buttons = [
        Button(v.name, VolunteerCode(v.id)) for v in volunteers if VolunteerCode(v.id, "!").fits()
    ][:40]
    rows = menu.rows_of(buttons)
    text = _("Which volunteer needs a code to link their Telegram? (Or type /code and the id.)")
    return _answer(ctx, text, (*rows, menu.back_row(ctx)))


def confirm_code(ctx: Ctx, volunteer: Volunteer) -> Answer:
    """Ask before making a code (it ends any earlier unused one)."""
    _ = ctx.tr.gettext
    text = _("Make a new link code for {name}? An earlier code that was not used stops working.")
    rows = (
        (
            Button(_("Yes, make a code"), VolunteerCode(volunteer.id, "!")),
            Button(_("No"), STAFF_CODE),
        ),
        menu.back_row(ctx, STAFF_CODE),
    )
    return _answer(ctx, text.format(name=volunteer.name), rows)


def code_made(ctx: Ctx, volunteer: Volunteer, code: str) -> Answer:
    """The new code, with how the volunteer uses it."""
    _ = ctx.tr.gettext
    valid_until = ctx.now + volunteer_rules.CODE_VALID_FOR
    text = "\n".join(
        [
            _("Link code for {name}:").format(name=volunteer.name),
            code,
            _("It works once, until {day}. The volunteer sends /start {code} to this bot.").format(
                day=ctx.tr.date(valid_until), code=code
            ),
        ]
    )
    return _answer(ctx, text, (menu.back_row(ctx),))


def unknown_volunteer(ctx: Ctx) -> Answer:
    """Staff typed an id that is not a volunteer of this organisation (or not theirs)."""
    _ = ctx.tr.gettext
    text = _("I don't know that volunteer. Tap /code to choose from the list.")
    return _answer(ctx, text, (menu.back_row(ctx),))


class VolunteerStaffFlow(Flow):
    """Staff make a link code from Telegram: /code VOLUNTEER_ID, or pick from buttons."""

    name = STAFF_CODE

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """The volunteer list, the question before making a code, and the code."""
        ctx = turn.ctx
        if staff_scope(turn) is None:
            return staff_only(ctx)
        pressed: VolunteerCode | None
        typed = turn.incoming.text.strip()
        if turn.incoming.kind is IncomingKind.COMMAND and not rest and typed:
            # "/code v-anne": typing the id is the staff member's explicit request.
            pressed = VolunteerCode(typed, "!")
        else:
            pressed = VolunteerCode.unpack(f"{STAFF_CODE}:{rest}" if rest else STAFF_CODE)
        if pressed is None:
            return unknown_volunteer(ctx)
        if pressed.volunteer is None:
            allowed = [v for v in ctx.org.volunteers if _staff_may_link(turn, v.id)]
            return choose_volunteer(ctx, allowed)
        volunteer = ctx.org.volunteer(pressed.volunteer)
        if volunteer is None or not _staff_may_link(turn, volunteer.id):
            return unknown_volunteer(ctx)
        if pressed.confirmed != "!" or not turn.writes:
            return confirm_code(ctx, volunteer)
        try:
            code = await volunteer_rules.create_code(
                repositories(turn.store), ctx.org.id, volunteer.id, now=ctx.now
            )
        except LookupError:
            return unknown_volunteer(ctx)
        return code_made(ctx, volunteer, code)


def _answer(ctx: Ctx, text: str, rows: toolkit.Rows) -> Answer:
    return toolkit.answer(ctx, text, rows, intent="unknown")
