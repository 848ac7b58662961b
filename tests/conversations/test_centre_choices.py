"""Choosing a centre on a small phone: a few centres a screen, the rest behind "More"."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path

import pytest

from bot.runtime import build_front_door
from conversations.engine import FrontDoor
from conversations.payloads import (
    CentrePage,
    Contact,
    Help,
    HelpCentre,
    HelpCentrePage,
    HelpTopic,
    Hours,
    Payload,
    SignupCentre,
    SignupCentrePage,
    SignupStart,
    VolunteerJoin,
    VolunteerJoinAnswer,
    VolunteerJoinChoice,
    VolunteerJoinPage,
    WhatsOn,
)
from conversations.reply import Reply
from storage.clock import FixedClock
from tests.conversations.chat import (
    STAFF,
    every_screen,
    first,
    labels,
    offered_as,
    payloads,
    press,
    say,
    text,
)
from tests.present import present

SCREEN_LIMIT = 5  # centre buttons one screen may show


def centres_offered(replies: list[Reply], kind: type[Hours | Contact | WhatsOn]) -> list[str]:
    return [p.centre for p in offered_as(replies, kind) if p.centre is not None]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("start", [Hours(), Contact(), WhatsOn()])
async def test_every_centre_is_reachable_a_few_a_screen(
    door: FrontDoor, lang: str, start: Hours | Contact | WhatsOn
) -> None:
    everyone = [c.id for c in door.org.centres]
    assert len(everyone) > SCREEN_LIMIT  # Oostende: more centres than one screen holds
    kind = type(start)
    screens = await every_screen(door, await press(door, start, lang=lang), CentrePage, lang=lang)
    assert len(screens) > 1
    seen: list[str] = []
    for screen in screens:
        shown = centres_offered(screen, kind)
        assert 0 < len(shown) <= SCREEN_LIMIT, labels(screen)
        seen += shown
        assert any(label.startswith("🙋") for label in labels(screen))  # a person, every screen
        assert any(label.startswith("🏠") for label in labels(screen))
    assert sorted(seen) == sorted(everyone) and len(seen) == len(everyone)  # each once
    # More reads in the resident's language.
    more = [label for label in labels(screens[0]) if label.startswith("➡️")]
    assert more and (lang == "en") == ("More" in more[0])
    # A centre on the last screen answers like one on the first.
    last = centres_offered(screens[-1], kind)[-1]
    answer = await press(door, kind(last), lang=lang)
    assert any(name in text(answer) for name in present(door.org.centre(last)).name.all())


async def test_a_named_day_travels_to_the_centres_behind_more(door: FrontDoor) -> None:
    asked = await say(door, "open on 24 december?")
    screens = await every_screen(door, asked, CentrePage)
    days = {p.day for screen in screens for p in offered_as(screen, Hours) if p.centre}
    assert days == {date(2026, 12, 24)}
    later = first(screens[-1], Hours)
    assert "24" in text(await press(door, later))


async def test_a_going_back_from_more_shows_the_screen_before(door: FrontDoor) -> None:
    screens = await every_screen(door, await press(door, Hours()), CentrePage)
    back = [p for p in offered_as(screens[1], CentrePage) if p.page == 0]
    assert back
    again = await press(door, back[0])
    assert centres_offered(again, Hours) == centres_offered(screens[0], Hours)


@pytest.mark.parametrize("forged", ["cp:h:x", "cp:q:1", "cp:h:1::a.b"])
async def test_forged_more_is_no_choice(door: FrontDoor, forged: str) -> None:
    assert CentrePage.unpack(forged) is None


# --- the centre question of a form: help request, becoming a volunteer, sign-up ---------------

MANY_CENTRES = Path(__file__).parent / "data" / "many_centres.yaml"  # seven centres


@pytest.fixture
async def many(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FrontDoor]:
    """A front door on an organisation with more centres than one screen holds."""
    front_door = await build_front_door(
        str(MANY_CENTRES), tmp_path / "bot.sqlite3", clock=clock, staff_ids=frozenset({STAFF})
    )
    yield front_door
    await front_door.close()


FORM_CENTRES: dict[str, tuple[type[Payload], Callable[[Payload], str | None]]] = {
    "help": (HelpCentrePage, lambda p: p.centre if isinstance(p, HelpCentre) else None),
    "volunteer": (
        VolunteerJoinPage,
        lambda p: p.value if isinstance(p, VolunteerJoinChoice) and p.step == "c" else None,
    ),
    "signup": (SignupCentrePage, lambda p: p.centre if isinstance(p, SignupCentre) else None),
}


async def open_centre_question(door: FrontDoor, form: str, lang: str) -> list[Reply]:
    """The form's centre question, reached as a resident would."""
    if form == "help":
        await press(door, Help(), lang=lang)
        return await press(door, HelpTopic("money"), lang=lang)
    if form == "volunteer":
        await press(door, VolunteerJoin(), lang=lang)
        return await press(door, VolunteerJoinChoice("w", "kitchen"), lang=lang)
    return await press(door, SignupStart("lunch"), lang=lang)


def form_centres(replies: list[Reply], form: str) -> list[str]:
    """The centres a screen of the form's centre question offers."""
    centre_of = FORM_CENTRES[form][1]
    found = [centre_of(p) for p in payloads(replies) if isinstance(p, Payload)]
    return [c for c in found if c is not None and c != "*"]


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("form", sorted(FORM_CENTRES))
async def test_a_forms_centre_question_shows_a_few_centres_a_screen(
    many: FrontDoor, form: str, lang: str
) -> None:
    everyone = [c.id for c in many.org.centres]
    assert len(everyone) > SCREEN_LIMIT
    more = FORM_CENTRES[form][0]
    screens = await every_screen(
        many, await open_centre_question(many, form, lang), more, lang=lang
    )
    assert len(screens) > 1
    seen: list[str] = []
    for screen in screens:
        shown = form_centres(screen, form)
        assert 0 < len(shown) <= SCREEN_LIMIT, labels(screen)
        seen += shown
        assert any(label.startswith("🙋") for label in labels(screen))  # a person, every screen
        assert any(label.startswith("🏠") for label in labels(screen))
    assert seen == everyone  # each once, in the organisation's order
    more_label = [label for label in labels(screens[0]) if label.startswith("➡️")]
    assert more_label and (lang == "en") == ("More" in more_label[0])
    # "⬅️ Back" on a later screen shows the screen before it.
    back = [p for p in offered_as(screens[1], more) if getattr(p, "page", None) == 0]
    assert back
    assert form_centres(await press(many, back[0], lang=lang), form) == form_centres(
        screens[0], form
    )


@pytest.mark.parametrize("form", sorted(FORM_CENTRES))
async def test_a_centre_behind_more_is_chosen_by_its_button(many: FrontDoor, form: str) -> None:
    screens = await every_screen(
        many, await open_centre_question(many, form, "en"), FORM_CENTRES[form][0]
    )
    last = form_centres(screens[-1], form)[-1]
    pressed = next(
        p
        for p in payloads(screens[-1])
        if isinstance(p, Payload) and FORM_CENTRES[form][1](p) == last
    )
    chosen = await press(many, pressed)
    name = many.org.centre(last)
    assert name is not None and last == "molen"
    if form == "help":  # asked for consent for that centre
        assert HelpCentre("ok", "money", "molen") in payloads(chosen)
    elif form == "volunteer":  # on to when; the staff hear of Molen at the end
        await press(many, VolunteerJoinChoice("f", "weekends"))
        done = await press(many, VolunteerJoinAnswer("ok"))
        row = await many.store.fetch_one("SELECT centre_id FROM help_requests")
        assert row is not None and row["centre_id"] == "molen" and "Thank you" in text(done)
    else:  # the dates offered are Molen's
        assert "Molen" in text(chosen) and not form_centres(chosen, form)


@pytest.mark.parametrize("form", ["help", "signup"])
async def test_a_centre_behind_more_can_be_typed_on_the_first_screen(
    many: FrontDoor, form: str
) -> None:
    opening = await open_centre_question(many, form, "nl")
    assert "molen" not in form_centres(opening, form)
    chosen = await say(many, "Molen", lang="nl")
    if form == "help":
        assert HelpCentre("ok", "money", "molen") in payloads(chosen)
    else:
        assert "Molen" in text(chosen) and not form_centres(chosen, form)
