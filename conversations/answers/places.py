"""Contact details of a centre and the centre nearest to a resident."""

from __future__ import annotations

import math

from conversations.answer import Answer
from conversations.answers import menu
from conversations.answers.hours import choose_centre
from conversations.context import Ctx
from conversations.payloads import Contact, Hours, WhatsOn
from conversations.reply import Button, Reply, Venue
from storage.model import Centre

EARTH_RADIUS_KM = 6371.0


def contact(ctx: Ctx, centre_id: str) -> Answer:
    """Address, phone, e-mail, accessibility, and the place on a map."""
    _ = ctx.tr.gettext
    centre = ctx.org.centre(centre_id)
    assert centre is not None
    name = ctx.text(centre.name)
    lines = [f"📍 {name}"]
    if centre.address:
        lines.append(centre.address)
    if centre.phone:
        lines.append(_("☎️ Phone: {phone}").format(phone=centre.phone))
    if centre.email:
        lines.append(_("✉️ E-mail: {email}").format(email=centre.email))
    if centre.wheelchair_accessible:
        lines.append(_("♿ Wheelchair accessible."))
    else:
        lines.append(_("♿ Not step-free."))
    if centre.accessibility:
        lines.append(ctx.text(centre.accessibility))
    buttons = (
        (
            Button(_("🕘 Opening hours"), Hours(centre.id)),
            Button(_("📅 What's on here"), WhatsOn(centre.id)),
        ),
        (Button(_("📍 Another centre"), menu.CONTACT),),
        menu.back_row(ctx),
    )
    replies = [Reply("\n".join(lines), buttons, language=ctx.lang)]
    if centre.lat is not None and centre.lon is not None:
        replies.insert(
            0,
            Reply(
                "", venue=Venue(centre.lat, centre.lon, name, centre.address), language=ctx.lang
            ),
        )
    return Answer(language=ctx.lang, intent="contact", centre=centre.id, replies=replies)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_to(ctx: Ctx, latitude: float, longitude: float, count: int = 3) -> Answer:
    """The centres closest to a shared location, nearest first."""
    _ = ctx.tr.gettext
    away = {
        c.id: distance_km(latitude, longitude, c.lat, c.lon)
        for c in ctx.org.centres
        if c.lat is not None and c.lon is not None
    }
    ranked = sorted((c for c in ctx.org.centres if c.id in away), key=lambda c: away[c.id])
    lines = [_("The centres nearest to you:")]
    for centre in ranked[:count]:
        km = away[centre.id]
        lines.append(
            _("• {centre}, {address} ({km} km)").format(
                centre=ctx.text(centre.name), address=centre.address, km=f"{km:.1f}"
            )
        )
    buttons = (
        *menu.centre_buttons(ctx, Contact, [c.id for c in ranked[:count]]),
        menu.back_row(ctx),
    )
    return Answer(
        language=ctx.lang,
        intent="nearest_centre",
        centre=ranked[0].id if ranked else None,
        replies=[Reply("\n".join(lines), buttons, language=ctx.lang)],
    )


def centres_for_postcode(ctx: Ctx, postcode: str) -> list[Centre]:
    """The centres that serve a postcode."""
    return [c for c in ctx.org.centres if postcode in c.postcodes]


def nearest_centre(
    ctx: Ctx, centre: str | None, candidates: tuple[str, ...], postcode: str | None
) -> Answer:
    """The centre for a postcode or place; asks when several fit, or asks for a location."""
    _ = ctx.tr.gettext
    if centre is not None:
        answer = contact(ctx, centre)
        answer.intent = "nearest_centre"
        return answer
    if candidates:
        question = (
            _("Several centres serve {postcode}. Which one suits you?").format(postcode=postcode)
            if postcode
            else _("Several centres fit. Which one do you mean?")
        )
        answer = choose_centre(ctx, "nearest_centre", menu.CONTACT, list(candidates), question)
        answer.replies.extend(
            _share_location(ctx, _("Or share your location, and I will find the nearest one."))
        )
        return answer
    if postcode:
        text = _("I know no centre for postcode {postcode}.").format(postcode=postcode)
    else:
        text = _("Share your location or type your postcode, and I will find your centre.")
    return Answer(
        language=ctx.lang,
        intent="nearest_centre",
        replies=[
            *_share_location(ctx, text),
            Reply(_("Or choose:"), (menu.back_row(ctx),), language=ctx.lang),
        ],
    )


def _share_location(ctx: Ctx, text: str) -> list[Reply]:
    """A message with Telegram's share-location button (a reply keyboard, on its own)."""
    _ = ctx.tr.gettext
    button = Button(_("📍 Share my location"), request_location=True)
    return [Reply(text, ((button,),), language=ctx.lang)]
