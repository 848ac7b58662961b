"""The front door through its neutral interface: commands, buttons, locations, bad input."""

from __future__ import annotations

from datetime import date

from conversations.engine import FrontDoor
from conversations.payloads import (
    CentrePage,
    Consent,
    Contact,
    Desks,
    Help,
    Hours,
    Language,
    Menu,
    Nearest,
    Privacy,
    WhatsOn,
    WhatsOnPage,
)
from conversations.reply import Incoming, IncomingKind
from tests.conversations.chat import RESIDENT, first, offered_as, payloads, press, text


async def test_start_greets_and_offers_the_whole_menu(door: FrontDoor) -> None:
    replies = await door.handle(
        Incoming(RESIDENT, IncomingKind.COMMAND, payload="start", client_language="nl")
    )
    assert "Oostende" in text(replies)
    assert {
        Hours(),
        WhatsOn(),
        Desks(),
        Contact(),
        Nearest(),
        Help(),
        Language(),
        Privacy(),
    } <= set(payloads(replies))


async def test_hours_from_the_menu_name_the_days_hours_of_the_chosen_centre(
    door: FrontDoor,
) -> None:
    choose = await press(door, Hours(), lang="nl")
    more = await press(door, first(choose, CentrePage), lang="nl")  # a few centres a screen
    assert Hours("stene") in payloads(choose) + payloads(more)
    hours = await press(door, Hours("stene"), lang="en")
    shown = text(hours)
    assert "09:00–16:30" in shown
    assert "Today: closed" in shown  # Stene is closed on Mondays
    assert Menu() in payloads(hours) and Help() in payloads(hours)  # back to the menu, to a person


async def test_every_screen_offers_the_menu_and_a_person(door: FrontDoor) -> None:
    for payload in (
        Hours(),
        Hours("centrum"),
        Contact(),
        Contact("opex"),
        WhatsOn(),
        WhatsOn("stene"),
        Desks(),
        Nearest(),
        Language(),
        Help(),
    ):
        offered = payloads(await press(door, payload, lang="nl"))
        assert Menu() in offered, payload
        assert Help() in offered or payload == Help(), payload


async def test_contact_sends_the_place_as_a_venue(door: FrontDoor) -> None:
    replies = await press(door, Contact("vuurtorenwijk"), lang="en")
    venue = next(r.venue for r in replies if r.venue is not None)
    assert venue.address == "Fortstraat 5, 8400 Oostende"
    assert "059 00 10 03" in text(replies)
    assert "Not step-free" in text(replies)
    # the map pin carries the name: no separate message repeats it
    assert [r.text for r in replies if r.venue is not None] == [""]


async def test_whats_on_pages_through_a_long_list(door: FrontDoor) -> None:
    week = WhatsOnPage("*", date(2026, 11, 23), date(2026, 11, 29), 0)
    first = await press(door, week, lang="en")
    more = [p for p in offered_as(first, WhatsOnPage) if p.page == 1]
    assert more, "a week of all centres does not fit one page"
    second = await press(door, more[0], lang="en")
    assert text(second) != text(first)


async def test_a_forged_button_gets_a_clear_message_and_the_menu(door: FrontDoor) -> None:
    for payload in (
        Hours("nowhere"),
        "w:*:20269999:20261129:0",
        "zz",
        Language("xx"),
        Desks("no-such-desk"),
    ):
        replies = await press(door, payload, lang="en")
        assert "no longer valid" in text(replies), payload
        assert Hours() in payloads(replies)


async def test_a_shared_location_finds_the_nearest_centre(door: FrontDoor) -> None:
    replies = await door.handle(
        Incoming(
            RESIDENT,
            IncomingKind.LOCATION,
            latitude=51.2052,
            longitude=2.9049,
            client_language="en",
        )
    )
    assert "Stene" in text(replies).splitlines()[1]


async def test_a_chosen_language_is_remembered_for_later_messages(door: FrontDoor) -> None:
    changed = await press(door, Language("fr"), lang="nl")
    assert changed[0].language == "fr"
    assert Consent("fr") in payloads(changed)  # kept only with consent
    await press(door, Consent("fr"), lang="nl")
    later = await press(door, Hours("centrum"), lang="nl")
    assert later[0].language == "fr"


async def test_privacy_shows_the_kept_language_and_deletes_it_after_confirmation(
    door: FrontDoor,
) -> None:
    await press(door, Language("en"), lang="nl")
    await press(door, Consent("en"), lang="nl")
    overview = await press(door, Privacy(), lang="nl")
    assert "English" in text(overview)
    assert Privacy("del") in payloads(overview)
    confirm = await press(door, Privacy("del"), lang="nl")
    assert Privacy("del!") in payloads(confirm)
    await press(door, Privacy("del!"), lang="nl")
    after = await press(door, Privacy(), lang="en")
    assert "no personal data" in text(after)


async def test_huge_and_empty_messages_get_an_answer(door: FrontDoor) -> None:
    for words in ("", "   ", "x" * 50_000):
        replies = await door.handle(
            Incoming(RESIDENT, IncomingKind.TEXT, text=words, client_language="en")
        )
        assert replies and replies[0].buttons


async def test_a_question_we_cannot_help_with_says_what_we_can_and_offers_a_person(
    door: FrontDoor,
) -> None:
    answer = await door.ask("when does the supermarket close?", client_language="en")
    assert answer.intent == "unknown"
    shown = answer.replies[0].text
    assert "opening hours" in shown and "what's on" in shown
    assert Help() in payloads(answer.replies)  # a way to a person
    dutch = await door.ask("hoe laat vertrekt de trein naar Gent?", client_language="nl")
    assert "openingsuren" in dutch.replies[0].text
