"""When reminders go out: the day before and a few hours before, never in quiet hours.

All times are local wall-clock times in the organisation's zone, computed per date, so a
reminder keeps its 17:00 across the switches to and from summer time.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from storage.model import ReminderPolicy

DAY_BEFORE = "day_before"
SAME_DAY = "same_day"
QUIET_MARGIN = timedelta(hours=1)  # a reminder moved out of quiet hours goes out 1 h before them


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
