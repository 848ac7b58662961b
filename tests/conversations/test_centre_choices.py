"""Choosing a centre on a small phone: a few centres a screen, the rest behind "More"."""

from __future__ import annotations

from datetime import date

import pytest

from conversations.engine import FrontDoor
from conversations.payloads import CentrePage, Contact, Hours, Payload, WhatsOn
from conversations.reply import Reply
from tests.conversations.chat import first, labels, offered_as, press, say, text

SCREEN_LIMIT = 5  # centre buttons one screen may show


def centres_offered(replies: list[Reply], kind: type[Hours | Contact | WhatsOn]) -> list[str]:
    return [p.centre for p in offered_as(replies, kind) if p.centre is not None]


async def every_screen(door: FrontDoor, opening: list[Reply], lang: str) -> list[list[Reply]]:
    """The first screen and every one behind "More", as a resident would page through."""
    screens = [opening]
    while more := [p for p in offered_as(screens[-1], CentrePage) if p.page == len(screens)]:
        screens.append(await press(door, more[0], lang=lang))
        assert len(screens) < 10
    return screens


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("start", [Hours(), Contact(), WhatsOn()])
async def test_every_centre_is_reachable_a_few_a_screen(
    door: FrontDoor, lang: str, start: Payload
) -> None:
    everyone = [c.id for c in door.org.centres]
    assert len(everyone) > SCREEN_LIMIT  # Oostende: more centres than one screen holds
    kind = type(start)
    screens = await every_screen(door, await press(door, start, lang=lang), lang)
    assert len(screens) > 1
    seen: list[str] = []
    for screen in screens:
        shown = centres_offered(screen, kind)  # type: ignore[arg-type]
        assert 0 < len(shown) <= SCREEN_LIMIT, labels(screen)
        seen += shown
        assert any(label.startswith("🙋") for label in labels(screen))  # a person, every screen
        assert any(label.startswith("🏠") for label in labels(screen))
    assert sorted(seen) == sorted(everyone) and len(seen) == len(everyone)  # each once
    # More reads in the resident's language.
    more = [label for label in labels(screens[0]) if label.startswith("➡️")]
    assert more and (lang == "en") == ("More" in more[0])
    # A centre on the last screen answers like one on the first.
    last = centres_offered(screens[-1], kind)[-1]  # type: ignore[arg-type]
    answer = await press(door, kind(last), lang=lang)
    assert door.org.centre(last) is not None
    assert any(name in text(answer) for name in door.org.centre(last).name.all())


async def test_a_named_day_travels_to_the_centres_behind_more(door: FrontDoor) -> None:
    asked = await say(door, "open on 24 december?")
    screens = await every_screen(door, asked, "en")
    days = {p.day for screen in screens for p in offered_as(screen, Hours) if p.centre}
    assert days == {date(2026, 12, 24)}
    later = first(screens[-1], Hours)
    assert "24" in text(await press(door, later))


async def test_a_going_back_from_more_shows_the_screen_before(door: FrontDoor) -> None:
    screens = await every_screen(door, await press(door, Hours()), "en")
    back = [p for p in offered_as(screens[1], CentrePage) if p.page == 0]
    assert back
    again = await press(door, back[0])
    assert centres_offered(again, Hours) == centres_offered(screens[0], Hours)


@pytest.mark.parametrize("forged", ["cp:h:x", "cp:q:1", "cp:h:1::a.b"])
async def test_forged_more_is_no_choice(door: FrontDoor, forged: str) -> None:
    assert CentrePage.unpack(forged) is None
