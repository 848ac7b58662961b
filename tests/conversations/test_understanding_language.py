"""Which language the bot answers in."""

from __future__ import annotations

import pytest

from tests.conversations import NOW, understander


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Merhaba", "tr"),
        ("Dank je", "nl"),
        ("Bonjour", "fr"),
        ("Cześć", "pl"),
        ("Привіт", "uk"),
        ("مرحبا", "ar"),
        ("Guten Tag", "de"),
        ("Thanks a lot", "en"),
    ],
)
def test_a_one_word_greeting_is_answered_in_its_own_language(text: str, language: str) -> None:
    assert understander().understand(text, now=NOW).language == language


def test_a_dutch_place_name_does_not_make_an_english_question_dutch() -> None:
    result = understander().understand("Is the Stene centre open on Saturday?", now=NOW)
    assert result.language == "en"


def test_place_names_alone_leave_the_choice_to_the_client_language() -> None:
    result = understander().understand("Mariakerke", now=NOW, client_language="en-GB")
    assert result.language == "en"
    assert result.centre == "mariakerke"


def test_a_word_two_languages_share_follows_the_client_language() -> None:
    assert understander().understand("Hallo", now=NOW, client_language="de").language == "de"


def test_an_unclear_message_without_client_language_gets_the_organisation_default() -> None:
    assert understander().understand("Hallo", now=NOW).language == "nl"


def test_an_unsupported_client_language_is_ignored() -> None:
    assert understander().understand("Stene?", now=NOW, client_language="pt-BR").language == "nl"


def test_the_language_a_resident_chose_wins_over_the_message() -> None:
    result = understander().understand("Hello", now=NOW, chosen_language="pl")
    assert result.language == "pl"


def test_asking_for_french_answers_in_french() -> None:
    result = understander().understand("Kan ik dit in het Frans krijgen?", now=NOW)
    assert (result.intent, result.target_language, result.language) == ("language", "fr", "fr")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("In English please", "en"),
        ("Türkçe lütfen", "tr"),
        ("Czy możemy rozmawiać po polsku?", "pl"),
        ("Можна українською мовою?", "uk"),
        ("هل يمكن أن نتحدث بالعربية؟", "ar"),
        ("Können wir auf Deutsch sprechen?", "de"),
    ],
)
def test_a_resident_can_ask_for_another_language_in_any_language(text: str, target: str) -> None:
    result = understander().understand(text, now=NOW)
    assert (result.intent, result.target_language) == ("language", target)


def test_a_language_course_is_no_request_to_change_language() -> None:
    result = understander("denhaag-zuidwest").understand("هل يوجد مقهى لغة؟", now=NOW)
    assert result.intent == "activities"


@pytest.mark.parametrize(
    "text",
    [
        "when is the dutch language café",
        "Gdzie mogę poćwiczyć niderlandzki?",
        "هل هناك دروس في اللغة الهولندية؟",
        "table de conversation en néerlandais",
        "Do you have Dutch lessons?",
        "I want to learn Dutch",
        "cours de néerlandais",
        "Wo kann ich Niederländisch üben?",
        "Hollandaca kursu var mı?",
        "Є курси нідерландської мови?",
    ],
)
def test_a_language_named_as_a_subject_is_no_request_to_switch(text: str) -> None:
    result = understander().understand(text, now=NOW, client_language="nl")
    assert result.target_language is None, result
    assert result.intent != "language" or result.target_language is None


@pytest.mark.parametrize(
    "text",
    [
        "I don't speak Dutch",
        "Ik spreek geen Nederlands",
        "Nie mówię po niderlandzku",
        "Hollandaca bilmiyorum",
        "لا أتكلم الهولندية",
        "Я не розмовляю нідерландською",
    ],
)
def test_saying_one_does_not_speak_a_language_never_switches_to_it(text: str) -> None:
    result = understander().understand(text, now=NOW, client_language="nl")
    assert result.target_language is None
    assert result.language != "nl" or text.startswith("Ik")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Français", "fr"),
        ("English please", "en"),
        ("po polsku proszę", "pl"),
        ("بالعربية من فضلك", "ar"),
        ("Kunnen we in het Nederlands verdergaan?", "nl"),
        ("spreekt u Engels?", "en"),
    ],
)
def test_an_explicit_request_still_switches(text: str, target: str) -> None:
    result = understander().understand(text, now=NOW, client_language="nl")
    assert (result.intent, result.target_language, result.language) == (
        "language",
        target,
        target,
    )
