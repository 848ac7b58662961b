"""Classes of the session of 2026-12-07 (morning), found on work set 30 and set 27:

- A short day name that is an everyday word ("mer", "sam", "di") ends a sentence with a dot
  after an article: "ma fille m'emmène à la mer." names no Wednesday. "mer. 14" still does.
- Arabic dialects say "my" with a word after the noun ("التسجيلات تبعي", "المواعيد ديالي",
  "البيانات حقي", "الحجوزات بتاعتي"); standard Arabic writes it as an ending ("تسجيلاتي",
  "رسالتي"). Both read as the noun with "my": one's own sign-ups, one's own data, and a noun
  with the ending still names its topic ("رسالتي", my letter: the forms desk).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation

DEMO = Path(__file__).parents[2] / "data"
MONDAY = datetime(2027, 4, 12, 8, 15)


@cache
def _demo(name: str) -> Understander:
    return Understander(load_organisation(DEMO / f"{name}.yaml"))


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, pouvez-vous annuler ma place à la gym sur chaise lundi prochain, ma fille "
        "m'emmène à la mer. Merci",
        "annulez la gym sur chaise de lundi prochain svp, on part à la mer.",
    ],
)
def test_a_short_day_name_after_an_article_ending_a_sentence_is_no_day(text: str) -> None:
    understood = _demo("oostende").understand(text, now=MONDAY, client_language="fr")
    assert (understood.intent, understood.activity, understood.date, understood.until) == (
        "cancel_signup",
        "chair-gym",
        date(2027, 4, 19),
        None,
    )


def test_a_short_day_name_with_its_dot_and_a_number_is_still_that_day() -> None:
    understood = _demo("oostende").understand(
        "le centre de Stene est ouvert mer. 14 ?", now=MONDAY, client_language="fr"
    )
    assert (understood.intent, understood.date) == ("opening_hours", date(2027, 4, 14))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ارني التسجيلات تبعي من فضلك", "my_signups"),
        ("وين المواعيد ديالي؟ نسيت", "my_signups"),
        ("شو هي الحجوزات بتاعتي", "my_signups"),
        ("بدي امسح البيانات تبعي", "privacy"),
        ("بغيت نمسح المعلومات ديالي", "privacy"),
    ],
)
def test_arabic_my_said_with_a_word_after_the_noun(text: str, intent: str) -> None:
    understood = _demo("denhaag-zuidwest").understand(text, now=MONDAY, client_language="ar")
    assert understood.intent == intent


@pytest.mark.parametrize("text", ["ما فهمت رسالتي من البلدية", "ما فهمت الرسالة تبعي من البلدية"])
def test_an_arabic_noun_with_my_still_names_its_topic(text: str) -> None:
    understood = _demo("denhaag-zuidwest").understand(text, now=MONDAY, client_language="ar")
    assert (understood.intent, understood.desks) == ("service_desk", ("forms",))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "zijn de poorten van het kerkhof open op allerheiligen?"),
        ("nl", "wat is het beste moment om in Utrecht de Dom te beklimmen?"),
        ("en", "I'm calling about the black cat I found"),
    ],
)
def test_a_frequent_real_word_is_never_read_as_a_typo_of_ours(lang: str, text: str) -> None:
    """ "poorten" (gates) is no "sporten", "Utrecht" no "terecht", "black" no "back": things
    outside us stay outside us."""
    understood = _demo("oostende").understand(
        text, now=datetime(2027, 10, 25, 10, 0), client_language=lang
    )
    assert understood.intent == "unknown"


PHARMACY_ON_DUTY = [
    ("ar", "في صيدلية مناوبة في اوستند الليلة؟"),
    ("ar", "وين الصيدلية المناوبة اليوم؟"),
    ("ar", "بدي دكتور مناوب بالويكند"),
    ("tr", "bu gece nöbetçi eczane hangisi?"),
    ("fr", "quelle pharmacie est de garde ce soir ?"),
    ("pl", "która apteka ma dziś dyżur w nocy?"),
]


@pytest.mark.parametrize(("lang", "text"), PHARMACY_ON_DUTY)
def test_a_pharmacy_or_doctor_on_duty_is_not_a_volunteer_s_shift(lang: str, text: str) -> None:
    """ "صيدلية مناوبة" (a pharmacy on duty): the word is the one for a shift, but it is the
    pharmacy's night service, not ours."""
    understood = _demo("oostende").understand(text, now=MONDAY, client_language=lang)
    assert understood.intent == "unknown"


@pytest.mark.parametrize("text", ["متى مناوبتي؟", "عندي مناوبة هالاسبوع؟"])
def test_a_volunteer_s_own_shift_is_still_a_shift(text: str) -> None:
    understood = _demo("oostende").understand(text, now=MONDAY, client_language="ar")
    assert understood.intent == "shifts"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("gdzie mogę zapisać syna do klubu piłkarskiego w Oostende?", "unknown"),
        ("czy jest klub piłkarski dla dzieci w mieście?", "unknown"),
        ("chcę zapisać się na gimnastykę na krześle", "signup"),
    ],
)
def test_a_polish_football_club_is_not_ours(text: str, intent: str) -> None:
    understood = _demo("oostende").understand(text, now=MONDAY, client_language="pl")
    assert understood.intent == intent
