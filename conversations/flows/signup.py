"""Signing up for an activity: pick what it needs (date, slot, menu, companions, tariff), confirm.

Buttons carry short payloads: `su:a:<activity>[:<centre>[:<start>]]` starts (from a listing, a
question or a poster's deep link `/start act-<activity>`); every later step (`su:d`, `su:t`,
`su:o`, `su:n`, `su:r`, `su:y`) carries only the choice, and what was chosen so far lives in the
store's conversation state. Every choice is checked again against the calendar and the data file
when it comes back, and the sign-up itself is checked once more by `rules.signups`
inside one transaction, so a stale or forged button can never sign anybody up for the wrong thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from conversations import consent, forms, signup_form
from conversations.answer import Answer
from conversations.answers import activities, menu
from conversations.answers.activities import SIGNUP, signup_payload
from conversations.calendar_file import when_label
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn, is_fresh
from conversations.forms import Choice, Question
from conversations.payloads import (
    Payload,
    SignupCalendar,
    SignupCentre,
    SignupCentrePage,
    SignupChange,
    SignupCompanions,
    SignupConfirm,
    SignupConsent,
    SignupDate,
    SignupDecline,
    SignupOption,
    SignupStart,
    SignupTariff,
    SignupTime,
    unpack_as,
)
from conversations.reply import Button, Reply
from conversations.understanding import Understanding
from rules.signups import Outcome, SignupResult, signup_rules
from storage.model import Activity, SignupMode
from storage.repositories import repositories
from storage.schedule import ACTIVITY, Occurrence, containing, resolve, series_sessions, slots

STAMP = "%Y%m%d%H%M"
DAY = "%Y%m%d"
DATES_SHOWN = 6  # date buttons at once: enough to choose, few enough for a small screen
DAYS_AHEAD = 120
STEPS: tuple[type[Payload], ...] = (
    SignupStart,
    SignupCentre,
    SignupCentrePage,
    SignupDate,
    SignupTime,
    SignupOption,
    SignupCompanions,
    SignupTariff,
    SignupChange,
    SignupConsent,
    SignupConfirm,
    SignupDecline,
)
"""Every answer of the sign-up form, pressed or typed."""


@dataclass
class SignupState:
    """What a resident has answered so far in a sign-up, kept in the conversation state."""

    activity: str
    centre: str | None = None
    start: str | None = None  # the occurrence or appointment slot chosen, as STAMP
    day: str | None = None  # the day named or chosen for an appointment, as DAY
    options: dict[str, str] = field(default_factory=dict)  # option id -> choice id
    companions: int | None = None
    reduced: bool | None = None  # the reduced tariff (asked, or remembered from last time)
    reduced_answered: bool = False  # answered in this sign-up: remembered for the next
    ask_tariff: bool = False  # "change tariff": ask again whatever was remembered
    name: str | None = None  # only asked when staff sign someone up (signup_form.SLOTS)
    phone: str | None = None

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return asdict(self)

    @classmethod
    def load(cls, saved: Mapping[str, Any]) -> SignupState | None:
        """Read a saved state back, also one saved before states were typed (one-letter keys:
        the bot restarts with half-finished sign-ups in the database); None when unusable."""
        old = "a" in saved and "activity" not in saved
        keys = _OLD_KEYS if old else {f.name: f.name for f in fields(cls)}
        activity = saved.get(keys["activity"])
        if not isinstance(activity, str):
            return None
        day = saved.get(keys["day"])
        if isinstance(day, str) and len(day) == 10:
            day = day.replace("-", "")  # an old state kept a named day as YYYY-MM-DD
        options = saved.get(keys["options"])
        companions = saved.get(keys["companions"])
        reduced = saved.get(keys["reduced"])
        return cls(
            activity=activity,
            centre=_text_or_none(saved.get(keys["centre"])),
            start=_text_or_none(saved.get(keys["start"])),
            day=_text_or_none(day),
            options={str(k): str(v) for k, v in options.items()}
            if isinstance(options, dict)
            else {},
            companions=companions if isinstance(companions, int) else None,
            reduced=reduced if isinstance(reduced, bool) else None,
            reduced_answered=bool(saved.get(keys["reduced_answered"])),
            ask_tariff=bool(saved.get(keys["ask_tariff"])),
        )


_OLD_KEYS = {
    "activity": "a",
    "centre": "c",
    "start": "s",
    "day": "day",
    "options": "o",
    "companions": "n",
    "reduced": "r",
    "reduced_answered": "ra",
    "ask_tariff": "rq",
}
"""The one-letter keys of sign-up states saved before they were typed."""


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def stamp(moment: datetime) -> str:
    """A start as it travels in a payload."""
    return moment.strftime(STAMP)


def parse_stamp(ctx: Ctx, text: str) -> datetime | None:
    """A start from a payload, in the organisation's zone; None when it is not one."""
    if len(text) != 12 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, STAMP).replace(tzinfo=ctx.calendar.tz)
    except ValueError:
        return None


def price_text(ctx: Ctx, activity: Activity, reduced: bool, people: int = 1) -> str:
    """What it costs, for the confirmation screen."""
    _ = ctx.tr.gettext
    amount = activity.reduced_price if reduced and activity.reduced_price is not None else None
    amount = amount if amount is not None else activity.price
    if amount is None or (amount == Decimal(0) and activity.price is None):
        return _("Free")
    total = ctx.tr.price(amount * people)
    if reduced and activity.reduced_price is not None:
        return _("{price} (reduced tariff)").format(price=total)
    return total


def closed_answer(
    ctx: Ctx, activity: Activity, centre_id: str, deadline: datetime | None
) -> Answer:
    """Signing up has closed: until when it was possible, and whom to phone."""
    _ = ctx.tr.gettext
    title = ctx.text(activity.title)
    if deadline is not None:
        text = _("Signing up for {title} closed on {date} at {time}.").format(
            title=title, date=ctx.tr.date(deadline), time=ctx.tr.time(deadline)
        )
    else:
        text = _("Signing up for {title} is closed.").format(title=title)
    centre = ctx.org.centre(centre_id)
    if centre is not None and centre.phone:
        text += "\n" + _("Please phone {centre}: {phone}. Maybe they can still help.").format(
            centre=ctx.centre_name(centre), phone=centre.phone
        )
    rows = ((Button(_("📅 What's on"), menu.WHATSON),), menu.back_row(ctx))
    return _answer(ctx, text, rows, activity.id)


def walk_in_answer(ctx: Ctx, activity: Activity, centre_id: str | None) -> Answer:
    """No sign-up needed, just come: when and where."""
    _ = ctx.tr.gettext
    title = ctx.text(activity.title)
    lines = [_("No need to sign up for {title}: just come!").format(title=title)]
    for cid in [centre_id] if centre_id else list(activity.centres)[:3]:
        upcoming = ctx.calendar.next_occurrences(
            ctx.now, kind=ACTIVITY, centre=cid, item_id=activity.id, limit=1
        )
        centre = ctx.org.centre(cid)
        if upcoming and centre is not None:
            lines.append(
                _("Next time: {when} at {centre}, {address}.").format(
                    when=when_label(ctx, upcoming[0].start, upcoming[0].end),
                    centre=ctx.centre_name(centre),
                    address=centre.address,
                )
            )
    rows = ((Button(_("📅 What's on"), menu.WHATSON),), menu.back_row(ctx))
    return _answer(ctx, "\n".join(lines), rows, activity.id)


def _answer(ctx: Ctx, text: str, rows: toolkit.Rows, activity: str | None) -> Answer:
    return toolkit.answer(ctx, text, rows, intent="signup", activity=activity)


def _stale(ctx: Ctx, text: str | None = None) -> Answer:
    _ = ctx.tr.gettext
    message = text or _("That button is no longer valid.")
    rows = (
        (Button(_("📅 What's on"), menu.WHATSON), Button(_("✍️ My sign-ups"), menu.MY_SIGNUPS)),
        menu.back_row(ctx),
    )
    return _answer(ctx, message, rows, None)


class _Resident(signup_form.Filler):
    """The resident fills the sign-up form in for themself: consent is asked once, the tariff
    answer is remembered from last time, and the summary asks "Shall I sign you up?"."""

    def __init__(
        self,
        flow: SignupFlow,
        turn: Turn,
        state: SignupState,
        occurrence: Occurrence,
        note: str | None,
    ) -> None:
        self.flow, self.turn, self.state = flow, turn, state
        self.occurrence, self.note = occurrence, note

    def time(self, start: datetime) -> Payload:
        """The resident's appointment-time button."""
        return SignupTime(start)

    def option(self, option: int, choice: int) -> Payload:
        """The resident's option button."""
        return SignupOption(option, choice)

    def companions(self, count: int) -> Payload:
        """The resident's companions button."""
        return SignupCompanions(count)

    async def consent(self) -> Question | None:
        """Asked once, before anything about the person is kept."""
        turn = self.turn
        if not turn.writes or await consent.has_consent(turn.store, turn.user_id):
            return None
        _ = turn.ctx.tr.gettext
        choices = (
            Choice(SignupConsent(), _("Yes"), yes=True),
            Choice(SignupDecline(), _("No"), yes=False),
        )
        return Question("consent", "", choices)

    async def remembered_tariff(self) -> bool | None:
        """Last sign-up's answer, unless the resident asked to change it."""
        return None if self.state.ask_tariff else await _remembered_tariff(self.turn)

    async def confirm(self, activity: Activity, answers: signup_form.FormAnswers) -> Question:
        """What, where, when and the price, to confirm or change."""
        return await self.flow._summary(
            self.turn, self.state, activity, self.occurrence, self.note
        )


class SignupFlow(Flow):
    """Sign up for an activity with places."""

    name = SIGNUP
    intents = ("signup",)

    # -- entry points -------------------------------------------------------------------------

    async def on_intent(self, turn: Turn, understanding: Understanding) -> Answer | None:
        """ "I want to sign up for the Christmas lunch": start for the activity meant."""
        u = understanding
        ctx = turn.ctx
        candidates = [u.activity] if u.activity else list(u.activity_candidates)
        found = [a for a in (ctx.org.activity(i) for i in candidates) if a is not None]
        if u.centre:
            found = [a for a in found if u.centre in a.centres] or found
        with_places = [a for a in found if a.signup is not SignupMode.WALK_IN]
        if len(found) == 1 or len(with_places) == 1:
            activity = with_places[0] if with_places else found[0]
            state = SignupState(activity.id)
            if u.centre in activity.centres:
                state.centre = u.centre
            if u.date is not None:
                state.day = u.date.strftime(DAY)
            answer = await self._advance(turn, state)
            answer.activity = u.activity
            return answer
        if with_places:
            return self._which_activity(ctx, with_places, u.centre, u.date)
        if found:
            return walk_in_answer(ctx, found[0], u.centre)
        return await self._listing(ctx, u)

    async def on_start(self, turn: Turn, argument: str) -> Answer | None:
        """A poster's deep link `/start act-<activity id>`."""
        if not argument.startswith("act-"):
            return None
        activity_id = argument.removeprefix("act-")
        if turn.ctx.org.activity(activity_id) is None:
            return _stale(turn.ctx, turn.ctx.tr.gettext("I do not know that activity (any more)."))
        await turn.clear_state()
        return await self._advance(turn, SignupState(activity_id))

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Every step of the sign-up, each choice checked before it is used."""
        pressed = unpack_as(f"{SIGNUP}:{rest}", *STEPS)
        if pressed is None:
            current = await turn.state() if turn.writes else None
            if current is None or current[0] != self.name:
                return _stale(turn.ctx)
            note = turn.ctx.tr.gettext("That button is no longer valid. Here is where we are.")
            saved = SignupState.load(current[1])
            if saved is None:
                return _stale(turn.ctx)
            return await self._advance(turn, saved, note=note)
        return await self._step(turn, pressed)

    async def on_text(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """Typed words read as the answer to the question this person is at, as a press."""
        fitted = await self._fitted(turn, state)
        return None if fitted is None else await self._step(turn, fitted)

    async def fits(self, turn: Turn, state: dict[str, Any]) -> bool:
        """Whether the typed text answers the open question with one of its choices."""
        return await self._fitted(turn, state) is not None

    async def _fitted(self, turn: Turn, state: dict[str, Any]) -> Payload | None:
        """The choice of the open question that the typed text means, if any."""
        saved = SignupState.load(state)
        if saved is None or not is_fresh(state, turn.ctx.now):
            return None
        if turn.ctx.org.activity(saved.activity) is None:
            return None
        turn.asked = None
        await self._advance(turn, saved)  # which question is open now (asked again)
        question = turn.asked
        if not isinstance(question, Question):
            return None
        day = turn.understanding.date if turn.understanding is not None else None
        fitted = forms.fit(question, turn.incoming.text, day)
        return None if fitted is None else fitted.payload

    async def holds(self, turn: Turn, state: dict[str, Any]) -> bool:
        """A sign-up under way waits while a side question is answered (for half an hour)."""
        return is_fresh(state, turn.ctx.now)

    async def _step(self, turn: Turn, pressed: Payload) -> Answer:
        """One answer, pressed or typed, checked against the activity before it is used."""
        ctx = turn.ctx
        if isinstance(pressed, SignupStart):
            state = SignupState(pressed.activity)
            if pressed.centre:
                state.centre = pressed.centre
            if pressed.start is not None:
                state.start = stamp(pressed.start)
            await turn.clear_state()
            return await self._advance(turn, state)
        if isinstance(pressed, SignupDecline):
            await turn.clear_state()
            _ = ctx.tr.gettext
            return _answer(ctx, _("All right, I did not sign you up."), menu.main_menu(ctx), None)
        current = await turn.state() if turn.writes else None
        if current is None or current[0] != self.name:
            return _stale(ctx)
        saved = SignupState.load(current[1])
        activity = None if saved is None else ctx.org.activity(saved.activity)
        if saved is None or activity is None:
            await turn.clear_state()
            return _stale(ctx, ctx.tr.gettext("That activity is no longer on offer."))
        state = saved
        if isinstance(pressed, SignupCentre) and pressed.centre in activity.centres:
            state = SignupState(activity.id, centre=pressed.centre)
        elif isinstance(pressed, SignupCentrePage):
            return await self._advance(turn, state, page=pressed.page)
        elif isinstance(pressed, SignupDate):
            if activity.signup is SignupMode.APPOINTMENT:
                state.start = None
                state.day = stamp(pressed.start)[:8]
            else:
                state.start = stamp(pressed.start)
        elif isinstance(pressed, SignupTariff) and pressed.reduced is None:
            state.reduced = None
            state.ask_tariff = True  # ask again, whatever was remembered
        elif (taken := signup_form.take(activity, state, pressed)) is not None:
            # One answer to a slot of the form, as the desk sign-up takes it too.
            if not taken:
                return await self._advance(
                    turn,
                    state,
                    note=ctx.tr.gettext("That choice is no longer valid. Please choose again."),
                )
            if isinstance(pressed, SignupTariff):
                state.reduced_answered = True
        elif isinstance(pressed, SignupChange) and _change(activity, state, pressed.slot):
            pass  # that answer is asked again; the others stay
        elif isinstance(pressed, SignupConsent):
            await consent.give_consent(
                turn.store,
                turn.user_id,
                ctx.now,
                name=turn.incoming.display_name,
                language=ctx.lang,
            )
        elif isinstance(pressed, SignupConfirm):
            return await self._confirm(turn, activity, state)
        else:
            return await self._advance(
                turn,
                state,
                note=ctx.tr.gettext("That button is no longer valid. Here is where we are."),
            )
        return await self._advance(turn, state)

    async def resume(self, turn: Turn, state: dict[str, Any]) -> Answer | None:
        """The question this person was at, asked again (after a safety answer)."""
        saved = SignupState.load(state)
        if saved is None or turn.ctx.org.activity(saved.activity) is None:
            return None
        # The state holds every answer given so far: the next open question is the one they
        # were at; a summary waiting for a yes is shown again.
        return await self._advance(turn, saved)

    # -- the steps ----------------------------------------------------------------------------

    async def _advance(
        self, turn: Turn, state: SignupState, note: str | None = None, page: int = 0
    ) -> Answer:
        """The next question for what is still missing, or the confirmation screen (`page`:
        the screen of a long list of centres shown)."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        activity = ctx.org.activity(state.activity)
        if activity is None:
            await turn.clear_state()
            return _stale(ctx, _("I do not know that activity (any more)."))
        if activity.signup is SignupMode.WALK_IN:
            await turn.clear_state()
            return walk_in_answer(ctx, activity, state.centre)
        if state.centre not in activity.centres:
            state.start = None
            if len(activity.centres) == 1:
                state.centre = activity.centres[0]
            else:
                state.centre = None
                choices = tuple(
                    Choice(  # the centre's own word on the button: "Stene"
                        SignupCentre(cid),
                        menu.short_centre(ctx, cid),
                        words=(ctx.centre_name(cid), *_centre_names(ctx, cid)),
                    )
                    for cid in activity.centres
                )
                where = Question(
                    "centre",
                    _("Where would you like to go?"),
                    choices,
                    per_row=2,
                    paging=forms.paging(ctx, SignupCentrePage, page),
                )
                return await self._ask(turn, state, activity, where, note)
        centre = str(state.centre)
        occurrence = await self._occurrence(turn, state, activity, centre)
        if isinstance(occurrence, Answer):
            if note:
                occurrence.replies[0] = _with_note(occurrence.replies[0], note)
            return occurrence
        deadline = ctx.calendar.signup_deadline(activity, occurrence.start)
        if deadline is not None and ctx.now > deadline:
            await turn.clear_state()
            return closed_answer(ctx, activity, centre, deadline)
        header = _("✍️ {title} · {centre} · {when}").format(
            title=ctx.text(activity.title),
            centre=ctx.centre_name(centre),
            when=when_label(ctx, occurrence.start),
        )
        # The one sign-up form (conversations/signup_form.py), filled in by the resident.
        filler = _Resident(self, turn, state, occurrence, note)
        question = await signup_form.next_question(ctx, filler, activity, state)
        if question.slot == "consent":
            await turn.save_stamped_state(self.name, state.saved())
            turn.asked = question
            return consent.consent_answer(ctx, SignupConsent().pack())
        if question.slot == "confirm":
            await turn.save_stamped_state(self.name, state.saved())
            turn.asked = question
            return _answer(ctx, question.text, (*question.rows(), menu.back_row(ctx)), activity.id)
        note = f"{header}\n\n{note}" if note else header
        return await self._ask(turn, state, activity, question, note)

    async def _occurrence(
        self, turn: Turn, state: SignupState, activity: Activity, centre: str
    ) -> Occurrence | Answer:
        """The occurrence chosen (checked against the calendar), or the question for it."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        if activity.signup is SignupMode.SERIES:
            sessions = series_sessions(ctx.calendar, activity, centre)
            if not sessions or sessions[0].start <= ctx.now:
                await turn.clear_state()
                return _stale(
                    ctx,
                    _("{title} has already started or is not planned.").format(
                        title=ctx.text(activity.title)
                    ),
                )
            state.start = stamp(sessions[0].start)
            return sessions[0]
        if state.start is not None:
            start = parse_stamp(ctx, state.start)
            found = None if start is None else resolve(ctx.calendar, activity, centre, start)
            if (
                found is not None
                and found.start > ctx.now
                and not await repositories(turn.store).signups.is_cancelled(
                    ctx.org.id,
                    activity.id,
                    centre,
                    containing(ctx.calendar, activity, found).start,
                )
            ):
                return found
            state.start = None
            state.day = None
            return await self._ask_date(
                turn, state, activity, centre, _("That time is no longer available.")
            )
        return await self._ask_date(turn, state, activity, centre, None)

    async def _ask_date(
        self,
        turn: Turn,
        state: SignupState,
        activity: Activity,
        centre: str,
        note: str | None,
    ) -> Occurrence | Answer:
        """Which date (or, for an appointment, which day and then which time)."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        upcoming = [
            o
            for o in ctx.calendar.next_occurrences(
                ctx.now,
                kind=ACTIVITY,
                centre=centre,
                item_id=activity.id,
                limit=DATES_SHOWN * 2,
                horizon_days=DAYS_AHEAD,
            )
            if not await repositories(turn.store).signups.is_cancelled(
                ctx.org.id, activity.id, centre, o.start
            )
        ]
        wanted = _day(state.day)
        if wanted is not None:
            on_day = [o for o in upcoming if o.start.date() == wanted]
            if not on_day:
                named = ctx.calendar.occurrences(
                    wanted, wanted, kind=ACTIVITY, centre=centre, item_id=activity.id
                )
                state.day = None
                if named and named[0].start > ctx.now:
                    upcoming = named
                else:
                    note = _("{title} does not take place on {date}.").format(
                        title=ctx.text(activity.title), date=ctx.tr.date(wanted)
                    )
            else:
                upcoming = on_day
        if not upcoming:
            await turn.clear_state()
            return _stale(
                ctx,
                _("There are no dates planned for {title} at the moment.").format(
                    title=ctx.text(activity.title)
                ),
            )
        open_ones = [o for o in upcoming if not _closed(ctx, activity, o)]
        if not open_ones:
            await turn.clear_state()
            return closed_answer(
                ctx, activity, centre, ctx.calendar.signup_deadline(activity, upcoming[0].start)
            )
        if activity.signup is SignupMode.APPOINTMENT and wanted is not None and len(upcoming) == 1:
            return await self._ask_slot(turn, state, activity, open_ones[0], note)
        if len(upcoming) == 1 and activity.signup is not SignupMode.APPOINTMENT:
            state.start = stamp(open_ones[0].start)
            return open_ones[0]
        choices: list[Choice] = []
        for o in open_ones[:DATES_SHOWN]:
            label = f"{ctx.tr.date(o.start, 'short')} {ctx.tr.time(o.start)}"
            if activity.signup is SignupMode.PER_DATE and not await signup_rules(
                turn.store
            ).has_place(ctx.org.id, activity, o):
                label += " · " + _("waiting list")
            # A day names the choice for an appointment; a date with its time otherwise.
            at = None if activity.signup is SignupMode.APPOINTMENT else o.start.time()
            choices.append(Choice(SignupDate(o.start), label, day=o.start.date(), at=at))
        question = _("{title} at {centre}: which day would you like?").format(
            title=ctx.text(activity.title), centre=ctx.centre_name(centre)
        )
        asked = Question("date", question, tuple(choices))
        return await self._ask(turn, state, activity, asked, note)

    async def _ask_slot(
        self,
        turn: Turn,
        state: SignupState,
        activity: Activity,
        occurrence: Occurrence,
        note: str | None,
    ) -> Occurrence | Answer:
        """The free appointment times of one day (with none free: `_ask_date` again)."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        free = []
        rules = signup_rules(turn.store)
        for slot in slots(activity, occurrence):
            if slot.start > ctx.now and await rules.has_place(ctx.org.id, activity, slot):
                free.append(slot)
        day = ctx.tr.date(occurrence.start)
        if not free:
            state.day = None
            text = _("Every time on {date} is taken. Please choose another day.").format(date=day)
            return await self._ask_date(turn, state, activity, occurrence.centre, text)
        question = _("{title} on {date}: which time suits you?").format(
            title=ctx.text(activity.title), date=day
        )
        asked = signup_form.time_question(ctx, free, question, SignupTime)
        return await self._ask(turn, state, activity, asked, note)

    async def _ask(
        self,
        turn: Turn,
        state: SignupState,
        activity: Activity,
        question: Question,
        note: str | None,
    ) -> Answer:
        """Ask one slot of the form: by button or typed words (see `on_text`)."""
        await turn.save_stamped_state(self.name, state.saved())
        turn.asked = question
        text = f"{note}\n\n{question.text}" if note else question.text
        rows = (*question.rows(), menu.back_row(turn.ctx, question.previous()))
        return _answer(turn.ctx, text, rows, activity.id)

    async def _summary(
        self,
        turn: Turn,
        state: SignupState,
        activity: Activity,
        occurrence: Occurrence,
        note: str | None,
    ) -> Question:
        """What, where, when and the price, before anything is stored."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        centre = ctx.org.centre(occurrence.centre)
        lines = [_("Please check:"), ""]
        lines.append(f"📌 {ctx.text(activity.title)}")
        if centre is not None:
            lines.append(f"📍 {ctx.centre_name(centre)}, {centre.address}")
        if activity.signup is SignupMode.SERIES:
            sessions = series_sessions(ctx.calendar, activity, occurrence.centre)
            lines.append(
                "🗓 "
                + ctx.tr.ngettext(
                    "{n} session, from {first} to {last}, {start}–{end}",
                    "{n} sessions, from {first} to {last}, {start}–{end}",
                    len(sessions),
                ).format(
                    n=len(sessions),
                    first=ctx.tr.date(sessions[0].start),
                    last=ctx.tr.date(sessions[-1].start),
                    start=ctx.tr.time(sessions[0].start),
                    end=ctx.tr.time(sessions[0].end),
                )
            )
        else:
            lines.append(f"🗓 {when_label(ctx, occurrence.start, occurrence.end)}")
        for option in activity.options:
            choice_id = state.options.get(option.id)
            choice = next((c for c in option.choices if c.id == choice_id), None)
            if choice is not None:
                lines.append(f"🍽 {ctx.text(option.label)}: {ctx.text(choice.label)}")
        companions = state.companions or 0
        if activity.max_companions:
            label = ctx.text(activity.companions_label) or _("people")
            lines.append(f"👥 {label}: {companions}")
        reduced = bool(state.reduced)
        lines.append("💶 " + price_text(ctx, activity, reduced, 1 + companions))
        party = 1 + companions
        if not await signup_rules(turn.store).has_place(ctx.org.id, activity, occurrence, party):
            lines.append("")
            lines.append(_("It is full: you will be put on the waiting list."))
        lines.append("")
        lines.append(_("Shall I sign you up?"))
        text = "\n".join(lines)
        if note:
            text = f"{note}\n\n{text}"
        choices = [
            Choice(SignupConfirm(), _("✅ Yes, sign me up"), yes=True),
            Choice(SignupDecline(), _("✖️ No"), yes=False),
            *_change_choices(ctx, activity),
        ]
        return Question("confirm", text, tuple(choices), per_row=2)

    async def _confirm(self, turn: Turn, activity: Activity, state: SignupState) -> Answer:
        """Store the sign-up (all rules checked once more) and say how it went."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        state = replace(state, options=dict(state.options))
        step = await self._advance(turn, state)
        if not step.replies or not any(
            b.typed == SignupConfirm() for row in step.replies[0].buttons for b in row
        ):
            return step  # something is missing or changed: that question again
        if not turn.writes:
            return step
        start = parse_stamp(ctx, str(state.start))
        assert start is not None  # _advance checked it
        await _remember(turn, state)
        result = await signup_rules(turn.store).sign_up(
            ctx.org,
            ctx.calendar,
            activity_id=activity.id,
            centre_id=str(state.centre),
            start=start,
            now=ctx.now,
            resident_id=turn.user_id,
            companions=state.companions or 0,
            options=dict(state.options),
            reduced=bool(state.reduced) and activity.reduced_price is not None,
        )
        await turn.clear_state()
        return result_answer(ctx, activity, str(state.centre), start, result)

    async def _listing(self, ctx: Ctx, u: Understanding) -> Answer:
        """No activity named: what can be signed up for, with a button for each."""
        _ = ctx.tr.gettext
        ids = tuple(a.id for a in ctx.org.activities if a.signup is not SignupMode.WALK_IN)
        answer = await activities.whats_on(
            ctx, centre=u.centre, first=u.date, last=u.until, activity_ids=ids, intent="signup"
        )
        answer.activity = None
        first = answer.replies[0]
        answer.replies[0] = _with_note(first, _("What would you like to sign up for?"))
        return answer

    def _which_activity(
        self, ctx: Ctx, found: list[Activity], centre: str | None, day: date | None
    ) -> Answer:
        _ = ctx.tr.gettext
        rows: list[tuple[Button, ...]] = []
        for activity in found[:8]:
            places = [centre] if centre in activity.centres else list(activity.centres)
            for cid in places[:4]:
                label = f"{ctx.text(activity.title)} · {ctx.centre_name(cid)}"
                on_day = (
                    ctx.calendar.occurrences(
                        day, day, kind=ACTIVITY, centre=cid, item_id=activity.id
                    )
                    if day is not None
                    else []
                )
                start = on_day[0].start if len(on_day) == 1 else None
                rows.append((Button(label, signup_payload(activity.id, cid, start)),))
        return _answer(
            ctx, _("Which one would you like to sign up for?"), (*rows, menu.back_row(ctx)), None
        )


def result_answer(
    ctx: Ctx, activity: Activity, centre_id: str, start: datetime, result: SignupResult
) -> Answer:
    """How the sign-up went: confirmed, waiting list, or why not."""
    _ = ctx.tr.gettext
    title = ctx.text(activity.title)
    when = when_label(ctx, start)
    place = ctx.centre_name(centre_id)
    mine = Button(_("✍️ My sign-ups"), menu.MY_SIGNUPS)
    if result.status == Outcome.CONFIRMED and result.signup is not None:
        text = _("✅ You are signed up for {title}, {when}, at {centre}. See you there!").format(
            title=title, when=when, centre=place
        )
        if activity.signup is SignupMode.SERIES:
            sessions = series_sessions(ctx.calendar, activity, centre_id)
            if len(sessions) > 1:
                dates = ctx.tr.join([ctx.tr.date(s.start, "short") for s in sessions])
                text += "\n" + ctx.tr.ngettext(
                    "All {n} date: {dates}", "All {n} dates: {dates}", len(sessions)
                ).format(n=len(sessions), dates=dates)
        rows = (
            (Button(_("📅 Add to calendar"), SignupCalendar(result.signup.id)),),
            (mine,),
            menu.back_row(ctx),
        )
        return _answer(ctx, text, rows, activity.id)
    if result.status == Outcome.WAITING:
        text = _(
            "{title} is full. You are number {position} on the waiting list. If a place "
            "frees up, you get it and I will let you know."
        ).format(title=title, position=result.position or 1)
        return _answer(ctx, text, ((mine,), menu.back_row(ctx)), activity.id)
    if result.status == Outcome.DUPLICATE:
        text = _("You are already signed up for {title}, {when}.").format(title=title, when=when)
        return _answer(ctx, text, ((mine,), menu.back_row(ctx)), activity.id)
    if result.status == Outcome.CLOSED:
        return closed_answer(ctx, activity, centre_id, result.deadline)
    if result.status == Outcome.WALK_IN:
        return walk_in_answer(ctx, activity, centre_id)
    if result.status == Outcome.PAST:
        return _stale(ctx, _("{title} has already begun.").format(title=title))
    return _stale(
        ctx, _("{title} on {when} is no longer available.").format(title=title, when=when)
    )


def _centre_names(ctx: Ctx, centre_id: str) -> tuple[str, ...]:
    """A centre's name in every language, for matching what residents type."""
    centre = ctx.org.centre(centre_id)
    return centre.name.all() if centre is not None else ()


def _change_choices(ctx: Ctx, activity: Activity) -> list[Choice]:
    """The summary's ways to change one answer: each asks that question again."""
    _ = ctx.tr.gettext
    found: list[Choice] = []

    def change(slot: str, what: str, words: tuple[str, ...] = ()) -> None:
        found.append(Choice(SignupChange(slot), _("✏️ Change: {what}").format(what=what), words))

    if len(activity.centres) > 1:
        change("c", _("centre"))
    if activity.signup is not SignupMode.SERIES:
        change("date", _("day"))
    for index, option in enumerate(activity.options):
        change(f"o{index}", ctx.text(option.label), option.label.all())
    if activity.max_companions:
        change("n", ctx.text(activity.companions_label) or _("people"))
    if activity.reduced_price is not None:
        found.append(Choice(SignupTariff(), _("💶 Change tariff")))
    return found


def _change(activity: Activity, state: SignupState, slot: str) -> bool:
    """Forget one answer so that its question is asked again; False for no such answer."""
    if slot == "c" and len(activity.centres) > 1:
        state.centre = state.start = state.day = None
    elif slot == "date" and activity.signup is not SignupMode.SERIES:
        state.start = None
        state.day = None
    elif slot.startswith("o") and slot[1:].isdigit() and int(slot[1:]) < len(activity.options):
        state.options.pop(activity.options[int(slot[1:])].id, None)
    elif slot == "n" and activity.max_companions:
        state.companions = None
    else:
        return False
    return True


def _with_note(reply: Reply, note: str) -> Reply:
    return replace(reply, text=f"{note}\n\n{reply.text}")


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 8:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        return date.fromisoformat(value)
    except ValueError:
        return None


def _closed(ctx: Ctx, activity: Activity, occurrence: Occurrence) -> bool:
    deadline = ctx.calendar.signup_deadline(activity, occurrence.start)
    return deadline is not None and ctx.now > deadline


async def _remembered_tariff(turn: Turn) -> bool | None:
    if not turn.writes:
        return None
    return await repositories(turn.store).residents.reduced_tariff(turn.user_id)


async def _remember(turn: Turn, state: SignupState) -> None:
    """Keep the name for the list, the language for notices, the tariff answer (consent given)."""
    tariff = state.reduced if state.reduced_answered else None
    await repositories(turn.store).residents.remember_signup_details(
        turn.user_id,
        name=turn.incoming.display_name or None,
        language=turn.ctx.lang,
        reduced_tariff=tariff,
        now=turn.ctx.now,
    )
