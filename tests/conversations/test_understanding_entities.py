"""Centres, activities and desks named in residents' words, on all three demo organisations."""

from __future__ import annotations

import pytest

from tests.conversations import NOW, understander


@pytest.mark.parametrize(
    ("org", "text", "centre"),
    [
        ("oostende", "wanneer is mariakerk open", "mariakerke"),
        ("oostende", "Is centum open morgen?", "centrum"),
        ("oostende", "Gibt es morgen Mittagessen im Zentrum?", "centrum"),
        ("oostende", "Is the Centrum centre open on Saturday?", "centrum"),
        ("oostende", "Czy centrum w Zandvoorde jest jutro otwarte?", "zandvoorde"),
        ("oostende", "Коли працює центр Стене?", "stene"),
        ("oostende", "متى يفتح مركز أوبكس؟", "opex"),
        ("denhaag-zuidwest", "I live in 2545, which centre is mine?", "vrederust"),
        ("denhaag-zuidwest", "Ik woon in 2541 AB", "morgenstond"),
        ("kortrijk", "Is Lange Munte open tomorrow?", "lange-munte"),
        ("kortrijk", "Le centre De Zonnewijzer est ouvert quand ?", "zonnewijzer"),
        ("kortrijk", "Is Bisegem open op tweede kerstdag?", "bissegem"),
    ],
)
def test_a_centre_is_found_by_name_alias_typo_or_postcode(
    org: str, text: str, centre: str
) -> None:
    assert understander(org).understand(text, now=NOW).centre == centre


@pytest.mark.parametrize(
    ("text", "centre"),
    [
        # Speech recognition runs words together (transcripts of spoken questions, as heard).
        ("Mani is het ontmoeting centrum in Steneopen op mannen", "stene"),
        ("Matis de Tannen, Smannhazegras", "hazegras"),
        ("wanneer is konterdamopen", "konterdam"),
    ],
)
def test_a_centre_name_run_together_with_another_word_is_found(text: str, centre: str) -> None:
    assert understander().understand(text, now=NOW).centre == centre


def test_a_generic_name_inside_a_word_is_no_run_together_name() -> None:
    # "ontmoetingscentrum" ends in "centrum", but that is the generic word, not the centre.
    assert understander().understand("Waar is het ontmoetingscentrum?", now=NOW).centre is None


def test_the_word_centre_alone_is_not_the_centre_called_centrum() -> None:
    result = understander().understand("Welk centrum is het dichtst bij mij?", now=NOW)
    assert (result.intent, result.centre) == ("nearest_centre", None)


def test_a_postcode_with_three_centres_asks_which_one() -> None:
    result = understander("kortrijk").understand("Ik woon in 8510, waar kan ik naartoe?", now=NOW)
    assert result.intent == "nearest_centre"
    assert result.centre is None
    assert result.postcode == "8510"
    assert set(result.centre_candidates) == {
        "marke",
        "antenne-bellegem",
        "antenne-kooigem",
        "antenne-rollegem",
    }


def test_a_kind_of_centre_lists_the_centres_of_that_kind() -> None:
    result = understander("kortrijk").understand("Wanneer is het sociaal huis open?", now=NOW)
    assert result.centre is None
    assert set(result.centre_candidates) == {
        "antenne-bellegem",
        "antenne-kooigem",
        "antenne-rollegem",
    }


@pytest.mark.parametrize(
    ("org", "text", "activity"),
    [
        ("oostende", "Ik wil me inschrijven voor het kerstdiner", "christmas-lunch"),
        ("oostende", "I'd like to sign up for the computer course", "computer-course"),
        ("oostende", "Sandalye jimnastiğine kaydolmak istiyorum", "chair-gym"),
        ("oostende", "Я хочу записатися на обід у Стене в п'ятницю", "lunch-stene"),
        ("oostende", "Is there a Dutch conversation group?", "dutch-table"),
        ("oostende", "Je voudrais m'inscrire au déjeuner de Noël", "christmas-lunch"),
        ("oostende", "أريد التسجيل في دروس الحاسوب", "computer-course"),
        ("denhaag-zuidwest", "Chcę zapisać się na lekcje jazdy na rowerze", "bike-lessons"),
        ("denhaag-zuidwest", "هل يوجد مقهى لغة؟", "language-cafe"),
        ("kortrijk", "I want to sign up for the tablet course", "tablet-course"),
    ],
)
def test_an_activity_is_found_by_title_translation_or_synonym(
    org: str, text: str, activity: str
) -> None:
    assert understander(org).understand(text, now=NOW).activity == activity


def test_a_kind_named_without_a_centre_leaves_the_choice_between_activities() -> None:
    result = understander().understand("Is er morgen middagmaal?", now=NOW)
    assert result.activity is None
    assert {"lunch-centrum", "lunch-mariakerke", "lunch-stene"} <= set(result.activity_candidates)
    assert "meal" in result.activity_kinds


def test_the_named_centre_picks_its_own_lunch() -> None:
    result = understander().understand("Gibt es morgen Mittagessen im Zentrum?", now=NOW)
    assert result.activity == "lunch-centrum"


def test_a_sitting_day_at_a_named_antenna_is_that_antennas_desk() -> None:
    result = understander("kortrijk").understand("Wanneer is de zitdag in Kooigem?", now=NOW)
    assert result.desks == ("zitdag-kooigem",)


def test_money_worries_find_the_debt_desk() -> None:
    text = "Wanneer is het spreekuur geldzorgen?"
    assert understander("denhaag-zuidwest").understand(text, now=NOW).desks == ("debt",)
