"""Names in town that look like ours. A compound that ends in a centre's name is that centre
only when run together by speech ("demarkt open"); one that ends in a word of a thing in town
("Weihnachtsmarkt", "kerstmarkt") names a market elsewhere, not the centre "De Markt". A team
that plays ("speelt HFC Haarlem zaterdag thuis?") is a match in town when nothing of ours is
named, and a club named by words of two of our titles ("Club Brugge" beside a walking club and a
trip to Brugge) is still elsewhere; the same verbs and words beside our cards, club or trip are
ours."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conversations.understanding.understander import Understander
from storage.datafile import load_organisation

ORG = Path(__file__).resolve().parent / "data" / "two_markets.yaml"
NOW = datetime(2027, 11, 20, 10, 30)
MATCH_DAY = datetime(2027, 8, 27, 19, 0)


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


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "speelt SK Markthoven zaterdag thuis? en hoe laat begint het"),
        ("de", "Spielt der FC Markthoven am Samstag zu Hause?"),
        ("en", "do Markthoven United play at home on saturday"),
        ("fr", "Le RC Markthoven joue à domicile samedi ?"),
    ],
)
def test_a_team_playing_is_no_question_of_ours(
    understander: Understander, lang: str, text: str
) -> None:
    understood = understander.understand(text, now=MATCH_DAY, client_language=lang)
    assert understood.intent == "unknown"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "wanneer wordt er gekaart in De Markt?"),
        ("de", "Wann spielt man bei euch Karten?"),
    ],
)
def test_playing_our_games_is_still_ours(understander: Understander, lang: str, text: str) -> None:
    understood = understander.understand(text, now=MATCH_DAY, client_language=lang)
    assert understood.intent == "activities"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "how much are tickets for Zulte v Club Brugge"),
        ("nl", "wanneer speelt Club Brugge thuis"),
        ("fr", "combien coûte une place pour Club Brugge samedi ?"),
    ],
)
def test_a_club_named_by_words_of_two_of_our_titles_is_still_elsewhere(
    understander: Understander, lang: str, text: str
) -> None:
    """ "Club Brugge": our walking club and our trip to Brugge are two titles, not this club."""
    understood = understander.understand(text, now=MATCH_DAY, client_language=lang)
    assert understood.intent == "unknown"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "gaat de wandelclub ook in september door?"),
        ("nl", "hoeveel kost de daguitstap naar Brugge?"),
        ("en", "how much is the day trip to Brugge"),
    ],
)
def test_our_club_and_our_trip_are_still_ours(
    understander: Understander, lang: str, text: str
) -> None:
    understood = understander.understand(text, now=MATCH_DAY, client_language=lang)
    assert understood.intent in {"activities", "signup"}
