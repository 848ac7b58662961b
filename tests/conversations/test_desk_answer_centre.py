"""The `centre` of a desk answer is the centre the question is about, as for activities.

A resident who asks for a desk by its topic names no centre: the answer lists where the desk is
held, and `voordeur ask --json` reports `centre: null` (contracts.md §2), not the one centre the
desk happens to sit in. A question that names a centre reports that centre.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

DATA = Path(__file__).parent / "data" / "leievallei.yaml"
AT = "2027-01-05T10:00"


def _answer(text: str, lang: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["ask", "--json", "--data", str(DATA), "--at", AT, "--lang", lang, text]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("text", "lang", "desk"),
    [
        ("Wanneer is de Papierwinkel open?", "nl", "papierwinkel"),
        ("Quand est-ce que la Budgetbalie est ouverte ?", "fr", "budgetbalie"),
        ("When is the Click point open?", "en", "klikpunt"),
        ("Papierwinkel ne zaman açık?", "tr", "papierwinkel"),
        ("Kiedy jest otwarty Sociaal loket?", "pl", "sociaal-loket"),
    ],
)
def test_a_desk_asked_without_a_centre_reports_no_centre(
    text: str, lang: str, desk: str, capsys: pytest.CaptureFixture[str]
) -> None:
    got = _answer(text, lang, capsys)
    assert got["intent"] == "service_desk"
    assert desk in {d["id"] for d in got["desks"]}
    assert got["centre"] is None


@pytest.mark.parametrize(
    ("text", "lang", "centre"),
    [
        ("Is het Klikpunt in Het Spoor woensdag open?", "nl", "het-spoor"),
        ("Sociaal loket in Kouterhof, wanneer open?", "nl", "kouterhof"),
        ("Wann hat die Papierwinkel in Vlasbloem geöffnet?", "de", "vlasbloem"),
    ],
)
def test_a_desk_asked_at_a_centre_reports_that_centre(
    text: str, lang: str, centre: str, capsys: pytest.CaptureFixture[str]
) -> None:
    got = _answer(text, lang, capsys)
    assert got["intent"] == "service_desk"
    assert got["centre"] == centre
