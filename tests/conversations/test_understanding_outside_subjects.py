"""An hours, price or where question about a thing that is not ours is out of scope (issue 14).

No list of outside nouns decides these: none of the shops, places and things below is in any
lexicon. A question is about us when it names or implies our centres, activities or desks, or
nothing else at all ("is it open tomorrow?"); a word the bot knows nothing of, with nothing of
ours named, is the question's subject, and an area of ours named as where that thing is ("the
fishmonger in Stene") does not make it ours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation
from tests.conversations import NOW, understander

DATA = Path(__file__).parent / "data"


def _intent(text: str, org: str = "oostende") -> str:
    return understander(org).understand(text, now=NOW).intent


@pytest.mark.parametrize(
    "text",
    [
        "Wanneer is de viswinkel in Stene open?",
        "Is de bakker in Mariakerke zondag open?",
        "hoe laat gaat de ijssalon open in de zomer?",
        "hoeveel kost een nieuwe bril?",
        "zijn de strandbars open in de winter?",
        "À quelle heure ouvre la boulangerie de Mariakerke le dimanche ?",
        "Combien coûte une coupe chez le coiffeur du coin ?",
        "Quels sont les horaires du musée ?",
        "Wann hat die Eisdiele in Stene geöffnet?",
        "Wo kann ich in Ostende günstig Schuhe kaufen?",
        "Hat das Fischgeschäft am Sonntag offen?",
        "Is the fishmonger in Stene open on Sunday?",
        "When does the ice cream parlour open in summer?",
        "Where can I get good mussels in Ostend?",
        "Are the beach huts open in winter?",
        "What time does the laundrette in Konterdam close?",
        "Mariakerke'deki fırın pazar günü açık mı?",
        "Balıkçı kaçta açılıyor?",
        "Kuaför salonu cumartesi açık mı?",
        "متى يفتح محل السمك في ستين؟",
        "واش الحانوت ديال الخضرة محلول نهار الأحد؟",
        "Kiedy otwarta jest piekarnia w Mariakerke?",
        "Czy sklep rybny jest otwarty w niedzielę?",
        "Коли відкривається пекарня в Стене?",
        "Чи працює рибний магазин у неділю?",
        "Чи відкриті пляжні бари взимку?",
    ],
)
def test_hours_price_and_where_questions_about_other_things_are_out_of_scope(text: str) -> None:
    assert _intent(text) == "unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Is het morgen open?", "opening_hours"),
        ("wanneer zijt ge open?", "opening_hours"),
        ("Ist Stene am Freitagnachmittag offen?", "opening_hours"),
        ("Hoe laat gaat Mariakerke dicht vandaag?", "opening_hours"),
        ("Vous êtes ouverts dimanche ?", "opening_hours"),
        ("What time do you close tonight?", "opening_hours"),
        ("Stene yarın açık mı?", "opening_hours"),
        ("Kiedy jest otwarte w Stene?", "opening_hours"),
        ("Коли працює Стене завтра?", "opening_hours"),
        ("واش ستين محلول غدا؟", "opening_hours"),
        ("how much is the lunch?", "activities"),
        ("Was kostet das Mittagessen in Stene?", "activities"),
        ("Скільки коштує обід?", "activities"),
        ("بشحال الغدا؟", "activities"),
        ("Wat is er te doen in Stene deze week?", "activities"),
        ("Where is the centre in Mariakerke?", "contact"),
        ("Gdzie jest centrum w Stene?", "contact"),
        ("Où se trouve le centre de Stene ?", "contact"),
        ("is er een centrum in de buurt?", "nearest_centre"),
    ],
)
def test_the_same_questions_about_us_keep_their_intent(text: str, intent: str) -> None:
    assert _intent(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "Is Stene open? Ik wil er met mijn kleinzoon naartoe",
        "Ist Bouwlust am Freitagnachmittag offen?",
        "Czy w Bouwlust można wjechać wózkiem?",
    ],
)
def test_an_area_of_ours_as_the_subject_is_our_centre(text: str) -> None:
    org = "oostende" if "Stene" in text else "denhaag-zuidwest"
    assert _intent(text, org) in ("opening_hours", "contact")


def test_the_city_s_name_alone_is_no_centre_whose_name_contains_it(tmp_path: Path) -> None:
    """ "Zevenhuizen" of "Buurthuis Zevenhuizen-Oost": the bare city name names no centre,
    so the bakery in the city is no question about that centre."""
    text = (DATA / "many_centres.yaml").read_text(encoding="utf-8")
    text = text.replace("nl: Buurthuis Oost", "nl: Buurthuis Zevenhuizen-Oost")
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    reader = Understander(load_organisation(path))
    named = reader.understand("Is Zevenhuizen-Oost morgen open?", now=NOW)
    assert (named.intent, named.centre) == ("opening_hours", "oost")
    found = reader.understand("Zevenhuizen'de Türk fırını pazar açık mı?", now=NOW)
    assert (found.intent, found.centre) == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hollandaca konuşalım lütfen", "nl"),
        ("Benimle İngilizce konuşun lütfen", "en"),
        ("Kunnen we Nederlands praten?", "nl"),
        ("Laten we Frans spreken", "fr"),
        ("Parlons néerlandais s'il vous plaît", "nl"),
        ("Lass uns Deutsch sprechen", "de"),
        ("Können wir Englisch reden?", "en"),
        ("Can we talk in French?", "fr"),
        ("Porozmawiajmy po polsku", "pl"),
        ("Можемо спілкуватися нідерландською?", "nl"),
        ("ممكن نتكلم بالهولندية؟", "nl"),
    ],
)
def test_let_us_speak_a_language_asks_the_bot_to_speak_it(text: str, language: str) -> None:
    """A verb of speaking or "let us" beside a language's name is about the conversation,
    not the language café the name also points to."""
    found = understander().understand(text, now=NOW)
    assert (found.intent, found.target_language) == ("language", language)


@pytest.mark.parametrize(
    "text",
    [
        "Merci pour tout, au revoir",
        "جزاك الله خيرا",
        "بارك الله فيكم",
        "Allah razı olsun",
        "Bedankt voor alles, tot ziens",
        "Danke für alles, auf Wiedersehen",
        "Thanks for everything, take care",
        "Dziękuję za wszystko, do zobaczenia",
        "Дякую за все, до побачення",
    ],
)
def test_thanks_and_goodbye_in_every_language(text: str) -> None:
    assert _intent(text) == "thanks"


@pytest.mark.parametrize(
    "text",
    [
        "Czy jarmark bożonarodzeniowy jest otwarty w niedzielę?",
        "Noel köyü pazar günü açık mı?",
        "Чи працює різдвяне містечко в неділю?",
        "Is the Christmas village open on Sunday?",
        "Le village de Noël est ouvert dimanche ?",
    ],
)
def test_opening_hours_of_a_thing_named_after_an_activity_s_kind_are_not_ours(text: str) -> None:
    """Opening hours are our centres': the Christmas lunch does not make a Christmas market
    or village ours."""
    assert _intent(text) == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "Hoe laat sluit de computerwinkel?",
        "Is de kerstmarkt op zondag open?",
        "Bis wann hat der Weihnachtsmarkt offen?",
        "Wann öffnet der Handyladen in Stene?",
    ],
)
def test_a_dutch_or_german_compound_ending_in_an_outside_thing_is_that_thing(text: str) -> None:
    assert _intent(text) == "unknown"


def test_shoes_are_no_feet() -> None:
    """Turkish "ayakkabı" (shoe) starts like "ayak" (foot): a shoe repairer is no pedicure."""
    assert _intent("Stene'de ayakkabı tamircisi var mı?") == "unknown"
    assert understander().understand("ayaklarım için bakım var mı", now=NOW).activity == (
        "pedicure"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Êtes-vous ouverts pendant les vacances de Noël ?",
        "Noel tatilinde açık mısınız?",
        "Ist Stene in den Weihnachtsferien offen?",
        "Are you open during the Christmas holidays?",
        "Goedemorgen, ik had graag geweten of Stene morgen open is",
        "Bonjour, je voulais savoir si Stene est ouvert aujourd'hui",
        "Merhaba, acaba Stene bugün açık mı diye soracaktım",
        "Dzień dobry, chciałam zapytać, czy Stene jest dziś otwarte",
        "Добрий день, хотіла спитати, чи працює Стене сьогодні",
        "سلام، بغيت نعرف واش ستين محلول اليوم",
    ],
)
def test_everyday_words_around_an_hours_question_name_nothing_else(text: str) -> None:
    """Holidays, politeness and "I wanted to ask" are no outside thing: the question stays
    ours. Dutch "of Stene" is "whether Stene", not "of Stene" where a thing would be."""
    assert _intent(text) == "opening_hours"


@pytest.mark.parametrize(
    "text",
    [
        "Waar kan ik het scherm van mijn gsm laten herstellen?",
        "Combien coûte la réparation d'un écran de téléphone ?",
        "Was kostet eine Handy-Reparatur?",
        "How much does a phone screen repair cost?",
        "Telefon ekranı tamiri ne kadar?",
        "بشحال إصلاح شاشة التلفون؟",
        "Ile kosztuje naprawa ekranu telefonu?",
        "Скільки коштує ремонт екрана телефону?",
    ],
)
def test_a_repair_is_a_business_elsewhere_unless_ours(text: str) -> None:
    """Repairing a phone is a shop's work; our digital desk helps with using it (a Repair Café
    with the `repair` kind would make the same question ours)."""
    assert _intent(text) == "unknown"


def test_a_repair_cafe_of_ours_makes_repairs_ours(tmp_path: Path) -> None:
    """An activity of the `repair` kind (a Repair Café) makes a repair question ours."""
    text = (DATA / "many_centres.yaml").read_text(encoding="utf-8")
    assert "kinds: [meal, lunch]" in text
    path = tmp_path / "org.yaml"
    path.write_text(text.replace("kinds: [meal, lunch]", "kinds: [repair]"), encoding="utf-8")
    reader = Understander(load_organisation(path))
    question = "Where can I get my phone repaired?"
    assert reader.understand(question, now=NOW).intent == "activities"
    assert _intent(question) == "unknown"
