"""Activity lists as a resident reads them: closed sign-ups, and long lists a page at a time."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bench.bench_import import synthetic_data_file
from bot.runtime import build_front_door
from conversations.answers.activities import page_payload
from conversations.engine import FrontDoor
from conversations.payloads import CentrePage, Desks, Hours
from conversations.reply import Reply
from storage.clock import FixedClock
from tests.conversations.chat import (
    BRUSSELS,
    button,
    labels,
    offered_as,
    plain,
    press,
    say,
    text,
)

# Lunch sign-ups close at 10:00 on the working day before (data/oostende.yaml).
MONDAY_BEFORE_DEADLINE = datetime(2026, 11, 23, 9, 30, tzinfo=BRUSSELS)
MONDAY_AFTER_DEADLINE = datetime(2026, 11, 23, 11, 0, tzinfo=BRUSSELS)


def lunch_lines(listing: str) -> list[str]:
    return [line for line in listing.splitlines() if "Lunch" in line]


async def test_tomorrows_lunch_past_its_deadline_says_closed_and_offers_no_sign_up(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(MONDAY_BEFORE_DEADLINE)
    before = await say(door, "what's on tomorrow")
    assert lunch_lines(text(before)) and all(
        "places left" in line for line in lunch_lines(text(before))
    )
    assert any(label.startswith("✍️ Lunch") for label in labels(before))

    clock.set(MONDAY_AFTER_DEADLINE)
    after = await say(door, "what's on tomorrow")
    lines = lunch_lines(text(after))
    assert len(lines) == len(lunch_lines(text(before)))  # still listed: it still takes place
    assert all("sign-up closed" in line and "places left" not in line for line in lines)
    assert not any("Lunch" in label for label in labels(after))
    # What can still be booked keeps its button: the pedicure takes appointments until the day.
    assert any(label.startswith("✍️ Pedicure") for label in labels(after))


async def test_closed_sign_up_reads_closed_in_dutch_too(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(MONDAY_AFTER_DEADLINE)
    after = await say(door, "wat is er morgen te doen?", lang="nl")
    lines = [line for line in text(after).splitlines() if "Middagmaal" in line]
    assert lines and all("inschrijven gesloten" in line for line in lines)
    assert not any("Middagmaal" in label for label in labels(after))


@pytest.fixture
async def busy_door(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FrontDoor]:
    """A centre with fourteen weekly activities to sign up for: a long week."""
    data = tmp_path / "busy.yaml"
    data.write_text(synthetic_data_file(centres=2, per_centre=14), encoding="utf-8")
    door = await build_front_door(str(data), tmp_path / "busy.sqlite3", clock=clock)
    yield door
    await door.close()


def sign_ups(replies: list[Reply]) -> list[str]:
    return [label for label in labels(replies) if label.startswith("✍️")]


async def test_a_long_week_comes_a_few_choices_a_screen_and_every_sign_up_is_reachable(
    busy_door: FrontDoor,
) -> None:
    screens = [await say(busy_door, "what's on this week")]
    while any("More" in label for label in labels(screens[-1])):
        screens.append(await press(busy_door, button(screens[-1], "More")))
        assert len(screens) < 30
    bookable = 0
    for screen in screens:
        more = [label for label in labels(screen) if "More" in label]
        assert len(sign_ups(screen)) <= 4 and len(sign_ups(screen)) + len(more) <= 5
        for line in text(screen).splitlines():
            if "places left" not in line:
                continue
            bookable += 1
            # "• 09:00 Activity 3 — Centre 0 · …", or by activity "• Mon–Fri 09:00 Activity 3 — …"
            title = re.split(r"\d\d:\d\d ", line, maxsplit=1)[1].split(" — ")[0]
            # Its button is on the same screen: nothing listed is left without one.
            assert any(label.startswith(f"✍️ {title} ·") for label in sign_ups(screen)), line
    assert bookable > 8  # more than one screen's worth of choices


async def test_sign_up_buttons_are_short_in_every_language(
    door: FrontDoor, clock: FixedClock
) -> None:
    clock.set(MONDAY_BEFORE_DEADLINE)
    day = MONDAY_BEFORE_DEADLINE.date()
    for n, lang in enumerate(("nl", "fr", "de", "en", "tr", "ar", "pl", "uk")):
        user = 5000 + n  # one resident per language
        week = page_payload(None, day, day + timedelta(days=6), 0)
        listing = await press(door, week, user=user, lang=lang)
        found: list[str] = []
        while True:
            found += [plain(label) for label in sign_ups(listing)]
            if not any("➡️" in label for label in labels(listing)):
                break
            listing = await press(door, button(listing, "➡️"), user=user, lang=lang)
        assert len(found) >= 4, lang
        for label in found:
            assert len(label) <= 40 and "(" not in label, (lang, label)


async def test_the_desk_topics_come_four_at_a_time_with_more(door: FrontDoor) -> None:
    first = await press(door, Desks())
    topics = [label for label in labels(first) if label[0].isalpha()]
    assert len(topics) == 4
    assert any("More" in label for label in labels(first))
    second = await press(door, button(first, "More"))
    rest = [label for label in labels(second) if label[0].isalpha()]
    assert rest and not set(rest) & set(topics)
    # Every topic of the organisation is on one of the screens, and each still opens its desk.
    everything = {desk.topic.get("en", door.org.default_language) for desk in door.org.desks}
    assert set(topics) | set(rest) == everything
    desk = await press(door, button(second, rest[0]))
    assert rest[0] in text(desk)


async def test_centre_choices_name_each_centre_by_its_own_word(door: FrontDoor) -> None:
    for n, lang in enumerate(("en", "nl", "fr", "tr", "ar")):
        choices = await press(door, Hours(), user=6000 + n, lang=lang)
        more = [p for p in offered_as(choices, CentrePage) if p.page == 1]
        choices += await press(door, more[0], user=6000 + n, lang=lang)  # the rest
        centres = [plain(label) for label in labels(choices) if plain(label)[0].isalpha()]
        assert len(centres) == len(door.org.centres)
        # "Stene", not "Stene community centre": two to a row, a full name is cut off.
        assert {"Stene", "Vuurtorenwijk", "Mariakerke"} <= set(centres), (lang, centres)
        assert all(len(centre) <= 15 for centre in centres), (lang, centres)
