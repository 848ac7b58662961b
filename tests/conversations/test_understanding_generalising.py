"""Kinds of question residents ask in ways the lexicon examples do not spell out.

Each group covers one kind of mistake with phrasings in several languages, so a fix has to be
general: the generic word "centrum" used as a name, a postcode every centre shares, Eastern
Arabic digits, "what's on", help with a desk topic, where to go for someone who says where they
live, sign-ups with a day, shifts of a volunteer, suggestions, asking for a language, and
off-topic questions that happen to name a day.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conversations import NOW, understander
from tests.present import present

DIGITAL = {"digital-hazegras", "digital-konterdam"}


def _at(text: str, org: str = "oostende", now: datetime = NOW):
    return understander(org).understand(text, now=now)


@pytest.mark.parametrize(
    ("text", "intent", "day"),
    [
        ("is centrum nu open", "opening_hours", date(2026, 11, 23)),
        ("centrum open morgen?", "opening_hours", date(2026, 11, 24)),
        ("Centrum open on Boxing Day?", "opening_hours", date(2026, 12, 26)),
        ("Is Centrum closed on Christmas?", "opening_hours", date(2026, 12, 25)),
        ("Wann schließt Centrum heute?", "opening_hours", date(2026, 11, 23)),
        ("Centrum açık mı bugün", "opening_hours", date(2026, 11, 23)),
        ("Czy Centrum jest otwarte w sobotę?", "opening_hours", date(2026, 11, 28)),
        ("telefoonnummer centrum", "contact", None),
    ],
)
def test_centrum_used_as_a_name_is_the_centre_called_centrum(
    text: str, intent: str, day: date | None
) -> None:
    result = _at(text)
    assert (result.intent, result.centre, result.date) == (intent, "centrum", day)


@pytest.mark.parametrize(
    ("text", "intent", "centre"),
    [
        ("welk centrum is het dichtst bij mij", "nearest_centre", None),
        ("waar is het dichtstbijzijnde centrum", "nearest_centre", None),
        ("Czy centrum jest najbliżej mnie?", "nearest_centre", None),
        ("is het centrum in Stene open", "opening_hours", "stene"),
        ("wat is het adres van het centrum in Hazegras", "contact", "hazegras"),
        ("welk centrum heeft een lunch", "activities", None),
    ],
)
def test_centrum_as_the_generic_word_names_no_centre(
    text: str, intent: str, centre: str | None
) -> None:
    result = _at(text)
    assert (result.intent, result.centre) == (intent, centre)


@pytest.mark.parametrize(
    "text",
    [
        "Welk ontmoetingscentrum is bij mij in de buurt? Ik woon in 8400",
        "Mieszkam w 8400, które centrum?",
        "Я живу в 8400, який центр мій?",
        "أسكن في ٨٤٠٠، ما هو أقرب مركز؟",
        "postcode 8400",
        "8400",
    ],
)
def test_a_postcode_every_centre_shares_leaves_the_choice(text: str) -> None:
    result = _at(text)
    assert result.intent == "nearest_centre"
    assert result.centre is None
    assert len(result.centre_candidates) == 8


def test_a_postcode_in_eastern_arabic_digits_finds_its_centre() -> None:
    result = _at("أسكن في ٢٥٤٤", "denhaag-zuidwest")
    assert (result.intent, result.centre) == ("nearest_centre", "bouwlust")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("هل مركز Hazegras مفتوح يوم ٢٩ ديسمبر؟", date(2026, 12, 29)),
        ("هل Opex مفتوح في ١٢/٢٩", date(2026, 12, 29)),
        ("هل Stene مفتوح في ٢٦/١٢", date(2026, 12, 26)),
        ("هل Opex مفتوح يوم ۲۹ ديسمبر", date(2026, 12, 29)),  # Persian digits
        ("هل Stene مفتوح في عيد الميلاد المجيد؟", date(2026, 12, 25)),
        ("هل Hazegras مفتوح يوم الخميس", date(2026, 11, 26)),
        ("هل Hazegras مفتوح اليوم", date(2026, 11, 23)),
    ],
)
def test_arabic_dates_in_any_digits_and_holiday_names(text: str, day: date) -> None:
    result = _at(text)
    assert (result.intent, result.date) == ("opening_hours", day)


@pytest.mark.parametrize(
    ("text", "centre"),
    [
        ("anything on at Vuurtorenwijk tomorrow?", "vuurtorenwijk"),
        ("anything going on in Hazegras tomorrow", "hazegras"),
        ("what is on at Opex this week", "opex"),
        ("was ist morgen in Opex los?", "opex"),
        ("qu'est-ce qui se passe à Stene demain ?", "stene"),
        ("Stene'de yarın ne var?", "stene"),
        ("co się dzieje w Opex jutro", "opex"),
        ("що відбувається в Opex завтра", "opex"),
    ],
)
def test_whats_on_at_a_centre_is_activities_not_hours(text: str, centre: str) -> None:
    result = _at(text)
    assert (result.intent, result.centre) == ("activities", centre)


@pytest.mark.parametrize(
    "text",
    [
        "jakie są zajęcia w Stene w piątek",
        "Jakie zajęcia są jutro?",
        "quels cours y a-t-il à Opex ?",
        "Welche Kurse gibt es in Opex?",
        "welke lessen zijn er in Opex",
        "what classes are there at Opex",
        "Які заняття є в Opex?",
        "ما هي الدروس في Opex؟",
        "Hazegras'ta hangi kurslar var?",
    ],
)
def test_generic_words_for_classes_ask_what_is_on_without_a_kind(text: str) -> None:
    result = _at(text)
    assert result.intent == "activities"
    assert result.activity_kinds == ()
    assert result.activity is None


@pytest.mark.parametrize(
    ("org", "text", "activity"),
    [
        ("oostende", "Gibt es einen Computerkurs?", "computer-course"),
        ("oostende", "هل توجد دروس كمبيوتر للمبتدئين؟", "computer-course"),
        ("kortrijk", "is er een tabletcursus", "tablet-course"),
        ("denhaag-zuidwest", "Is er een fietsles?", "bike-lessons"),
        ("oostende", "y a-t-il un repas à Stene", "lunch-stene"),
    ],
)
def test_a_specific_course_or_kind_is_still_found(org: str, text: str, activity: str) -> None:
    result = _at(text, org)
    assert (result.intent, result.activity) == ("activities", activity)


@pytest.mark.parametrize(
    "text",
    [
        "Wo bekomme ich Hilfe beim Online-Banking?",
        "مساعدة في استخدام الهاتف الذكي",
        "akıllı telefonumla yardım lazım",
        "Ich brauche Hilfe mit meinem Handy",
        "I need help with online banking",
        "hulp bij itsme",
        "aide avec itsme",
        "pomoc ze smartfonem",
        "допомога зі смартфоном",
        "أحتاج مساعدة في البريد الإلكتروني",
    ],
)
def test_help_with_a_digital_topic_is_the_digital_help_desk(text: str) -> None:
    result = _at(text)
    assert result.intent == "service_desk"
    assert set(result.desks) == DIGITAL


@pytest.mark.parametrize(
    "text",
    [
        "help me find affordable leisure activities with my UiTPAS",
        "Ik zoek goedkope vrijetijdsactiviteiten met mijn UiTPAS",
        "Wo kann ich mit meinem UiTPAS günstige Freizeitangebote finden?",
        "loisirs pas chers avec l'UiTPAS",
    ],
)
def test_leisure_with_a_uitpas_is_the_leisure_desk(text: str) -> None:
    result = _at(text)
    assert (result.intent, result.desks) == ("service_desk", ("leisure",))


@pytest.mark.parametrize(
    "text",
    [
        "Is er iets voor senioren in Bellegem?",
        "Seniorennamiddag",
        "activités pour les seniors à Bellegem",
        "Gibt es etwas für Senioren?",
        "Yaşlılar için etkinlik var mı?",
    ],
)
def test_an_activity_for_seniors_beats_a_desk_that_mentions_seniors(text: str) -> None:
    result = _at(text, "kortrijk")
    assert (result.intent, result.activity) == ("activities", "senior-action-bellegem")


@pytest.mark.parametrize(
    ("text", "centre"),
    [
        ("ik woon in Kooigem, waar kan ik terecht", "antenne-kooigem"),
        ("I live in Rollegem, where can I go?", "antenne-rollegem"),
        ("J'habite à Heule, où puis-je aller ?", "heule"),
        ("Ich wohne in Marke, wohin kann ich gehen?", "marke"),
        ("Bellegem'de oturuyorum, nereye gidebilirim?", "antenne-bellegem"),
        ("Mieszkam w Bissegem, gdzie mogę pójść?", "bissegem"),
        ("Я живу в Heule, куди мені звернутися?", "heule"),
        ("أسكن في Marke، أين يمكنني الذهاب؟", "marke"),
    ],
)
def test_where_to_go_for_someone_who_says_where_they_live(text: str, centre: str) -> None:
    result = _at(text, "kortrijk")
    assert (result.intent, result.centre) == ("nearest_centre", centre)


def test_where_to_go_with_a_topic_is_still_a_desk_question() -> None:
    result = _at("Ik woon in Rollegem, waar kan ik terecht met vragen over geld?", "kortrijk")
    assert result.intent == "service_desk"


@pytest.mark.parametrize(
    ("org", "text", "intent", "activity", "day"),
    [
        ("kortrijk", "inschrijven middagmaal zonnewijzer vrijdag", "signup",
         "lunch-zonnewijzer", date(2026, 11, 27)),
        ("oostende", "Chcę się zapisać na obiad w Centrum w piątek", "signup",
         "lunch-centrum", date(2026, 11, 27)),
        ("oostende", "I want to book the lunch in Centrum on Friday", "signup",
         "lunch-centrum", date(2026, 11, 27)),
        ("oostende", "Je veux m'inscrire au repas à Centrum jeudi", "signup",
         "lunch-centrum", date(2026, 11, 26)),
        ("oostende", "Запишіть мене на обід у Centrum у четвер", "signup",
         "lunch-centrum", date(2026, 11, 26)),
        ("oostende", "Cuma günü Stene'deki öğle yemeğine kaydolmak istiyorum", "signup",
         "lunch-stene", date(2026, 11, 27)),
        ("kortrijk", "annuler mon repas de vendredi à la Zonnewijzer", "cancel_signup",
         "lunch-zonnewijzer", date(2026, 11, 27)),
        ("oostende", "cancel my lunch at Centrum on Thursday", "cancel_signup",
         "lunch-centrum", date(2026, 11, 26)),
        ("oostende", "Odwołaj mój obiad w Stene w piątek", "cancel_signup",
         "lunch-stene", date(2026, 11, 27)),
    ],
)  # fmt: skip
def test_a_sign_up_or_cancellation_with_a_day_keeps_activity_centre_and_day(
    org: str, text: str, intent: str, activity: str, day: date
) -> None:
    result = _at(text, org)
    assert (result.intent, result.activity, result.date) == (intent, activity, day)
    assert result.centre in (None, *present(understander(org).org.activity(activity)).centres)


@pytest.mark.parametrize(
    "text",
    [
        "Quand est mon prochain créneau de bénévolat ?",
        "Mon prochain créneau ?",
        "Wann ist meine nächste Schicht als Freiwilliger?",
        "when is my next volunteer shift?",
        "wanneer is mijn volgende vrijwilligersshift",
        "mijn volgende dienst als vrijwilliger",
        "Bir sonraki gönüllü vardiyam ne zaman?",
        "Kiedy mam następny dyżur wolontariusza?",
        "Коли моя наступна волонтерська зміна?",
        "متى مناوبتي التطوعية القادمة؟",
    ],
)
def test_a_volunteers_shift_is_shifts_not_becoming_a_volunteer(text: str) -> None:
    assert _at(text).intent == "shifts"


@pytest.mark.parametrize(
    "text",
    ["Je voudrais devenir bénévole", "How can I become a volunteer?", "Gönüllü olmak istiyorum"],
)
def test_becoming_a_volunteer_stays_volunteer(text: str) -> None:
    assert _at(text).intent == "volunteer"


@pytest.mark.parametrize(
    "text",
    [
        "Je voudrais proposer une activité de yoga",
        "I'd like to suggest a yoga class",
        "mijn voorstel is een breiclub",
        "ik wil een activiteit voorstellen",
        "ik heb een idee voor een activiteit",
        "Ich möchte eine Tanzgruppe vorschlagen",
        "Bir yoga etkinliği önermek istiyorum",
        "Chciałbym zaproponować zajęcia z jogi",
        "Хочу запропонувати заняття з йоги",
        "أود أن أقترح نشاط يوغا",
    ],
)
def test_a_suggestion_is_feedback(text: str) -> None:
    assert _at(text).intent == "feedback"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Türkçe yazabilir misiniz?", "tr"),
        ("Können Sie Deutsch?", "de"),
        ("Können Sie Türkisch?", "tr"),
        ("Can you speak Polish?", "pl"),
        ("Parlez-vous français ?", "fr"),
        ("Vous parlez arabe ?", "ar"),
        ("Kunt u Engels?", "en"),
        ("Arapça biliyor musunuz?", "ar"),
        ("Mówi pan po niemiecku?", "de"),
        ("Ви розмовляєте українською?", "uk"),
        ("Можете писати англійською?", "en"),
        ("هل يمكنك الكتابة بالفرنسية؟", "fr"),
    ],
)
def test_asking_whether_the_bot_speaks_a_language_is_a_language_wish(
    text: str, target: str
) -> None:
    result = _at(text)
    assert (result.intent, result.target_language) == ("language", target)


def test_a_language_as_the_topic_of_an_activity_is_no_language_wish() -> None:
    assert _at("Is there a Dutch conversation group?").intent == "activities"


@pytest.mark.parametrize(
    "text",
    [
        "yarın hava nasıl olacak",
        "Quel temps fera-t-il demain",
        "Wie wird das Wetter morgen?",
        "what's the weather like on friday",
        "Will it rain tomorrow?",
        "Is het morgen mooi weer?",
        "jaka będzie pogoda jutro",
        "Чи буде завтра дощ?",
        "كيف سيكون الطقس غدا",
        "when does the tram to Ostend leave tomorrow",
        "hoe laat vertrekt de tram naar Mariakerke",
        "À quelle heure part le tram pour Mariakerke demain ?",
        "Wann fährt der Bus nach Brügge morgen?",
        "wie heeft de voetbalwedstrijd gewonnen",
        "morgen",
        "zaterdag",
        "demain ?",
    ],
)
def test_off_topic_questions_and_a_bare_day_are_not_understood(text: str) -> None:
    assert _at(text).intent == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "is Opex nu open",
        "Opex est ouvert maintenant ?",
        "Ist Opex jetzt offen?",
        "Opex şimdi açık mı",
        "czy Opex jest teraz otwarty",
        "Opex зараз відкритий?",
        "هل Opex مفتوح الآن",
        "is opex open right now",
    ],
)
def test_open_now_asks_about_today(text: str) -> None:
    """ "Now" resolves to today (docs/dates.md "Now"; until 2026-12-06 it gave no date)."""
    result = _at(text, now=datetime(2026, 11, 28, 11, 0, tzinfo=ZoneInfo("Europe/Brussels")))
    assert (result.intent, result.centre, result.date) == (
        "opening_hours",
        "opex",
        date(2026, 11, 28),
    )
