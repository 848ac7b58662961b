"""An .ics file (RFC 5545) for a confirmed sign-up, so a resident can add it to their calendar.

Times are written in UTC: every calendar app converts them, and no VTIMEZONE has to be shipped.
The UID is derived from the sign-up, so sending the file again updates the entry instead of
adding a second one. A series gets one event per session in the same file.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conversations.context import Ctx
from conversations.reply import Document
from storage.model import SignupMode
from storage.records import Signup, parse_local_start
from storage.schedule import Occurrence, resolve, series_sessions

PRODID = "-//Voordeur//Community centre front door//EN"
MIME_TYPE = "text/calendar"


def sessions_of(ctx: Ctx, signup: Signup) -> list[Occurrence]:
    """The dated sessions a sign-up is for: one, or every session of a series."""
    activity = ctx.org.activity(signup.activity_id)
    start = parse_local_start(signup.occurrence_start, ctx.org.timezone)
    if activity is None:
        return []
    if activity.signup is SignupMode.SERIES:
        return series_sessions(ctx.calendar, activity, signup.centre_id)
    found = resolve(ctx.calendar, activity, signup.centre_id, start)
    if found is not None:
        return [found]
    # The data changed since: still give the resident the time they signed up for.
    return [
        Occurrence("activity", activity.id, signup.centre_id, start, start + timedelta(hours=1))
    ]


def ics_for(ctx: Ctx, signup: Signup) -> Document:
    """The calendar file of one sign-up, in the reply language."""
    # Imported here: icalendar costs the bot ~4 MB of memory, and few residents ask for a file.
    from icalendar import Calendar as ICalendar
    from icalendar import Event

    _ = ctx.tr.gettext
    activity = ctx.org.activity(signup.activity_id)
    centre = ctx.org.centre(signup.centre_id)
    title = ctx.text(activity.title) if activity else signup.activity_id
    cal = ICalendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    location = ", ".join(
        part
        for part in (ctx.centre_name(signup.centre_id), centre.address if centre else "")
        if part
    )
    details = [
        _("You are signed up through the bot of {organisation}.").format(
            organisation=ctx.text(ctx.org.name)
        )
    ]
    if signup.companions:
        details.append(
            ctx.tr.ngettext(
                "You come with {n} other person.",
                "You come with {n} other people.",
                signup.companions,
            ).format(n=signup.companions)
        )
    if centre is not None and centre.phone:
        details.append(
            _("Can't come? Cancel in the bot or phone {phone}.").format(phone=centre.phone)
        )
    stamp = ctx.now.astimezone(UTC)
    for index, session in enumerate(sessions_of(ctx, signup), start=1):
        event = Event()
        event.add("uid", f"signup-{signup.id}-{index}@{ctx.org.id}.voordeur")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start.astimezone(UTC))
        event.add("dtend", session.end.astimezone(UTC))
        event.add("summary", title)
        event.add("location", location)
        event.add("description", "\n".join(details))
        cal.add_component(event)
    day = signup.occurrence_start[:10]
    return Document(
        filename=f"{signup.activity_id}-{day}.ics", content=cal.to_ical(), mime_type=MIME_TYPE
    )


def when_label(ctx: Ctx, start: datetime, end: datetime | None = None) -> str:
    """ "dinsdag 24 november, 09:30–10:00" in the reply language."""
    text = f"{ctx.tr.date(start)}, {ctx.tr.time(start)}"
    return f"{text}–{ctx.tr.time(end)}" if end is not None else text
