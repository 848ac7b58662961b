"""Activity lists as a resident reads them: closed sign-ups, and long lists a page at a time."""

from __future__ import annotations

from datetime import datetime

from conversations.engine import FrontDoor
from storage.clock import FixedClock
from tests.conversations.chat import BRUSSELS, labels, say, text

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
