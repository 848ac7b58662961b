"""Residents' journeys through the full bot on the Oostende data, over HTTP like on Telegram.

The assertions are loose about wording (the conversations own it) and strict about what the
Telegram client gets: which calls, which buttons, which chat.
"""

from __future__ import annotations

from telegram.ext import Application

from conversations.payloads import Consent, Contact, Desks, Help, Hours, Language, WhatsOn

from .botapi_double import BotApiDouble

RESIDENT = 4242
FRENCH_RESIDENT = 4343
MENU_PAYLOADS = {Hours(), WhatsOn(), Desks(), Contact(), Help(), Language()}


async def test_first_contact_start_gets_a_welcome_and_the_menu(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_command(RESIDENT, "start")
    (welcome,) = await api.wait_for_sent(RESIDENT)
    assert "Oostende" in welcome.text
    assert set(welcome.payloads()) >= MENU_PAYLOADS


async def test_first_contact_in_french_names_the_organisation_in_french(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_command(FRENCH_RESIDENT, "start", language_code="fr")
    (welcome,) = await api.wait_for_sent(FRENCH_RESIDENT)
    assert "Ostende" in welcome.text


async def test_resident_finds_opening_hours_through_the_menu_buttons(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_command(RESIDENT, "start")
    await api.wait_for_sent(RESIDENT)
    api.queue_callback(RESIDENT, Hours())
    _, which = await api.wait_for_sent(RESIDENT, 2)
    assert len(api.calls_of("answerCallbackQuery")) == 1
    centre_button = Hours("centrum")
    assert centre_button in which.payloads()
    api.queue_callback(RESIDENT, centre_button)
    *_, hours = await api.wait_for_sent(RESIDENT, 3)
    assert len(api.calls_of("answerCallbackQuery")) == 2
    assert "9:00" in hours.text and "17:00" in hours.text


async def test_question_about_hours_in_free_text_is_answered_with_the_hours(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_text(RESIDENT, "Wat zijn de openingsuren van Centrum?")
    (answer,) = await api.wait_for_sent(RESIDENT)
    assert "Centrum" in answer.text
    assert "9:00" in answer.text and "17:00" in answer.text


async def test_resident_chooses_a_language_from_the_buttons(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_command(RESIDENT, "language")
    (choice,) = await api.wait_for_sent(RESIDENT)
    offered = {p.code for p in choice.payloads() if isinstance(p, Language) and p.code}
    assert offered == {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}
    api.queue_callback(RESIDENT, Language("fr"))
    await api.wait_for_sent(RESIDENT, 2)
    api.queue_callback(RESIDENT, Consent("fr"))  # a language is only remembered with consent
    await api.wait_for_sent(RESIDENT, 3)
    api.queue_command(RESIDENT, "start", language_code="nl")
    *_, welcome = await api.wait_for_sent(RESIDENT, 4)
    assert "Ostende" in welcome.text  # the chosen language wins over the client's


async def test_commands_are_published_in_all_eight_languages_with_the_menu_button(
    api: BotApiDouble, bot: Application
) -> None:
    languages = {c.params.get("language_code") for c in api.calls_of("setMyCommands")}
    assert languages >= {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}
    for call in api.calls_of("setMyCommands"):
        assert {"start", "menu", "help"} <= {c["command"] for c in call.params["commands"]}
    assert api.calls_of("setChatMenuButton")[0].params["menu_button"] == {"type": "commands"}


async def test_arabic_resident_gets_plain_text_that_telegram_shows_right_to_left(
    api: BotApiDouble, bot: Application
) -> None:
    api.queue_command(RESIDENT, "start", language_code="ar")
    (welcome,) = await api.wait_for_sent(RESIDENT)
    assert "parse_mode" not in welcome.params
    assert "entities" not in welcome.params
