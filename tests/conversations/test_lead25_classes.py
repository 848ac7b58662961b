"""Classes of the session of 2026-12-07, on an invented organisation (kouterbeek.yaml):

- A word a holiday wish uses ("vrolijk kerstfeest", "frohe Weihnachten") still names an
  activity titled by it: "Kerstfeest kaydımı iptal etmek istiyorum" cancels the Kerstfeest,
  in any language the resident writes the organisation's own title in. The wish alone stays
  a greeting.
- Asked in a closure after a holiday, "when does Beekhoek reopen after Christmas?" is this
  closure's end, not next year's Christmas.
- A weak wish to come beside a question of when ("sinema günü ne zaman? eşimle gelmek
  istiyoruz") asks when it is; it books nothing.
- Too few chairs, too crowded, having to stand ("the knitting café needs more chairs, it was
  packed") is feedback, not a question of what is on.
- How long to cook or bake something ("Jak długo gotować pierogi z mięsem?") is a kitchen
  question, out of scope; the Polish "długo" (long) is no "dług" (debt).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest

from conversations.understanding import Understander
from storage.datafile import load_organisation

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).parents[2] / "data"
MONDAY = datetime(2027, 12, 6, 9, 0)


@cache
def _the_hague() -> Understander:
    return Understander(load_organisation(DEMO / "denhaag-zuidwest.yaml"))


@cache
def _kouterbeek() -> Understander:
    return Understander(load_organisation(DATA / "kouterbeek.yaml"))


FEAST_TITLE_CANCELLED = [
    ("tr", "Kerstfeest kaydımı iptal etmek istiyorum, hastayım"),
    ("ar", "ألغِ تسجيلي في Kerstfeest من فضلك"),
    ("pl", "proszę wypisać mnie z Kerstfeest, nie dam rady"),
    ("uk", "скасуйте мій запис на Kerstfeest, будь ласка"),
    ("en", "please take me off the Kerstfeest list, I can't come"),
    ("fr", "annulez mon inscription au Kerstfeest svp"),
    ("de", "bitte streichen Sie mich beim Kerstfeest, ich bin krank"),
    ("nl", "schrijf me uit voor het kerstfeest, ik ben ziek"),
]


@pytest.mark.parametrize(("lang", "text"), FEAST_TITLE_CANCELLED)
def test_a_feast_title_written_in_any_language_is_the_activity(lang: str, text: str) -> None:
    understood = _kouterbeek().understand(text, now=MONDAY, client_language=lang)
    assert (understood.intent, understood.activity) == ("cancel_signup", "kerstfeest")


FEAST_TITLE_BOOKED = [
    ("tr", "Kerstfeest için iki kişilik yer ayırtmak istiyorum"),
    ("ar", "أريد التسجيل في Kerstfeest لشخصين"),
    ("pl", "chcę się zapisać na Kerstfeest"),
    ("uk", "хочу записатися на Kerstfeest"),
]


@pytest.mark.parametrize(("lang", "text"), FEAST_TITLE_BOOKED)
def test_a_feast_title_is_booked_by_name(lang: str, text: str) -> None:
    understood = _kouterbeek().understand(text, now=MONDAY, client_language=lang)
    assert (understood.intent, understood.activity) == ("signup", "kerstfeest")


@pytest.mark.parametrize(
    "text",
    ["vrolijk kerstfeest allemaal!", "Zalig kerstfeest!", "Frohe Weihnachten!", "Iyi Noeller"],
)
def test_the_wish_alone_is_still_a_greeting(text: str) -> None:
    understood = _kouterbeek().understand(text, now=MONDAY)
    assert understood.intent == "greeting"


REOPEN_AFTER_THE_HOLIDAY = [
    ("nl", "wanneer gaat Beekhoek weer open na de kerstvakantie?"),
    ("fr", "Beekhoek rouvre quand après Noël ?"),
    ("de", "Wann öffnet Beekhoek nach Weihnachten wieder?"),
    ("en", "when does Beekhoek reopen after christmas?"),
    ("tr", "Beekhoek Noelden sonra ne zaman tekrar açılıyor?"),
    ("ar", "متى يفتح Beekhoek من جديد بعد عيد الميلاد؟"),
    ("pl", "kiedy Beekhoek znowu otwiera po świętach Bożego Narodzenia?"),
    ("uk", "коли Beekhoek знову відкриється після Різдва?"),
]


@pytest.mark.parametrize(("lang", "text"), REOPEN_AFTER_THE_HOLIDAY)
def test_reopening_after_a_holiday_just_over_is_this_closure_s_end(lang: str, text: str) -> None:
    """Asked on 29 December in the Christmas break (20 December to 4 January): the first day
    open after it, not next year's Christmas."""
    understood = _kouterbeek().understand(
        text, now=datetime(2027, 12, 29, 10, 0), client_language=lang
    )
    assert (understood.intent, understood.centre, understood.date) == (
        "opening_hours",
        "beekhoek",
        date(2028, 1, 5),
    )


WHEN_WITH_A_WISH_TO_COME = [
    ("tr", "brei kafesi ne zaman? eşimle gelmek istiyoruz"),
    ("en", "when is the knitting café? my wife and I would like to come"),
    ("nl", "wanneer is het breicafé? we willen graag komen"),
    ("de", "wann ist das Strickcafé? wir möchten gerne kommen"),
    ("fr", "c'est quand le café tricot ? on aimerait venir avec ma sœur"),
    ("pl", "kiedy jest kawiarnia robótek na drutach? chciałybyśmy przyjść z siostrą"),
    ("uk", "коли буде в'язальне кафе? ми з сестрою хочемо прийти"),
    ("ar", "متى مقهى الحياكة؟ نريد أن نأتي أنا وأختي"),
]


@pytest.mark.parametrize(("lang", "text"), WHEN_WITH_A_WISH_TO_COME)
def test_when_it_is_with_a_wish_to_come_asks_about_it(lang: str, text: str) -> None:
    """ "when is the knitting café? we would like to come": the wish says why; when is asked."""
    understood = _kouterbeek().understand(text, now=MONDAY, client_language=lang)
    assert (understood.intent, understood.activity) == ("activities", "breien-kouter")


NOT_ENOUGH_ROOM = [
    (
        "en",
        "the knitting café in De Kouter needs more chairs, it was packed today and some of us"
        " had to stand",
    ),
    (
        "nl",
        "het breicafé in De Kouter heeft meer stoelen nodig, het was stampvol en een paar van"
        " ons moesten staan",
    ),
    ("fr", "au café tricot il n'y a pas assez de chaises, c'était bondé et on est restés debout"),
    ("de", "beim Strickcafé gibt es zu wenig Stühle, es war überfüllt und einige mussten stehen"),
    ("tr", "brei kafesinde sandalye yetmedi, çok kalabalıktı, bazılarımız ayakta kaldık"),
    ("ar", "في مقهى الحياكة الكراسي لا تكفي، كان مزدحما جدا وبقينا واقفين"),
    ("pl", "na kawiarni robótek było za mało krzeseł, był tłok i musieliśmy stać"),
    ("uk", "у в'язальному кафе не вистачало стільців, було тісно, довелося стояти"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_ENOUGH_ROOM)
def test_too_few_chairs_or_too_crowded_is_feedback(lang: str, text: str) -> None:
    """ "the knitting café needs more chairs, it was packed": how it went, for the staff."""
    understood = _kouterbeek().understand(
        text, now=datetime(2027, 12, 8, 17, 0), client_language=lang
    )
    assert understood.intent == "feedback"


COOKING_TIMES = [
    ("pl", "Jak długo gotować pierogi z mięsem?"),
    ("en", "how long do I boil potatoes for a stew?"),
    ("nl", "hoe lang moet ik spruitjes koken?"),
    ("de", "Wie lange muss ich Kartoffeln kochen?"),
    ("fr", "combien de temps cuire un rôti de porc ?"),
    ("tr", "mantı kaç dakika haşlanır?"),
    ("ar", "كم دقيقة أسلق البيض؟"),
    ("uk", "скільки варити вареники з картоплею?"),
]


@pytest.mark.parametrize(("lang", "text"), COOKING_TIMES)
def test_how_long_to_cook_something_is_out_of_scope(lang: str, text: str) -> None:
    """ "Jak długo gotować pierogi?": a kitchen question, neither the cooking club nor the debts
    desk ("długo", long, is no "dług", debt)."""
    understood = _kouterbeek().understand(text, now=MONDAY, client_language=lang)
    assert understood.intent == "unknown"


@pytest.mark.parametrize(
    "text", ["mam długi, kto mi pomoże?", "mam duży dług za prąd", "spłata długu, gdzie iść?"]
)
def test_polish_debts_still_name_the_debts_desk(text: str) -> None:
    understood = _the_hague().understand(text, now=MONDAY, client_language="pl")
    assert (understood.intent, understood.desks) == ("service_desk", ("debt",))


@pytest.mark.parametrize(
    "text",
    [
        "Is there an Easter egg hunt for the grandchildren this year? Mine are visiting",
        "is there an easter egg hunt at De Kouter?",
    ],
)
def test_an_english_article_before_a_feast_title_is_no_day(text: str) -> None:
    """The English "an" is no German "an" (on): "an Easter egg hunt" names the activity."""
    understood = _kouterbeek().understand(
        text, now=datetime(2028, 3, 20, 10, 0), client_language="en"
    )
    assert (understood.intent, understood.activity, understood.date) == (
        "activities",
        "paaseieren",
        None,
    )
