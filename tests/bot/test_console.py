"""The console channel: what a newcomer sees after `make demo`."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.console import chat
from bot.runtime import open_voordeur
from storage.clock import FixedClock

MONDAY_MORNING = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))


async def _session(tmp_path: Path, typed: str) -> str:
    voordeur = await open_voordeur(
        "oostende", tmp_path / "c.sqlite3", clock=FixedClock(MONDAY_MORNING)
    )
    out = io.StringIO()
    try:
        await chat(voordeur, stdin=io.StringIO(typed), stdout=out, client_language="en")
    finally:
        await voordeur.close()
    return out.getvalue()


async def test_newcomer_is_welcomed_with_numbered_menu_choices(tmp_path: Path) -> None:
    screen = await _session(tmp_path, "q\n")
    assert "Ostend" in screen
    assert "[1]" in screen and "Opening hours" in screen


async def test_picking_opening_hours_by_number_then_a_centre_shows_its_hours(
    tmp_path: Path,
) -> None:
    # 1 = opening hours, then the numbered centre list; Centrum is the first centre.
    screen = await _session(tmp_path, "1\n1\nq\n")
    assert "Which centre" in screen
    assert "09:00–17:00" in screen  # Centrum on a weekday


async def test_typed_question_is_answered_and_input_end_closes_cleanly(tmp_path: Path) -> None:
    screen = await _session(tmp_path, "When is Stene open?\n")
    assert "09:00–16:30" in screen
    assert screen.rstrip().endswith("👋")


CRAFT = "Sign me up for the craft afternoon for grandparents\n"


async def test_a_number_typed_at_how_many_people_is_that_many_as_on_telegram(
    tmp_path: Path,
) -> None:
    # 1 agrees to keeping the sign-up; at "how many grandchildren?" the buttons read 0, 1, 2, 3,
    # so button [2] would be one grandchild: typed "2" means two, as Telegram reads it.
    screen = await _session(tmp_path, CRAFT + "1\n2\nq\n")
    assert "How many grandchildren" in screen
    assert "👥 grandchildren: 2" in screen


async def test_a_hash_number_presses_that_button_and_plain_numbers_still_press_elsewhere(
    tmp_path: Path,
) -> None:
    # "#2" presses the second button (one grandchild); "1" at the summary, which takes no
    # number, presses "Yes, sign me up".
    screen = await _session(tmp_path, CRAFT + "1\n#2\n1\nq\n")
    assert "👥 grandchildren: 1" in screen
    assert "You are signed up for Craft afternoon" in screen
