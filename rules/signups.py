"""The rules of signing up: places, waiting lists, deadlines, series, appointments, cancelling.

Written once against `storage.signups.SignupRepository` and `OutboxRepository`, so they hold no
SQL and act the same on SQLite and PostgreSQL. Every check of a place and the write that takes it
run inside the repository's `occurrence_lock`, so two residents never both get the last place,
whether they write through one process or two.

Decisions worth knowing:
- Capacity counts people: a sign-up takes `party_size` = 1 + companions places, and a party
  larger than the whole activity is refused rather than wait-listed for ever.
- A series (a course of six lessons) is one sign-up, keyed on its first session: one place for
  the whole course, one row to cancel, one waiting list.
- An appointment activity (pedicure 09:00-12:00 in slots of 30 minutes) treats every slot as an
  occurrence of its own: capacity is per slot; cancelling the morning cancels every slot.
- Signing up closes at the activity's deadline and when the occurrence begins; an occurrence
  staff cancelled, or an import removed or moved, takes no sign-ups.
- The waiting list is in arrival order. When a place frees up before the occurrence begins,
  everyone waiting whose party fits is promoted, in that order; a party too large for the freed
  places keeps its turn for the next one (`who_moves_up`).
- Notices (promotion, cancellation) are rendered by the caller's `NoticeRenderer`, because the
  words belong to the conversations layer; when one is given they are queued in the outbox in the
  same transaction as the change, so a crash never promotes someone without telling them. A
  walk-in taken at the desk has no chat: staff phone them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from storage.db import Database
from storage.model import Activity, Organisation, SignupMode
from storage.records import Signup, SignupStatus, local_start, parse_local_start
from storage.repositories import OutboxRepository, Repositories, repositories
from storage.schedule import ACTIVITY, Calendar, Occurrence, containing, resolve, series_sessions
from storage.signups import DuplicateSignup, NewSignup, OccurrenceKey, SignupRepository


class Outcome(StrEnum):
    """What became of a sign-up attempt."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    DUPLICATE = "duplicate"  # the resident has a sign-up there already
    CLOSED = "closed"  # past the deadline
    WALK_IN = "walk_in"  # nothing to sign up for: just come
    PAST = "past"  # the occurrence has begun
    NO_SUCH_OCCURRENCE = "no_such_occurrence"  # not planned, or called off
    TOO_MANY_COMPANIONS = "too_many_companions"


PROMOTION = "promotion"
CANCELLATION = "cancellation"
"""Outbox kinds of the notices queued here."""

NoticeRenderer = Callable[[str, Signup], Awaitable[tuple[dict[str, Any], str]]]
"""Renders a notice of a kind (PROMOTION, CANCELLATION) about a sign-up: (outbox payload, lang)."""


@dataclass(frozen=True)
class SignupResult:
    """What happened to a sign-up attempt."""

    status: Outcome
    signup: Signup | None = None  # the stored (or, for DUPLICATE, the existing) sign-up
    position: int | None = None  # place on the waiting list, from 1
    deadline: datetime | None = None  # for CLOSED: until when signing up was possible


@dataclass(frozen=True)
class CancelResult:
    """A cancellation: the cancelled sign-up (None: nothing to cancel) and who moved up."""

    cancelled: Signup | None
    promoted: tuple[Signup, ...] = ()


# -- the decisions, on plain values --------------------------------------------------------------


def party_allowed(activity: Activity, companions: int) -> bool:
    """Whether a resident may bring this many companions to the activity at all."""
    return 0 <= companions <= activity.max_companions and (
        activity.capacity is None or 1 + companions <= activity.capacity
    )


def party_fits(capacity: int | None, taken: int, party: int) -> bool:
    """Whether a party of `party` people fits beside the `taken` places."""
    return capacity is None or taken + party <= capacity


def who_moves_up(capacity: int | None, taken: int, waiting: Sequence[Signup]) -> list[Signup]:
    """Those on a waiting list (in arrival order) who get a place: each whose party fits in
    what is still free, in turn; a party too large keeps its turn for a later free place."""
    free = None if capacity is None else capacity - taken
    moving: list[Signup] = []
    for signup in waiting:
        if free is not None and free <= 0:
            break
        if free is not None and signup.party_size > free:
            continue
        moving.append(signup)
        if free is not None:
            free -= signup.party_size
    return moving


def _whole_key(calendar: Calendar, activity: Activity | None, key: OccurrenceKey) -> OccurrenceKey:
    """The key of the whole occurrence a slot's key belongs to: one lock for all its slots."""
    if activity is None or activity.signup is not SignupMode.APPOINTMENT:
        return key
    start = parse_local_start(key.start, calendar.org.timezone)
    slot = Occurrence(ACTIVITY, key.activity_id, key.centre_id, start, start)
    whole = containing(calendar, activity, slot)
    return OccurrenceKey.of(key.org_id, key.activity_id, key.centre_id, whole.start)


# -- the rules against the repositories ----------------------------------------------------------


class SignupRules:
    """Signing up, cancelling and moving up, on the repositories of one store."""

    def __init__(self, signups: SignupRepository, outbox: OutboxRepository) -> None:
        self.signups = signups
        self.outbox = outbox

    @classmethod
    def of(cls, repos: Repositories) -> SignupRules:
        """The rules on a set of repositories."""
        return cls(repos.signups, repos.outbox)

    async def sign_up(
        self,
        org: Organisation,
        calendar: Calendar,
        *,
        activity_id: str,
        centre_id: str,
        start: datetime,
        now: datetime,
        resident_id: int | None = None,
        walk_in_name: str | None = None,
        walk_in_phone: str | None = None,
        companions: int = 0,
        options: dict[str, str] | None = None,
        reduced: bool = False,
    ) -> SignupResult:
        """Sign a resident (or a walk-in taken at the desk) up for one occurrence, if the rules
        allow: a place, or else one on the waiting list.

        The resident must already exist in the store. A walk-in needs `walk_in_name`.
        """
        activity = org.activity(activity_id)
        if activity is None or centre_id not in activity.centres:
            return SignupResult(Outcome.NO_SUCH_OCCURRENCE)
        if activity.signup is SignupMode.WALK_IN:
            return SignupResult(Outcome.WALK_IN)
        if resident_id is None and not walk_in_name:
            raise ValueError("a sign-up needs a resident or a walk-in name")
        if not party_allowed(activity, companions):
            return SignupResult(Outcome.TOO_MANY_COMPANIONS)
        occurrence = resolve(calendar, activity, centre_id, start)
        if occurrence is None:
            return SignupResult(Outcome.NO_SUCH_OCCURRENCE)
        if occurrence.start <= now:
            return SignupResult(Outcome.PAST)
        deadline = calendar.signup_deadline(activity, occurrence.start)
        if deadline is not None and now > deadline:
            return SignupResult(Outcome.CLOSED, deadline=deadline)
        tz = calendar.tz
        key = OccurrenceKey.of(org.id, activity.id, centre_id, occurrence.start.astimezone(tz))
        whole_start = containing(calendar, activity, occurrence).start.astimezone(tz)
        whole = OccurrenceKey.of(org.id, activity.id, centre_id, whole_start)
        party = 1 + companions
        async with self.signups.occurrence_lock(whole):
            places = await self.signups.places(
                key, resident_id=resident_id, whole_start=whole.start
            )
            if places.changed:
                return SignupResult(Outcome.NO_SUCH_OCCURRENCE)
            if resident_id is not None and places.existing is not None:
                return SignupResult(
                    Outcome.DUPLICATE,
                    await self.signups.get(places.existing),
                    await self.signups.waiting_position(places.existing),
                )
            fits = party_fits(activity.capacity, places.taken, party)
            new = NewSignup(
                key=key,
                status=SignupStatus.CONFIRMED if fits else SignupStatus.WAITING,
                party_size=party,
                companions=companions,
                series=activity.signup is SignupMode.SERIES,
                resident_id=resident_id,
                walk_in_name=walk_in_name,
                walk_in_phone=walk_in_phone,
                options=options,
                reduced=reduced,
            )
            try:
                signup = await self.signups.add(new, now=now)
            except DuplicateSignup:  # checked above, so another process won meanwhile
                return SignupResult(Outcome.DUPLICATE)
        self.signups.reminders_changed(resident_id)
        if fits:
            return SignupResult(Outcome.CONFIRMED, signup)
        return SignupResult(Outcome.WAITING, signup, places.waiting + 1)

    async def cancel(
        self,
        org: Organisation,
        calendar: Calendar,
        signup_id: int,
        *,
        now: datetime,
        resident_id: int | None = None,
        notice: NoticeRenderer | None = None,
    ) -> CancelResult:
        """Cancel one sign-up and give the freed places to the waiting list.

        With `resident_id`, only that resident's own sign-up is cancelled. With `notice`, each
        promoted resident gets a PROMOTION message in the outbox, in the same transaction.
        """
        found = await self.signups.get(signup_id)
        if found is None or found.org_id != org.id:
            return CancelResult(None)
        activity = org.activity(found.activity_id)
        key = OccurrenceKey.of_signup(found)
        async with self.signups.occurrence_lock(_whole_key(calendar, activity, key)):
            signup = await self.signups.get(signup_id)  # again: it may have changed meanwhile
            if (
                signup is None
                or not signup.active
                or (resident_id is not None and signup.resident_id != resident_id)
            ):
                return CancelResult(None)
            await self.signups.mark_cancelled(signup_id, now=now)
            await self.outbox.cancel_pending(ref=_ref(signup))
            promoted: tuple[Signup, ...] = ()
            started = parse_local_start(signup.occurrence_start, org.timezone) <= now
            if activity is not None and not started:
                promoted = await self._move_up(activity, key, now)
                if notice is not None:
                    for moved_up in promoted:
                        await self._tell(org, notice, PROMOTION, moved_up, now)
            cancelled = await self.signups.get(signup_id)
        for changed in (signup, *promoted):
            self.signups.reminders_changed(changed.resident_id)
        return CancelResult(cancelled, promoted)

    async def _move_up(
        self, activity: Activity, key: OccurrenceKey, now: datetime
    ) -> tuple[Signup, ...]:
        """Confirm, in arrival order, everyone waiting at `key` whose party fits."""
        taken = await self.signups.taken(key)
        moving = who_moves_up(activity.capacity, taken, await self.signups.waiting_list(key))
        if not moving:
            return ()
        await self.signups.confirm([s.id for s in moving], now=now)
        promoted = [await self.signups.get(s.id) for s in moving]
        return tuple(s for s in promoted if s is not None)

    async def cancel_occurrence(
        self,
        org: Organisation,
        calendar: Calendar,
        *,
        activity_id: str,
        centre_id: str,
        start: datetime,
        now: datetime,
        reason: str | None = None,
        notice: NoticeRenderer | None = None,
    ) -> list[Signup]:
        """Staff cancel one occurrence: every active sign-up is cancelled and returned.

        The cancellation is recorded (so nobody can sign up for it again). With `notice`, every
        resident signed up gets a CANCELLATION message in the outbox and the change is marked
        notified; without it, the caller (or the notifier) tells them.
        """
        activity = org.activity(activity_id)
        local = start.astimezone(calendar.tz)
        first = last = local_start(local)
        if activity is not None and activity.signup is SignupMode.APPOINTMENT:
            # Every slot of the occurrence goes with it.
            slot = Occurrence(ACTIVITY, activity_id, centre_id, local, local)
            whole = containing(calendar, activity, slot)
            first = local_start(whole.start.astimezone(calendar.tz))
            last = local_start((whole.end - timedelta(minutes=1)).astimezone(calendar.tz))
        key = OccurrenceKey(org.id, activity_id, centre_id, first)
        async with self.signups.occurrence_lock(key):
            cancelled = await self.signups.cancel_all(
                org.id, activity_id, centre_id, first, last, now=now
            )
            await self.signups.record_cancelled_occurrence(
                key, reason=reason, now=now, notified=notice is not None
            )
            for signup in cancelled:
                await self.outbox.cancel_pending(ref=_ref(signup))
                if notice is not None:
                    await self._tell(org, notice, CANCELLATION, signup, now)
        for signup in cancelled:
            self.signups.reminders_changed(signup.resident_id)
        return cancelled

    async def _tell(
        self, org: Organisation, notice: NoticeRenderer, kind: str, signup: Signup, now: datetime
    ) -> None:
        """Queue a notice about a sign-up to its resident (walk-ins have no chat)."""
        if signup.resident_id is None:
            return
        payload, language = await notice(kind, signup)
        await self.outbox.enqueue(
            chat_id=signup.resident_id,
            kind=kind,
            payload=payload,
            language=language,
            due_at=now,
            now=now,
            org_id=org.id,
            ref=_ref(signup),
            dedupe_key=f"{kind}:{signup.id}",
        )

    async def register_attendance(
        self, signup_id: int, attended: bool | None, *, now: datetime
    ) -> Signup | None:
        """Register whether a confirmed sign-up came (True) or not (False); None clears it.

        Returns the updated sign-up, or None when there is no confirmed sign-up with this id.
        Who may register, and for which session, is the caller's to check (staff scope).
        """
        signup = await self.signups.set_attended(signup_id, attended, now=now)
        if signup is not None:
            self.signups.reminders_changed(signup.resident_id)  # the day-after question
        return signup

    async def upcoming_for(
        self, resident_id: int, *, now: datetime, calendar: Calendar | None = None
    ) -> list[Signup]:
        """A resident's active sign-ups (confirmed or waiting) still to come, soonest first.

        `now` is local time in the organisation's zone. A series counts as still to come until
        its last session has begun; that needs the `calendar` (without it, only its first
        session counts).
        """
        today = local_start(now)
        found: list[Signup] = []
        for signup in await self.signups.active_of(resident_id, after=today):
            if signup.series and signup.occurrence_start <= today:
                activity = calendar.org.activity(signup.activity_id) if calendar else None
                if activity is None or calendar is None:
                    continue
                sessions = series_sessions(calendar, activity, signup.centre_id)
                if not sessions or sessions[-1].start <= now:
                    continue
            found.append(signup)
        return found

    async def has_place(
        self, org_id: str, activity: Activity, occurrence: Occurrence, party: int = 1
    ) -> bool:
        """Whether a party of `party` would get a place at one occurrence (or slot) now,
        rather than one on the waiting list."""
        if activity.capacity is None:
            return True
        key = OccurrenceKey.of(org_id, activity.id, occurrence.centre, occurrence.start)
        return party_fits(activity.capacity, await self.signups.taken(key), party)


def signup_rules(db: Database) -> SignupRules:
    """The sign-up rules on an open store, whichever backend it is."""
    return SignupRules.of(repositories(db))


def _ref(signup: Signup) -> str:
    """The outbox reference of messages about a sign-up (withdrawn when it is cancelled)."""
    return f"signup:{signup.id}"
