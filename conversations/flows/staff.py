"""The staff side of sign-ups: attendance lists (message and CSV), registering who came,
cancelling an occurrence, and signing up a resident without Telegram at the desk.

Every press is checked against `staff_scope` on the server, centres included; a resident who
types /staff or forges a payload gets a friendly refusal. The occurrence a staff member is
looking at lives in their conversation state; buttons carry only a short check value of it
(`st:x!:<check>`), so an old button can never act on another occurrence than the one it was
shown with.

Attendance is registered on the list of a session that has begun or is today: one button per
confirmed sign-up, carrying its id and the mark it sets (`st:m:<id>.<1|0>:<check>`). The first
tap marks "came", the next ones switch between "did not come" and "came". The id is only
accepted when it is a confirmed sign-up of the occurrence in the staff member's own state.
"""

from __future__ import annotations

import csv
import io
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from conversations import forms, signup_form
from conversations.access import StaffScope, staff_scope
from conversations.answer import Answer
from conversations.answers import menu
from conversations.calendar_file import when_label
from conversations.context import Ctx
from conversations.flows import toolkit
from conversations.flows.base import Flow, Turn
from conversations.forms import Choice, Question
from conversations.payloads import (
    DeskCompanions,
    DeskOption,
    DeskTime,
    Payload,
    StaffAction,
    StaffActivity,
    StaffBack,
    StaffMark,
    StaffSession,
    unpack_as,
)
from conversations.reply import Button, Document, Reply
from rules.signups import Outcome, signup_rules
from storage.model import Activity, Option, SignupMode
from storage.records import Signup, SignupStatus
from storage.repositories import repositories
from storage.schedule import ACTIVITY, Occurrence, series_sessions, slots

NAME = "st"
CHECKED = (StaffAction, StaffMark, DeskOption, DeskCompanions, DeskTime)
SESSIONS = 8  # today's and the next sessions of one activity


@dataclass
class DeskState:
    """A resident signed up at the desk, as far as the staff member has got."""

    name: str | None = None
    phone: str | None = None
    start: str | None = None  # an appointment's time, as %Y%m%d%H%M
    options: dict[str, str] = field(default_factory=dict)  # option id -> choice id
    companions: int | None = None
    reduced: bool | None = None  # not asked at the desk (signup_form: asks_tariff)

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return asdict(self)

    @classmethod
    def load(cls, saved: Any) -> DeskState:
        """Read it back; also one saved with older keys (time, or one letter: t, o, n)."""
        if not isinstance(saved, dict):
            return cls()
        options = saved.get("options", saved.get("o"))
        companions = saved.get("companions", saved.get("n"))
        return cls(
            name=_text(saved.get("name")),
            phone=_text(saved.get("phone")),
            start=_text(saved.get("start", saved.get("time", saved.get("t")))),
            options={str(k): str(v) for k, v in options.items()}
            if isinstance(options, dict)
            else {},
            companions=companions if isinstance(companions, int) else None,
            reduced=saved.get("reduced") if isinstance(saved.get("reduced"), bool) else None,
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass
class StaffState:
    """Where a staff member is on the staff screens, kept in the conversation state."""

    pairs: list[list[str]] = field(default_factory=list)  # activity, centre of each button
    sessions: list[list[str]] = field(default_factory=list)  # activity, centre, start (STAMP)
    occurrence: list[str] | None = None  # the session open: activity, centre, start (STAMP)
    desk: DeskState | None = None  # a desk sign-up under way for that session

    def saved(self) -> dict[str, Any]:
        """As it is stored (JSON)."""
        return {
            "pairs": self.pairs,
            "sessions": self.sessions,
            "occurrence": self.occurrence,
            "desk": None if self.desk is None else self.desk.saved(),
        }

    @classmethod
    def load(cls, saved: Mapping[str, Any]) -> StaffState:
        """Read a saved state back, also one saved before states were typed (keys pairs, list,
        occ and w: the bot restarts with them in the database)."""

        def keys(value: Any, size: int | None = None) -> list[str] | None:
            if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
                return None
            return list(value) if size is None or len(value) == size else None

        def listed(value: Any) -> list[list[str]]:
            rows = value if isinstance(value, list) else []
            return [row for row in (keys(r) for r in rows) if row is not None]

        desk = saved.get("desk", saved.get("w"))
        return cls(
            pairs=listed(saved.get("pairs")),
            sessions=listed(saved.get("sessions", saved.get("list"))),
            occurrence=keys(saved.get("occurrence", saved.get("occ")), 3),
            desk=DeskState.load(desk) if isinstance(desk, dict) else None,
        )

    def centres(self) -> list[str]:
        """Every centre the state points at."""
        rows = [*self.pairs, *self.sessions, *([self.occurrence] if self.occurrence else [])]
        return [row[1] for row in rows if len(row) > 1]


def _check(key: list[str]) -> str:
    """A short value that ties a button to the occurrence it was shown with."""
    return f"{zlib.crc32('|'.join(key).encode()):08x}"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M")


class StaffFlow(Flow):
    """Staff: attendance, registering who came, cancelling an occurrence, desk sign-ups."""

    name = NAME
    intents = ("staff",)  # the /staff command; never an understood intent

    async def on_button(self, turn: Turn, rest: str) -> Answer | None:
        """Every staff screen; non-staff are refused whatever the payload."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        scope = staff_scope(turn)
        if scope is None:
            return toolkit.refusal(ctx)
        if rest == "":
            return await self._occurrences(turn)
        pressed = unpack_as(
            f"{self.name}:{rest}",
            StaffBack,
            StaffActivity,
            StaffSession,
            StaffAction,
            StaffMark,
            DeskOption,
            DeskCompanions,
            DeskTime,
        )
        current = await turn.state()
        state = (
            StaffState.load(current[1]) if current and current[0] == self.name else StaffState()
        )
        if not _in_scope(scope, state):
            state = StaffState()  # their centres changed since: nothing saved for them is usable
        if isinstance(pressed, StaffBack) and self._occurrence_of(ctx, state) is not None:
            return await self._attendance(turn, state)
        if isinstance(pressed, StaffActivity):
            if pressed.index >= len(state.pairs):
                return await self._occurrences(turn, _("That button is no longer valid."))
            return await self._sessions(turn, state.pairs[pressed.index])
        if isinstance(pressed, StaffSession):
            if pressed.index >= len(state.sessions):
                return await self._occurrences(turn, _("That button is no longer valid."))
            return await self._attendance(
                turn, StaffState(occurrence=state.sessions[pressed.index])
            )
        found = self._occurrence_of(ctx, state)
        # Every other button carries the check of the session it was shown with.
        if (
            found is None
            or state.occurrence is None
            or not isinstance(pressed, CHECKED)
            or pressed.check != _check(state.occurrence)
        ):
            return await self._occurrences(turn, _("That button is no longer valid."))
        activity, occurrence = found
        if isinstance(pressed, StaffMark):
            return await self._mark(turn, scope, state, activity, occurrence, pressed)
        if isinstance(pressed, (DeskOption, DeskCompanions, DeskTime)) and state.desk is not None:
            # One answer to a slot of the sign-up form, taken as the resident's own are.
            times = slots(activity, occurrence)
            if not signup_form.take(activity, state.desk, pressed, times):
                return await self._desk_next(
                    turn, state, activity, occurrence, _("That choice is no longer valid.")
                )
            return await self._desk_next(turn, state, activity, occurrence)
        step = pressed.action if isinstance(pressed, StaffAction) else ""
        if step == "f":
            return await self._csv(turn, state, activity, occurrence)
        if step == "x":
            return self._ask_cancel(ctx, state, activity, occurrence)
        if step == "x!":
            if occurrence.end <= ctx.now:
                return await self._attendance(turn, state, _("That button is no longer valid."))
            return await self._cancel(turn, activity, occurrence)
        if step == "w":
            state = StaffState(occurrence=state.occurrence, desk=DeskState())
            return await self._desk_next(turn, state, activity, occurrence)
        if step == "w!" and state.desk is not None:
            return await self._desk_sign_up(turn, state, activity, occurrence)
        return await self._attendance(turn, state, _("That button is no longer valid."))

    async def on_text(self, turn: Turn, saved: dict[str, Any]) -> Answer | None:
        """The name and phone number of a resident signed up at the desk."""
        scope = staff_scope(turn)
        state = StaffState.load(saved)
        if scope is None or state.desk is None or not _in_scope(scope, state):
            return None
        ctx = turn.ctx
        _ = ctx.tr.gettext
        found = self._occurrence_of(ctx, state)
        if found is None:
            return None
        # The question open now, from the one sign-up form; typed words are read against it
        # as the resident's own sign-up reads them (a name, a phone number, a meal, "2").
        turn.asked = None
        await self._desk_next(turn, state, *found)
        asked = turn.asked
        if not isinstance(asked, Question):
            return None
        text = " ".join(turn.incoming.text.split())
        fitted = forms.fit(asked, text, _day_of(turn))
        if fitted is not None and fitted.payload is not None:
            return await self.on_button(turn, fitted.payload.rest())
        if fitted is not None and signup_form.take_text(state.desk, asked.slot, fitted.text):
            return await self._desk_next(turn, state, *found)
        unclear = {
            "name": _("Please type a name."),
            "phone": _("That does not look like a phone number."),
        }.get(asked.slot, _("Please choose one of the buttons, or type it."))
        return await self._desk_next(turn, state, *found, unclear)

    # -- choosing an occurrence ---------------------------------------------------------------

    async def _occurrences(self, turn: Turn, note: str | None = None) -> Answer:
        """The activities with sign-up, each at each of its centres."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        scope = staff_scope(turn)
        pairs = [
            [a.id, centre]
            for a in ctx.org.activities
            if a.signup is not SignupMode.WALK_IN
            for centre in a.centres
            if scope is not None and scope.sees(centre)
        ]
        await turn.save_state(self.name, StaffState(pairs=pairs).saved())
        rows: list[tuple[Button, ...]] = []
        for index, (activity_id, centre) in enumerate(pairs):
            activity = ctx.org.activity(activity_id)
            assert activity is not None
            label = f"{ctx.text(activity.title)} · {ctx.centre_name(centre)}"
            rows.append((Button(label, StaffActivity(index)),))
        text = _("Staff: which activity?") if pairs else _("No activities with sign-up.")
        if note:
            text = f"{note}\n\n{text}"
        rows.append(menu.back_row(ctx))
        return _answer(ctx, text, tuple(rows))

    async def _sessions(self, turn: Turn, pair: list[str]) -> Answer:
        """Today's sessions (those over too, to register who came) and the next ones."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        start_of_day = ctx.now.replace(hour=0, minute=0, second=0, microsecond=0)
        found = ctx.calendar.next_occurrences(
            start_of_day, kind=ACTIVITY, centre=pair[1], item_id=pair[0], limit=SESSIONS
        )
        listed = [[o.item_id, o.centre, _stamp(o.start)] for o in found]
        await turn.save_state(self.name, StaffState(sessions=listed).saved())
        rows: list[tuple[Button, ...]] = [
            (
                Button(
                    f"{ctx.tr.date(o.start, 'short')} {ctx.tr.time(o.start)}",
                    StaffSession(index),
                ),
            )
            for index, o in enumerate(found)
        ]
        text = _("Which session?") if found else _("No sessions planned.")
        rows.append(menu.back_row(ctx, self.name))
        return _answer(ctx, text, tuple(rows))

    def _occurrence_of(self, ctx: Ctx, state: StaffState) -> tuple[Activity, Occurrence] | None:
        """The occurrence in the state, checked against the calendar."""
        key = state.occurrence
        if key is None:
            return None
        activity = ctx.org.activity(key[0])
        if activity is None or key[1] not in activity.centres:
            return None
        try:
            start = datetime.strptime(key[2], "%Y%m%d%H%M").replace(tzinfo=ctx.calendar.tz)
        except ValueError:
            return None
        occurrence = ctx.calendar.occurrence(ACTIVITY, activity.id, key[1], start)
        return None if occurrence is None else (activity, occurrence)

    # -- attendance ---------------------------------------------------------------------------

    async def _rows(
        self, turn: Turn, activity: Activity, occurrence: Occurrence
    ) -> list[tuple[Occurrence, list[Signup]]]:
        """The sign-ups per slot (one slot unless it is an appointment activity)."""
        ctx = turn.ctx
        parts = (
            slots(activity, occurrence)
            if activity.signup is SignupMode.APPOINTMENT
            else [occurrence]
        )
        if activity.signup is SignupMode.SERIES:
            sessions = series_sessions(ctx.calendar, activity, occurrence.centre)
            parts = sessions[:1] or parts
        return [
            (
                part,
                await repositories(turn.store).signups.attendance(
                    ctx.org.id, activity.id, part.centre, part.start
                ),
            )
            for part in parts
        ]

    async def _names(self, turn: Turn, rows: list[Signup]) -> dict[int, str]:
        ids = sorted({s.resident_id for s in rows if s.resident_id is not None})
        if not ids:
            return {}
        found = await repositories(turn.store).residents.names(ids)
        return {user_id: name or "?" for user_id, name in found.items()}

    def _person(self, ctx: Ctx, signup: Signup, names: dict[int, str]) -> str:
        _ = ctx.tr.gettext
        if signup.resident_id is None:
            return _("{name} (desk, ☎ {phone})").format(
                name=signup.walk_in_name, phone=signup.walk_in_phone or "—"
            )
        return names.get(signup.resident_id, "?")

    def _choices(self, ctx: Ctx, activity: Activity, signup: Signup) -> list[str]:
        found = []
        for option in activity.options:
            choice = next(
                (c for c in option.choices if c.id == signup.options.get(option.id)), None
            )
            if choice is not None:
                found.append(ctx.text(choice.label))
        return found

    async def _attendance(self, turn: Turn, state: StaffState, note: str | None = None) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        state = StaffState(occurrence=state.occurrence)
        found = self._occurrence_of(ctx, state)
        if found is None:
            return await self._occurrences(turn, _("That session is no longer in the calendar."))
        activity, occurrence = found
        await turn.save_state(self.name, state.saved())
        per_slot = await self._rows(turn, activity, occurrence)
        everyone = [s for _part, rows in per_slot for s in rows]
        names = await self._names(turn, everyone)
        lines = [
            f"📋 {ctx.text(activity.title)} · {ctx.centre_name(occurrence.centre)}",
            f"🗓 {when_label(ctx, occurrence.start, occurrence.end)}",
        ]
        if await repositories(turn.store).signups.is_cancelled(
            ctx.org.id, activity.id, occurrence.centre, occurrence.start
        ):
            lines.append(_("❌ This session is cancelled."))
        confirmed = [s for s in everyone if s.status is SignupStatus.CONFIRMED]
        waiting = [s for s in everyone if s.status is SignupStatus.WAITING]
        people = sum(s.party_size for s in confirmed)
        registering = _registration_open(ctx, activity, occurrence)
        labels: list[str] = []  # the marking buttons' labels, in the order of `confirmed`
        if activity.signup is SignupMode.APPOINTMENT:
            lines.append("")
            for part, listed in per_slot:
                taken = [s for s in listed if s.status is SignupStatus.CONFIRMED]
                marked = [f"{self._person(ctx, s, names)}{_mark_of(s)}" for s in taken]
                who = ", ".join(marked) or _("free")
                lines.append(f"{ctx.tr.time(part.start)} {who}")
                labels += [
                    f"{_MARKS[s.attended]} {ctx.tr.time(part.start)} {self._person(ctx, s, names)}"
                    for s in taken
                ]
        else:
            capacity = activity.capacity
            lines.append(
                _("Places taken: {taken} of {capacity}").format(
                    taken=people, capacity=capacity if capacity is not None else "∞"
                )
            )
            lines.append("")
            for number, s in enumerate(confirmed, start=1):
                notes = [f"+{s.companions}"] if s.companions else []
                notes += self._choices(ctx, activity, s)
                if s.reduced:
                    notes.append(_("reduced"))
                suffix = f" ({', '.join(notes)})" if notes else ""
                person = self._person(ctx, s, names)
                lines.append(f"{number}. {person}{suffix}{_mark_of(s)}")
                labels.append(f"{_MARKS[s.attended]} {number}. {person}")
        menus = Counter(c for s in confirmed for c in self._choices(ctx, activity, s))
        if menus:
            lines.append("")
            lines.append(" · ".join(f"{label}: {n}" for label, n in sorted(menus.items())))
        if activity.reduced_price is not None:
            reduced = sum(1 for s in confirmed if s.reduced)
            lines.append(_("Reduced tariff: {n}").format(n=reduced))
        if registering and confirmed:
            came = sum(1 for s in confirmed if s.attended is True)
            missing = sum(1 for s in confirmed if s.attended is False)
            lines.append(
                _("Came: {came} · Did not come: {missing} · Not registered: {open}").format(
                    came=came, missing=missing, open=len(confirmed) - came - missing
                )
            )
        if waiting:
            lines.append("")
            lines.append(_("Waiting list:"))
            for number, s in enumerate(waiting, start=1):
                extra = f" (+{s.companions})" if s.companions else ""
                lines.append(f"{number}. {self._person(ctx, s, names)}{extra}")
        text = "\n".join(lines)
        if note:
            text = f"{note}\n\n{text}"
        check = _check(state.occurrence or [])
        marks: list[tuple[Button, ...]] = []
        if registering and confirmed:
            text += "\n\n" + _("Tap a name to register: ✅ came, ❌ did not come.")
            marks = [
                (Button(label, StaffMark(s.id, not s.attended, check)),)
                for s, label in zip(confirmed, labels, strict=True)
            ]
        rows = (
            *marks,
            (Button(_("📄 As a CSV file"), StaffAction("f", check)),),
            (Button(_("➕ Sign up someone at the desk"), StaffAction("w", check)),),
            *(
                [(Button(_("❌ Cancel this session"), StaffAction("x", check)),)]
                if occurrence.end > ctx.now
                else []
            ),
            menu.back_row(ctx, self.name),
        )
        return _answer(ctx, text, rows)

    async def _mark(
        self,
        turn: Turn,
        scope: StaffScope,
        state: StaffState,
        activity: Activity,
        occurrence: Occurrence,
        pressed: StaffMark,
    ) -> Answer:
        """Register one confirmed person of this occurrence as come or not come."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        signup_id = pressed.signup
        if not scope.sees(occurrence.centre):
            return await self._attendance(turn, state, _("That button is no longer valid."))
        if not _registration_open(ctx, activity, occurrence):
            return await self._attendance(
                turn, state, _("Attendance can be registered from the day of the session.")
            )
        per_slot = await self._rows(turn, activity, occurrence)
        ours = {
            s.id for _part, rows in per_slot for s in rows if s.status is SignupStatus.CONFIRMED
        }
        if signup_id not in ours:
            return await self._attendance(turn, state, _("That button is no longer valid."))
        await signup_rules(turn.store).register_attendance(signup_id, pressed.came, now=ctx.now)
        return await self._attendance(turn, state)

    async def _csv(
        self, turn: Turn, state: StaffState, activity: Activity, occurrence: Occurrence
    ) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        per_slot = await self._rows(turn, activity, occurrence)
        names = await self._names(turn, [s for _part, rows in per_slot for s in rows])
        out = io.StringIO()
        writer = csv.writer(out)
        options = [o.id for o in activity.options]
        writer.writerow(
            [
                "status",
                "position",
                "time",
                "name",
                "phone",
                "source",
                "companions",
                "people",
                *options,
                "reduced",
                "attended",
            ]
        )
        for part, rows in per_slot:
            waiting = 0
            for s in rows:
                position = ""
                if s.status is SignupStatus.WAITING:
                    waiting += 1
                    position = str(waiting)
                writer.writerow(
                    [
                        str(s.status),
                        position,
                        part.start.strftime("%Y-%m-%d %H:%M"),
                        s.walk_in_name if s.resident_id is None else names.get(s.resident_id, ""),
                        s.walk_in_phone or "",
                        "desk" if s.resident_id is None else "telegram",
                        s.companions,
                        s.party_size,
                        *(s.options.get(o, "") for o in options),
                        "yes" if s.reduced else "no",
                        {True: "yes", False: "no", None: ""}[s.attended],
                    ]
                )
        filename = f"{activity.id}-{occurrence.centre}-{_stamp(occurrence.start)}.csv"
        document = Document(filename, out.getvalue().encode("utf-8-sig"), "text/csv")
        text = _("The attendance list as a CSV file (opens in Excel).")
        rows_ = (menu.back_row(ctx, StaffBack()),)
        await turn.save_state(self.name, state.saved())
        return Answer(
            language=ctx.lang,
            intent="unknown",
            replies=[Reply(text, rows_, document=document, language=ctx.lang)],
        )

    # -- cancelling ---------------------------------------------------------------------------

    def _ask_cancel(
        self, ctx: Ctx, state: StaffState, activity: Activity, occurrence: Occurrence
    ) -> Answer:
        _ = ctx.tr.gettext
        text = _(
            "Cancel {title} at {centre}, {when}? Everyone signed up gets a message in their own "
            "language. This cannot be undone."
        ).format(
            title=ctx.text(activity.title),
            centre=ctx.centre_name(occurrence.centre),
            when=when_label(ctx, occurrence.start),
        )
        check = _check(state.occurrence or [])
        rows = (
            (
                Button(_("Yes, cancel it"), StaffAction("x!", check)),
                Button(_("No"), StaffBack()),
            ),
            menu.back_row(ctx),
        )
        return _answer(ctx, text, rows)

    async def _cancel(self, turn: Turn, activity: Activity, occurrence: Occurrence) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        cancelled = await signup_rules(turn.store).cancel_occurrence(
            ctx.org,
            ctx.calendar,
            activity_id=activity.id,
            centre_id=occurrence.centre,
            start=occurrence.start,
            now=ctx.now,
            notice=toolkit.notice_renderer(ctx, turn.store),
        )
        told = sum(1 for s in cancelled if s.resident_id is not None)
        lines = [
            ctx.tr.ngettext(
                "Cancelled. {n} person signed up through the bot gets a message.",
                "Cancelled. {n} people signed up through the bot get a message.",
                told,
            ).format(n=told)
        ]
        desk = [s for s in cancelled if s.resident_id is None]
        if desk:
            lines.append(_("Please phone the people signed up at the desk:"))
            lines += [f"• {s.walk_in_name}: {s.walk_in_phone or '—'}" for s in desk]
        await turn.clear_state()
        rows = ((Button(_("📋 Sessions"), self.name),), menu.back_row(ctx))
        return _answer(ctx, "\n".join(lines), rows)

    # -- signing up at the desk ---------------------------------------------------------------

    async def _desk_next(
        self,
        turn: Turn,
        state: StaffState,
        activity: Activity,
        occurrence: Occurrence,
        note: str | None = None,
    ) -> Answer:
        """The next thing to ask about a desk sign-up, or the question to confirm it."""
        ctx = turn.ctx
        _ = ctx.tr.gettext
        desk = state.desk = state.desk or DeskState()
        filler = _Desk(ctx, _check(state.occurrence or []), occurrence)
        asked = await signup_form.next_question(ctx, filler, activity, desk)
        turn.asked = asked
        await turn.save_stamped_state(self.name, state.saved())
        text = f"{note}\n\n{asked.text}" if note else asked.text
        return _answer(ctx, text, (*asked.rows(), menu.back_row(ctx)))

    async def _desk_sign_up(
        self, turn: Turn, state: StaffState, activity: Activity, occurrence: Occurrence
    ) -> Answer:
        ctx = turn.ctx
        _ = ctx.tr.gettext
        desk = state.desk or DeskState()
        if desk.name is None or desk.phone is None:
            return await self._desk_next(turn, state, activity, occurrence)
        start = occurrence.start
        if desk.start is not None:
            start = datetime.strptime(desk.start, "%Y%m%d%H%M").replace(tzinfo=ctx.calendar.tz)
        elif activity.signup is SignupMode.SERIES:
            sessions = series_sessions(ctx.calendar, activity, occurrence.centre)
            start = sessions[0].start if sessions else start
        result = await signup_rules(turn.store).sign_up(
            ctx.org,
            ctx.calendar,
            activity_id=activity.id,
            centre_id=occurrence.centre,
            start=start,
            now=ctx.now,
            walk_in_name=desk.name,
            walk_in_phone=desk.phone,
            companions=desk.companions or 0,
            options=dict(desk.options),
        )
        outcome = {
            Outcome.CONFIRMED: _("Signed up: {name} has a place."),
            Outcome.WAITING: _("{name} is number {position} on the waiting list."),
            Outcome.CLOSED: _("Signing up has closed for this session."),
            Outcome.PAST: _("This session has already begun."),
        }.get(result.status, _("This session can no longer be signed up for."))
        note = outcome.format(name=desk.name, position=result.position or "?")
        return await self._attendance(turn, state, note)


class _Desk(signup_form.Filler):
    """Staff fill the sign-up form in for a named person at the desk: their name and phone
    are asked, no consent step (they are not on Telegram), the tariff is not recorded; the
    buttons carry the check of the session shown, and the summary names the person."""

    for_someone = True
    asks_tariff = False

    def __init__(self, ctx: Ctx, check: str, occurrence: Occurrence) -> None:
        self.ctx, self.check, self.occurrence = ctx, check, occurrence

    def time(self, start: datetime) -> Payload:
        """The desk's appointment-time button."""
        return DeskTime(start, self.check)

    def option(self, option: int, choice: int) -> Payload:
        """The desk's option button."""
        return DeskOption(option, choice, self.check)

    def companions(self, count: int) -> Payload:
        """The desk's companions button."""
        return DeskCompanions(count, self.check)

    def option_text(self, ctx: Ctx, option: Option) -> str:
        """Short, for staff: "Meal?"."""
        return f"{ctx.text(option.label)}?"

    def companions_text(self, ctx: Ctx, activity: Activity) -> str:
        """Short, for staff."""
        label = signup_form.companions_label(ctx, activity)
        return ctx.tr.gettext("How many {label} come along?").format(label=label)

    async def times(self, activity: Activity) -> list[Occurrence]:
        """Every time of the session: staff see who is booked on the list."""
        return slots(activity, self.occurrence)

    async def confirm(self, activity: Activity, answers: signup_form.FormAnswers) -> Question:
        """Sign up this person (named, with phone) for the session?"""
        ctx = self.ctx
        _ = ctx.tr.gettext
        text = _("Sign up {name} (☎ {phone}) for {title}, {when}?").format(
            name=answers.name,
            phone=answers.phone,
            title=ctx.text(activity.title),
            when=when_label(ctx, self.occurrence.start),
        )
        yes_no = (
            Choice(StaffAction("w!", self.check), _("✅ Yes, sign up"), yes=True),
            Choice(StaffBack(), _("No"), yes=False),
        )
        return Question("confirm", text, yes_no, per_row=2)


_MARKS = {True: "✅", False: "❌", None: "⬜"}
"""How a person's attendance shows on their button: came, did not come, not registered."""


def _mark_of(signup: Signup) -> str:
    """The attendance mark after a name on the list; nothing while it is not registered."""
    return "" if signup.attended is None else f" {_MARKS[signup.attended]}"


def _registration_open(ctx: Ctx, activity: Activity, occurrence: Occurrence) -> bool:
    """Whether staff may register who came: a session that has begun, or is today.

    Not for a course: its one sign-up stands for every lesson, so one mark could not say which.
    """
    if activity.signup is SignupMode.SERIES:
        return False
    tz = ctx.calendar.tz
    return occurrence.start.astimezone(tz).date() <= ctx.now.astimezone(tz).date()


def _in_scope(scope: StaffScope, state: StaffState) -> bool:
    """Whether every centre the saved state points at is one this staff member may see."""
    return all(scope.sees(centre) for centre in state.centres())


def _day_of(turn: Turn) -> date | None:
    """The day the typed text names, if any."""
    return turn.understanding.date if turn.understanding is not None else None


def _answer(ctx: Ctx, text: str, rows: toolkit.Rows) -> Answer:
    return toolkit.answer(ctx, text, rows, intent="unknown")
