"""Volunteers: link with a code, my shifts, open shifts, "I can't come", and becoming one.

Every button is checked again on the server side: the person must be a linked volunteer, the
shift must take place on that date, take a place only at their own centres (or anywhere when the
data file gives them no shifts), and give back only a shift they are on. Volunteers see how many
people a shift still needs, never who the others are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from conversations import forms
from conversations.access import staff_scope
from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn, is_fresh
from conversations.forms import Choice, Question
from conversations.notices import reply_to_payload
from conversations.payloads import (
    MyShifts,
    MyShiftsPage,
    OpenShifts,
    Payload,
    ShiftAction,
    Unlink,
    UnlinkConfirmed,
    VolunteerJoinAnswer,
    VolunteerJoinChoice,
    VolunteerJoinPage,
    unpack_as,
)
from conversations.reply import Button, Reply
from conversations.understanding import Understanding
from rules import shifts
from rules import volunteers as volunteer_rules
from rules.shifts import GivenBack, ShiftSlot, Taken
from rules.signups import signup_rules
from rules.volunteers import Redeemed
from storage import volunteers as store_volunteers
from storage.model import Organisation, Shift, Volunteer
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence

NAME = "v"  # payload prefix of the volunteer's own screens
JOIN = "vj"  # payload prefix of "I want to become a volunteer"

TAKE = "t"
TAKE_CONFIRMED = "t!"
CANT = "c"
CANT_CONFIRMED = "c!"
CANT_NO_REASON = "c!!"

WINDOW_DAYS = 14  # "my shifts" shows two weeks at a time
MAX_PAGES = 26  # a year ahead is far enough to page
OPEN_HORIZON_DAYS = 56
OPEN_PER_PAGE = 8
MAX_REASON = 300
MAX_NOTE = 200
_START_FORMAT = "%Y%m%d%H%M"


@dataclass(frozen=True)
class CantComeState:
    """A volunteer's "I can't come" as far as they have got, kept in the conversation state."""

    step: str  # the question open: "shift" (which one), "confirm" (really?), "reason"
    reason: str = ""  # in their own words, when they gave one ("ik ben ziek morgen")
    shift: str | None = None  # the shift's token (_shift_token), once one is chosen
    start: str | None = None  # its start, as _START_FORMAT

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return asdict(self)

    @classmethod
    def load(cls, saved: Mapping[str, Any]) -> CantComeState | None:
        """Read a saved state back (the keys have not changed since states were dicts); None
        when there is none."""
        step = saved.get("step")
        if step not in ("shift", "confirm", "reason"):
            return None
        return cls(
            step=step,
            reason=str(saved.get("reason") or ""),
            shift=_text_or_none(saved.get("shift")),
            start=_text_or_none(saved.get("start")),
        )

    def is_of(self, shift_id: str, start: datetime) -> bool:
        """Whether this is about the shift `shift_id` starting at `start`."""
        return self.shift == _shift_token(shift_id) and self.start == start.strftime(_START_FORMAT)


@dataclass(frozen=True)
class JoinState:
    """The answers of "I want to become a volunteer" so far, kept in the conversation state."""

    step: str = "what"  # the question open: "what", "centre", "when", "consent"
    what: str = ""  # a choice of WHAT_CHOICES, or their own words
    centre: str = ""  # "@<centre id>", ANY_CENTRE, or their own words
    when: str = ""  # a choice of WHEN_CHOICES, or their own words

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return asdict(self)

    @classmethod
    def load(cls, saved: Mapping[str, Any]) -> JoinState | None:
        """Read a saved state back (the keys have not changed since states were dicts); None
        when there is none."""
        step = saved.get("step")
        if step not in ("what", "centre", "when", "consent"):
            return None
        return cls(
            step=step,
            what=str(saved.get("what") or ""),
            centre=str(saved.get("centre") or ""),
            when=str(saved.get("when") or ""),
        )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


# --- small helpers ------------------------------------------------------------------------------


def _shift_token(shift_id: str) -> str:
    # Ids are short in practice; a very long one travels as a hash so the payload fits.
    if len(shift_id) <= 30:
        return shift_id
    return "#" + hashlib.sha256(shift_id.encode()).hexdigest()[:10]


def _shift_from_token(org: Organisation, token: str) -> Shift | None:
    if token.startswith("#"):
        return next((s for s in org.shifts if _shift_token(s.id) == token), None)
    return org.shift(token)


def slot_payload(prefix: str, action: str, shift_id: str, start: datetime) -> ShiftAction:
    """The button payload of an action on one shift on one date."""
    return ShiftAction(action, _shift_token(shift_id), start)


def _parse_slot(ctx: Ctx, token: str, stamp: str) -> tuple[Shift, datetime] | None:
    shift = _shift_from_token(ctx.org, token)
    if shift is None:
        return None
    try:
        naive = datetime.strptime(stamp, _START_FORMAT)
    except ValueError:
        return None
    return shift, naive.replace(tzinfo=ctx.calendar.tz)


def _when(ctx: Ctx, occurrence: Occurrence) -> str:
    _ = ctx.tr.gettext
    return _("{day}, {start}–{end}").format(
        day=ctx.tr.date(occurrence.start),
        start=ctx.tr.time(occurrence.start),
        end=ctx.tr.time(occurrence.end),
    )


def describe(ctx: Ctx, shift: Shift, occurrence: Occurrence) -> str:
    """One shift on one date: "Kitchen at Stene, Tuesday 24 November, 10:00–13:30"."""
    _ = ctx.tr.gettext
    return _("{role} at {centre}, {when}").format(
        role=ctx.text(shift.role),
        centre=ctx.centre_name(shift.centre),
        when=_when(ctx, occurrence),
    )


def _short(ctx: Ctx, occurrence: Occurrence) -> str:
    return f"{ctx.tr.date(occurrence.start, 'short')} {ctx.tr.time(occurrence.start)}"


def _answer(ctx: Ctx, text: str, rows: toolkit.Rows, intent: str = "shifts") -> Answer:
    return toolkit.answer(ctx, text, rows, intent=intent)


def _first_name(volunteer: Volunteer) -> str:
    return volunteer.name.split()[0] if volunteer.name.strip() else volunteer.name


# --- staff ---------------------------------------------------------------------------------------


def is_staff(turn: Turn) -> bool:
    """Whether the person writing is staff (configured, or in the data file with an id)."""
    return staff_scope(turn) is not None


# --- screens for volunteers -------------------------------------------------------------------


def not_a_volunteer(ctx: Ctx) -> Answer:
    """A resident who is not a linked volunteer asks for shifts: what to do instead."""
    _ = ctx.tr.gettext
    text = "\n\n".join(
        [
            _("Shifts are for volunteers of the centres."),
            _(
                "Are you a volunteer? Ask your centre for a code and send it here, or open the "
                "link they give you. Then you see your shifts in this chat."
            ),
            _("Would you like to become a volunteer? Tap below."),
        ]
    )
    rows = ((Button(_("🤝 Become a volunteer"), JOIN),), menu.back_row(ctx))
    return _answer(ctx, text, rows)


def _volunteer_rows(ctx: Ctx) -> tuple[Button, ...]:
    _ = ctx.tr.gettext
    return (Button(_("🗓 My shifts"), NAME), Button(_("🙋 Open shifts"), OpenShifts()))


def welcome(ctx: Ctx, volunteer: Volunteer) -> Answer:
    """The account is linked: who they are to us and what they can do now."""
    _ = ctx.tr.gettext
    text = "\n".join(
        [
            _("Welcome, {name}! This chat is now linked to your volunteer account.").format(
                name=_first_name(volunteer)
            ),
            "",
            _("What you can do here:"),
            _("• see your shifts"),
            _("• take an open shift when a centre needs help"),
            _("• tell the centre when you can't come"),
            _("I will remind you the day before each shift."),
        ]
    )
    return _answer(ctx, text, (_volunteer_rows(ctx), menu.back_row(ctx)))


def code_refused(ctx: Ctx, outcome: Redeemed) -> Answer:
    """An unknown, expired or already used code: say which, and what to do."""
    _ = ctx.tr.gettext
    if outcome is Redeemed.EXPIRED:
        text = _("This code has expired. Ask your centre for a new code.")
    elif outcome is Redeemed.USED:
        text = _("This code was already used. Ask your centre for a new code.")
    else:
        text = _("I don't know this code. Check it, or ask your centre for a new code.")
    return _answer(ctx, text, (menu.back_row(ctx),))


def my_shifts_screen(ctx: Ctx, slots: list[ShiftSlot], page: int, later: bool) -> Answer:
    """A volunteer's shifts in one two-week window, today's highlighted, each with "can't come"."""
    _ = ctx.tr.gettext
    first = ctx.now.date() + timedelta(days=WINDOW_DAYS * page)
    last = first + timedelta(days=WINDOW_DAYS - 1)
    if page == 0:
        head = _("Your shifts in the next two weeks:")
    else:
        head = _("Your shifts from {first} to {last}:").format(
            first=ctx.tr.date(first), last=ctx.tr.date(last)
        )
    lines = [
        head
        if slots
        else _("You have no shifts from {first} to {last}.").format(
            first=ctx.tr.date(first), last=ctx.tr.date(last)
        )
    ]
    rows: list[tuple[Button, ...]] = []
    for slot in slots:
        described = describe(ctx, slot.shift, slot.occurrence)
        if slot.occurrence.start.date() == ctx.now.date():
            lines.append("👉 " + _("Today: {shift}").format(shift=described))
        else:
            lines.append(f"• {described}")
        if slot.occurrence.start > ctx.now:
            label = _("❌ Can't come: {when}").format(when=_short(ctx, slot.occurrence))
            rows.append(
                (Button(label, slot_payload(NAME, CANT, slot.shift.id, slot.occurrence.start)),)
            )
    paging: list[Button] = []
    if page > 0:
        paging.append(Button(_("⬅️ Earlier"), MyShiftsPage(page - 1)))
    if later:
        paging.append(Button(_("Later ➡️"), MyShiftsPage(page + 1)))
    if paging:
        rows.append(tuple(paging))
    rows.append((Button(_("🙋 Open shifts"), OpenShifts()),))
    rows.append((Button(_("🔗 Unlink this chat"), Unlink()),))
    rows.append(menu.back_row(ctx))
    return _answer(ctx, "\n".join(lines), tuple(rows))


def open_shifts_screen(ctx: Ctx, slots: list[ShiftSlot], offset: int) -> Answer:
    """Open shifts with how many people each still needs; a button to take each."""
    _ = ctx.tr.gettext
    shown = slots[offset : offset + OPEN_PER_PAGE]
    if not shown:
        text = _("There are no open shifts at your centres right now. Thank you for asking!")
    else:
        lines = [_("These shifts still need help:")]
        for slot in shown:
            needed = ctx.tr.ngettext(
                "{n} person needed", "{n} people needed", slot.still_needed
            ).format(n=slot.still_needed)
            lines.append(f"• {describe(ctx, slot.shift, slot.occurrence)} ({needed})")
        lines.append(_("Tap a shift to take it."))
        text = "\n".join(lines)
    rows: list[tuple[Button, ...]] = []
    for slot in shown:
        label = f"✋ {_short(ctx, slot.occurrence)} {ctx.text(slot.shift.role)}"
        rows.append(
            (Button(label, slot_payload(NAME, TAKE, slot.shift.id, slot.occurrence.start)),)
        )
    if offset + OPEN_PER_PAGE < len(slots):
        rows.append((Button(_("More ➡️"), OpenShifts(offset + OPEN_PER_PAGE)),))
    rows.append((Button(_("🗓 My shifts"), NAME),))
    rows.append(menu.back_row(ctx))
    return _answer(ctx, text, tuple(rows))


def confirm_take(ctx: Ctx, slot: ShiftSlot) -> Answer:
    """Ask before taking a place."""
    _ = ctx.tr.gettext
    text = _("Do you want to take this shift?\n{shift}").format(
        shift=describe(ctx, slot.shift, slot.occurrence)
    )
    start = slot.occurrence.start
    rows = (
        (
            Button(
                _("✅ Yes, I'll do it"), slot_payload(NAME, TAKE_CONFIRMED, slot.shift.id, start)
            ),
            Button(_("No"), OpenShifts()),
        ),
        menu.back_row(ctx, OpenShifts()),
    )
    return _answer(ctx, text, rows)


def take_refused(ctx: Ctx, outcome: Taken) -> Answer:
    """Why a place could not be taken."""
    _ = ctx.tr.gettext
    texts = {
        Taken.FULL: _("Sorry, someone else just took the last place on this shift."),
        Taken.ALREADY_ON: _("You are already on this shift."),
        Taken.NOT_YOUR_CENTRE: _(
            "This shift is not at one of your centres, so I cannot give it to you. Ask your "
            "centre if you would like to help there."
        ),
        Taken.GONE: _("This shift is no longer available."),
    }
    rows = ((Button(_("🙋 Open shifts"), OpenShifts()),), menu.back_row(ctx))
    return _answer(ctx, texts.get(outcome, texts[Taken.GONE]), rows)


def cant_question(ctx: Ctx, slot: ShiftSlot) -> Question:
    """Can't come to this shift, yes or no: pressed or typed."""
    _ = ctx.tr.gettext
    text = _("You can't come to this shift?\n{shift}").format(
        shift=describe(ctx, slot.shift, slot.occurrence)
    )
    token, start = _shift_token(slot.shift.id), slot.occurrence.start
    choices = (
        Choice(ShiftAction(CANT_CONFIRMED, token, start), _("Yes, I can't come"), yes=True),
        Choice(MyShifts(), _("No, I'll be there"), yes=False),
    )
    return Question("confirm", text, choices, per_row=2)


def confirm_cant(ctx: Ctx, slot: ShiftSlot) -> Answer:
    """Ask before giving a shift back."""
    question = cant_question(ctx, slot)
    return _answer(ctx, question.text, (*question.rows(), menu.back_row(ctx, NAME)))


def which_shift_question(ctx: Ctx, slots: list[ShiftSlot]) -> Question:
    """Which of one's shifts one can't come to: a button each, or the day typed."""
    _ = ctx.tr.gettext
    choices = tuple(
        Choice(
            ShiftAction(CANT, _shift_token(s.shift.id), s.occurrence.start),
            _("❌ Can't come: {when}").format(when=_short(ctx, s.occurrence)),
            (ctx.text(s.shift.role),),
            day=s.occurrence.start.date(),
            at=s.occurrence.start.time(),
        )
        for s in slots
    )
    return Question("shift", _("Which shift can't you come to?"), choices)


def ask_reason(ctx: Ctx, slot: ShiftSlot) -> Answer:
    """The optional reason, typed, or none."""
    _ = ctx.tr.gettext
    text = _(
        "Do you want to tell the centre why? Type it in one message, or tap “Send without a "
        "reason”."
    )
    start = slot.occurrence.start
    rows = (
        (
            Button(
                _("Send without a reason"),
                slot_payload(NAME, CANT_NO_REASON, slot.shift.id, start),
            ),
        ),
        (Button(_("I'll come after all"), NAME),),
        menu.back_row(ctx),
    )
    return _answer(ctx, text, rows)


def given_back(ctx: Ctx, slot: ShiftSlot) -> Answer:
    """The shift is given back and the centre knows."""
    _ = ctx.tr.gettext
    text = _("Thank you for letting us know. I told the centre: {shift}").format(
        shift=describe(ctx, slot.shift, slot.occurrence)
    )
    return _answer(ctx, text, (_volunteer_rows(ctx), menu.back_row(ctx)))


def give_back_refused(ctx: Ctx, outcome: GivenBack) -> Answer:
    """Why a shift could not be given back."""
    _ = ctx.tr.gettext
    if outcome is GivenBack.NOT_ON_IT:
        text = _("You are not on this shift, so there is nothing to cancel.")
    else:
        text = _("This shift has already started or no longer takes place.")
    return _answer(ctx, text, (_volunteer_rows(ctx), menu.back_row(ctx)))


def taken(ctx: Ctx, slot: ShiftSlot) -> Answer:
    """The place is theirs and the centre knows."""
    _ = ctx.tr.gettext
    text = _("Thank you! The shift is yours and the centre knows: {shift}").format(
        shift=describe(ctx, slot.shift, slot.occurrence)
    )
    return _answer(ctx, text, (_volunteer_rows(ctx), menu.back_row(ctx)))


def confirm_unlink(ctx: Ctx) -> Answer:
    """Ask before unlinking."""
    _ = ctx.tr.gettext
    text = _(
        "Unlink this chat from your volunteer account? You will no longer see your shifts or "
        "get reminders here. Your centre can give you a new code."
    )
    rows = (
        (
            Button(_("Yes, unlink"), UnlinkConfirmed()),
            Button(_("No, keep it"), NAME),
        ),
        menu.back_row(ctx, NAME),
    )
    return _answer(ctx, text, rows)


def unlinked(ctx: Ctx) -> Answer:
    """The chat is no longer linked."""
    _ = ctx.tr.gettext
    return _answer(
        ctx, _("Done: this chat is no longer linked to a volunteer account."), menu.main_menu(ctx)
    )


# --- messages to staff ------------------------------------------------------------------------


def staff_taken_notice(ctx: Ctx, volunteer: Volunteer, slot: ShiftSlot) -> str:
    """For staff: a volunteer took a place."""
    _ = ctx.tr.gettext
    text = _("✅ {volunteer} took a shift: {shift}.").format(
        volunteer=volunteer.name, shift=describe(ctx, slot.shift, slot.occurrence)
    )
    if slot.still_needed:
        text += "\n" + ctx.tr.ngettext(
            "Still {n} person needed.", "Still {n} people needed.", slot.still_needed
        ).format(n=slot.still_needed)
    return text


def staff_cant_come_notice(
    ctx: Ctx, volunteer: Volunteer, slot: ShiftSlot, reason: str | None
) -> str:
    """For staff: a volunteer cannot come; the shift is open again."""
    _ = ctx.tr.gettext
    lines = [
        _("⚠️ {volunteer} can't come: {shift}.").format(
            volunteer=volunteer.name, shift=describe(ctx, slot.shift, slot.occurrence)
        ),
        _("Reason: {reason}").format(reason=reason) if reason else _("No reason given."),
        ctx.tr.ngettext(
            "The shift is open again: {n} person needed.",
            "The shift is open again: {n} people needed.",
            slot.still_needed,
        ).format(n=slot.still_needed),
    ]
    return "\n".join(lines)


# --- the reminder, rendered for the outbox ------------------------------------------------------


def render_shift_reminder(
    org: Organisation,
    calendar: Calendar,
    lang: str,
    shift: Shift,
    occurrence: Occurrence,
    today: bool = False,
) -> dict[str, Any]:
    """The reminder of a shift as an outbox payload (for plan_shift_reminders): the day before,
    or (`today`) on the day itself when the day-before one could not go out."""
    ctx = Ctx(
        org=org, calendar=calendar, tr=toolkit.translator(lang, org.country), now=occurrence.start
    )
    _ = ctx.tr.gettext
    if today:
        wording = _("Reminder: today you have a shift. {shift}. Thank you!")
    else:
        wording = _("Reminder: tomorrow you have a shift. {shift}. Thank you!")
    text = wording.format(shift=describe(ctx, shift, occurrence))
    rows = (
        (
            Button(_("❌ I can't come"), slot_payload(NAME, CANT, shift.id, occurrence.start)),
            Button(_("🗓 My shifts"), NAME),
        ),
    )
    return reply_to_payload(Reply(text, rows, language=lang))


# --- the flow of a volunteer ------------------------------------------------------------------


class VolunteerFlow(Flow):
    """Linking, my shifts, open shifts, taking one, "I can't come", unlinking."""

    name = NAME
    intents = ("shifts", "cancel_signup")

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer | None:
        """Shifts asked in words: theirs when linked, else how to become linked; "I can't
        come tomorrow" from a volunteer with a shift then: the can't-come form."""
        if understanding.intent == "cancel_signup":
            return await self._cant_come_typed(turn, understanding)
        if understanding.open_shifts:
            volunteer = await self._volunteer(turn)
            if volunteer is not None:  # "which shifts are still open?": those, at once
                return await self._open_shifts(turn, volunteer, 0)
        return await self.on_button(turn, "")

    async def _cant_come_typed(self, turn: Turn, u: Understanding) -> Answer | None:
        """Start "can't come" from words; None when no shift of theirs is meant."""
        volunteer = await self._volunteer(turn)
        if volunteer is None:
            return None
        slots = await self._coming_shifts(turn, volunteer)
        if u.date is not None:
            slots = [s for s in slots if s.occurrence.start.date() == u.date]
        if not slots:
            if u.date is None or await self._signed_up_for(turn, u.date):
                return None  # maybe a sign-up of theirs as a resident: not ours
            # No shift that day and no sign-up either: "you have no sign-ups" would answer a
            # resident; a volunteer hears that there is no shift then, and sees their shifts.
            _ = turn.ctx.tr.gettext
            note = _("You have no shift on {day}.").format(day=turn.ctx.tr.date(u.date))
            shown = await self._my_shifts(turn, volunteer, 0)
            first = shown.replies[0]
            shown.replies[0] = replace(first, text=f"{note}\n\n{first.text}")
            return shown
        # "Ik ben ziek morgen": the words that said it are the reason the centre hears.
        reason = " ".join(u.text.split())[:MAX_REASON]
        if len(slots) == 1:
            return await self._ask_cant(turn, slots[0], reason)
        await turn.save_stamped_state(NAME, CantComeState("shift", reason).saved())
        question = which_shift_question(turn.ctx, slots)
        turn.asked = question
        return _answer(turn.ctx, question.text, (*question.rows(), menu.back_row(turn.ctx)))

    async def _signed_up_for(self, turn: Turn, day: date) -> bool:
        """Whether this person has a sign-up of their own as a resident on `day`."""
        ctx = turn.ctx
        mine = await signup_rules(turn.store).upcoming_for(
            turn.user_id, now=ctx.now, calendar=ctx.calendar
        )
        return any(signup.occurrence_start.startswith(day.isoformat()) for signup in mine)

    async def _coming_shifts(self, turn: Turn, volunteer: Volunteer) -> list[ShiftSlot]:
        """The volunteer's shifts of the coming two weeks that have not begun."""
        ctx = turn.ctx
        first = ctx.now.date()
        slots = await shifts.my_shifts(
            repositories(turn.store),
            ctx.org,
            ctx.calendar,
            volunteer.id,
            first,
            first + timedelta(WINDOW_DAYS),
        )
        return [s for s in slots if s.occurrence.start > ctx.now]

    async def _ask_cant(self, turn: Turn, slot: ShiftSlot, reason: str) -> Answer:
        """Ask whether they really can't come to `slot`, keeping a reason already given."""
        state = CantComeState(
            "confirm",
            reason,
            _shift_token(slot.shift.id),
            slot.occurrence.start.strftime(_START_FORMAT),
        )
        await turn.save_stamped_state(NAME, state.saved())
        turn.asked = cant_question(turn.ctx, slot)
        return confirm_cant(turn.ctx, slot)

    async def _question(self, turn: Turn, state: dict[str, Any]) -> Question | None:
        """The open question of the can't-come form (which shift, or yes), if any."""
        saved = CantComeState.load(state)
        if saved is None or saved.step == "reason" or not is_fresh(state, turn.ctx.now):
            return None
        volunteer = await self._volunteer(turn)
        if volunteer is None:
            return None
        slots = await self._coming_shifts(turn, volunteer)
        if saved.step == "shift":
            return which_shift_question(turn.ctx, slots) if slots else None
        found = [s for s in slots if saved.is_of(s.shift.id, s.occurrence.start)]
        return cant_question(turn.ctx, found[0]) if found else None

    async def _fitted(self, turn: Turn, state: dict[str, Any]) -> Payload | None:
        question = await self._question(turn, state)
        if question is None:
            return None
        day = turn.understanding.date if turn.understanding is not None else None
        fitted = forms.fit(question, turn.incoming.text, day)
        return None if fitted is None else fitted.payload

    async def fits(self, turn: Turn, state: dict[str, Any]) -> bool:
        """Whether typed words pick the shift or say yes or no."""
        return await self._fitted(turn, state) is not None

    async def holds(self, turn: Turn, state: dict[str, Any]) -> bool:
        """The can't-come questions wait while a side question is answered."""
        return await self._question(turn, state) is not None

    async def on_start(self, turn: Turn, argument: str) -> Answer | None:
        """/start CODE: link this Telegram account to a volunteer record."""
        code = volunteer_rules.normalise_code(argument)
        if code is None or not turn.writes:
            return None
        await turn.clear_state()
        org = turn.ctx.org
        result = await volunteer_rules.redeem_code(
            repositories(turn.store), org.id, code, turn.user_id, now=turn.ctx.now
        )
        volunteer = org.volunteer(result.volunteer_id or "")
        if result.outcome is not Redeemed.LINKED or volunteer is None:
            return code_refused(turn.ctx, result.outcome)
        return welcome(turn.ctx, volunteer)

    async def _volunteer(self, turn: Turn) -> Volunteer | None:
        if not turn.writes:  # `voordeur ask` has no account to look up
            return None
        found = await repositories(turn.store).volunteers.linked_volunteer(
            turn.ctx.org.id, turn.user_id
        )
        return None if found is None else turn.ctx.org.volunteer(found)

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Every volunteer screen; each checks the link and the shift again."""
        ctx = turn.ctx
        volunteer = await self._volunteer(turn)
        if volunteer is None:
            return not_a_volunteer(ctx)
        pressed = unpack_as(
            f"{NAME}:{rest}" if rest else NAME,
            MyShifts,
            MyShiftsPage,
            OpenShifts,
            Unlink,
            UnlinkConfirmed,
            ShiftAction,
        )
        if pressed is None:
            return None
        # "Can't come" keeps its own state (a reason already given); anything else ends it.
        keeps = isinstance(pressed, ShiftAction) and pressed.action in (CANT, CANT_CONFIRMED)
        current = None if keeps else await turn.state()
        if current is not None and current[0] == NAME:
            # Any other choice ("I'll come after all", My shifts) ends a waiting reason, so a
            # later question is never taken for one.
            await turn.clear_state()
        if isinstance(pressed, (MyShifts, MyShiftsPage)):
            page = pressed.page or 0 if isinstance(pressed, MyShiftsPage) else 0
            return None if page > MAX_PAGES else await self._my_shifts(turn, volunteer, page)
        if isinstance(pressed, OpenShifts):
            offset = pressed.offset or 0
            return None if offset > 1000 else await self._open_shifts(turn, volunteer, offset)
        if isinstance(pressed, Unlink):
            return confirm_unlink(ctx)
        if isinstance(pressed, UnlinkConfirmed):
            await shifts.unlink(repositories(turn.store), ctx.org.id, turn.user_id)
            await turn.clear_state()
            return unlinked(ctx)
        if not isinstance(pressed, ShiftAction):
            return None
        shift = _shift_from_token(ctx.org, pressed.shift)
        if shift is None:
            return take_refused(ctx, Taken.GONE)
        start = pressed.start.replace(tzinfo=ctx.calendar.tz)
        action = pressed.action
        if action in (TAKE, TAKE_CONFIRMED):
            return await self._take(turn, volunteer, shift, start, confirmed=action != TAKE)
        return await self._cant_come(turn, volunteer, shift, start, action)

    async def on_text(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """The typed reason for "I can't come", or the typed shift or yes before it."""
        fitted = await self._fitted(turn, state)
        if fitted is not None:
            return await self.on_button(turn, fitted.rest())
        parsed = self._reason_asked(turn, state)
        if parsed is None:
            return None
        volunteer = await self._volunteer(turn)
        if volunteer is None or parsed is None:
            return None
        reason = " ".join(turn.incoming.text.split())[:MAX_REASON] or None
        return await self._give_back(turn, volunteer, parsed[0], parsed[1], reason)

    async def resume(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """Asked again what they were at: which shift, yes, or the reason."""
        question = await self._question(turn, state)
        if question is not None:
            turn.asked = question
            back = menu.back_row(turn.ctx, NAME)
            return _answer(turn.ctx, question.text, (*question.rows(), back))
        parsed = self._reason_asked(turn, state)
        if parsed is None or await self._volunteer(turn) is None:
            return None
        slot = await shifts.shift_slot(
            repositories(turn.store), turn.ctx.org, turn.ctx.calendar, parsed[0].id, parsed[1]
        )
        if slot is None or slot.occurrence.start <= turn.ctx.now:
            return None
        return ask_reason(turn.ctx, slot)

    def _reason_asked(self, turn: Turn, state: dict[str, Any]) -> tuple[Shift, datetime] | None:
        """The shift and start a reason is asked for, while that question is fresh."""
        saved = CantComeState.load(state)
        if saved is None or saved.step != "reason" or not is_fresh(state, turn.ctx.now):
            return None
        return _parse_slot(turn.ctx, str(saved.shift), str(saved.start))

    async def _my_shifts(self, turn: Turn, volunteer: Volunteer, page: int) -> Answer:
        ctx = turn.ctx
        first = ctx.now.date() + timedelta(days=WINDOW_DAYS * page)
        last = first + timedelta(days=WINDOW_DAYS - 1)
        slots = await shifts.my_shifts(
            repositories(turn.store),
            ctx.org,
            ctx.calendar,
            volunteer.id,
            first,
            last + timedelta(days=90),
        )
        # One query for this window and a look further ahead, to know whether "Later" helps.
        shown = [
            s for s in slots if s.occurrence.start.date() <= last and s.occurrence.end > ctx.now
        ]
        later = page < MAX_PAGES and any(s.occurrence.start.date() > last for s in slots)
        return my_shifts_screen(ctx, shown, page, later)

    async def _open_shifts(self, turn: Turn, volunteer: Volunteer, offset: int) -> Answer:
        ctx = turn.ctx
        slots = await shifts.open_shifts(
            repositories(turn.store),
            ctx.org,
            ctx.calendar,
            ctx.now.date(),
            ctx.now.date() + timedelta(days=OPEN_HORIZON_DAYS),
            centres=shifts.volunteer_centres(ctx.org, volunteer.id),
            volunteer_id=volunteer.id,
        )
        upcoming = [s for s in slots if s.occurrence.start > ctx.now]
        return open_shifts_screen(ctx, upcoming, offset)

    async def _take(
        self, turn: Turn, volunteer: Volunteer, shift: Shift, start: datetime, *, confirmed: bool
    ) -> Answer:
        ctx = turn.ctx
        centres = shifts.volunteer_centres(ctx.org, volunteer.id)
        if centres is not None and shift.centre not in centres:
            return take_refused(ctx, Taken.NOT_YOUR_CENTRE)
        if not confirmed:
            slot = await shifts.shift_slot(
                repositories(turn.store), ctx.org, ctx.calendar, shift.id, start
            )
            refusal = shifts.take_refusal(slot, volunteer.id, ctx.now)
            if refusal is not None or slot is None:
                return take_refused(ctx, refusal or Taken.GONE)
            return confirm_take(ctx, slot)
        result = await shifts.take_shift(
            repositories(turn.store),
            ctx.org,
            ctx.calendar,
            volunteer.id,
            shift.id,
            start,
            now=ctx.now,
        )
        if result.outcome is not Taken.TAKEN or result.slot is None:
            return take_refused(ctx, result.outcome)
        slot = result.slot
        answer = taken(ctx, slot)
        answer.replies += await toolkit.to_staff(
            turn, shift.centre, lambda c: staff_taken_notice(c, volunteer, slot)
        )
        return answer

    async def _cant_come(
        self, turn: Turn, volunteer: Volunteer, shift: Shift, start: datetime, action: str
    ) -> Answer:
        ctx = turn.ctx
        if action == CANT_NO_REASON:
            return await self._give_back(turn, volunteer, shift, start, None)
        slot = await shifts.shift_slot(
            repositories(turn.store), ctx.org, ctx.calendar, shift.id, start
        )
        refusal = shifts.give_back_refusal(slot, volunteer.id, ctx.now)
        if refusal is not None or slot is None:
            return give_back_refused(ctx, refusal or GivenBack.GONE)
        kept = CantComeState.load(await turn.fresh_state(NAME))
        reason = kept.reason if kept is not None else ""
        if action == CANT:
            return await self._ask_cant(turn, slot, reason)
        if reason and kept is not None and kept.is_of(shift.id, start):
            return await self._give_back(turn, volunteer, shift, start, reason)
        asked = CantComeState("reason", "", _shift_token(shift.id), start.strftime(_START_FORMAT))
        await turn.save_stamped_state(NAME, asked.saved())
        return ask_reason(ctx, slot)

    async def _give_back(
        self,
        turn: Turn,
        volunteer: Volunteer,
        shift: Shift,
        start: datetime,
        reason: str | None,
    ) -> Answer:
        ctx = turn.ctx
        await turn.clear_state()
        result = await shifts.give_back_shift(
            repositories(turn.store),
            ctx.org,
            ctx.calendar,
            volunteer.id,
            shift.id,
            start,
            reason=reason,
            now=ctx.now,
        )
        if result.outcome is not GivenBack.CANCELLED or result.slot is None:
            return give_back_refused(ctx, result.outcome)
        slot = result.slot
        answer = given_back(ctx, slot)
        answer.replies += await toolkit.to_staff(
            turn, shift.centre, lambda c: staff_cant_come_notice(c, volunteer, slot, reason)
        )
        return answer


# --- becoming a volunteer ---------------------------------------------------------------------

WHAT_CHOICES = ("kitchen", "reception", "digital", "language", "outings")
WHEN_CHOICES = ("mornings", "afternoons", "weekends", "flexible")
ANY_CENTRE = "*"


def _what_label(ctx: Ctx, key: str) -> str:
    _ = ctx.tr.gettext
    labels = {
        "kitchen": _("🍲 Kitchen and meals"),
        "reception": _("☕ Reception and bar"),
        "digital": _("💻 Digital help"),
        "language": _("🗣 Language and conversation"),
        "outings": _("🚶 Walks and outings"),
    }
    return labels.get(key, key)


def _when_label(ctx: Ctx, key: str) -> str:
    _ = ctx.tr.gettext
    labels = {
        "mornings": _("🌅 Mornings"),
        "afternoons": _("🌇 Afternoons"),
        "weekends": _("📅 Weekends"),
        "flexible": _("🔄 It varies"),
    }
    return labels.get(key, key)


def _centre_label(ctx: Ctx, key: str) -> str:
    _ = ctx.tr.gettext
    if key == ANY_CENTRE:
        return _("Any centre")
    return ctx.centre_name(key[1:]) if key.startswith("@") else key


def join_ask_what(ctx: Ctx) -> Answer:
    """First question: what would they like to do."""
    _ = ctx.tr.gettext
    text = _(
        "How nice that you want to help! What would you like to do? Choose below, or type it "
        "in your own words."
    )
    buttons = [
        Button(_what_label(ctx, key), VolunteerJoinChoice("w", key)) for key in WHAT_CHOICES
    ]
    rows = menu.rows_of(buttons)
    return _answer(ctx, text, (*rows, menu.back_row(ctx)), intent="volunteer")


def join_ask_centre(ctx: Ctx, page: int = 0) -> Answer:
    """Second question: which centre (a few a screen, "More" shows the next ones)."""
    _ = ctx.tr.gettext
    centres, back = menu.centre_screen(
        ctx, lambda centre: VolunteerJoinChoice("c", centre), VolunteerJoinPage, page
    )
    rows = (
        *centres,
        (Button(_("Any centre"), VolunteerJoinChoice("c", ANY_CENTRE)),),
        menu.back_row(ctx, back or JOIN),
    )
    return _answer(ctx, _("At which centre would you like to help?"), rows, intent="volunteer")


def join_ask_when(ctx: Ctx) -> Answer:
    """Third question: when are they free."""
    _ = ctx.tr.gettext
    buttons = [
        Button(_when_label(ctx, key), VolunteerJoinChoice("f", key)) for key in WHEN_CHOICES
    ]
    rows = (tuple(buttons[:2]), tuple(buttons[2:]), menu.back_row(ctx, JOIN))
    text = _("When are you free? Choose below, or type it (for example: Tuesday mornings).")
    return _answer(ctx, text, rows, intent="volunteer")


def join_summary(ctx: Ctx, state: JoinState) -> str:
    """What they told us, in one line per answer."""
    _ = ctx.tr.gettext
    return "\n".join(
        [
            _("What: {what}").format(what=_what_label(ctx, state.what)),
            _("Where: {centre}").format(centre=_centre_label(ctx, state.centre)),
            _("When: {when}").format(when=_when_label(ctx, state.when)),
        ]
    )


def join_ask_consent(ctx: Ctx, state: JoinState) -> Answer:
    """Last question: may we keep this and pass it on."""
    _ = ctx.tr.gettext
    text = "\n\n".join(
        [
            join_summary(ctx, state),
            _(
                "May I pass this on to the staff? I keep these answers and your Telegram chat, "
                "so that they can contact you here. You can ask the centre to delete it at any "
                "time."
            ),
        ]
    )
    rows = (
        (
            Button(_("✅ Yes, pass it on"), VolunteerJoinAnswer("ok")),
            Button(_("No, don't keep it"), VolunteerJoinAnswer("no")),
        ),
        menu.back_row(ctx),
    )
    return _answer(ctx, text, rows, intent="volunteer")


def join_done(ctx: Ctx) -> Answer:
    """Thank you: the staff will be in touch."""
    _ = ctx.tr.gettext
    text = _("Thank you! The staff will contact you in this chat or at the centre.")
    return _answer(ctx, text, menu.main_menu(ctx), intent="volunteer")


def join_dropped(ctx: Ctx) -> Answer:
    """Nothing was kept."""
    _ = ctx.tr.gettext
    text = _("All right, I did not keep anything. You are welcome to ask again at any time.")
    return _answer(ctx, text, menu.main_menu(ctx), intent="volunteer")


def staff_interest_notice(ctx: Ctx, name: str, request_id: int, state: JoinState) -> str:
    """For staff: someone wants to become a volunteer."""
    _ = ctx.tr.gettext
    head = _("🤝 {name} would like to become a volunteer (request {number}).").format(
        name=name or _("Someone"), number=request_id
    )
    return "\n".join([head, join_summary(ctx, state)])


class VolunteerJoinFlow(Flow):
    """ "I want to become a volunteer": what, where, when, consent, then the staff inbox."""

    name = JOIN
    intents = ("volunteer",)

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer | None:
        """Start the questions."""
        return await self.on_button(turn, "")

    async def _save(self, turn: Turn, state: JoinState) -> None:
        await turn.save_stamped_state(JOIN, state.saved())

    async def _state(self, turn: Turn) -> JoinState | None:
        return JoinState.load(await turn.fresh_state(JOIN))

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """The answers given by button, each checked against the choices offered."""
        ctx = turn.ctx
        if rest == "":
            await self._save(turn, JoinState())
            return join_ask_what(ctx)
        state = await self._state(turn)
        pressed = unpack_as(
            f"{JOIN}:{rest}", VolunteerJoinChoice, VolunteerJoinAnswer, VolunteerJoinPage
        )
        if isinstance(pressed, VolunteerJoinPage):
            if state is None or not state.what:
                return await self.on_button(turn, "")  # the questions timed out: start again
            return join_ask_centre(ctx, pressed.page)
        if isinstance(pressed, VolunteerJoinChoice):
            step, value = pressed.step, pressed.value
        elif isinstance(pressed, VolunteerJoinAnswer):
            step, value = pressed.answer, ""
        else:
            return None
        if step == "w" and value in WHAT_CHOICES and state is not None:
            await self._save(turn, replace(state, step="centre", what=value))
            return join_ask_centre(ctx)
        if step == "c" and state is not None and state.what:
            if value != ANY_CENTRE and ctx.org.centre(value) is None:
                return None
            centre = value if value == ANY_CENTRE else f"@{value}"
            await self._save(turn, replace(state, step="when", centre=centre))
            return join_ask_when(ctx)
        if step == "f" and value in WHEN_CHOICES and state is not None and state.centre:
            new_state = replace(state, step="consent", when=value)
            await self._save(turn, new_state)
            return join_ask_consent(ctx, new_state)
        if step == "ok" and state is not None and state.step == "consent":
            return await self._submit(turn, state)
        if step == "no":
            await turn.clear_state()
            return join_dropped(ctx)
        if state is None and step in ("w", "c", "f", "ok"):
            return await self.on_button(turn, "")  # the questions timed out: start again
        return None

    async def on_text(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """An answer typed in their own words."""
        saved = JoinState.load(state)
        if saved is None or not is_fresh(state, turn.ctx.now):
            return None
        text = " ".join(turn.incoming.text.split())[:MAX_NOTE]
        if not text:
            return None
        if saved.step == "what":
            await self._save(turn, replace(saved, step="centre", what=text))
            return join_ask_centre(turn.ctx)
        if saved.step == "centre":
            await self._save(turn, replace(saved, step="when", centre=text))
            return join_ask_when(turn.ctx)
        if saved.step == "when":
            new_state = replace(saved, step="consent", when=text)
            await self._save(turn, new_state)
            return join_ask_consent(turn.ctx, new_state)
        return None

    async def resume(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """The question they were at, asked again (after a safety answer)."""
        saved = JoinState.load(state)
        if saved is None or not is_fresh(state, turn.ctx.now):
            return None
        if saved.step == "what":
            return join_ask_what(turn.ctx)
        if saved.step == "centre":
            return join_ask_centre(turn.ctx)
        if saved.step == "when":
            return join_ask_when(turn.ctx)
        return join_ask_consent(turn.ctx, saved)

    async def _submit(self, turn: Turn, state: JoinState) -> Answer:
        ctx = turn.ctx
        await turn.clear_state()
        centre = state.centre
        centre_id = centre[1:] if centre.startswith("@") else None
        name = turn.incoming.display_name
        # The inbox keeps the answers in the organisation's language, which all staff read.
        message = join_summary(toolkit.in_language(ctx, ctx.org.default_language), state)
        request_id = await store_volunteers.record_volunteer_interest(
            turn.store,
            ctx.org.id,
            turn.user_id,
            message=message,
            centre_id=centre_id,
            language=ctx.lang,
            now=ctx.now,
            name=name,
        )
        answer = join_done(ctx)
        answer.replies += await toolkit.to_staff(
            turn, centre_id, lambda c: staff_interest_notice(c, name, request_id, state)
        )
        return answer
