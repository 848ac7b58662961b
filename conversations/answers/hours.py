"""Opening hours: a day, the days of a range ("this week"), or today and the coming week."""

from __future__ import annotations

from datetime import date, timedelta

from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.payloads import (
    ALL_CENTRES,
    CentrePage,
    Contact,
    Hours,
    Payload,
    WhatsOn,
    WhatsOnPage,
)
from conversations.reply import Button, Reply
from storage.schedule import DayHours


def format_intervals(ctx: Ctx, day: DayHours) -> str:
    """ "09:00–12:00, 13:00–16:30", or why the centre is closed that day."""
    _ = ctx.tr.gettext
    if day.intervals:
        return ctx.tr.join(
            [f"{ctx.tr.time(start)}–{ctx.tr.time(end)}" for start, end in day.intervals]
        )
    if day.holiday:
        name = ctx.calendar.holiday(day.day, ctx.lang) or day.holiday
        return _("closed ({reason})").format(reason=name)
    if day.closure is not None:
        return _("closed ({reason})").format(reason=ctx.text(day.closure.reason))
    return _("closed")


def _closure_note(ctx: Ctx, day: DayHours) -> str:
    """A short note when a closure shortens an otherwise open day."""
    if day.intervals and day.closure is not None and day.closure.from_time is not None:
        return " — " + ctx.text(day.closure.reason)
    return ""


def _now_line(ctx: Ctx, centre_id: str) -> str:
    _ = ctx.tr.gettext
    is_open, change = ctx.calendar.open_now(centre_id, ctx.now)
    if is_open and change is not None:
        return _("Open now, closes at {time}.").format(time=ctx.tr.time(change))
    if is_open:
        return _("Open now.")
    if change is None:
        return _("Closed now.")
    if change.date() == ctx.now.date():
        return _("Closed now, opens at {time}.").format(time=ctx.tr.time(change))
    return _("Closed now, opens {day} at {time}.").format(
        day=ctx.tr.date(change, "weekday"), time=ctx.tr.time(change)
    )


def _buttons(ctx: Ctx, centre_id: str) -> tuple[tuple[Button, ...], ...]:
    _ = ctx.tr.gettext
    return (
        (
            Button(_("📅 What's on here"), WhatsOn(centre_id)),
            Button(_("📍 Address"), Contact(centre_id)),
        ),
        (Button(_("🕘 Another centre"), menu.HOURS),),
        menu.back_row(ctx),
    )


MAX_RANGE_DAYS = 62  # the longest range of days listed ("this month", "between the holidays")
WEEK = 7


def _range_lines(ctx: Ctx, centre_id: str, first: date, last: date) -> list[str]:
    """One line per day from `first` to `last`; in a range longer than a week, one line per
    run of days with the same hours ("1 Mar – 5 Mar: 09:00–16:30")."""
    days = min((last - first).days + 1, MAX_RANGE_DAYS)
    entries = [
        (entry.day, f"{format_intervals(ctx, entry)}{_closure_note(ctx, entry)}")
        for entry in ctx.calendar.week_hours(centre_id, first, days)
    ]
    if days <= WEEK:
        return [f"{ctx.tr.date(d, 'short')}: {text}" for d, text in entries]
    runs: list[tuple[date, date, str]] = []
    for d, text in entries:
        if runs and runs[-1][2] == text:
            runs[-1] = (runs[-1][0], d, text)
        else:
            runs.append((d, d, text))
    return [
        f"{ctx.tr.date(a, 'short')}"
        + (f" – {ctx.tr.date(b, 'short')}" if b != a else "")
        + f": {text}"
        for a, b, text in runs
    ]


def opening_hours(ctx: Ctx, centre_id: str, day: date | None, until: date | None = None) -> Answer:
    """The hours of one centre on `day`, on each day from `day` to `until` ("this week"), or
    today and the coming week when no day is named."""
    _ = ctx.tr.gettext
    name = ctx.centre_name(centre_id)
    today = ctx.now.date()
    asked = ctx.calendar.hours_on(centre_id, day or today)
    if day is not None and until is not None and until > day:
        text = "\n".join([f"🕘 {name}", "", *_range_lines(ctx, centre_id, day, until)])
    elif day is not None:
        until = None
        text = _("{centre} on {day}: {hours}").format(
            centre=name, day=ctx.tr.date(day), hours=format_intervals(ctx, asked)
        ) + _closure_note(ctx, asked)
    else:
        lines = [f"🕘 {name}", _now_line(ctx, centre_id), ""]
        for entry in ctx.calendar.week_hours(centre_id, today, 7):
            label = _("Today") if entry.day == today else ctx.tr.date(entry.day, "short")
            lines.append(f"{label}: {format_intervals(ctx, entry)}{_closure_note(ctx, entry)}")
        text = "\n".join(lines)
    return Answer(
        language=ctx.lang,
        intent="opening_hours",
        centre=centre_id,
        date=day,
        until=until if day is not None else None,
        hours=asked.intervals,
        replies=[Reply(text, _buttons(ctx, centre_id), language=ctx.lang)],
    )


def all_closed(ctx: Ctx, day: date, candidates: list[str] | None = None) -> Answer | None:
    """The answer to "is any centre open on New Year's Day?" when every centre (of those
    meant) is closed all that day; None when one of them opens."""
    _ = ctx.tr.gettext
    ids = candidates or [c.id for c in ctx.org.centres]
    days = [ctx.calendar.hours_on(centre, day) for centre in ids]
    if not days or any(d.intervals for d in days):
        return None
    holiday = days[0].holiday
    if holiday is not None and all(d.holiday == holiday for d in days):
        name = ctx.calendar.holiday(day, ctx.lang) or holiday
        text = _("All our centres are closed on {day} ({reason}).").format(
            day=ctx.tr.date(day), reason=name
        )
    else:
        text = _("All our centres are closed on {day}.").format(day=ctx.tr.date(day))
    return Answer(
        language=ctx.lang,
        intent="opening_hours",
        date=day,
        hours=(),
        replies=[
            Reply(
                text,
                ((Button(_("🕘 Opening hours"), menu.HOURS),), menu.back_row(ctx)),
                language=ctx.lang,
            )
        ],
    )


_INTENTS = {menu.HOURS: "opening_hours", menu.CONTACT: "contact", menu.WHATSON: "activities"}


def choose_centre(
    ctx: Ctx,
    intent: str,
    prefix: str,
    candidates: list[str] | None = None,
    question: str | None = None,
    day: date | None = None,
    page: int = 0,
) -> Answer:
    """Ask which centre is meant, with a button per centre (that answers for `day`, if named),
    a few a screen: "More" shows the next ones."""
    _ = ctx.tr.gettext
    if prefix == menu.WHATSON and question is None:
        question = _("Which centre? Or see everything that is on today.")
    text = question or _("Which centre do you mean?")

    def payload(centre: str) -> Payload:
        if prefix == menu.HOURS:
            # The day asked about travels with the centre when both fit in 64 bytes.
            dated = Hours(centre, day)
            return dated if dated.fits() else Hours(centre)
        return Contact(centre) if prefix == menu.CONTACT else WhatsOn(centre)

    rows: list[tuple[Button, ...]] = []
    if prefix == menu.WHATSON and page == 0:
        today = ctx.now.date()
        everything = WhatsOnPage(ALL_CENTRES, today, today, 0)
        rows.append((Button(_("📅 All centres today"), everything),))
    places = {c.id: n for n, c in enumerate(ctx.org.centres)}
    among = None
    if candidates is not None:
        among = ".".join(str(places[c]) for c in candidates if c in places)

    def screen(number: int) -> Payload | None:
        dated = CentrePage(prefix, number, day if prefix == menu.HOURS else None, among)
        undated = CentrePage(prefix, number, None, among)
        return dated if dated.fits() else undated if undated.fits() else None

    centres, back = menu.centre_screen(ctx, payload, screen, page, candidates)
    rows.extend(centres)
    return Answer(
        language=ctx.lang,
        intent=intent,
        date=day,
        replies=[Reply(text, (*rows, menu.back_row(ctx, back)), language=ctx.lang)],
    )


def next_centres(ctx: Ctx, pressed: CentrePage) -> Answer:
    """A further screen of a centre choice, after "More"."""
    candidates = None
    if pressed.among is not None:
        centres = ctx.org.centres
        places = [int(place) for place in pressed.among.split(".") if place]
        candidates = [centres[n].id for n in places if n < len(centres)]
    intent = _INTENTS.get(pressed.kind, "contact")
    return choose_centre(ctx, intent, pressed.kind, candidates, day=pressed.day, page=pressed.page)


def week_after(day: date) -> date:
    """The last day of a week that starts on `day`."""
    return day + timedelta(days=6)
