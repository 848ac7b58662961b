"""Schedule arithmetic: opening hours on a date, occurrences of activities, desks and shifts.

Public holidays come from one source, the `holidays` library (category "public"), for both the
opening hours ("PH off") and the removal of occurrences, so the bot never says a centre is closed
"for Whit Sunday" while its hours say open. opening-hours-py's own holiday calendar differs from
it (BE: no Whit Sunday; NL: no Good Friday), so standalone PH rules are rewritten into explicit
dates from the `holidays` library before opening-hours-py evaluates them.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

# The package's type stubs lack the exception it raises for a country it has no holidays of.
from opening_hours import OpeningHours, State, UnknownCountryError  # type: ignore[attr-defined]

from storage.holiday_library import holidays
from storage.model import Activity, Closure, DeadlineRule, Organisation, Schedule, SignupMode

log = logging.getLogger(__name__)

ACTIVITY = "activity"
DESK = "desk"
SHIFT = "shift"
KINDS: tuple[str, ...] = (ACTIVITY, DESK, SHIFT)

END_OF_DAY = time.max
"""End of an opening interval that runs until midnight (24:00)."""

# Repeating rules without an end are expanded this far past their first day.
_OPEN_ENDED_YEARS = 20
# How far open_now looks for the next change before it gives up.
_NEXT_CHANGE_DAYS = 400
# A series without an end date is read as at most a year long.
_OPEN_ENDED_SERIES_DAYS = 366

_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
# A rule that starts with PH alone ("PH off", "PH 10:00-12:00").
_PH_ALONE = re.compile(r"^PH(?=\s|$)")
# A rule whose weekday list holds PH next to weekdays ("Sa,Su,PH 10:00-12:00").
_PH_IN_LIST = re.compile(rf"^((?:{_WEEKDAYS}|PH)(?:,(?:{_WEEKDAYS}|PH))+)(?=\s|$)")
# The data-file format once documented region codes; the holidays library wants its own names.
_SUBDIVISION_ALIASES = {
    ("BE", "VLG"): "Flemish",
    ("BE", "VL"): "Flemish",
    ("BE", "FLANDERS"): "Flemish",
    ("BE", "WAL"): "French",
    ("BE", "FR"): "French",
    ("BE", "DE"): "German",
    ("BE", "DG"): "German",
}


@dataclass(frozen=True)
class DayHours:
    """A centre's opening intervals on one day, after holidays and closures."""

    day: date
    intervals: tuple[tuple[time, time], ...]  # () when closed all day; END_OF_DAY for 24:00
    holiday: str | None  # public holiday name in the organisation's default language
    closure: Closure | None  # the closure that applies that day, if any

    @property
    def is_open(self) -> bool:
        """Whether the centre opens at all that day."""
        return bool(self.intervals)


@dataclass(frozen=True)
class Occurrence:
    """One dated occurrence of an activity session, a desk or a shift."""

    kind: str  # "activity" | "desk" | "shift"
    item_id: str
    centre: str
    start: datetime  # aware, organisation time zone
    end: datetime


@dataclass
class _Item:
    """One schedule to expand: an activity session, a desk or a shift."""

    kind: str
    item_id: str
    centre: str
    schedule: Schedule
    ordinals: tuple[int, ...] | None = None  # sorted day ordinals, expanded on first use


class Calendar:
    """Opening hours and occurrences of one organisation, with everything parsed once."""

    def __init__(self, org: Organisation) -> None:
        self.org = org
        self._tz = ZoneInfo(org.timezone)
        self._centres = {c.id: c for c in org.centres}
        self._country = org.holiday_country
        self._subdivision = _subdivision(org.holiday_country, org.holiday_subdivision)
        self._languages = _holiday_languages(org.holiday_country)
        self._holidays: dict[tuple[int, str | None], dict[date, str]] = {}
        self._oh: dict[tuple[str, int], OpeningHours] = {}
        self._hours: dict[tuple[str, date], DayHours] = {}
        self._moments: dict[tuple[date, time], datetime] = {}
        self._blocks: dict[tuple[str, date], time | bool | None] = {}
        self._closures: dict[str, dict[date, list[Closure]]] = {
            c.id: _closures_by_day(org.closures_for(c.id)) for c in org.centres
        }
        self._items: list[_Item] = []
        for activity in org.activities:
            for session in activity.sessions:
                self._items.append(_Item(ACTIVITY, activity.id, session.centre, session.schedule))
        for desk in org.desks:
            self._items.append(_Item(DESK, desk.id, desk.centre, desk.schedule))
        for shift in org.shifts:
            self._items.append(_Item(SHIFT, shift.id, shift.centre, shift.schedule))
        self._by_centre: dict[str, list[_Item]] = {}
        self._by_id: dict[tuple[str, str], list[_Item]] = {}
        for item in self._items:
            self._by_centre.setdefault(item.centre, []).append(item)
            self._by_id.setdefault((item.kind, item.item_id), []).append(item)

    @property
    def tz(self) -> ZoneInfo:
        """The organisation's time zone."""
        return self._tz

    # -- public holidays -------------------------------------------------------------------

    def holiday(self, day: date, lang: str | None = None) -> str | None:
        """The public holiday on `day`, named in `lang` where the library has it."""
        names = self._holidays_of(day.year, self._language(lang))
        return names.get(day)

    def is_working_day(self, centre_id: str | None, day: date) -> bool:
        """Monday to Friday and no public holiday; with a centre, also not closed all day."""
        if day.weekday() >= 5 or self.holiday(day) is not None:
            return False
        if centre_id is None:
            return True
        return all(_cut_time(c, day) is not None for c in self._closures_on(centre_id, day))

    def bridge_day(self, since: date, within: int = 400) -> date | None:
        """The first working day on or after `since` between a public holiday and the weekend:
        a Friday after a holiday on Thursday, a Monday before one on Tuesday ("brugdag",
        "Brückentag", "jour de pont"; docs/dates.md). None when none comes within `within` days."""
        for ahead in range(within):
            day = since + timedelta(days=ahead)
            beside = {4: -1, 0: 1}.get(day.weekday())
            if (
                beside is not None
                and self.holiday(day + timedelta(days=beside)) is not None
                and self.is_working_day(None, day)
            ):
                return day
        return None

    def _language(self, lang: str | None) -> str | None:
        """The holidays-library language for `lang`, else for the default language."""
        for code in (lang, self.org.default_language):
            if code is None:
                continue
            for candidate in (code, f"{code}_US" if code == "en" else None):
                if candidate in self._languages:
                    return candidate
        return None

    def _holidays_of(self, year: int, language: str | None) -> dict[date, str]:
        """Public holidays of one year by date, cached per year and language."""
        key = (year, language)
        names = self._holidays.get(key)
        if names is None:
            found = holidays.country_holidays(
                self._country,
                subdiv=self._subdivision,
                years=year,
                categories=("public",),
                language=language,
            )
            names = dict(found.items())
            self._holidays[key] = names
        return names

    def _is_holiday(self, day: date) -> bool:
        """Whether `day` is a public holiday (in any language)."""
        return day in self._holidays_of(day.year, self._language(None))

    # -- opening hours ---------------------------------------------------------------------

    def hours_on(self, centre_id: str, day: date) -> DayHours:
        """Opening intervals of a centre on one day, with holidays and closures applied."""
        key = (centre_id, day)
        hours = self._hours.get(key)
        if hours is None:
            hours = self._compute_hours(centre_id, day)
            self._hours[key] = hours
        return hours

    def week_hours(self, centre_id: str, first_day: date, days: int = 7) -> list[DayHours]:
        """Opening hours of a centre on `days` consecutive days from `first_day`."""
        return [self.hours_on(centre_id, first_day + timedelta(days=i)) for i in range(days)]

    def open_now(self, centre_id: str, now: datetime) -> tuple[bool, datetime | None]:
        """Whether the centre is open at `now`, and when that next changes (None: not soon)."""
        now = self._local(now)
        horizon = self._at(now.date() + timedelta(days=_NEXT_CHANGE_DAYS), time())
        for start, end in self._merged_spans(centre_id, now.date()):
            if start <= now < end:
                # Open up to the end of what we looked at: no change in sight.
                return True, (end if end < horizon else None)
            if start > now:
                return False, start
        return False, None

    def _merged_spans(
        self, centre_id: str, first_day: date
    ) -> Iterable[tuple[datetime, datetime]]:
        """Opening spans from `first_day` on, joined where one runs on past midnight."""
        current: tuple[datetime, datetime] | None = None
        for offset in range(_NEXT_CHANGE_DAYS):
            day = first_day + timedelta(days=offset)
            for start, end in self.hours_on(centre_id, day).intervals:
                begin = self._at(day, start)
                if end == END_OF_DAY:
                    finish = self._at(day + timedelta(days=1), time())
                else:
                    finish = self._at(day, end)
                if current is not None and begin <= current[1]:
                    current = (current[0], max(current[1], finish))
                    continue
                if current is not None:
                    yield current
                current = (begin, finish)
        if current is not None:
            yield current

    def open_days(self, centre_id: str, first: date, last: date) -> set[date]:
        """Days from `first` to `last` (at most a year on) on which the hours open the centre.

        Closures are not applied. One pass over the span: checking a data file asks this for
        every centre, and day by day it would take a hundred times longer.
        """
        oh = self._opening_hours(centre_id, first.year)  # holidays through the next year
        days: set[date] = set()
        for start, end, state, _comment in oh.intervals(
            self._at(first, time()), self._at(last + timedelta(days=1), time())
        ):
            if state != State.OPEN or end <= start:
                continue
            day, final = start.astimezone(self._tz).date(), end.astimezone(self._tz)
            while day <= final.date() and (day < final.date() or final.time() > time()):
                days.add(day)
                day += timedelta(days=1)
        return days

    def _compute_hours(self, centre_id: str, day: date) -> DayHours:
        """Evaluate the hours expression for one day, then cut it by closures."""
        if centre_id not in self._centres:
            raise KeyError(f"unknown centre {centre_id!r}")
        oh = self._opening_hours(centre_id, day.year)
        day_start = self._at(day, time())
        day_end = self._at(day + timedelta(days=1), time())
        intervals: list[tuple[time, time]] = []
        for start, end, state, _comment in oh.intervals(day_start, day_end):
            if state != State.OPEN:
                continue
            start = max(start, day_start)
            end = min(end, day_end)
            if start >= end:
                continue
            local_end = END_OF_DAY if end >= day_end else end.astimezone(self._tz).time()
            intervals.append((start.astimezone(self._tz).time(), local_end))
        applied: Closure | None = None
        for closure in self._closures_on(centre_id, day):
            cut = _cut_time(closure, day)
            if cut is None:
                intervals, applied = [], closure
                break
            intervals = [(s, min(e, cut)) for s, e in intervals if s < cut]
            # Name the closure that cuts deepest: that is the one residents notice.
            if applied is None or cut < (_cut_time(applied, day) or time()):
                applied = closure
        return DayHours(
            day=day,
            intervals=tuple(intervals),
            holiday=self.holiday(day),
            closure=applied,
        )

    def _opening_hours(self, centre_id: str, year: int) -> OpeningHours:
        """The centre's parsed expression with that year's public holidays written in."""
        key = (centre_id, year)
        oh = self._oh.get(key)
        if oh is None:
            days: list[date] = []
            for y in (year - 1, year, year + 1):
                days.extend(self._holidays_of(y, self._language(None)))
            expr = rewrite_public_holidays(self._centres[centre_id].hours, sorted(days))
            try:
                oh = OpeningHours(expr, timezone=self._tz, country=self._country)
            except UnknownCountryError:
                # An unknown country only matters for PH the rewrite could not replace.
                oh = OpeningHours(expr, timezone=self._tz)
            self._oh[key] = oh
        return oh

    def _closures_on(self, centre_id: str, day: date) -> list[Closure]:
        """Closures of a centre (its own and city-wide) that touch `day`."""
        by_day = self._closures.get(centre_id)
        if by_day is None:
            by_day = _closures_by_day(self.org.closures_for(centre_id))
            self._closures[centre_id] = by_day
        return by_day.get(day, [])

    # -- occurrences -----------------------------------------------------------------------

    def occurrences(
        self,
        start: date,
        end: date,
        *,
        kind: str | None = None,
        centre: str | None = None,
        item_id: str | None = None,
    ) -> list[Occurrence]:
        """Occurrences from `start` to `end` (inclusive) that take place, in time order."""
        found: list[Occurrence] = []
        first, last = start.toordinal(), end.toordinal()
        for item in self._select(kind, centre, item_id):
            ordinals = self._ordinals(item)
            lo = bisect_left(ordinals, first)
            hi = bisect_right(ordinals, last)
            for ordinal in ordinals[lo:hi]:
                occ = self._occurrence_on(item, date.fromordinal(ordinal))
                if occ is not None:
                    found.append(occ)
        found = list(dict.fromkeys(found))
        found.sort(key=lambda o: (o.start, o.centre, o.item_id, o.kind))
        return found

    def next_occurrences(
        self,
        now: datetime,
        *,
        kind: str | None = None,
        centre: str | None = None,
        item_id: str | None = None,
        limit: int = 5,
        horizon_days: int = 120,
    ) -> list[Occurrence]:
        """The next `limit` occurrences starting at or after `now`, within `horizon_days`."""
        now = self._local(now)
        first = now.date()
        last = first + timedelta(days=horizon_days)
        found: list[Occurrence] = []
        window = 14
        day = first
        # Widening windows: most questions are answered by the next fortnight.
        while day <= last and len(found) < limit:
            to = min(day + timedelta(days=window - 1), last)
            chunk = self.occurrences(day, to, kind=kind, centre=centre, item_id=item_id)
            found.extend(o for o in chunk if o.start >= now)
            day = to + timedelta(days=1)
            window *= 2
        return found[:limit]

    def occurrence(
        self, kind: str, item_id: str, centre: str, start: datetime
    ) -> Occurrence | None:
        """The occurrence of this item at this centre starting exactly at `start`, if it exists."""
        local = self._local(start)
        for occ in self.occurrences(
            local.date(), local.date(), kind=kind, centre=centre, item_id=item_id
        ):
            if occ.start == local:
                return occ
        return None

    def _select(self, kind: str | None, centre: str | None, item_id: str | None) -> list[_Item]:
        """The schedules matching the filters, using the indexes where they help."""
        if item_id is not None and kind is not None:
            items: Iterable[_Item] = self._by_id.get((kind, item_id), [])
        elif centre is not None:
            items = self._by_centre.get(centre, [])
        else:
            items = self._items
        return [
            i
            for i in items
            if (kind is None or i.kind == kind)
            and (centre is None or i.centre == centre)
            and (item_id is None or i.item_id == item_id)
        ]

    def _ordinals(self, item: _Item) -> tuple[int, ...]:
        """The days an item's schedule names, expanded once and cached."""
        if item.ordinals is None:
            item.ordinals = _schedule_ordinals(item.schedule)
        return item.ordinals

    def _occurrence_on(self, item: _Item, day: date) -> Occurrence | None:
        """The item's occurrence on `day`, or None when its centre is closed for it."""
        schedule = item.schedule
        end_day = day if schedule.end_time > schedule.start_time else day + timedelta(days=1)
        start = self._at(day, schedule.start_time)
        end = self._at(end_day, schedule.end_time)
        block = self._block(item.centre, day)
        if block is True:
            return None
        if isinstance(block, time) and end > self._at(day, block):
            return None
        return Occurrence(item.kind, item.item_id, item.centre, start, end)

    def _block(self, centre_id: str, day: date) -> time | bool | None:
        """True when nothing takes place at the centre that day, a time when a closure cuts it."""
        key = (centre_id, day)
        if key in self._blocks:
            return self._blocks[key]
        block: time | bool | None = None
        cuts = [_cut_time(c, day) for c in self._closures_on(centre_id, day)]
        if any(cut is None for cut in cuts):
            block = True
        elif cuts:
            block = min(cut for cut in cuts if cut is not None)
        # A holiday removes what takes place only where the centre closes for it.
        if (
            block is not True
            and self._is_holiday(day)
            and centre_id in self._centres
            and not self.hours_on(centre_id, day).intervals
        ):
            block = True
        self._blocks[key] = block
        return block

    # -- deadlines -------------------------------------------------------------------------

    def signup_deadline(self, activity: Activity, occurrence_start: datetime) -> datetime | None:
        """When sign-up for the occurrence starting at `occurrence_start` closes."""
        deadline = activity.deadline
        if deadline is None:
            return None
        day = self._local(occurrence_start).date()
        if deadline.rule == DeadlineRule.PREVIOUS_WORKING_DAY:
            before = day - timedelta(days=1)
            while not self.is_working_day(None, before):
                before -= timedelta(days=1)
            return self._at(before, deadline.at)
        if deadline.rule == DeadlineRule.DAYS_BEFORE:
            return self._at(day - timedelta(days=deadline.days), deadline.at)
        if deadline.rule == DeadlineRule.DATE and deadline.date is not None:
            return self._at(deadline.date, deadline.at)
        return None

    # -- helpers ---------------------------------------------------------------------------

    def _at(self, day: date, moment: time) -> datetime:
        """Wall-clock `moment` on `day` in the organisation zone, valid across DST changes."""
        key = (day, moment)
        found = self._moments.get(key)
        if found is None:
            found = self._moments[key] = self._make_moment(day, moment)
        return found

    def _make_moment(self, day: date, moment: time) -> datetime:
        """Build the aware datetime for `_at`."""
        naive = datetime.combine(day, moment)
        aware = naive.replace(tzinfo=self._tz)
        # A wall time inside the spring-forward gap does not exist; move it past the gap.
        back = aware.astimezone(UTC).astimezone(self._tz)
        return aware if back.replace(tzinfo=None) == naive else back

    def _local(self, moment: datetime) -> datetime:
        """`moment` in the organisation zone; naive times are read as local."""
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self._tz)
        return moment.astimezone(self._tz)


# -- what a sign-up is for ---------------------------------------------------------------------
# A series (a course of six lessons) is signed up for on its first session; an appointment
# activity (pedicure 09:00-12:00 in slots of 30 minutes) on one slot, each slot an occurrence.


def series_sessions(calendar: Calendar, activity: Activity, centre_id: str) -> list[Occurrence]:
    """Every session of a series at a centre, in order (holidays and closures left out)."""
    days = [
        day
        for session in activity.sessions
        if session.centre == centre_id
        for day in schedule_dates(session.schedule)[:400]
    ]
    if not days:
        return []
    first, last = min(days), max(days)
    last = min(last, first + timedelta(days=_OPEN_ENDED_SERIES_DAYS))
    return calendar.occurrences(first, last, kind=ACTIVITY, centre=centre_id, item_id=activity.id)


def slots(activity: Activity, occurrence: Occurrence) -> list[Occurrence]:
    """The appointment slots of one occurrence, each as an occurrence of its own."""
    if not activity.slot_minutes:
        return [occurrence]
    length = timedelta(minutes=activity.slot_minutes)
    found: list[Occurrence] = []
    start = occurrence.start
    while start + length <= occurrence.end:
        found.append(replace(occurrence, start=start, end=start + length))
        start += length
    return found


def resolve(
    calendar: Calendar, activity: Activity, centre_id: str, start: datetime
) -> Occurrence | None:
    """The occurrence a sign-up at `start` is for (a slot; a series' first session), or None."""
    if activity.signup is SignupMode.SERIES:
        sessions = series_sessions(calendar, activity, centre_id)
        return sessions[0] if sessions and sessions[0].start == start else None
    if activity.signup is SignupMode.APPOINTMENT:
        local = start.astimezone(calendar.tz)
        for occurrence in calendar.occurrences(
            local.date(), local.date(), kind=ACTIVITY, centre=centre_id, item_id=activity.id
        ):
            for slot in slots(activity, occurrence):
                if slot.start == local:
                    return slot
        return None
    return calendar.occurrence(ACTIVITY, activity.id, centre_id, start)


def containing(calendar: Calendar, activity: Activity, slot: Occurrence) -> Occurrence:
    """The calendar occurrence a slot belongs to (the slot itself for other modes)."""
    if activity.signup is not SignupMode.APPOINTMENT:
        return slot
    local = slot.start.astimezone(calendar.tz)
    for occurrence in calendar.occurrences(
        local.date(), local.date(), kind=ACTIVITY, centre=slot.centre, item_id=activity.id
    ):
        if occurrence.start <= slot.start < occurrence.end:
            return occurrence
    return slot


def schedule_dates(schedule: Schedule) -> list[date]:
    """The days a schedule names: its one date, or its rule from `first` up to `until`."""
    return [date.fromordinal(o) for o in _schedule_ordinals(schedule)]


@lru_cache(maxsize=4096)
def _schedule_ordinals(schedule: Schedule) -> tuple[int, ...]:
    """Sorted day ordinals of a schedule; shared by the many items with the same schedule."""
    if schedule.rrule is None:
        return (schedule.date.toordinal(),) if schedule.date is not None else ()
    first = schedule.first or schedule.date
    if first is None:
        raise ValueError(f"repeating schedule {schedule.rrule!r} has no first day")
    last = schedule.until or date(first.year + _OPEN_ENDED_YEARS, first.month, 1)
    weekdays = _every_week_on(schedule.rrule)
    if weekdays is not None:
        # dateutil takes ~100 µs for a season of a weekly rule; stepping by weeks takes a few,
        # which matters when thousands of schedules are expanded for the first question.
        begin, end = first.toordinal(), last.toordinal()
        found: list[int] = []
        for weekday in weekdays or {first.weekday()}:
            found.extend(range(begin + (weekday - first.weekday()) % 7, end + 1, 7))
        return tuple(sorted(found))
    dtstart = datetime.combine(first, time())
    rule = rrulestr(schedule.rrule, dtstart=dtstart, ignoretz=True)
    found_days = rule.between(dtstart, datetime.combine(last, time.max), inc=True)
    return tuple(sorted({d.toordinal() for d in found_days}))


def _every_week_on(rule: str) -> set[int] | None:
    """Weekdays (Monday 0) of a plain every-week or every-day rule; None for any other rule."""
    parts: dict[str, str] = {}
    for part in rule.upper().removeprefix("RRULE:").strip().split(";"):
        if not part:
            continue
        key, _, value = part.partition("=")
        parts[key.strip()] = value.strip()
    if not set(parts) <= {"FREQ", "BYDAY", "INTERVAL", "WKST"}:
        return None
    if parts.get("INTERVAL", "1") != "1" or parts.get("FREQ") not in ("WEEKLY", "DAILY"):
        return None
    if "BYDAY" not in parts:
        # An empty set means "the weekday of the first day" for WEEKLY, every day for DAILY.
        return set() if parts["FREQ"] == "WEEKLY" else set(range(7))
    days = set()
    for code in parts["BYDAY"].split(","):
        if code.strip() not in _WEEKDAY_CODES:
            return None  # "1TU" and the like: leave it to dateutil
        days.add(_WEEKDAY_CODES.index(code.strip()))
    return days


def rewrite_public_holidays(expr: str, days: Iterable[date]) -> str:
    """Replace standalone PH selectors in an opening_hours expression by explicit dates."""
    listed = ",".join(f"{d.year}{_MONTHS[d.month - 1]}{d.day:02d}" for d in days)
    rules = [r.strip() for r in expr.split(";")]
    out: list[str] = []
    for rule in rules:
        if not rule:
            continue
        if _PH_ALONE.match(rule):
            if listed:
                out.append(_PH_ALONE.sub(listed, rule, count=1))
            continue
        match = _PH_IN_LIST.match(rule)
        if match and "PH" in match.group(1).split(","):
            rest = rule[match.end() :]
            weekdays = [w for w in match.group(1).split(",") if w != "PH"]
            # Two rules with the same times mean the same as one rule over the union.
            out.append(",".join(weekdays) + rest)
            if listed:
                out.append(listed + rest)
            continue
        out.append(rule)
    return "; ".join(out) if out else "off"


def _cut_time(closure: Closure, day: date) -> time | None:
    """Time from which `closure` closes the centre on `day`; None when it closes all day."""
    # A span with a from-time closes from that time on its first day and wholly after it.
    if closure.from_time is None or day > closure.start:
        return None
    return closure.from_time


def _closures_by_day(closures: Iterable[Closure]) -> dict[date, list[Closure]]:
    """Closures indexed by each day they touch."""
    by_day: dict[date, list[Closure]] = {}
    for closure in closures:
        day = closure.start
        while day <= closure.end:
            by_day.setdefault(day, []).append(closure)
            day += timedelta(days=1)
    return by_day


def _subdivision(country: str, subdivision: str | None) -> str | None:
    """The holidays-library name of a subdivision, accepting common region codes."""
    if subdivision is None:
        return None
    entity = holidays.country_holidays(country)
    known = tuple(entity.subdivisions)
    if subdivision in known:
        return subdivision
    alias = _SUBDIVISION_ALIASES.get((country.upper(), subdivision.upper()))
    if alias in known:
        return alias
    for name in known:
        if name.lower() == subdivision.lower():
            return name
    log.warning(
        "holidays: %s has no subdivision %r; using the national list", country, subdivision
    )
    return None


def _holiday_languages(country: str) -> tuple[str, ...]:
    """Languages the holidays library names this country's holidays in."""
    return tuple(holidays.country_holidays(country).supported_languages)
