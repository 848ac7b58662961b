"""Third round of issue 14's classes, on the demo organisations (phrasings not in the dev sets).

An outside institution, business or profession (a consulate, a bus company, a bike shop, a
dentist, a mosque) makes a question out of scope even beside one of our districts or with
"open" or "price" words; a word for our centres with a district names that district's centre;
signing up for a desk's topic is a desk question; a call back beats the topic; needs described
in words ("cut my hair", "set up the bank app") find the activity or desk; Moroccan, Levantine
and Egyptian Arabic are understood.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation
from tests.conversations import NOW, understander


def _at(text: str, org: str = "oostende"):
    return understander(org).understand(text, now=NOW)


@pytest.mark.parametrize(
    ("org", "text"),
    [
        ("oostende", "Wanneer is het Turkse consulaat open?"),
        ("oostende", "How much is the senior bus pass of the bus company?"),
        ("oostende", "Combien coûte un vélo électrique au magasin de vélos à Stene ?"),
        ("kortrijk", "Gibt es in Heule einen Zahnarzt, der Arabisch spricht?"),
        ("kortrijk", "Heule'deki kasapta kıyma kaç euro?"),
        ("kortrijk", "Czy w Marke jest msza po polsku w niedzielę?"),
        ("kortrijk", "Скільки коштує вхід у хамам?"),
        ("denhaag-zuidwest", "فين كاين شي جامع قريب من Moerwijk؟"),
        ("denhaag-zuidwest", "بشحال التذكرة ديال المهرجان؟"),
        ("denhaag-zuidwest", "Hoe laat gaat de moskee in Bouwlust open voor het vrijdaggebed?"),
        ("oostende", "Is the post office in Mariakerke open on Saturday?"),
        ("oostende", "Quelles sont les heures d'ouverture de la police à Stene ?"),
    ],
)
def test_an_outside_institution_or_business_is_out_of_scope(org: str, text: str) -> None:
    assert _at(text, org).intent == "unknown"


@pytest.mark.parametrize(
    ("org", "text", "intent"),
    [
        ("oostende", "Wat kost het middagmaal in Stene?", "activities"),
        ("oostende", "Is Opex open on Saturday?", "opening_hours"),
        ("oostende", "Hulp met de bank-app op mijn gsm", "service_desk"),
        ("denhaag-zuidwest", "Is er fietsles voor vrouwen in Moerwijk?", "activities"),
    ],
)
def test_our_own_things_asked_with_the_same_words_stay_ours(
    org: str, text: str, intent: str
) -> None:
    assert _at(text, org).intent == intent


@pytest.mark.parametrize(
    ("org", "text", "centre"),
    [
        ("kortrijk", "Tot wanneer is het dienstencentrum aan de Marke open?", "marke"),
        ("kortrijk", "When is the office in Bissegem open?", "bissegem"),
        ("kortrijk", "Biuro w Heule jest dziś otwarte?", "heule"),
        ("denhaag-zuidwest", "متى يفتح المكتب ديال Bouwlust؟", "bouwlust"),
        ("denhaag-zuidwest", "Le bureau de Vrederust ouvre à quelle heure ?", "vrederust"),
    ],
)
def test_a_word_for_our_centres_with_a_district_is_that_centre(
    org: str, text: str, centre: str
) -> None:
    got = _at(text, org)
    assert (got.intent, got.centre) == ("opening_hours", centre)


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil me inschrijven voor een sociale woning, waar kan ik terecht?",
        "I'd like to sign up for social housing, who do I see?",
        "Je voudrais m'inscrire pour un logement social, où aller ?",
    ],
)
def test_signing_up_for_a_desk_topic_is_a_desk_question(text: str) -> None:
    got = _at(text)
    assert got.intent == "service_desk"
    assert set(got.desks) & {"social-stene", "social-zandvoorde"}


@pytest.mark.parametrize(
    ("text", "intent", "activity"),
    [
        ("Kan ik donderdag mee-eten in Stene? Zet me op de lijst", "signup", "lunch-stene"),
        ("بغيت نسجل ف الغدا ديال Stene", "signup", "lunch-stene"),
        ("بغيت نلغي التسجيل ديالي ف الغدا ديال Mariakerke", "cancel_signup", "lunch-mariakerke"),
        ("Where can I get my toenails done?", "activities", "pedicure"),
    ],
)
def test_booking_and_cancelling_in_everyday_words(text: str, intent: str, activity: str) -> None:
    got = _at(text)
    assert (got.intent, got.activity) == (intent, activity)


def test_a_christmas_title_is_no_christmas_day() -> None:
    got = _at("Twee plaatsen voor de kerstlunch graag")
    assert (got.intent, got.activity, got.date) == ("signup", "christmas-lunch", None)


@pytest.mark.parametrize(
    "text",
    [
        "Tu sais faire quoi au juste ?",
        "What can you actually do?",
        "Wobei können Sie mir helfen?",
        "Co ty właściwie potrafisz?",
        "А що ти вмієш?",
        "شنو تقدر دير ليا عافاك؟",
        "شو بتقدر تعمل إنت؟",
    ],
)
def test_what_can_you_do_is_bot_help(text: str) -> None:
    assert _at(text).intent == "bot_help"


@pytest.mark.parametrize(
    "text",
    [
        "Kan iemand mij terugbellen? Het gaat over mijn huurcontract",
        "واش شي واحد يقدر يعيط ليا؟ عندي مشكل مع الكرا",
        "Czy ktoś może do mnie zadzwonić w sprawie rachunków?",
    ],
)
def test_a_call_back_with_a_topic_asks_for_a_person(text: str) -> None:
    assert _at(text).intent == "help_request"


@pytest.mark.parametrize(
    "text",
    [
        "Je n'arrive pas à configurer l'appli de ma banque sur mon téléphone",
        "Telefonumda banka uygulamasını kuramıyorum",
        "Не виходить встановити банківський застосунок на телефон",
        "ما قدرتش نثبت التطبيق ديال البنك ف التيليفون",
    ],
)
def test_a_phone_problem_described_is_the_digital_desk(text: str) -> None:
    got = _at(text)
    assert got.intent == "service_desk"
    assert set(got.desks) & {"digital-hazegras", "digital-konterdam"}


@pytest.mark.parametrize(
    ("text", "activity", "day"),
    [
        ("بغيت نمشي للغدا ف Stene نهار الخميس", "lunch-stene", date(2026, 11, 26)),
        ("واش كاين الغدا ف Mariakerke نهار الثلاثاء؟", "lunch-mariakerke", date(2026, 11, 24)),
    ],
)
def test_darija_weekdays_and_the_lunch(text: str, activity: str, day: date) -> None:
    got = _at(text)
    assert (got.activity, got.date) == (activity, day)


DEV_ORG3 = Path(__file__).resolve().parent.parent / "eval" / "dev_org3.yaml"


@cache
def _dev3() -> Understander:
    return Understander(load_organisation(DEV_ORG3))


@pytest.mark.parametrize(
    ("text", "intent", "activity", "day"),
    [
        # The safety model takes these for a possible or certain crisis (reported to the safety
        # work), so they are asked of the understanding itself, not of `voordeur ask`.
        ("بغيت نسجل فالغدا نهار الخميس", "signup", "middagmaal", date(2026, 12, 3)),
        ("بغيت نتسجل ف الماكلة ديال نهار الخميس", "signup", "middagmaal", date(2026, 12, 3)),
        ("بغيت موعد عند الكوافور نهار الثلاثاء", "signup", "kapper", date(2026, 12, 1)),
        ("وين بقدر قص شعري بسعر رخيص؟", "activities", "kapper", None),
        ("شنو تقدر دير ليا؟", "bot_help", None, None),
        ("شحال ثمن الدخول للحمام؟", "unknown", None, None),
    ],
)
def test_darija_on_the_third_development_organisation(
    text: str, intent: str, activity: str | None, day: date | None
) -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    got = _dev3().understand(text, now=monday)
    assert (got.intent, got.activity, got.date) == (intent, activity, day)


def test_a_banking_app_that_will_not_set_up_is_the_digital_desk() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    got = _dev3().understand(
        "Ich kriege die Banking-App auf meinem Handy nicht eingerichtet", now=monday
    )
    assert (got.intent, got.desks) == ("service_desk", ("digipunt",))


def test_what_is_on_this_week_in_a_neighbourhood_is_activities() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    got = _dev3().understand("Co się dzieje w tym tygodniu w Meersen?", now=monday)
    assert (got.intent, got.centre, got.date, got.until) == (
        "activities",
        "ldc-meersen",
        date(2026, 11, 30),
        date(2026, 12, 6),
    )


@pytest.mark.parametrize(
    ("org", "text", "activity"),
    [
        ("kortrijk", "Wo kann ich günstig zu Mittag essen?", "lunch-zonnewijzer"),
        ("oostende", "Waar kan ik goedkoop mijn nagels laten knippen?", "pedicure"),
        ("denhaag-zuidwest", "Fahrradunterricht für Frauen, wo ist das?", "bike-lessons"),
        ("denhaag-zuidwest", "Bisiklet dersi nerede?", "bike-lessons"),
    ],
)
def test_where_an_activity_is_held_is_what_is_on(org: str, text: str, activity: str) -> None:
    got = _at(text, org)
    assert (got.intent, got.activity) == ("activities", activity)


@pytest.mark.parametrize(
    ("org", "text"),
    [
        ("oostende", "What's the phone number of Stene?"),
        ("kortrijk", "Telefon do Heule?"),
        ("oostende", "What's your phone number?"),
    ],
)
def test_a_phone_number_is_still_contact(org: str, text: str) -> None:
    assert _at(text, org).intent == "contact"


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("Kann ich am Freitag in Mariakerke mitessen? Tragen Sie mich ein", "lunch-mariakerke"),
        ("Czy mogę dołączyć do obiadu w Stene? Wpiszcie mnie na listę", "lunch-stene"),
        ("Mettez-moi sur la liste pour le repas à Stene vendredi", "lunch-stene"),
    ],
)
def test_put_me_on_the_list_is_a_sign_up(text: str, activity: str) -> None:
    got = _at(text)
    assert (got.intent, got.activity) == ("signup", activity)


@pytest.mark.parametrize(
    ("org", "text"),
    [
        ("oostende", "Is de kapsalon in de Kapellestraat open op maandag?"),
        ("kortrijk", "Heule'de nöbetçi eczane hangisi?"),
        ("kortrijk", "Kortrijk'te iyi bir dönerci var mı?"),
        ("kortrijk", "Marke'de kiralık daire var mı?"),
        ("kortrijk", "Jak dojechać do szpitala w Kortrijk?"),
        ("denhaag-zuidwest", "Waar is de huisartsenpost in het weekend?"),
        ("oostende", "Gibt es in Stene einen Geldautomaten?"),
        ("oostende", "Wo kann ich in Oostende ein Fahrrad mieten?"),
        ("denhaag-zuidwest", "واش كاين شي حانوت ديال الخضرة ف Bouwlust؟"),
        ("kortrijk", "Де тут можна з'їсти піцу?"),
    ],
)
def test_more_outside_businesses_are_out_of_scope(org: str, text: str) -> None:
    assert _at(text, org).intent == "unknown"


def test_a_hairdresser_is_ours_only_where_the_organisation_has_one() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    ours = _dev3().understand("Is de kapper open op dinsdag?", now=monday)
    assert (ours.intent, ours.activity) == ("activities", "kapper")
    assert _at("Is de kapper open op dinsdag?").intent == "unknown"  # Oostende has none


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("I'd like 2 places for the Christmas brunch", 2),
        ("Drei Plätze für den Weihnachtsbrunch, bitte", 3),
        ("Poproszę dwa miejsca na świąteczny brunch", 2),
        ("Noel brunch için 3 kişilik yer istiyorum", 3),
        ("بغيت مكانين ف الكريسماس برانش", 2),
        ("Schrijf me in voor de kerstbrunch", None),
    ],
)
def test_the_number_of_places_goes_with_the_sign_up(text: str, places: int | None) -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    got = _dev3().understand(text, now=monday)
    assert (got.intent, got.activity, got.date, got.places) == (
        "signup",
        "kerstbrunch",
        None,
        places,
    )


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Schrap me maar voor de lunch van vrijdag", "cancel_signup"),
        ("I won't make it to the chair gym tomorrow", "cancel_signup"),
        ("Bitte streichen Sie mich vom Mittagessen am Freitag", "cancel_signup"),
        ("Kan er iemand mij opbellen? Het gaat over mijn energiefactuur", "help_request"),
        ("Rufen Sie mich bitte zurück, es geht um meine Rente", "help_request"),
        ("What sort of things can you do?", "bot_help"),
        ("Qu'est-ce que tu peux faire pour moi ?", "bot_help"),
        ("Чим ти можеш мені допомогти?", "bot_help"),
        ("إنت بتعمل إيه؟", "bot_help"),
        ("Beni cuma günü Stene'deki öğle yemeğine yazar mısınız?", "signup"),
        ("Bana Türkçe yazar mısın?", "language"),
    ],
)
def test_everyday_phrasings_of_our_intents(text: str, intent: str) -> None:
    assert _at(text).intent == intent


def test_a_letter_from_an_outside_institution_is_our_letters_desk() -> None:
    got = _at("Ik kreeg een brief van de belastingen en ik begrijp hem niet", "kortrijk")
    assert got.intent == "service_desk" and "infobalie" in got.desks
    got = _at("I got a letter from the tax office and I don't understand it", "kortrijk")
    assert got.intent == "service_desk" and "infobalie" in got.desks


@pytest.mark.parametrize(
    ("org", "text"),
    [
        ("oostende", "Wat is het nummer van de brandweer?"),
        ("kortrijk", "Де можна поміняти гроші?"),
        ("kortrijk", "Де найближча заправка?"),
        ("denhaag-zuidwest", "Hoe laat is de vrijdagmarkt open?"),
        ("denhaag-zuidwest", "Gdzie jest kantor wymiany walut?"),
    ],
)
def test_public_services_and_markets_are_out_of_scope(org: str, text: str) -> None:
    assert _at(text, org).intent == "unknown"
