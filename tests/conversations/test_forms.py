"""The form engine reads typed words as the answer to the question asked, or as none."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from conversations import forms
from conversations.answer_words import is_plain_answer
from conversations.forms import Choice, Question
from conversations.payloads import (
    SignupChange,
    SignupCompanions,
    SignupConfirm,
    SignupDate,
    SignupDecline,
    SignupOption,
    SignupTariff,
    SignupTime,
)
from conversations.safety_signals import detect

MEAL = Question(
    "o0",
    "Meal: what would you like?",
    (
        Choice(SignupOption(0, 0), "Standard", ("Standaard", "Standart", "عادي", "Стандартне")),
        Choice(SignupOption(0, 1), "Vegetarian", ("Vegetarisch", "Végétarien", "Vejetaryen")),
        Choice(SignupOption(0, 2), "Low salt", ("Zoutarm", "Pauvre en sel", "Az tuzlu")),
    ),
)
YES_NO = Question(
    "r",
    "Reduced tariff?",
    (
        Choice(SignupTariff(True), "Yes", yes=True),
        Choice(SignupTariff(False), "No", yes=False),
    ),
)
PEOPLE = Question(
    "n", "How many?", tuple(Choice(SignupCompanions(n), str(n), number=n) for n in range(4))
)
WEDNESDAY = datetime(2026, 11, 25, 12, 0)
DAYS = Question(
    "date",
    "Which day?",
    tuple(
        Choice(SignupDate(d), f"{d:%a %d %b}", day=d.date(), at=d.time())
        for d in (WEDNESDAY, datetime(2026, 11, 26, 12, 0), datetime(2026, 12, 2, 12, 0))
    ),
)
TIMES = Question(
    "time",
    "Which time?",
    tuple(
        Choice(SignupTime(datetime(2026, 11, 24, h, m)), f"{h}:{m:02}", at=time(h, m))
        for h, m in ((9, 0), (9, 30), (10, 0))
    ),
)


def payload_of(question: Question, typed: str, day: date | None = None) -> object:
    fitted = forms.fit(question, typed, day)
    return None if fitted is None else fitted.payload


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("vegetarisch graag", 1),
        ("Vegatarisch", 1),  # a typo
        ("VÉGÉTARIEN s'il vous plaît", 1),
        ("vejetaryen", 1),
        ("zoutarm", 2),
        ("az tuzlu lütfen", 2),
        ("gewoon standaard", 0),
        ("عادي", 0),
        ("2", 1),  # the second button
    ],
)
def test_a_meal_is_chosen_by_its_name_in_any_language_or_its_place(typed: str, meant: int) -> None:
    assert payload_of(MEAL, typed) == SignupOption(0, meant)


@pytest.mark.parametrize(
    "typed", ["ja", "Ja graag", "oui", "yes please", "evet", "tak", "так", "نعم", "👍"]
)
def test_yes_in_eight_languages(typed: str) -> None:
    assert payload_of(YES_NO, typed) == SignupTariff(True)


@pytest.mark.parametrize("typed", ["nee", "non merci", "nein", "no", "hayır", "nie", "ні", "لا"])
def test_no_in_eight_languages(typed: str) -> None:
    assert payload_of(YES_NO, typed) == SignupTariff(False)


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("2", 2),
        ("twee", 2),
        ("iki", 2),
        ("deux", 2),
        ("dwa", 2),
        ("два", 2),
        ("met 3", 3),
        ("niemand", 0),
        ("nee", 0),
    ],
)
def test_numbers_as_digits_or_words(typed: str, count: int) -> None:
    assert payload_of(PEOPLE, typed) == SignupCompanions(count)


def test_a_day_named_picks_the_date_and_a_time_picks_the_slot() -> None:
    assert payload_of(DAYS, "woensdag", day=date(2026, 11, 25)) == SignupDate(WEDNESDAY)
    assert payload_of(TIMES, "om 9.30 graag") == SignupTime(datetime(2026, 11, 24, 9, 30))
    assert payload_of(TIMES, "10u") == SignupTime(datetime(2026, 11, 24, 10, 0))


def test_a_phone_number_or_free_text_where_the_question_takes_one() -> None:
    phone = Question("phone", "Your number?", free=forms.PHONE)
    assert forms.fit(phone, "+32 470 12 34 56") == forms.Fitted(text="+32 470 12 34 56")
    assert forms.fit(phone, "my energy bill is too high") is None
    message = Question("message", "What is it about?", free=forms.FREE_TEXT)
    assert forms.fit(message, "energiefactuur") == forms.Fitted(text="energiefactuur")


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        (MEAL, "wanneer is Stene open?"),  # a new question, not a meal
        (MEAL, "vegetarisch of zoutarm"),  # two choices: ask again rather than guess
        (YES_NO, "ja nee"),
        (PEOPLE, "7"),  # not offered
        (DAYS, "zaterdag"),
        (TIMES, "11:00"),
    ],
)
def test_what_does_not_fit_is_no_answer(question: Question, typed: str) -> None:
    day = date(2026, 11, 28) if typed == "zaterdag" else None
    assert forms.fit(question, typed, day) is None


@pytest.mark.parametrize("typed", ["ja", "evet", "tak", "نعم", "oui", "2", "twee", "nee", "👍"])
def test_a_one_word_answer_is_no_crisis(typed: str) -> None:
    # The trained classifier once read "evet" (yes) as suicide and "ja" as violence.
    assert is_plain_answer(typed)
    assert detect(typed) is None


def test_a_crisis_with_a_yes_in_it_is_still_one() -> None:
    assert not is_plain_answer("ja ik wil dood")
    assert detect("ja ik wil dood") is not None


def test_a_change_named_on_the_summary_wins_over_the_no_in_front_of_it() -> None:
    summary = Question(
        "confirm",
        "Shall I sign you up?",
        (
            Choice(SignupConfirm(), "✅ Ja, schrijf me in", yes=True),
            Choice(SignupDecline(), "✖️ Nee", yes=False),
            Choice(SignupChange("o0"), "✏️ Wijzigen: Maaltijd"),
            Choice(SignupChange("date"), "✏️ Wijzigen: dag"),
        ),
    )
    assert payload_of(summary, "nee, de maaltijd wijzigen") == SignupChange("o0")
    assert payload_of(summary, "nee") == SignupDecline()
    assert payload_of(summary, "ja hoor") == SignupConfirm()
