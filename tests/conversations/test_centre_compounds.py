"""A compound that ends in a centre's name is that centre only when run together by speech
("demarkt open"); one that ends in a word of a thing in town ("Weihnachtsmarkt", "kerstmarkt")
names a market elsewhere, not the centre "De Markt"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conversations.understanding.understander import Understander
from storage.datafile import load_organisation

ORG = Path(__file__).resolve().parent / "data" / "two_markets.yaml"
NOW = datetime(2027, 11, 20, 10, 30)


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_organisation(ORG))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Wann öffnet der Weihnachtsmarkt in Gent dieses Jahr?"),
        ("nl", "is de kerstmarkt in Brugge open op zondag?"),
        ("de", "Hat der Wochenmarkt am Samstag offen?"),
        ("nl", "hoe laat begint de vismarkt morgen"),
    ],
)
def test_a_market_compound_is_no_centre_of_ours(
    understander: Understander, lang: str, text: str
) -> None:
    understood = understander.understand(text, now=NOW, client_language=lang)
    assert understood.centre is None
    assert understood.intent == "unknown"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "is demarkt open vandaag"),
        ("de", "Ist De Markt am Montag offen?"),
        ("nl", "hoe laat is De Markt open"),
    ],
)
def test_the_centre_by_its_name_is_still_ours(
    understander: Understander, lang: str, text: str
) -> None:
    understood = understander.understand(text, now=NOW, client_language=lang)
    assert understood.centre == "markt"
    assert understood.intent == "opening_hours"
