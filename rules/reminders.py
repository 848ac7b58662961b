"""Reminder planning: which messages the bot sends on its own, to whom, and when.

The rules here turn sign-ups, shifts and schedule changes into outbox rows, through the
repositories only (`storage.repositories`), so they are the same on SQLite and PostgreSQL.
Every run is idempotent and cheap to repeat: each message has a dedupe key, so the scheduler
runs the planners every few minutes and after anything that changes what is due.

- **When** (`reminder_times`): the day before at the organisation's hour and a few hours before,
  local wall-clock time per date (so 17:00 stays 17:00 across summer time), never in the quiet
  hours: a same-day reminder that would fall in them moves to the evening before, unless a
  day-before one already goes out then.
- **Stale reminders** (`end_of_day`): a reminder is worded for the moment it is due ("for
  tomorrow" the evening before), so it carries a read-by moment, the midnight after; sent later
  after downtime it would be wrong, and the dispatcher records it as missed instead. A resident
  who chose only the day-before reminder, whose reminder was never sent, gets a same-day one on
  the day instead. A reminder whose moment passed before the sign-up took its current form
  (signed up, promoted or moved later) is not sent late: the resident just heard about it.
- **Withdrawn** (`plan_reminders`): pending reminders nobody wants any more (sign-up cancelled or
  moved, preference changed, resident unreachable) are cancelled; a changed occurrence first
  withdraws every reminder of its sign-ups (`notify_changes`).
- **Changes** (`notify_changes`): a moved occurrence takes its sign-ups along (unless the
  resident already signed up for the new one), a removed one cancels them; each resident gets a
  notice, due now or when the quiet hours end, and the change is marked notified: one
  check-then-write step per change.
- **Shifts** (`plan_shift_reminders`): the day before each shift of each linked volunteer; one
  that was never sent (the bot was down) becomes a same-day one ("today") on the day itself.
  A queued shift reminder goes to the account its volunteer is linked to now, in that account's
  language: one queued for an earlier account (a second phone linked) is readdressed, the same
  row; one of a volunteer nobody is linked to any more is withdrawn, and queued again when
  someone links that volunteer.
- **The day-after question** (`plan_feedback_questions`): the morning after an activity a
  resident attended, for those who said yes or were never asked.

The words come from renderers the caller passes in (`conversations.reminder_messages`,
`conversations.flows.volunteers`, `conversations.flows.feedback`): translations stay out of here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any, Protocol

from rules.shifts import UNLINKED, ShiftSlot, shift_slots
from rules.shifts import reminder_ref as shift_reminder_ref
from storage.db import utc_now_iso
from storage.feedback import QUESTION_KIND, AskSetting, question_key
from storage.model import Organisation, ReminderPolicy, Shift, SignupMode, Volunteer
from storage.outbox import READ_BY, STARTS_AT
from storage.records import (
    ChangeKind,
    OccurrenceChange,
    OutboxMessage,
    OutboxStatus,
    ReminderPreference,
    Signup,
    SignupStatus,
    local_start,
    parse_local_start,
)
from storage.repositories import Repositories
from storage.schedule import Calendar, Occurrence, resolve, series_sessions
from storage.volunteers import REMINDER_KIND as SHIFT_REMINDER_KIND

DAY_BEFORE = "day_before"
SAME_DAY = "same_day"
QUIET_MARGIN = timedelta(hours=1)  # a reminder moved out of quiet hours goes out 1 h before them

REMINDER_KINDS: dict[str, str] = {DAY_BEFORE: "reminder_day_before", SAME_DAY: "reminder_same_day"}
"""Outbox kind of each reminder moment."""

CHANGE_NOTICE = "change"
CANCELLATION_NOTICE = "cancellation"
HORIZON_DAYS = 14  # reminders are queued for the coming fortnight; the planner runs often
NOT_WANTED = "not wanted"  # why a withdrawn reminder was cancelled, as the outbox row says
QUESTION_AT = time(10, 0)  # the morning after: late enough to be awake, early enough to recall
LOOKBACK_DAYS = 2  # occurrences further back are not asked about (the bot was down, say)


# --- when --------------------------------------------------------------------------------------


def in_quiet_hours(moment: datetime, policy: ReminderPolicy) -> bool:
    """Whether a local moment falls in the quiet hours (which may run overnight)."""
    now = moment.timetz().replace(tzinfo=None)
    start, end = policy.quiet_from, policy.quiet_until
    if start == end:
        return False
    if start < end:
        return start <= now < end
    return now >= start or now < end


def _at(day: datetime, clock: time) -> datetime:
    """The local moment `clock` on the date of `day`, in its zone (DST-correct)."""
    return datetime.combine(day.date(), clock, tzinfo=day.tzinfo)


def out_of_quiet_hours(moment: datetime, policy: ReminderPolicy) -> datetime:
    """`moment`, or the evening before the quiet hours that it falls in, minus a margin."""
    if not in_quiet_hours(moment, policy):
        return moment
    quiet_start = _at(moment, policy.quiet_from)
    if quiet_start > moment:  # early morning: the quiet hours began the evening before
        quiet_start = _at(moment - timedelta(days=1), policy.quiet_from)
    return _at(quiet_start, (quiet_start - QUIET_MARGIN).time())


def reminder_times(
    start: datetime, policy: ReminderPolicy, wanted: str = "both"
) -> dict[str, datetime]:
    """The moments to remind of something starting at `start`, by kind.

    `wanted` is the resident's choice: both, day_before, same_day or none. A same-day reminder
    that would fall in quiet hours moves to the evening before, unless a day-before reminder
    already goes out then.
    """
    times: dict[str, datetime] = {}
    if wanted in ("both", DAY_BEFORE):
        times[DAY_BEFORE] = out_of_quiet_hours(
            _at(start - timedelta(days=1), policy.day_before_at), policy
        )
    if wanted in ("both", SAME_DAY) and policy.hours_before > 0:
        naive = start.replace(tzinfo=None) - timedelta(hours=policy.hours_before)
        same_day = out_of_quiet_hours(naive.replace(tzinfo=start.tzinfo), policy)
        moved_to_evening_before = same_day.date() < start.date()
        if not (moved_to_evening_before and DAY_BEFORE in times):
            times[SAME_DAY] = same_day
    return times


def after_quiet_hours(moment: datetime, policy: ReminderPolicy) -> datetime:
    """`moment`, or the end of the quiet hours it falls in (for notices that cannot go earlier)."""
    if not in_quiet_hours(moment, policy):
        return moment
    end = _at(moment, policy.quiet_until)
    if end <= moment:  # late evening: the quiet hours end the next morning
        end = _at(moment + timedelta(days=1), policy.quiet_until)
    return end


def end_of_day(moment: datetime, zone: tzinfo) -> datetime:
    """Midnight after `moment`'s local day: until then "today" and "tomorrow" mean what they said.

    A reminder is worded for the moment it is due ("for tomorrow" the evening before); sent on
    a later day after downtime it would be wrong, so it is not sent after this.
    """
    day = moment.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=zone)


# --- keys --------------------------------------------------------------------------------------


def reminder_key(signup_id: int, kind: str, occurrence_start: str) -> str:
    """The dedupe key of one reminder: one per sign-up, moment and session."""
    return f"reminder:{signup_id}:{kind}:{occurrence_start}"


def signup_ref(signup_id: int) -> str:
    """The outbox `ref` of every message about a sign-up (what cancelling it withdraws)."""
    return f"signup:{signup_id}"


def signup_of_ref(ref: str | None) -> int | None:
    """The sign-up id in a `signup_ref`, or None for any other ref."""
    text = ref or ""
    number = text.removeprefix("signup:")
    return int(number) if text.startswith("signup:") and number.isdigit() else None


def shift_reminder_key(org_id: str, volunteer_id: str, shift_id: str, start_key: str) -> str:
    """The outbox dedupe key of one shift reminder."""
    return f"shift-reminder:{org_id}:{volunteer_id}:{shift_id}:{start_key}"


# --- residents' reminders ----------------------------------------------------------------------


class ReminderRenderer(Protocol):
    """Writes the messages the planner queues, in the resident's language."""

    async def reminder(
        self, signup: Signup, occurrence: Occurrence, due: datetime
    ) -> tuple[dict[str, Any], str]:
        """The reminder of one session, as read at `due`: (outbox payload, language)."""
        ...

    async def change(
        self, change: OccurrenceChange, signup: Signup, now: datetime
    ) -> tuple[dict[str, Any], str]:
        """The notice of a moved, removed or cancelled occurrence: (outbox payload, language)."""
        ...


@dataclass(frozen=True)
class PlanReport:
    """What one planner run did."""

    queued: int = 0  # reminders newly queued (or queued again)
    withdrawn: int = 0  # pending reminders cancelled because nobody wants them any more
    notices: int = 0  # change and cancellation notices queued
    changes: int = 0  # occurrence changes handled


async def plan_reminders(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    *,
    render: ReminderRenderer,
    horizon_days: int = HORIZON_DAYS,
    resident_id: int | None = None,
) -> PlanReport:
    """Notify pending changes, then bring the queued reminders in line with the sign-ups.

    With `resident_id`, only that resident's reminders are planned (after they changed their
    preference); changes are always notified for everyone.
    """
    changes, notices = await notify_changes(repos, org, calendar, now, render=render)
    queued, withdrawn = await _plan(
        repos, org, calendar, now, render, horizon_days, resident_id=resident_id
    )
    return PlanReport(queued=queued, withdrawn=withdrawn, notices=notices, changes=changes)


def sessions_in_window(
    calendar: Calendar, org: Organisation, signup: Signup, now: datetime, until: datetime
) -> list[Occurrence]:
    """The sessions of a sign-up that start after `now` and no later than `until`."""
    activity = org.activity(signup.activity_id)
    if activity is None:
        return []
    if signup.series and activity.signup is SignupMode.SERIES:
        sessions = series_sessions(calendar, activity, signup.centre_id)
    else:
        start = parse_local_start(signup.occurrence_start, org.timezone)
        found = resolve(calendar, activity, signup.centre_id, start)
        sessions = [] if found is None else [found]
    return [s for s in sessions if now < s.start <= until]


def due_reminders(
    signup: Signup,
    session: Occurrence,
    policy: ReminderPolicy,
    wanted: ReminderPreference,
    *,
    now: datetime,
    zone: tzinfo,
    day_before_sent: bool,
) -> dict[str, datetime]:
    """The reminders one session of a sign-up should have, by moment, and when they are due."""
    times = reminder_times(session.start, policy, wanted)
    day_before = times.get(DAY_BEFORE)
    if (
        day_before is not None
        and SAME_DAY not in times
        and end_of_day(day_before, zone) <= now < session.start
        and not day_before_sent
    ):
        # "For tomorrow" was never sent and is not sent on the day itself (read_by);
        # a resident who chose only that one would hear nothing: remind for today now.
        times[SAME_DAY] = now
    return times


async def _plan(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    render: ReminderRenderer,
    horizon_days: int,
    *,
    resident_id: int | None,
) -> tuple[int, int]:
    """Queue the reminders wanted within the horizon; withdraw those no longer wanted."""
    local_now = now.astimezone(calendar.tz)
    until = local_now + timedelta(days=horizon_days)
    # A series counts from its first session, which can lie in the past (the repository gives
    # every series up to `until`).
    candidates = await repos.reminders.signups_to_remind(
        org.id,
        starting_after=local_now - timedelta(days=1),
        until=until,
        resident_id=resident_id,
    )
    kinds = tuple(REMINDER_KINDS.values())
    refs = [signup_ref(found.signup.id) for found in candidates]
    existing = await repos.outbox.statuses(refs=refs, kinds=kinds)
    wanted_keys: set[str] = set()
    queued = 0
    for found in candidates:
        signup = found.signup
        if signup.status is not SignupStatus.CONFIRMED or found.unreachable:
            continue
        for session in sessions_in_window(calendar, org, signup, local_now, until):
            start_key = local_start(session.start.astimezone(calendar.tz))
            times = due_reminders(
                signup,
                session,
                org.reminders,
                found.wanted,
                now=local_now,
                zone=calendar.tz,
                day_before_sent=(
                    existing.get(reminder_key(signup.id, DAY_BEFORE, start_key))
                    == OutboxStatus.SENT
                ),
            )
            for moment, due in times.items():
                key = reminder_key(signup.id, moment, start_key)
                wanted_keys.add(key)
                if existing.get(key, OutboxStatus.CANCELLED) != OutboxStatus.CANCELLED:
                    continue  # queued (or sent) already; rendering it again would be wasted
                if due < signup.updated_at or due >= session.start:
                    continue  # its moment passed before the sign-up took its current form
                payload, language = await render.reminder(signup, session, due)
                payload[STARTS_AT] = utc_now_iso(session.start)
                payload[READ_BY] = utc_now_iso(end_of_day(due, calendar.tz))
                new = await repos.outbox.enqueue(
                    chat_id=signup.resident_id or 0,
                    kind=REMINDER_KINDS[moment],
                    payload=payload,
                    language=language,
                    due_at=due,
                    now=now,
                    org_id=org.id,
                    ref=signup_ref(signup.id),
                    dedupe_key=key,
                    revive_cancelled=True,
                )
                queued += new is not None
    withdrawn = 0
    for message in await repos.outbox.pending_about(refs=refs, kinds=kinds):
        # Only reminders of sessions inside this run's window are judged: one further ahead
        # was not planned this time, so its absence from `wanted_keys` means nothing.
        starts_at = message.payload.get(STARTS_AT)
        in_window = isinstance(starts_at, str) and (
            utc_now_iso(now) < starts_at <= utc_now_iso(until)
        )
        if in_window and message.dedupe_key not in wanted_keys:
            withdrawn += await repos.outbox.withdraw(message.id, NOT_WANTED)
    return queued, withdrawn


# --- changes of occurrences --------------------------------------------------------------------


async def notify_changes(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    *,
    render: ReminderRenderer,
) -> tuple[int, int]:
    """Tell residents about moved, removed and cancelled occurrences; (changes, notices)."""
    handled = notices = 0
    for change in await repos.reminders.pending_changes(org.id):
        notices += await _notify_change(repos, org, calendar, change, now, render)
        handled += 1
    return handled, notices


async def _notify_change(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    change: OccurrenceChange,
    now: datetime,
    render: ReminderRenderer,
) -> int:
    """Handle one change in one step: move or cancel the sign-ups, queue the notices."""
    old_start = parse_local_start(change.occurrence_start, org.timezone)
    # A notice is news, not a reminder: it goes out now, or when the quiet hours end.
    due = after_quiet_hours(now.astimezone(calendar.tz), org.reminders)
    starts_at = old_start
    if change.change is ChangeKind.MOVED and change.new_start:
        starts_at = parse_local_start(change.new_start, org.timezone)
    queued = 0
    async with repos.atomic():
        if change.change is ChangeKind.CANCELLED:
            # Staff cancelled it (rules.signups cancel_occurrence): the sign-ups are
            # cancelled already and their reminders withdrawn; only the notice is left.
            affected = await repos.reminders.cancelled_signups_of(change, since=change.detected_at)
        else:
            affected = await repos.reminders.active_signups_of(change)
        if old_start > now:  # a change of something already past tells nobody anything
            for before in affected:
                signup = await _apply_change(repos, change, before, now)
                payload, language = await render.change(change, signup, now)
                payload[STARTS_AT] = utc_now_iso(starts_at)
                new = await repos.outbox.enqueue(
                    chat_id=signup.resident_id or 0,
                    kind=(
                        CHANGE_NOTICE if change.change is ChangeKind.MOVED else CANCELLATION_NOTICE
                    ),
                    payload=payload,
                    language=language,
                    due_at=due,
                    now=now,
                    org_id=org.id,
                    ref=signup_ref(signup.id),
                    dedupe_key=(
                        f"notice:{signup.id}:{change.change}:{change.occurrence_start}:"
                        f"{change.new_start or ''}"
                    ),
                )
                queued += new is not None
        # Guarded by detected_at: a re-import that rewrote the change meanwhile is notified anew.
        await repos.reminders.mark_notified(change, now=now)
    return queued


async def _apply_change(
    repos: Repositories, change: OccurrenceChange, signup: Signup, now: datetime
) -> Signup:
    """Move a sign-up to the occurrence that replaced its own, or cancel it; withdraw reminders."""
    kinds = tuple(REMINDER_KINDS.values())
    await repos.outbox.cancel_pending(ref=signup_ref(signup.id), kinds=kinds)
    if change.change is ChangeKind.CANCELLED:
        return signup
    if change.change is ChangeKind.MOVED and change.new_start:
        moved = await repos.reminders.move_signup(signup.id, change.new_start, now=now)
        if moved is not None:
            return moved
        # They signed up for the new occurrence themselves meanwhile: keep that one.
    return await repos.reminders.cancel_signup(signup.id, now=now)


# --- shifts ------------------------------------------------------------------------------------

ShiftReminderRender = Callable[
    [Organisation, Calendar, str, Shift, Occurrence, bool], dict[str, Any]
]
"""(org, calendar, language, shift, occurrence, today) → the outbox payload of the reminder
("tomorrow you have a shift", or with `today` "today you have a shift")."""

SHIFT_TODAY = ":today"  # the dedupe key's end of a same-day shift reminder


@dataclass(frozen=True)
class _ShiftReminder:
    """One volunteer's reminder of one shift on one date, before it is queued."""

    telegram_id: int
    volunteer_id: str
    language: str
    slot: ShiftSlot
    key: str  # the dedupe key of its day-before reminder


async def plan_shift_reminders(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    horizon_days: int = HORIZON_DAYS,
    *,
    render: ShiftReminderRender,
) -> int:
    """Queue the day-before reminders of the coming shifts; returns how many were new.

    A day-before reminder that was queued but never sent (the bot was down that evening) is not
    sent on the day itself (read_by): then a same-day one ("today you have a shift") goes out
    instead, until the shift begins.
    """
    links = await repos.volunteers.links(org.id)
    if not links:
        return 0
    chosen = await repos.residents.languages([telegram_id for telegram_id, _ in links])
    local_now = now.astimezone(calendar.tz)
    slots = await shift_slots(
        repos, org, calendar, local_now.date(), local_now.date() + timedelta(days=horizon_days)
    )
    late: list[_ShiftReminder] = []  # the day-before moment has passed
    queued = 0
    for telegram_id, volunteer_id in links:
        volunteer = org.volunteer(volunteer_id)
        if volunteer is None:
            continue
        language = _shift_language(org, volunteer, chosen.get(telegram_id))
        for slot in slots:
            if volunteer_id not in slot.people or slot.occurrence.start <= now:
                continue
            due = reminder_times(slot.occurrence.start, org.reminders, DAY_BEFORE)[DAY_BEFORE]
            key = shift_reminder_key(org.id, volunteer_id, slot.shift.id, slot.start_key)
            assignment = slot.assignment_ids.get(volunteer_id)
            if assignment is not None:
                # A place taken again after "I can't come" gets a reminder of its own; the
                # withdrawn one keeps its key.
                key += f":a{assignment}"
            found = _ShiftReminder(telegram_id, volunteer_id, language, slot, key)
            if due > now:
                queued += await _queue_shift_reminder(
                    repos, org, calendar, now, render, found, due
                )
            elif end_of_day(due, calendar.tz) <= local_now:
                late.append(found)  # the day itself (before it: taken after the reminder time)
    refs = [_shift_ref(found) for found in late]
    existing = await repos.outbox.statuses(refs=refs, kinds=(SHIFT_REMINDER_KIND,))
    for found in late:
        # Only a "for tomorrow" that was queued and never went out: one cancelled went with
        # its place, one sent said it already, and none queued means the place was taken
        # after the reminder time.
        if existing.get(found.key) not in (OutboxStatus.PENDING, OutboxStatus.MISSED):
            continue
        due = after_quiet_hours(now, org.reminders)
        if due < found.slot.occurrence.start:
            queued += await _queue_shift_reminder(
                repos, org, calendar, now, render, found, due, today=True
            )
    await _follow_links(repos, org, calendar, slots, render)
    return queued


def _shift_language(org: Organisation, volunteer: Volunteer, chosen: str | None) -> str:
    """The language of a volunteer's reminders: their account's choice, the data file's, the
    organisation's."""
    return chosen or volunteer.language or org.default_language


def _shift_ref(found: _ShiftReminder) -> str:
    return shift_reminder_ref(found.volunteer_id, found.slot.shift.id, found.slot.start_key)


async def _follow_links(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    slots: list[ShiftSlot],
    render: ShiftReminderRender,
) -> None:
    """Queued shift reminders go to the account each volunteer is linked to now.

    Redeeming a code readdresses them in its own step; this catches what a planner run queued
    from links read just before a link moved, and rows an earlier version left on an old chat.
    """
    about = {
        shift_reminder_ref(volunteer_id, slot.shift.id, slot.start_key): (slot, volunteer_id)
        for slot in slots
        for volunteer_id in slot.people
    }
    if not about:
        return

    async def astray() -> list[tuple[OutboxMessage, int | None, str]]:
        """(message, account it belongs to, language) of each one sent wrong."""
        pending = await repos.outbox.pending_about(refs=list(about), kinds=(SHIFT_REMINDER_KIND,))
        if not pending:
            return []
        accounts = {
            volunteer: account for account, volunteer in await repos.volunteers.links(org.id)
        }
        chosen = await repos.residents.languages(accounts.values())
        wrong: list[tuple[OutboxMessage, int | None, str]] = []
        for message in pending:
            volunteer_id = about[str(message.ref)][1]
            account, volunteer = accounts.get(volunteer_id), org.volunteer(volunteer_id)
            if account is None or volunteer is None:
                wrong.append((message, None, message.language))
                continue
            language = _shift_language(org, volunteer, chosen.get(account))
            if (message.chat_id, message.language) != (account, language):
                wrong.append((message, account, language))
        return wrong

    # Read without the lock first: nearly always nothing is astray, and the write lock is shared.
    if not await astray():
        return
    async with repos.atomic():  # read again under the lock that moving a link takes
        for message, account, language in await astray():
            if account is None:
                await repos.outbox.withdraw(message.id, UNLINKED)
                continue
            slot = about[str(message.ref)][0]
            today = (message.dedupe_key or "").endswith(SHIFT_TODAY)
            payload = {
                **render(org, calendar, language, slot.shift, slot.occurrence, today),
                STARTS_AT: message.payload.get(STARTS_AT),
                READ_BY: message.payload.get(READ_BY),
            }
            await repos.outbox.readdress(
                message.id, chat_id=account, payload=payload, language=language
            )


async def _queue_shift_reminder(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    render: ShiftReminderRender,
    found: _ShiftReminder,
    due: datetime,
    today: bool = False,
) -> int:
    """Queue one shift reminder (once: its dedupe key); 1 when it is new."""
    slot, language = found.slot, found.language
    new = await repos.outbox.enqueue(
        chat_id=found.telegram_id,
        kind=SHIFT_REMINDER_KIND,
        payload={
            **render(org, calendar, language, slot.shift, slot.occurrence, today),
            # a reminder still due once the shift has begun is recorded as missed
            STARTS_AT: utc_now_iso(slot.occurrence.start),
            # and one that says "tomorrow" is not sent on the day itself
            READ_BY: utc_now_iso(end_of_day(due, calendar.tz)),
        },
        language=language,
        due_at=due,
        now=now,
        org_id=org.id,
        ref=_shift_ref(found),
        dedupe_key=found.key + SHIFT_TODAY if today else found.key,
        revive_reason=UNLINKED,  # withdrawn when its volunteer's link ended; linked again now
    )
    return int(new is not None)


# --- the day-after question --------------------------------------------------------------------

QuestionRender = Callable[
    [Signup, Occurrence, datetime, bool], Awaitable[tuple[dict[str, Any], str]]
]
"""(sign-up, occurrence, due, first time) → (outbox payload, language) of the question."""


def attended_occurrence(
    calendar: Calendar, org: Organisation, signup: Signup
) -> Occurrence | None:
    """The occurrence a sign-up is asked about: its own, or a series' last session."""
    activity = org.activity(signup.activity_id)
    if activity is None:
        return None
    if signup.series and activity.signup is SignupMode.SERIES:
        sessions = series_sessions(calendar, activity, signup.centre_id)
        return sessions[-1] if sessions else None
    start = parse_local_start(signup.occurrence_start, org.timezone)
    return resolve(calendar, activity, signup.centre_id, start)


def question_times(org: Organisation, occurrence: Occurrence) -> tuple[datetime, datetime]:
    """When the question about an occurrence goes out, and after when it is no longer sent."""
    local_end = occurrence.end.astimezone(occurrence.start.tzinfo)
    day_after = local_end.date() + timedelta(days=1)
    due = after_quiet_hours(
        datetime.combine(day_after, QUESTION_AT, tzinfo=local_end.tzinfo), org.reminders
    )
    # A question that could not go out that day would come too late to remember the activity.
    expires = datetime.combine(day_after, org.reminders.quiet_from, tzinfo=local_end.tzinfo)
    if expires <= due:
        expires = due + timedelta(hours=12)
    return due, expires


async def plan_feedback_questions(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    now: datetime,
    *,
    render: QuestionRender,
    lookback_days: int = LOOKBACK_DAYS,
) -> int:
    """Queue the day-after question for activities residents attended; returns how many.

    Idempotent (one dedupe key per sign-up), so the scheduler runs it with the reminders. A
    question is queued once the occurrence has ended, due at 10:00 the day after (later when
    the quiet hours say so), and only for consenting, reachable residents who said yes or were
    never asked; a first offer is one question, not one per activity that day.
    """
    local_now = now.astimezone(calendar.tz)
    candidates = await repos.feedback.unasked_signups(
        org.id, since=local_now - timedelta(days=lookback_days + 1), until=local_now
    )
    offered: set[int] = set()
    queued = 0
    for candidate in candidates:
        signup, setting = candidate.signup, candidate.setting
        resident = signup.resident_id
        if (
            resident is None
            or resident in offered  # a first offer is one question, not one per activity
            or signup.status is not SignupStatus.CONFIRMED
            or not candidate.consented
            or not candidate.reachable
            or setting not in (None, AskSetting.YES)  # "no", or an offer not answered yet
        ):
            continue
        occurrence = attended_occurrence(calendar, org, signup)
        if occurrence is None or occurrence.end > now:
            continue
        due, expires = question_times(org, occurrence)
        if expires <= now:
            continue
        first_time = setting is None
        payload, language = await render(signup, occurrence, due, first_time)
        payload[STARTS_AT] = utc_now_iso(expires)
        async with repos.atomic():
            new = await repos.outbox.enqueue(
                chat_id=resident,
                kind=QUESTION_KIND,
                payload=payload,
                language=language,
                due_at=max(due, now),
                now=now,
                org_id=org.id,
                # the sign-up's ref: cancelling or forgetting it withdraws the question too
                ref=signup_ref(signup.id),
                dedupe_key=question_key(signup.id),
            )
            if new is not None and first_time:
                await repos.feedback.set_ask_setting(resident, AskSetting.OFFERED, now=now)
                offered.add(resident)
        queued += new is not None
    return queued


async def set_question_setting(
    repos: Repositories, user_id: int, setting: AskSetting, *, now: datetime
) -> None:
    """Remember whether a resident wants the day-after question; "don't ask again" means from
    now on, so a question already queued is withdrawn in the same step."""
    async with repos.atomic():
        await repos.feedback.set_ask_setting(user_id, setting, now=now)
        if setting is AskSetting.NO:
            await repos.outbox.cancel_pending_to(
                user_id, kinds=(QUESTION_KIND,), reason=NOT_WANTED
            )
