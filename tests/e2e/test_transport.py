"""What the resident's Telegram client gets for each kind of reply, and what the bot hears."""

from __future__ import annotations

import logging

import pytest

from bot.telegram_app import stop_polling
from conversations.payloads import HelpStep, Hours, Menu
from conversations.reply import Button, Document, Incoming, IncomingKind, Reply, Venue

from .botapi_double import BotApiDouble
from .conftest import STAFF_ID, ScriptedFrontDoor, StartBot

RESIDENT = 4242


async def test_start_with_a_deep_link_code_reaches_the_front_door_as_a_command(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    door = ScriptedFrontDoor()
    await start_bot(door)
    api.queue_command(RESIDENT, "start", "VOL-ABC123", language_code="en-GB")
    await api.wait_for_sent(RESIDENT)
    assert door.received == [
        Incoming(
            user_id=RESIDENT,
            kind=IncomingKind.COMMAND,
            text="VOL-ABC123",
            payload="start",
            client_language="en-GB",
            display_name=f"Resident{RESIDENT}",
        )
    ]


async def test_button_press_is_answered_and_its_reply_comes_as_a_new_message(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    door = ScriptedFrontDoor(lambda incoming: [Reply(f"you chose {incoming.payload}")])
    await start_bot(door)
    api.queue_callback(RESIDENT, Hours("cafe"), message_id=77)
    sent = await api.wait_for_sent(RESIDENT)
    answered = api.calls_of("answerCallbackQuery")
    assert len(answered) == 1
    assert answered[0].at <= sent[0].at  # the spinner stops before the answer is written
    assert [c.text for c in sent] == ["you chose h:cafe"]
    assert door.received[0].kind is IncomingKind.BUTTON
    assert not api.calls_of("editMessageText")


async def test_shared_location_and_own_phone_number_reach_the_front_door(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    door = ScriptedFrontDoor()
    await start_bot(door)
    api.queue_location(RESIDENT, 51.2299, 2.9116)
    api.queue_contact(RESIDENT, "+32470000000")
    api.queue_contact(RESIDENT, "+32471111111", contact_user_id=5555)  # someone else's card
    await api.wait_for_sent(RESIDENT, 3)
    location, contact, foreign = door.received
    assert (location.kind, location.latitude, location.longitude) == (
        IncomingKind.LOCATION,
        51.2299,
        2.9116,
    )
    assert (contact.kind, contact.text) == (IncomingKind.CONTACT, "+32470000000")
    assert (foreign.kind, foreign.text) == (IncomingKind.TEXT, "")


async def test_request_for_a_phone_number_shows_a_one_time_keyboard_that_goes_away_after(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    def script(incoming: Incoming) -> list[Reply]:
        if incoming.kind is IncomingKind.TEXT and incoming.text == "call me":
            share = Button("📞 Share my number", request_contact=True)
            return [Reply("May we call you?", ((share,), (Button("No thanks", HelpStep("no")),)))]
        return [Reply(f"got {incoming.kind} {incoming.payload or incoming.text}")]

    door = ScriptedFrontDoor(script)
    await start_bot(door)
    api.queue_text(RESIDENT, "call me")
    (ask,) = await api.wait_for_sent(RESIDENT)
    markup = ask.params["reply_markup"]
    assert markup["one_time_keyboard"] is True
    assert markup["keyboard"][0][0] == {"text": "📞 Share my number", "request_contact": True}
    api.queue_text(RESIDENT, "No thanks")  # the label of a payload button on that keyboard
    _, after = await api.wait_for_sent(RESIDENT, 2)
    assert door.received[-1] == Incoming(
        user_id=RESIDENT,
        kind=IncomingKind.BUTTON,
        payload=HelpStep("no").pack(),
        client_language="nl",
        display_name=f"Resident{RESIDENT}",
    )
    assert after.params["reply_markup"] == {"remove_keyboard": True}


async def test_venue_calendar_file_and_long_text_arrive_with_buttons_on_the_last_message(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    long_text = "\n\n".join(f"Paragraaf {i}: " + "woord " * 150 for i in range(8))
    menu = ((Button("🏠 Menu", Menu()), Button("x" * 65, "x" * 65)),)
    venue = Venue(51.2299, 2.9116, "Buurthuis De Branding", "Kerkstraat 1, 8400 Oostende")
    ics = Document("lunch.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    door = ScriptedFrontDoor(lambda _: [Reply(long_text, menu, venue=venue, document=ics)])
    await start_bot(door)
    api.queue_text(RESIDENT, "alles")
    sent = await api.wait_for_sent(RESIDENT, 4)
    assert [c.method for c in sent] == ["sendMessage", "sendMessage", "sendVenue", "sendDocument"]
    assert all(len(c.text) <= 4096 for c in sent[:2])
    assert " ".join(" ".join(c.text.split()) for c in sent[:2]) == " ".join(long_text.split())
    assert sent[2].params["title"] == "Buurthuis De Branding"
    assert sent[3].params["document"]["filename"] == "lunch.ics"
    assert sent[3].params["document"]["content"].startswith(b"BEGIN:VCALENDAR")
    assert [c.params.get("reply_markup") is not None for c in sent] == [False] * 3 + [True]
    assert sent[3].payloads() == [Menu()]  # the 65-byte payload was dropped, not sent
    assert "parse_mode" not in sent[0].params  # plain text: nothing to escape


async def test_reply_meant_for_staff_goes_to_the_staff_chat(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    door = ScriptedFrontDoor(
        lambda _: [Reply("We pass it on."), Reply("Resident asks for a call", recipient=STAFF_ID)]
    )
    await start_bot(door)
    api.queue_text(RESIDENT, "bel me")
    await api.wait_for_sent(STAFF_ID)
    assert api.texts_to(RESIDENT) == ["We pass it on."]
    assert api.texts_to(STAFF_ID) == ["Resident asks for a call"]


async def test_messages_in_group_chats_are_ignored(api: BotApiDouble, start_bot: StartBot) -> None:
    door = ScriptedFrontDoor()
    await start_bot(door)
    group = api._message(RESIDENT, "nl", text="hallo")
    group["chat"] = {"id": -100123, "type": "supergroup", "title": "Buurt"}
    api.queue_update({"message": group})
    api.queue_text(RESIDENT, "hallo")
    await api.wait_for_sent(RESIDENT)
    assert len(door.received) == 1
    assert not api.sent_to(-100123)


async def test_commands_and_menu_button_are_published_for_every_language(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    door = ScriptedFrontDoor()
    await start_bot(door)
    calls = api.calls_of("setMyCommands")
    by_language = {c.params.get("language_code", ""): c.params["commands"] for c in calls}
    assert set(by_language) == {"", "nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}
    assert by_language["tr"][0] == {"command": "start", "description": "start tr"}
    (menu_button,) = api.calls_of("setChatMenuButton")
    assert menu_button.params["menu_button"] == {"type": "commands"}


async def test_stopping_the_bot_closes_the_front_door(
    api: BotApiDouble, start_bot: StartBot
) -> None:
    door = ScriptedFrontDoor()
    application = await start_bot(door)
    api.queue_text(RESIDENT, "hallo")
    await api.wait_for_sent(RESIDENT)
    await api.end_long_polls()
    await stop_polling(application)
    assert door.closed


async def test_when_answering_fails_the_resident_gets_an_apology_and_the_bot_carries_on(
    api: BotApiDouble, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    def script(incoming: Incoming) -> list[Reply]:
        if incoming.text == "geheim 0470 12 34 56":
            raise KeyError(incoming.text)  # a bug whose message quotes the resident
        return [Reply("fine")]

    await start_bot(ScriptedFrontDoor(script))
    with caplog.at_level(logging.INFO):
        api.queue_text(RESIDENT, "geheim 0470 12 34 56", language_code="tr")
        api.queue_text(RESIDENT, "en nu?")
        await api.wait_for_sent(RESIDENT, 2)
    assert api.texts_to(RESIDENT) == ["sorry (tr)", "fine"]
    failures = [r for r in caplog.records if "failed with KeyError" in r.getMessage()]
    assert len(failures) == 1
    assert not any("0470" in r.getMessage() or r.exc_info for r in caplog.records)
