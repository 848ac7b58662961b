"""What's on: the activities of a day, a range, a centre or a kind, with places and prices."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta

from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.payloads import ALL_CENTRES, SignupStart, WhatsOnPage
from conversations.reply import Button, Reply
from storage.model import Activity, SignupMode
from storage.schedule import Occurrence, series_sessions, slots

PAGE_SIZE = 12  # lines of a what's-on screen, at most
SIGNUP = "su"  # payload prefix of the sign-up flow (conversations/flows/signup.py)
# Sign-up buttons on one screen, at most: with "More" five choices, what a small phone shows
# above the keyboard without scrolling. A listing with more goes on on the next screen.
SIGNUP_BUTTONS = 4
MAX_LABEL = 40  # characters of a sign-up button's label: a small phone cuts longer ones
DEFAULT_DAYS = 7  # "what's on" without a day: the coming week
SEARCH_DAYS = 366  # a named activity without a day: its next sessions, up to a year ahead
SESSIONS_PER_ACTIVITY = 3
# Parts of the day residents name (docs/dates.md): from, until. The evening starts at five, when
# the community meals and language tables of the data sets begin.
DAY_PARTS = {
    "morning": (time(0), time(12)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time.max),
}
IN_PART = timedelta(hours=1)  # a longer activity is in a part it begins before or runs into


def in_day_part(occurrence: Occurrence, part: str) -> bool:
    """Whether an occurrence is in a part of its day: it begins then, or an hour of it falls
    then (the pedicure from 9 to 16 is in the morning and in the afternoon)."""
    begin, end = DAY_PARTS[part]
    day = occurrence.start.date()
    first = occurrence.start.replace(hour=begin.hour, minute=begin.minute)
    last = (
        occurrence.start.replace(hour=end.hour, minute=end.minute)
        if end != time.max
        else datetime.combine(day + timedelta(days=1), time(0), occurrence.start.tzinfo)
    )
    if first <= occurrence.start < last:
        return True
    return min(occurrence.end, last) - max(occurrence.start, first) >= IN_PART


def _price(ctx: Ctx, activity: Activity) -> str:
    _ = ctx.tr.gettext
    if activity.price is None:
        return _("free")
    text = ctx.tr.price(activity.price)
    if activity.reduced_price == 0:
        text += " " + _("(free with the reduced tariff)")
    elif activity.reduced_price is not None:
        text += " " + _("(reduced {price})").format(price=ctx.tr.price(activity.reduced_price))
    return text


def signup_payload(
    activity_id: str, centre: str | None = None, start: datetime | None = None
) -> SignupStart:
    """The button that starts signing up, with as much as fits in Telegram's 64 bytes."""
    # The flow asks for what the button could not carry.
    for payload in (
        SignupStart(activity_id, centre or None, start if centre else None),
        SignupStart(activity_id, centre or None),
    ):
        if payload.fits():
            return payload
    return SignupStart(activity_id)


def _counted(ctx: Ctx, activity: Activity, occurrence: Occurrence) -> list[Occurrence]:
    """What capacity counts for: each appointment slot, a series' first session, else itself."""
    if activity.signup is SignupMode.APPOINTMENT:
        return slots(activity, occurrence)
    if activity.signup is SignupMode.SERIES:
        sessions = series_sessions(ctx.calendar, activity, occurrence.centre)
        return sessions[:1] or [occurrence]
    return [occurrence]


Taken = Mapping[tuple[str, str, datetime], int]
"""Places taken per (activity, centre, start) of the occurrences a listing counts."""


def _key(occurrence: Occurrence) -> tuple[str, str, datetime]:
    return occurrence.item_id, occurrence.centre, occurrence.start


def _to_count(ctx: Ctx, occurrence: Occurrence) -> list[Occurrence]:
    """The occurrences whose taken places a line about `occurrence` shows."""
    activity = ctx.org.activity(occurrence.item_id)
    if activity is None or activity.signup is SignupMode.WALK_IN or activity.capacity is None:
        return []
    if activity.signup is SignupMode.APPOINTMENT:
        return [slot for slot in slots(activity, occurrence) if slot.start > ctx.now]
    return _counted(ctx, activity, occurrence)[:1]


async def places_taken(ctx: Ctx, shown: Sequence[Occurrence]) -> Taken:
    """The places taken that the lines about `shown` need, looked up all at once."""
    wanted = list({_key(o): o for s in shown for o in _to_count(ctx, s)}.values())
    return dict(zip(map(_key, wanted), await ctx.places_taken(wanted), strict=True))


def signup_closed(ctx: Ctx, activity: Activity, occurrence: Occurrence) -> bool:
    """Whether signing up for `occurrence` is over: it began, or the deadline for it (a series:
    for its first session) passed."""
    if activity.signup is SignupMode.WALK_IN:
        return False
    if activity.signup is not SignupMode.SERIES and occurrence.start <= ctx.now:
        return True  # under way: nobody can sign up for it any more
    target = occurrence
    if activity.signup is SignupMode.SERIES:
        target = _counted(ctx, activity, occurrence)[0]
    deadline = ctx.calendar.signup_deadline(activity, target.start)
    return deadline is not None and ctx.now > deadline


def _places(ctx: Ctx, activity: Activity, occurrence: Occurrence, taken: Taken) -> str:
    _ = ctx.tr.gettext
    if activity.signup is SignupMode.WALK_IN:
        return _("just walk in")
    if signup_closed(ctx, activity, occurrence):
        # Past its deadline a session can no longer be booked: places left would mislead.
        return _("sign-up closed")
    if activity.capacity is None:
        return _("sign up")
    if activity.signup is SignupMode.APPOINTMENT:
        free = 0
        for slot in slots(activity, occurrence):
            if slot.start > ctx.now and taken.get(_key(slot), 0) < activity.capacity:
                free += 1
        if free == 0:
            return _("fully booked")
        return ctx.tr.ngettext(
            "by appointment, {n} free slot", "by appointment, {n} free slots", free
        ).format(n=free)
    counted = _counted(ctx, activity, occurrence)[0]
    left = max(activity.capacity - taken.get(_key(counted), 0), 0)
    if left == 0:
        return _("full, waiting list")
    return ctx.tr.ngettext("sign up, {n} place left", "sign up, {n} places left", left).format(
        n=left
    )


async def describe(
    ctx: Ctx, occurrence: Occurrence, with_centre: bool, taken: Taken | None = None
) -> str:
    """One line for one occurrence: time, title, place, price, places.

    `taken` is what `places_taken` found for a whole listing; without it, it is looked up.
    """
    activity = ctx.org.activity(occurrence.item_id)
    assert activity is not None  # occurrences come from the organisation's own activities
    if taken is None:
        taken = await places_taken(ctx, [occurrence])
    where = f" — {ctx.centre_name(occurrence.centre)}" if with_centre else ""
    return (
        f"• {ctx.tr.time(occurrence.start)} {ctx.text(activity.title)}{where}"
        f" · {_price(ctx, activity)} · {_places(ctx, activity, occurrence, taken)}"
    )


WEEK = 7  # a listing of at most a week names its days by weekday alone
RUN = 3  # consecutive days, at least, written as one span ("Mon–Fri")


def _runs(days: Sequence[date], step: Callable[[date, date], bool]) -> list[list[date]]:
    """`days` cut into runs where each follows the one before (`step`)."""
    runs: list[list[date]] = []
    for day in days:
        if runs and step(runs[-1][-1], day):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _weekdays(ctx: Ctx, days: Sequence[date]) -> list[str]:
    """Weekday names of `days` in order, runs of three or more as a span ("Mon–Fri")."""
    labels = []
    for run in _runs(days, lambda a, b: b.weekday() - a.weekday() == 1):
        names = [ctx.tr.date(d, "EEE") for d in run]
        labels += [f"{names[0]}–{names[-1]}"] if len(run) >= RUN else names
    return labels


def _day_labels(ctx: Ctx, days: Sequence[date], week: bool) -> list[str]:
    """Days of one line: within a week their weekdays ("Mon–Fri", "Sat"); over a longer range
    a few dates, or the weekdays and the first and last date ("Thu (4 Nov – 25 Nov)")."""
    if week:
        return _weekdays(ctx, days)
    if len(days) <= 2:
        return [ctx.tr.date(d, "short") for d in days]
    one_each = sorted({d.weekday(): d for d in days}.items())
    names = ctx.tr.join(_weekdays(ctx, [d for _, d in one_each]))
    span = f"{ctx.tr.date(days[0], 'day_month')} – {ctx.tr.date(days[-1], 'day_month')}"
    return [f"{names} ({span})"]


async def describe_days(
    ctx: Ctx, found: Sequence[Occurrence], with_centre: bool, taken: Taken, week: bool
) -> str:
    """One line for an activity of a listing by activity: its days and times, title, place,
    price, and the places of the first session one can still sign up for."""
    first = found[0]
    activity = ctx.org.activity(first.item_id)
    assert activity is not None
    shown = next((o for o in found if _bookable(ctx, o) is not None), first)
    if len({ctx.tr.time(o.start) for o in found}) == 1:
        days = _day_labels(ctx, [o.start.date() for o in found], week)
        when = f"{ctx.tr.join(days)} {ctx.tr.time(first.start)}"
    else:
        labels = [
            f"{label} {ctx.tr.time(o.start)}"
            for o in found
            for label in _day_labels(ctx, [o.start.date()], week)
        ]
        when = ctx.tr.join(labels)
    where = f" — {ctx.centre_name(first.centre)}" if with_centre else ""
    return (
        f"• {when} {ctx.text(activity.title)}{where}"
        f" · {_price(ctx, activity)} · {_places(ctx, activity, shown, taken)}"
    )


def _bookable(ctx: Ctx, occurrence: Occurrence) -> tuple[str, str] | None:
    """The (activity, centre) a sign-up button for `occurrence` would be for, or None."""
    activity = ctx.org.activity(occurrence.item_id)
    if activity is None or activity.signup is SignupMode.WALK_IN:
        return None
    if occurrence.start <= ctx.now or signup_closed(ctx, activity, occurrence):
        return None
    return occurrence.item_id, occurrence.centre


def pages(ctx: Ctx, found: Sequence[Occurrence]) -> list[list[Occurrence]]:
    """`found` split into screens of at most PAGE_SIZE lines and SIGNUP_BUTTONS sign-ups.

    A screen ends before the line that would need one sign-up button too many, so every
    bookable line has its button on the screen it is on, and "More" leads to the rest.
    """
    return [[o for line in screen for o in line] for screen in _screens(ctx, [[o] for o in found])]


def _screens(ctx: Ctx, lines: Sequence[list[Occurrence]]) -> list[list[list[Occurrence]]]:
    """Lines (each the occurrences one line shows) split into screens as `pages` does."""
    screens: list[list[list[Occurrence]]] = []
    screen: list[list[Occurrence]] = []
    buttons: set[tuple[str, str]] = set()
    for line in lines:
        keys = {k for k in (_bookable(ctx, o) for o in line) if k is not None}
        one_too_many = len(buttons | keys) > SIGNUP_BUTTONS and bool(keys - buttons)
        if screen and (len(screen) >= PAGE_SIZE or one_too_many):
            screens.append(screen)
            screen, buttons = [], set()
        screen.append(line)
        buttons |= keys
    if screen:
        screens.append(screen)
    return screens


def _by_activity(found: Sequence[Occurrence]) -> list[list[Occurrence]]:
    """One line per activity and centre, with all its occurrences, in order of the first."""
    lines: dict[tuple[str, str], list[Occurrence]] = {}
    for occurrence in found:
        lines.setdefault((occurrence.item_id, occurrence.centre), []).append(occurrence)
    return list(lines.values())


def _lines(ctx: Ctx, found: Sequence[Occurrence], several_days: bool) -> list[list[Occurrence]]:
    """The lines of a listing: one per occurrence, or, when a range of days would not fit on
    one screen that way, one per activity with its days ("a week at one centre fits")."""
    flat = [[o] for o in found]
    if several_days and len(_screens(ctx, flat)) > 1:
        return _by_activity(found)
    return flat


def _short_title(ctx: Ctx, activity: Activity) -> str:
    """The title without what it says in brackets: "Pedicure (foot care)" is "Pedicure"."""
    title = ctx.text(activity.title)
    return re.sub(r"\s*\([^)]*\)", "", title).strip() or title


def signup_rows(
    ctx: Ctx, shown: list[Occurrence], *, with_centre: bool
) -> list[tuple[Button, ...]]:
    """A sign-up button per activity with places in a listing (with its date if only one)."""
    groups: dict[tuple[str, str], list[Occurrence]] = {}
    for occurrence in shown:
        key = _bookable(ctx, occurrence)
        if key is not None:
            groups.setdefault(key, []).append(occurrence)
    rows: list[tuple[Button, ...]] = []
    for (activity_id, centre), found in list(groups.items())[:SIGNUP_BUTTONS]:
        activity = ctx.org.activity(activity_id)
        assert activity is not None
        # Short, and never two alike: the title, which centre, and the day when there is one
        # ("✍️ Middagmaal · Stene, di 8 dec"); the same lunch is held at several centres.
        title = _short_title(ctx, activity)
        where = f" · {menu.short_centre(ctx, centre)}" if with_centre else ""
        rest = where
        if len(found) == 1:
            rest = f"{where}, {ctx.tr.date(found[0].start, 'short')}"
            if len(f"✍️ {title}{rest}") > MAX_LABEL:  # the weekday goes first, then letters
                rest = f"{where}, {ctx.tr.date(found[0].start, 'day_month')}"
            payload = signup_payload(activity_id, centre, found[0].start)
        else:
            payload = signup_payload(activity_id, centre)
        room = MAX_LABEL - len("✍️ ") - len(rest)
        if len(title) > room:  # cut at a word, so what is left still reads as words
            cut = title[: max(room - 1, 8)]
            title = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" -,") + "…"
        rows.append((Button(f"✍️ {title}{rest}", payload),))
    return rows


def _next_sessions(
    ctx: Ctx, activity_ids: tuple[str, ...], centre: str | None
) -> list[Occurrence]:
    """The next few sessions of each activity asked about, however far ahead they are."""
    found: list[Occurrence] = []
    for activity_id in activity_ids:
        found += ctx.calendar.next_occurrences(
            ctx.now,
            kind="activity",
            item_id=activity_id,
            centre=centre,
            limit=SESSIONS_PER_ACTIVITY,
            horizon_days=SEARCH_DAYS,
        )
    return sorted(found, key=lambda o: (o.start, o.centre, o.item_id))


def _instead(
    ctx: Ctx,
    activity_ids: tuple[str, ...],
    kinds: tuple[str, ...],
    centre: str | None,
    first: date,
    last: date,
) -> tuple[list[Occurrence], bool]:
    """What is on instead on days the activities asked about are not: of the same kind (the
    kinds the question named, else those of the activities), or else everything (at the centre
    named); and whether it is of the same kind."""
    wanted = set(kinds)
    if not wanted:
        for activity_id in activity_ids:
            activity = ctx.org.activity(activity_id)
            wanted |= set(activity.kinds) if activity is not None else set()
    on_days = [
        o
        for o in ctx.calendar.occurrences(first, last, kind="activity", centre=centre)
        if o.end > ctx.now and o.item_id not in activity_ids
    ]
    alike = []
    for occurrence in on_days:
        activity = ctx.org.activity(occurrence.item_id)
        if activity is not None and wanted & set(activity.kinds):
            alike.append(occurrence)
    return alike or on_days, bool(alike)


def _not_on(ctx: Ctx, activity_ids: tuple[str, ...], centre: str | None) -> str:
    """That the activity asked about is not on then, and when it is next ("Petanque is not on
    then; next time: Fri 19 Feb 14:00."); or that those asked about are not."""
    _ = ctx.tr.gettext
    activity = ctx.org.activity(activity_ids[0]) if len(activity_ids) == 1 else None
    if activity is None:
        return _("What you asked about is not on then.")
    title = _short_title(ctx, activity)
    upcoming = _next_sessions(ctx, activity_ids, centre)
    if not upcoming and centre is not None:
        # "is there chair gym at Hazegras?" when it is held at Mariakerke: say where it is.
        upcoming = _next_sessions(ctx, activity_ids, None)
    if not upcoming:
        return _("{activity} is not on then.").format(activity=title)
    nxt = upcoming[0]
    when = f"{ctx.tr.date(nxt.start, 'short')} {ctx.tr.time(nxt.start)}"
    if centre is None or nxt.centre != centre:
        when += f" ({ctx.centre_name(nxt.centre)})"
    return _("{activity} is not on then; next time: {when}.").format(activity=title, when=when)


def page_payload(centre: str | None, first: date, last: date, page: int) -> WhatsOnPage:
    """The button of one page of a listing ("*": all centres)."""
    return WhatsOnPage(centre or ALL_CENTRES, first, last, page)


async def whats_on(
    ctx: Ctx,
    *,
    centre: str | None,
    first: date | None,
    last: date | None,
    activity_ids: tuple[str, ...] = (),
    page: int = 0,
    intent: str = "activities",
    part: str | None = None,
    kinds: tuple[str, ...] = (),
    best: str | None = None,
) -> Answer:
    """The occurrences in a range, filtered by centre, activities and a part of the day, one
    page at a time. `kinds` are the kinds of activity the question named, if any; `best` the
    activity it names best, said to be not on when the others of its kind are listed."""
    _ = ctx.tr.gettext
    today = ctx.now.date()
    named_day = first
    if first is None and activity_ids:
        found = _next_sessions(ctx, activity_ids, centre)
        first = today
        last = max((o.start.date() for o in found), default=today)
    else:
        first = first or today
        last = last or (first + timedelta(days=DEFAULT_DAYS - 1) if named_day is None else first)
        found = [
            o
            for o in ctx.calendar.occurrences(first, last, kind="activity", centre=centre)
            if (not activity_ids or o.item_id in activity_ids) and o.end > ctx.now
        ]
    notes: list[str] = []
    place = ctx.centre_name(centre) if centre else ""
    if not found and activity_ids and named_day is not None and intent == "activities":
        # What was asked for is not on those days: say so and when it is next, and list what
        # else of its kind (or else anything) is on then, rather than nothing. The activity
        # itself is not listed: it is not on those days.
        found, alike = _instead(ctx, activity_ids, kinds, centre, first, last)
        notes.append(_not_on(ctx, activity_ids, centre))
        if found:
            notes.append("")
            if alike:
                notes.append(_("Other activities of that kind then:"))
            elif centre:
                notes.append(_("What is on in {centre} then:").format(centre=place))
            else:
                notes.append(_("What is on then:"))
    elif (
        best is not None
        and len(activity_ids) > 1
        and named_day is not None
        and intent == "activities"
        and found
        and best not in {o.item_id for o in found}
    ):
        # "is er woensdag een breicafé?": the knitting café is not on, the sewing workshop is.
        notes += [_not_on(ctx, (best,), centre), "", _("Other activities of that kind then:")]
    if part in DAY_PARTS:
        in_part = [o for o in found if in_day_part(o, part)]
        if not in_part and found and named_day is not None:
            # "woensdagmiddag" when the only thing on is in the morning: that, rather than
            # nothing, and saying so.
            notes.append(_("Nothing planned at that time of day. This is what else is on:"))
        else:
            found = in_part
    listing = _lines(ctx, found, several_days=first != last)
    by_activity = len(listing) < len(found)
    screens = _screens(ctx, listing)
    shown_lines = screens[page] if page < len(screens) else []
    shown = [o for line in shown_lines for o in line]
    if not shown and notes:
        text = notes[0]  # "Petanque is not on then; next time: ...", and nothing else is
    elif not shown and part in DAY_PARTS:
        text = (
            _("Nothing planned in {centre} at that time of day.").format(centre=place)
            if centre
            else _("Nothing planned at that time of day.")
        )
    elif not shown:
        text = (
            _("Nothing planned in {centre} on those days.").format(centre=place)
            if centre
            else _("Nothing planned on those days.")
        )
    else:
        header = _("What's on in {centre}").format(centre=place) if centre else _("What's on")
        lines = [f"📅 {header}", "", *notes] if notes else [f"📅 {header}"]
        current: date | None = None
        taken = await places_taken(ctx, shown)  # one look for the whole page
        if by_activity:
            span = f"{ctx.tr.date(first, 'day_month')} – {ctx.tr.date(last, 'day_month')}"
            lines += ["", span] if not notes else [span]
        for line in shown_lines:
            occurrence = line[0]
            if by_activity:
                week = (last - first).days < WEEK
                lines.append(await describe_days(ctx, line, centre is None, taken, week))
                continue
            if occurrence.start.date() != current:
                current = occurrence.start.date()
                lines.append("")
                lines.append(ctx.tr.heading_date(current))
            lines.append(await describe(ctx, occurrence, with_centre=centre is None, taken=taken))
        text = "\n".join(lines)
    rows: list[tuple[Button, ...]] = signup_rows(ctx, shown, with_centre=centre is None)
    if page + 1 < len(screens):
        rows.append((Button(_("➡️ More"), page_payload(centre, first, last, page + 1)),))
    tomorrow = today + timedelta(days=1)
    rows.append(
        (
            Button(_("Today"), page_payload(centre, today, today, 0)),
            Button(_("Tomorrow"), page_payload(centre, tomorrow, tomorrow, 0)),
            Button(_("This week"), page_payload(centre, today, today + timedelta(6), 0)),
        )
    )
    rows.append(menu.back_row(ctx, menu.WHATSON))
    return Answer(
        language=ctx.lang,
        intent=intent,
        centre=centre,
        date=named_day,
        until=last if named_day is not None and last != named_day else None,
        activities=shown,
        activity=activity_ids[0] if len(activity_ids) == 1 else None,
        replies=[Reply(text, tuple(rows), language=ctx.lang)],
    )
