"""Service desks: where and when to go with a question, walk-in or by appointment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from conversations.answer import Answer
from conversations.answers import menu
from conversations.context import Ctx
from conversations.payloads import Contact, Desks, Payload
from conversations.reply import Button, Reply
from storage.model import Access, Desk
from storage.schedule import Occurrence

SESSIONS_PER_DESK = 2
TOPICS_PER_SCREEN = 4  # topic buttons on one screen; "More" shows the next ones
DAYS_AFTER_NAMED_DAY = 13  # a named day: that day's session, else the next in two weeks


@dataclass(frozen=True)
class DeskTopics(Payload):
    """A further screen of desk topics ("More"): `d:+:1` (desk ids never start with "+")."""

    prefix = f"{menu.DESKS}:+"
    page: int

    def valid(self) -> bool:
        """A screen that can exist."""
        return 0 <= self.page < 100


def _desk_lines(ctx: Ctx, desk: Desk, sessions: list[Occurrence]) -> list[str]:
    _ = ctx.tr.gettext
    centre = ctx.org.centre(desk.centre)
    lines = [f"🧭 {ctx.text(desk.topic)}", f"📍 {ctx.centre_name(desk.centre)}"]
    if centre is not None and centre.address:
        lines[-1] += f", {centre.address}"
    today = ctx.calendar.occurrences(ctx.now.date(), ctx.now.date(), kind="desk", item_id=desk.id)
    now = next((s for s in today if s.start <= ctx.now < s.end), None)
    if now is not None and desk.access is not Access.APPOINTMENT:
        # Someone who can walk in right now should read that first, before any dates.
        lines.insert(1, "🟢 " + _("Open now until {time}.").format(time=ctx.tr.time(now.end)))
    for occurrence in sessions:
        lines.append(
            "• "
            + _("{day}, {start}–{end}").format(
                day=ctx.tr.date(occurrence.start),
                start=ctx.tr.time(occurrence.start),
                end=ctx.tr.time(occurrence.end),
            )
        )
    if not sessions:
        lines.append(_("No sessions planned in the coming months."))
    if desk.access is Access.APPOINTMENT:
        phone = desk.phone or (centre.phone if centre else None)
        lines.append(
            _("By appointment: phone {phone}.").format(phone=phone)
            if phone
            else _("By appointment: ask at the centre.")
        )
    else:
        lines.append(_("No appointment needed: just walk in."))
    return lines


def service_desks(
    ctx: Ctx,
    desk_ids: tuple[str, ...],
    centre: str | None,
    day: date | None = None,
    until: date | None = None,
) -> Answer:
    """The next sessions of the desks asked about (or of one centre's desks)."""
    _ = ctx.tr.gettext
    desks = [d for d in ctx.org.desks if d.id in desk_ids] if desk_ids else []
    if not desks and centre:
        desks = [d for d in ctx.org.desks if d.centre == centre]
    if not desks:
        return choose_topic(ctx)
    blocks: list[str] = []
    listed: list[Occurrence] = []
    unscheduled: list[tuple[str, str]] = []
    for desk in desks:
        sessions = []
        if day is not None:
            last = until or day + timedelta(days=DAYS_AFTER_NAMED_DAY)
            sessions = ctx.calendar.occurrences(day, last, kind="desk", item_id=desk.id)
            sessions = [s for s in sessions if s.end > ctx.now][:SESSIONS_PER_DESK]
        if not sessions:
            # No day named, or none held then ("my tax return has to be in by 1 May", after
            # the desk's season): its next sessions from now.
            sessions = ctx.calendar.next_occurrences(
                ctx.now, kind="desk", item_id=desk.id, limit=SESSIONS_PER_DESK
            )
        if not sessions:
            unscheduled.append((desk.id, desk.centre))  # listed, with no session planned
        listed.extend(sessions)
        blocks.append("\n".join(_desk_lines(ctx, desk, sessions)))
    buttons = (
        *[
            (
                Button(
                    _("📍 Address of {centre}").format(centre=ctx.centre_name(c)),
                    Contact(c),
                ),
            )
            for c in dict.fromkeys(d.centre for d in desks)
        ][:3],
        (Button(_("🧭 Other questions"), menu.DESKS),),
        menu.back_row(ctx),
    )
    return Answer(
        language=ctx.lang,
        intent="service_desk",
        centre=centre,
        date=day,
        until=until,
        desks=listed,
        unscheduled_desks=unscheduled,
        replies=[Reply("\n\n".join(blocks), buttons, language=ctx.lang)],
    )


def choose_topic(ctx: Ctx, page: int = 0) -> Answer:
    """The desk topics as buttons, a few a screen, for a resident who did not say what it is
    about; "More" shows the next few."""
    _ = ctx.tr.gettext
    topics: dict[str, list[str]] = {}
    for desk in ctx.org.desks:
        topics.setdefault(ctx.text(desk.topic), []).append(desk.id)
    listed = list(topics.items())
    last = max(len(listed) - 1, 0) // TOPICS_PER_SCREEN
    page = min(max(page, 0), last)
    first = page * TOPICS_PER_SCREEN
    rows = [
        (Button(topic, Desks(ids[0])),) for topic, ids in listed[first : first + TOPICS_PER_SCREEN]
    ]
    if page < last:
        rows.append((Button(_("➡️ More"), DeskTopics(page + 1)),))
    question = _("What is your question about?")
    return Answer(
        language=ctx.lang,
        intent="service_desk",
        desks=[],
        replies=[
            Reply(
                question,
                (*rows, menu.back_row(ctx, menu.DESKS if page else None)),
                language=ctx.lang,
            )
        ],
    )


def desks_with_topic_of(ctx: Ctx, desk_id: str) -> tuple[str, ...]:
    """All desks that share the topic of one desk (the same service at several centres)."""
    desk = ctx.org.desk(desk_id)
    if desk is None:
        return ()
    topic = ctx.text(desk.topic)
    return tuple(d.id for d in ctx.org.desks if ctx.text(d.topic) == topic)
