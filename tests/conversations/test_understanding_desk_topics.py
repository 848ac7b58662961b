"""Desks, topics, call-backs and volunteer shifts on an organisation the lexicons never saw.

`data/leievallei.yaml` names its desks in its own words ("Papierwinkel", "Klikpunt",
"Budgetbalie", "Sociaal loket"), mostly only in Dutch, and has an activity whose title is a
compound with an audience word ("Seniorencafé") beside a seniors' desk ("Seniorenwijzer"). Each
group below is one class of question in the eight languages, so a fix has to be general.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation

DATA = Path(__file__).parent / "data" / "leievallei.yaml"
NOW = datetime(2027, 1, 5, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))  # Tuesday 5 January


@cache
def _understander() -> Understander:
    return Understander(load_organisation(DATA))


def _ask(text: str, lang: str):
    return _understander().understand(text, now=NOW, client_language=lang)


@pytest.mark.parametrize(
    ("text", "lang", "desk"),
    [
        ("Wanneer is de Papierwinkel open?", "nl", "papierwinkel"),
        ("Is het Klikpunt in Het Spoor woensdag open?", "nl", "klikpunt"),
        ("Sociaal loket in Kouterhof, wanneer open?", "nl", "sociaal-loket"),
        ("Quand est-ce que la Budgetbalie est ouverte ?", "fr", "budgetbalie"),
        ("Le Point clic est ouvert quand ?", "fr", "klikpunt"),
        ("Wann hat die Papierwinkel in Lindeveld geöffnet?", "de", "papierwinkel"),
        ("When is the Click point open?", "en", "klikpunt"),
        ("What time does the Budgetbalie open on Monday?", "en", "budgetbalie"),
        ("Papierwinkel ne zaman açık?", "tr", "papierwinkel"),
        ("Seniorenwijzer hangi gün açık?", "tr", "seniorenwijzer"),
        ("متى يفتح Klikpunt؟", "ar", "klikpunt"),
        ("Kiedy jest otwarty Sociaal loket?", "pl", "sociaal-loket"),
        ("Коли відкритий Papierwinkel?", "uk", "papierwinkel"),
        ("Papierwinkl open op dinsdag?", "nl", "papierwinkel"),  # a typo of the title
        ("sociaalloket donderdag", "nl", "sociaal-loket"),  # two title words written as one
        # Where a desk named by its title is held is the desk's answer, which says where.
        ("Où se trouve la Papierwinkel ?", "fr", "papierwinkel"),
        ("Де знаходиться Papierwinkel?", "uk", "papierwinkel"),
        ("فين كاين Papierwinkel؟", "ar", "papierwinkel"),
        ("Waar is het Klikpunt?", "nl", "klikpunt"),
    ],
)
def test_a_desk_named_by_its_own_title_answers_that_desk(text: str, lang: str, desk: str) -> None:
    result = _ask(text, lang)
    assert result.intent == "service_desk"
    assert desk in result.desks


@pytest.mark.parametrize(
    ("text", "lang", "centre"),
    [
        ("Is De Vlasbloem open op maandag?", "nl", "vlasbloem"),
        ("Kouterhof est ouvert samedi ?", "fr", "kouterhof"),
        ("When is Het Spoor open?", "en", "het-spoor"),
    ],
)
def test_a_centre_named_alone_still_asks_its_hours(text: str, lang: str, centre: str) -> None:
    result = _ask(text, lang)
    assert (result.intent, result.centre) == ("opening_hours", centre)


def test_where_a_centre_is_still_asks_for_its_address() -> None:
    result = _ask("Waar ligt Kouterhof?", "nl")
    assert (result.intent, result.centre) == ("contact", "kouterhof")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Is er donderdag een seniorencafé?", "nl"),
        ("Wanneer is het seniorencafe in Het Spoor?", "nl"),
        ("Y a-t-il un Seniorencafé jeudi ?", "fr"),
        ("Wann ist das Seniorencafé?", "de"),
        ("Is the Seniorencafé on this Thursday?", "en"),
    ],
)
def test_an_activity_title_compound_with_an_audience_word_is_that_activity(
    text: str, lang: str
) -> None:
    result = _ask(text, lang)
    assert result.intent == "activities"
    assert result.activity == "seniorencafe" or "seniorencafe" in result.activity_candidates


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Is er een seniorenbal op 17 december?", "nl"),
        ("seniorenbal donderdag 17 december in De Vlasbloem?", "nl"),
        ("Gibt es am 17. Dezember einen Seniorenbal?", "de"),
    ],
)
def test_a_compound_title_beats_a_desk_named_by_its_first_part(text: str, lang: str) -> None:
    """The seniors' desk is "Beratung für Senioren" in German: "Seniorenbal" holds that word
    only as its first part, and is the whole title of the ball."""
    result = _ask(text, lang)
    assert (result.intent, result.activity) == ("activities", "seniorenbal")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("wanneer moet ik werken als vrijwilliger?", "nl"),
        ("wanneer moet ik volgende week werken als vrijwilliger", "nl"),
        ("Quand est-ce que je travaille comme bénévole la semaine prochaine ?", "fr"),
        ("Wann muss ich als Ehrenamtlicher nächste Woche arbeiten?", "de"),
        ("When am I working as a volunteer next week?", "en"),
        ("gönüllü olarak ne zaman çalışıyorum?", "tr"),
        ("متى نخدم كمتطوع هاد الأسبوع؟", "ar"),
        ("kiedy pracuję jako wolontariusz w przyszłym tygodniu?", "pl"),
        ("коли я працюю волонтером наступного тижня?", "uk"),
    ],
)
def test_a_volunteer_asking_when_they_work_asks_for_their_shifts(text: str, lang: str) -> None:
    assert _ask(text, lang).intent == "shifts"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Op welke dagen werk ik volgende week?", "nl"),
        ("Je travaille quel jour la semaine prochaine ?", "fr"),
        ("An welchen Tagen arbeite ich nächste Woche?", "de"),
        ("What days am I working this month?", "en"),
        ("gelecek hafta hangi günler çalışıyorum?", "tr"),
        ("اشمن نهار نخدم السيمانة الجاية؟", "ar"),
        ("W jakie dni pracuję w przyszłym tygodniu?", "pl"),
        ("В які дні я працюю наступного тижня?", "uk"),
        ("Jakie są moje zmiany w tym miesiącu?", "pl"),  # "my shifts", not "my changes"
    ],
)
def test_asking_when_i_work_with_nothing_of_ours_named_asks_for_shifts(
    text: str, lang: str
) -> None:
    """Only a volunteer works here: "when do I work" needs no word for a volunteer."""
    assert _ask(text, lang).intent == "shifts"


@pytest.mark.parametrize(
    ("text", "lang", "intent"),
    [
        ("W jakie dni pracuje Kouterhof?", "pl", "opening_hours"),  # "works": is open
        ("Коли працює Het Spoor?", "uk", "opening_hours"),
    ],
)
def test_a_centre_that_works_is_open(text: str, lang: str, intent: str) -> None:
    assert _ask(text, lang).intent == intent


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ik wil graag werken als vrijwilliger", "nl"),
        ("I would like to work as a volunteer", "en"),
        ("Je voudrais travailler comme bénévole", "fr"),
        ("chcę pracować jako wolontariusz", "pl"),
    ],
)
def test_wanting_to_work_as_a_volunteer_is_joining(text: str, lang: str) -> None:
    assert _ask(text, lang).intent == "volunteer"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kan iemand mij terugbellen? Het gaat over mijn huurcontract.", "nl"),
        ("graag een telefoontje van een medewerker, ik heb een vraag over mijn uitkering", "nl"),
        ("Pouvez-vous me rappeler ? J'ai un souci avec mes allocations.", "fr"),
        ("Bitte rufen Sie mich zurück, es geht um meine Rente.", "de"),
        ("Could someone phone me about my benefits, please?", "en"),
        ("Beni arayabilir misiniz, kira yardımı hakkında bir sorum var", "tr"),
        ("بغيت شي واحد يتصل بيا على قبل المنحة ديالي", "ar"),
        ("proszę o telefon, mam pytanie o emeryturę", "pl"),
        ("Niech ktoś do mnie oddzwoni w sprawie czynszu", "pl"),
        ("Зателефонуйте мені, будь ласка, у мене питання щодо пенсії", "uk"),
    ],
)
def test_a_call_back_with_a_topic_asks_for_a_person(text: str, lang: str) -> None:
    assert _ask(text, lang).intent == "help_request"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ik kreeg een brief van de belastingen en snap hem niet", "nl"),
        ("Waar kan ik terecht met mijn aanslagbiljet?", "nl"),
        ("J'ai reçu un courrier des impôts, qui peut m'aider ?", "fr"),
        ("Ich habe einen Steuerbescheid bekommen und verstehe ihn nicht", "de"),
        ("I got a letter from the tax office, where can I get help?", "en"),
        ("Vergi dairesinden mektup geldi, anlamıyorum", "tr"),
        ("وصلتني رسالة من الضرائب وما فهمتهاش", "ar"),
        ("Dostałem pismo z urzędu skarbowego, gdzie mi pomogą?", "pl"),
        ("Мені прийшов лист із податкової, де допоможуть?", "uk"),
    ],
)
def test_a_tax_letter_goes_to_the_papers_desk(text: str, lang: str) -> None:
    result = _ask(text, lang)
    assert result.intent == "service_desk"
    assert "papierwinkel" in result.desks


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ik heb hulp nodig met mijn smartphone", "nl"),
        ("itsme lukt niet op mijn gsm, wie helpt mij?", "nl"),
        ("J'ai besoin d'aide avec l'application de ma banque", "fr"),
        ("Wer hilft mir mit itsme auf dem Handy?", "de"),
        ("I need help with my banking app", "en"),
        ("Telefonuma itsme kuramıyorum, yardım lazım", "tr"),
        ("محتاج مساعدة في تطبيق البنك على التيليفون", "ar"),
        ("Potrzebuję pomocy z telefonem", "pl"),
        ("Де мені допоможуть зі смартфоном і itsme?", "uk"),
        # The tablet café has "tablet" in its title; help with a tablet is still the desk's.
        ("Ik heb hulp nodig met mijn tablet", "nl"),
        ("Qui peut m'aider avec ma tablette ?", "fr"),
        ("Wer hilft mir mit meinem Tablet?", "de"),
        ("Where can I get help with my tablet?", "en"),
        ("Tabletim için yardım lazım", "tr"),
        ("أحتاج مساعدة في التابلت", "ar"),
        ("Gdzie dostanę pomoc z tabletem?", "pl"),
        ("Де можна отримати допомогу з планшетом?", "uk"),
    ],
)
def test_smartphone_and_app_help_goes_to_the_digital_desk(text: str, lang: str) -> None:
    result = _ask(text, lang)
    assert result.intent == "service_desk"
    assert "klikpunt" in result.desks


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Is er een gsm-cursus voor beginners?", "nl"),
        ("Y a-t-il un cours de smartphone ?", "fr"),
        ("Is there a phone class for beginners?", "en"),
    ],
)
def test_a_course_on_the_same_topic_is_still_the_activity(text: str, lang: str) -> None:
    result = _ask(text, lang)
    assert (result.intent, result.activity) == ("activities", "gsm-klas")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wanneer is het tabletcafé?", "nl"),
        ("Le Tabletcafé, c'est quand ?", "fr"),
        ("When is the tablet café?", "en"),
    ],
)
def test_an_activity_named_by_its_title_is_not_the_desk_of_its_topic(text: str, lang: str) -> None:
    result = _ask(text, lang)
    assert (result.intent, result.activity) == ("activities", "tabletcafe")
