"""What is about us and what is not, booking versus asking, and topics that used to misfire.

Each group is one class of mistake (issue 14), with phrasings in several languages, so a fix has
to hold for the class: price, time and place words about other things are out of scope; an
appointment or a number of places for an activity is a sign-up; topics go to their desk.
"""

from __future__ import annotations

import pytest

from tests.conversations import NOW, understander


def _at(text: str, org: str = "oostende"):
    return understander(org).understand(text, now=NOW)


@pytest.mark.parametrize(
    "text",
    [
        "hoeveel kost een treinticket naar Gent?",
        "hoe laat is het nu?",
        "wanneer sluit de Colruyt vandaag?",
        "is er een goed restaurant dichtbij?",
        "welke bus gaat naar het station?",
        "who won the match, Club Brugge or Anderlecht?",
        "a recipe for vegetable soup",
        "what time does the pharmacy open?",
        "à quelle heure ferme la piscine ?",
        "Wann öffnet die Bibliothek?",
        "süpermarket saat kaçta kapanıyor?",
        "متى يفتح المطعم؟",
        "ile kosztuje bilet na pociąg?",
        "котра година зараз?",
    ],
)
def test_price_time_and_place_words_about_other_things_are_out_of_scope(text: str) -> None:
    assert _at(text).intent == "unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hoe laat sluit Stene vandaag?", "opening_hours"),
        ("hoeveel kost de pedicure?", "activities"),
        ("what time does the walking club start?", "activities"),
        ("welke bus gaat naar Mariakerke?", "contact"),
        ("is er een centrum in de buurt?", "nearest_centre"),
        ("combien coûte le repas de midi ?", "activities"),
    ],
)
def test_the_same_words_about_our_centres_and_activities_still_count(
    text: str, intent: str
) -> None:
    assert _at(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "kan ik een afspraak maken voor de pedicure?",
        "pédicure rendez-vous jeudi",
        "Termin für die Fußpflege bitte",
        "pedikür için randevu almak istiyorum",
        "I'd like an appointment for the pedicure",
    ],
)
def test_an_appointment_for_an_appointment_activity_is_a_signup_not_a_desk(text: str) -> None:
    result = _at(text)
    assert (result.intent, result.activity) == ("signup", "pedicure")


@pytest.mark.parametrize(
    "text",
    [
        "I'd like 2 places for the Christmas lunch",
        "mag ik 3 plaatsen voor de kerstlunch?",
        "poproszę 2 miejsca na świąteczny obiad",
    ],
)
def test_places_for_an_activity_are_a_signup(text: str) -> None:
    result = _at(text)
    assert (result.intent, result.activity) == ("signup", "christmas-lunch")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what do you store about me?", "privacy"),
        ("Was speichern Sie über mich?", "privacy"),
        ("co przechowujecie o mnie?", "privacy"),
        ("Proszę, niech ktoś do mnie zadzwoni", "help_request"),
        ("beni bir görevli arasın lütfen", "help_request"),
        ("нехай хтось мені зателефонує", "help_request"),
        ("Wat kan ik allemaal vragen?", "bot_help"),
        ("Was kann ich Sie fragen?", "bot_help"),
        ("hulp", "bot_help"),
        ("oké", "thanks"),
        ("tamam", "thanks"),
        ("👍", "thanks"),
    ],
)
def test_privacy_call_backs_bot_help_and_acknowledgements(text: str, intent: str) -> None:
    assert _at(text).intent == intent


def test_stop_is_not_polish_for_feet_and_begin_is_no_activity_search() -> None:
    assert _at("stop").intent == "unknown"
    assert _at("begin").intent == "unknown"


def test_where_to_go_with_bills_names_the_social_desk_of_the_place_one_lives() -> None:
    result = _at("ik woon in Zandvoorde, waar moet ik naartoe met mijn facturen?")
    assert (result.intent, result.desks) == ("service_desk", ("social-zandvoorde",))


def test_a_carer_who_has_a_hard_time_is_sent_to_the_carers_desk() -> None:
    result = _at("ik zorg voor mijn vader en heb het zwaar")
    assert (result.intent, result.desks) == ("service_desk", ("carers",))


def test_help_with_my_phone_is_digital_help_not_the_phone_number() -> None:
    for text in ("I need help with my phone", "potrzebuję pomocy z telefonem"):
        assert _at(text).intent == "service_desk", text
