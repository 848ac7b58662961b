"""Classes of the session of 2026-12-06 (night), on an invented organisation (heidebeek.yaml):

- A word for a kind of centre of ours ("Servicezentrum", "service centre") names no title word
  it shares a stem with: the "Service" of a desk titled "Federal Pension Service" is no desk
  asked for in "Wie lange hat das Servicezentrum am Donnerstag offen?".
- Dutch "hoe laat is het" asks the time of day only alone: "hoe laat is het centrum open?"
  asks our hours ("het" is the centre's article), as "welke dag is het buurthuis open?" does.
- A centre named like a filler word ("Mal", the German "mal") ends the clause as that centre:
  "schrijf me uit voor het middagmaal van donderdag in Mal" cancels; it is no "schrijf ... in".
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation

DATA = Path(__file__).parent / "data"
MONDAY = datetime(2027, 2, 15, 10, 0)
THURSDAY = date(2027, 2, 18)


@cache
def _heidebeek() -> Understander:
    return Understander(load_organisation(DATA / "heidebeek.yaml"))


SERVICE_CENTRE_HOURS = [
    "Wie lange hat das Servicezentrum am Markt am Donnerstag offen?",
    "Wann ist das Servicezentrum Markt am Donnerstag geöffnet?",
    "How late is the market service centre open on Thursday?",
    "Le centre de services Marché est ouvert jusqu'à quelle heure jeudi ?",
    "Tot hoe laat is het dienstencentrum Markt donderdag open?",
    "Pazar hizmet merkezi perşembe kaça kadar açık?",
    "Do której jest otwarte centrum usług Markt w czwartek?",
    "До котрої працює сервісний центр Markt у четвер?",
    "متى يفتح مركز الخدمات Markt يوم الخميس؟",
]


@pytest.mark.parametrize("text", SERVICE_CENTRE_HOURS)
def test_a_service_centre_asked_for_its_hours_is_no_desk(text: str) -> None:
    understood = _heidebeek().understand(text, now=MONDAY)
    assert (understood.intent, understood.centre, understood.date) == (
        "opening_hours",
        "markt",
        THURSDAY,
    )
    assert understood.desks == ()


@pytest.mark.parametrize(
    "text",
    [
        "Was gibt es diese Woche im Servicezentrum Markt?",
        "what's on this week at the market service centre?",
    ],
)
def test_what_is_on_at_a_service_centre_lists_activities(text: str) -> None:
    understood = _heidebeek().understand(text, now=MONDAY)
    assert (understood.intent, understood.centre) == ("activities", "markt")
    assert understood.desks == ()


def test_the_pension_service_is_still_the_pension_desk() -> None:
    understood = _heidebeek().understand(
        "Wann hat der Föderale Pensionsdienst Sprechstunde?", now=MONDAY
    )
    assert (understood.intent, understood.desks[0]) == ("service_desk", "pensioen")


@pytest.mark.parametrize(
    ("text", "centre", "day"),
    [
        ("Hoe laat is het dienstencentrum Markt donderdag open?", "markt", THURSDAY),
        ("hoe laat is het centrum in Mal morgen open", "mal", date(2027, 2, 16)),
        ("hoe laat is het ontmoetingscentrum Heikant open vandaag?", "heikant", date(2027, 2, 15)),
        ("welke dag is het ontmoetingscentrum Heikant open?", "heikant", None),
    ],
)
def test_hoe_laat_is_het_centrum_open_asks_our_hours(
    text: str, centre: str, day: date | None
) -> None:
    understood = _heidebeek().understand(text, now=MONDAY)
    assert (understood.intent, understood.centre) == ("opening_hours", centre)
    if day:
        assert understood.date == day


@pytest.mark.parametrize(
    "text", ["hoe laat is het?", "hoe laat is het nu eigenlijk", "welke dag is het vandaag?"]
)
def test_the_time_of_day_alone_is_still_out_of_scope(text: str) -> None:
    assert _heidebeek().understand(text, now=MONDAY).intent == "unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Schrijf me maar uit voor het middagmaal van donderdag in Mal, ik moet naar de dokter",
            "cancel_signup",
        ),
        ("schrijf me uit voor het middagmaal van donderdag in Mal", "cancel_signup"),
        ("schrijf me in voor het middagmaal van donderdag in Mal", "signup"),
        ("Bitte melden Sie mich für das Mittagessen am Donnerstag in Mal ab", "cancel_signup"),
        ("Melden Sie mich für das Mittagessen am Donnerstag in Mal an", "signup"),
    ],
)
def test_a_centre_named_like_a_filler_ends_the_clause(text: str, intent: str) -> None:
    understood = _heidebeek().understand(text, now=MONDAY)
    assert (understood.intent, understood.centre, understood.date) == (intent, "mal", THURSDAY)
    assert understood.activity == "middagmaal-mal"


@pytest.mark.parametrize(
    "text",
    [
        "Bu yıl koro var mı? Geçen yıl çok güzeldi",
        "Seniorenkoor bu sene de var mı? geçen sene gittim",
    ],
)
def test_turkish_gecen_last_is_no_night(text: str) -> None:
    """Turkish "geçen" (last, past) starts like "gece" (night): no evening is asked, so the answer
    lists the choir, not "nothing at that time of day"."""
    understood = _heidebeek().understand(text, now=MONDAY)
    assert understood.intent == "activities"
    assert understood.day_part is None


@pytest.mark.parametrize(("text", "day"), [("pazartesi gecesi ne var?", date(2027, 2, 15))])
def test_turkish_night_is_still_the_evening(text: str, day: date) -> None:
    understood = _heidebeek().understand(text, now=MONDAY)
    assert (understood.day_part, understood.date) == ("evening", day)


CHRISTMAS_EVE, BOXING_DAY = date(2027, 12, 24), date(2027, 12, 26)
GOOD_FRIDAY, EASTER_MONDAY = date(2027, 3, 26), date(2027, 3, 29)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("що цікавого буде на Різдво?", CHRISTMAS_EVE, BOXING_DAY),
        ("що відбувається на Великдень?", GOOD_FRIDAY, EASTER_MONDAY),
        ("co się dzieje na Boże Narodzenie?", CHRISTMAS_EVE, BOXING_DAY),
        ("co będzie na Wielkanoc w centrum?", GOOD_FRIDAY, EASTER_MONDAY),
        ("Was ist an Weihnachten los?", CHRISTMAS_EVE, BOXING_DAY),
        ("Gibt es an Ostern etwas Schönes?", GOOD_FRIDAY, EASTER_MONDAY),
        ("what's on at Christmas?", CHRISTMAS_EVE, BOXING_DAY),
    ],
)
def test_what_is_on_at_a_holiday_lists_its_days(text: str, first: date, last: date) -> None:
    understood = _heidebeek().understand(text, now=datetime(2027, 3, 1, 10, 0))
    assert (understood.intent, understood.date, understood.until) == ("activities", first, last)


@pytest.mark.parametrize(
    ("text", "intent", "day"),
    [
        ("Чи працює центр Markt на Різдво?", "opening_hours", date(2027, 12, 25)),
        ("czy centrum Markt jest otwarte na Wielkanoc?", "opening_hours", date(2027, 3, 28)),
        ("Was gibt es am ersten Weihnachtstag?", "activities", date(2027, 12, 25)),
    ],
)
def test_the_holiday_itself_stays_one_day(text: str, intent: str, day: date) -> None:
    understood = _heidebeek().understand(text, now=datetime(2027, 3, 1, 10, 0))
    assert (understood.intent, understood.date, understood.until) == (intent, day, None)


@pytest.mark.parametrize(
    "text",
    [
        "graag een telefoontje van een medewerker, ik heb een vraag over mijn pensioen",
        "je voudrais un appel d'un collaborateur, j'ai une question sur ma pension",
        "bir çalışandan telefon bekliyorum, emekli maaşım hakkında sorum var",
        "прошу дзвінок від працівника, маю питання про пенсію",
        "I would like a call from a staff member, I have a question about my pension",
        "ich hätte gern einen Anruf von einem Mitarbeiter, es geht um meine Rente",
    ],
)
def test_a_call_from_a_staff_member_is_a_call_back(text: str) -> None:
    """A phone call asked from a person, beside a desk's topic, asks for that person (retraining
    the intent model with sets 22 and 24 had tipped the Dutch one to the desk)."""
    assert _heidebeek().understand(text, now=MONDAY).intent == "help_request"
