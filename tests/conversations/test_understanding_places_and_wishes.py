"""Second round of issue 14's classes, on the demo organisations (phrasings not in the dev sets).

Naming a place is not naming us: a district, an alias or the city beside a shop, the weather or a
football club is out of scope; only a centre's own name or one of our activities or desks makes
such a question ours. A Turkish ending after a Dutch name is Turkish.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation
from tests.conversations import NOW, understander

DEV_ORG2 = Path(__file__).resolve().parent.parent / "eval" / "dev_org2.yaml"


def _at(text: str, org: str = "oostende"):
    return understander(org).understand(text, now=NOW)


@pytest.mark.parametrize(
    ("org", "text"),
    [
        ("oostende", "hoe laat sluit de slagerij in Mariakerke?"),
        ("oostende", "is there a greengrocer in Konterdam?"),
        ("oostende", "Heeft KV Oostende gisteren gewonnen?"),
        ("oostende", "Où faire les courses à Stene ?"),
        ("kortrijk", "Gibt es in Heule einen Wochenmarkt?"),
        ("kortrijk", "Marke'de bakkal var mı?"),
        ("kortrijk", "Czy w Bissegem jest sklep mięsny?"),
        ("kortrijk", "Де купити продукти в Heule?"),
        ("denhaag-zuidwest", "أين أشتري شجرة الميلاد في Moerwijk؟"),
        ("denhaag-zuidwest", "Moerwijk'te kuaför dışında berber var mı?"),
        ("denhaag-zuidwest", "Is er een kapsalon of drogist in Bouwlust?"),
    ],
)
def test_a_district_beside_something_not_ours_is_out_of_scope(org: str, text: str) -> None:
    assert _at(text, org).intent == "unknown"


@pytest.mark.parametrize(
    ("org", "text", "intent", "centre"),
    [
        ("oostende", "is Mariakerke open on Sunday?", "opening_hours", "mariakerke"),
        ("oostende", "hoe laat sluit het centrum in Konterdam?", "opening_hours", "konterdam"),
        ("kortrijk", "Wo ist das Zentrum in Heule?", "contact", "heule"),
        ("denhaag-zuidwest", "Moerwijk'teki merkezin adresi ne?", "contact", "moerwijk"),
        ("denhaag-zuidwest", "Коли відкривається Bouwlust?", "opening_hours", "bouwlust"),
    ],
)
def test_a_district_that_means_our_centre_still_counts(
    org: str, text: str, intent: str, centre: str
) -> None:
    u = _at(text, org)
    assert (u.intent, u.centre) == (intent, centre)


def test_a_centre_named_by_its_own_name_overrides_a_thing_that_is_not_ours() -> None:
    u = _at("Is er een parking of station dicht bij De Zonnewijzer?", "kortrijk")
    assert u.intent != "unknown"
    assert u.centre == "zonnewijzer"


@pytest.mark.parametrize(
    ("org", "text", "centre"),
    [
        ("oostende", "Stene'deki merkezin telefonu?", "stene"),
        ("kortrijk", "De Zonnewijzer'in adresi ne?", "zonnewijzer"),
        ("denhaag-zuidwest", "Vrederust'a nasıl gidebilirim?", "vrederust"),
    ],
)
def test_a_turkish_ending_after_a_dutch_name_is_turkish(org: str, text: str, centre: str) -> None:
    u = _at(text, org)
    assert (u.language, u.centre) == ("tr", centre)


def test_french_elisions_are_no_turkish_endings() -> None:
    assert _at("Est-ce qu'un centre est ouvert à Stene aujourd'hui ?").language == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "Waarvoor heb ik me allemaal aangemeld?",
        "Which events did I book?",
        "Qu'ai-je réservé pour la semaine prochaine ?",
        "Welche Kurse habe ich gebucht?",
        "Hangi etkinliklere yazıldım?",
        "ما الأنشطة التي حجزتها؟",
        "Gdzie się zapisałam?",
        "Куди я записалася?",
    ],
)
def test_what_i_booked_is_my_sign_ups_not_a_new_sign_up(text: str) -> None:
    assert _at(text).intent == "my_signups"


@pytest.mark.parametrize(
    "text",
    [
        "Hoe kunt u me helpen?",
        "What can you help me with?",
        "En quoi pouvez-vous m'aider ?",
        "Wobei können Sie mir helfen?",
        "Size ne sorabilirim?",
        "بماذا يمكنك مساعدتي؟",
        "W czym możesz mi pomóc?",
        "Чим ви можете допомогти?",
    ],
)
def test_what_the_bot_can_do_is_bot_help(text: str) -> None:
    assert _at(text).intent == "bot_help"


@pytest.mark.parametrize(
    ("org", "text", "centre"),
    [
        ("kortrijk", "Ik ben pas verhuisd naar Heule, bij welk dienstencentrum hoor ik?", "heule"),
        (
            "denhaag-zuidwest",
            "We just moved to Bouwlust: which centre covers my area?",
            "bouwlust",
        ),
        (
            "denhaag-zuidwest",
            "Ich wohne in 2545, welches Zentrum ist für mich zuständig?",
            "vrederust",
        ),
        (
            "denhaag-zuidwest",
            "2541 posta kodunda oturuyorum, benim merkezim hangisi?",
            "morgenstond",
        ),
        ("oostende", "Я переїхала в Stene, який центр відповідає за мене?", "stene"),
    ],
)
def test_where_i_live_names_my_centre(org: str, text: str, centre: str) -> None:
    u = _at(text, org)
    assert (u.intent, u.centre) == ("nearest_centre", centre)


def test_a_postcode_several_centres_serve_asks_which() -> None:
    u = _at("Ik woon in 8501, welk centrum is van mij?", "kortrijk")
    assert u.intent == "nearest_centre"
    assert set(u.centre_candidates) == {"heule", "bissegem"}


@pytest.mark.parametrize(
    ("org", "text"),
    [
        ("oostende", "Kan iemand mij terugbellen over mijn energiefactuur?"),
        ("oostende", "Could someone ring me about my pension, please?"),
        ("kortrijk", "Je m'occupe de mon mari, quelqu'un peut-il venir chez moi ?"),
        ("denhaag-zuidwest", "Können Sie mich zurückrufen? Es geht um meine Schulden."),
        ("denhaag-zuidwest", "Borçlarım hakkında biri beni arayabilir mi?"),
        ("denhaag-zuidwest", "هل يمكن أن يتصل بي أحد بخصوص الاستمارات؟"),
        ("kortrijk", "Czy ktoś może mnie odwiedzić w sprawie rachunków?"),
        ("oostende", "Передзвоніть мені, будь ласка, щодо смартфона"),
    ],
)
def test_a_call_back_naming_a_topic_asks_for_a_person(org: str, text: str) -> None:
    assert _at(text, org).intent == "help_request"


def _zeeveld():
    """The second development organisation: a Friday lunch and a Tuesday soup lunch."""
    return Understander(load_organisation(DEV_ORG2))


@pytest.mark.parametrize(
    ("text", "intent", "activity"),
    [
        ("Bitte streichen Sie mich für das Mittagessen am Freitag", "cancel_signup", "buurtlunch"),
        ("Zet me op de lijst voor de lunch van dinsdag", "signup", "soeplunch"),
        ("Je ne viendrai pas au repas de midi mardi, annulez s'il vous plaît", "cancel_signup",
         "soeplunch"),
        ("Salı öğle yemeğine kaydolmak istiyorum", "signup", "soeplunch"),
    ],
)  # fmt: skip
def test_a_kind_of_activity_with_a_day_is_the_one_on_that_day(
    text: str, intent: str, activity: str
) -> None:
    u = _zeeveld().understand(text, now=NOW)
    assert (u.intent, u.activity) == (intent, activity)


@pytest.mark.parametrize(
    "text",
    ["pedicure volgende dinsdag", "Pedicure on Tuesday please", "Pédicure mardi prochain",
     "Pediküre am Dienstag", "Педикюр у вівторок"],
)  # fmt: skip
def test_an_appointment_activity_with_a_day_books_a_slot(text: str) -> None:
    u = _at(text)
    assert (u.intent, u.activity) == ("signup", "pedicure")


def test_an_appointment_activity_asked_about_is_information() -> None:
    assert _at("Wanneer is er pedicure en wat kost het?").intent == "activities"


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("Moet ik betalen voor de petanque?", "petanque"),
        ("Do I have to pay for the walking club on Wednesday?", "walking-club"),
    ],
)
def test_an_activity_named_beats_a_desk_topic_word(text: str, activity: str) -> None:
    u = _at(text)
    assert u.intent == "activities"
    assert activity in (u.activity, *u.activity_candidates)


@pytest.mark.parametrize(
    ("org", "text", "both"),
    [
        ("oostende", "Is there a walking club or petanque?", {"walking-club", "petanque"}),
        ("oostende", "Gibt es Kartenspiele oder Petanque?", {"card-games", "petanque"}),
        ("denhaag-zuidwest", "Is er een kookgroep of huiswerkbegeleiding?",
         {"cooking-group", "homework"}),
    ],
)  # fmt: skip
def test_a_question_naming_two_activities_lists_both(org: str, text: str, both: set[str]) -> None:
    u = _at(text, org)
    assert u.intent == "activities"
    assert both <= {u.activity, *u.activity_candidates}


@pytest.mark.parametrize(
    "text",
    [
        "Ich habe Schulden und Angst vor den Briefen, wo bekomme ich Hilfe?",
        "I'm in debt and the letters keep coming, who can help?",
        "Borçlarım birikti, mektuplar geliyor, kim yardım eder?",
    ],
)
def test_debts_as_a_situation_reach_the_debts_desk(text: str) -> None:
    u = _at(text, "denhaag-zuidwest")
    assert u.intent == "service_desk"
    assert "debt" in u.desks


@pytest.mark.parametrize(
    "text",
    [
        "is there a car park near De Zonnewijzer?",
        "welke bushalte is dicht bij De Zonnewijzer?",
        "y a-t-il un parking près de De Zonnewijzer ?",
        "Gibt es einen Parkplatz in der Nähe von De Zonnewijzer?",
    ],
)
def test_a_station_or_car_park_near_our_centre_is_the_way_to_it(text: str) -> None:
    u = _at(text, "kortrijk")
    assert u.intent != "unknown"
    assert u.centre == "zonnewijzer"
