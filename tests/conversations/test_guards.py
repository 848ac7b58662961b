"""Guards: a flood gets one slow-down and then silence for a while; essays are refused politely."""

from __future__ import annotations

from datetime import timedelta

from conversations.engine import FrontDoor, default_guards
from conversations.guards import FloodGuard, LengthGuard, PresenceGuard
from conversations.payloads import Consent, Help, Hours, Menu, SignupConsent, VolunteerJoin
from conversations.reply import Incoming, IncomingKind
from storage.clock import FixedClock
from storage.db import Store
from tests.conversations.chat import NEIGHBOUR, RESIDENT, payloads, press, say, text


async def test_twenty_messages_in_ten_seconds_are_all_answered(
    door: FrontDoor, clock: FixedClock
) -> None:
    for _ in range(20):
        replies = await press(door, Hours())
        assert "Which centre" in text(replies)
        clock.advance(timedelta(milliseconds=400))


async def test_a_flood_gets_one_polite_slow_down_then_silence_then_answers_again(
    door: FrontDoor, clock: FixedClock
) -> None:
    for _ in range(20):
        await press(door, Hours())
    slow_down = await press(door, Hours())
    assert "a lot of messages very quickly" in text(slow_down)
    assert Menu() in payloads(slow_down) and Help() in payloads(slow_down)
    for _ in range(30):
        clock.advance(timedelta(seconds=1))
        assert await say(door, "Is Stene open?") == []  # ignored, not even a second warning
    assert "Which centre" in text(await press(door, Hours(), user=NEIGHBOUR))  # others go on
    clock.advance(timedelta(seconds=31))
    assert "Which centre" in text(await press(door, Hours()))


async def test_the_slow_down_is_in_the_language_of_the_flood(
    door: FrontDoor, clock: FixedClock
) -> None:
    for _ in range(20):
        await say(door, "Bonjour", lang="fr")
    slow_down = await say(door, "Bonjour", lang="fr")
    assert slow_down and slow_down[0].language == "fr"


async def test_messages_spread_over_time_never_count_as_a_flood(
    door: FrontDoor, clock: FixedClock
) -> None:
    for _ in range(100):
        clock.advance(timedelta(seconds=1))
        assert await press(door, Hours())


async def test_the_flood_limits_are_configurable(door: FrontDoor, clock: FixedClock) -> None:
    door.guards = [FloodGuard(limit=3, window=timedelta(seconds=60), quiet=timedelta(hours=1))]
    for _ in range(3):
        assert await press(door, Hours())
    assert "a lot of messages" in text(await press(door, Hours()))
    clock.advance(timedelta(minutes=59))
    assert await press(door, Hours()) == []


async def test_an_over_long_message_is_refused_politely_before_it_is_understood(
    door: FrontDoor,
) -> None:
    essay = "I want to sign up for the Christmas lunch. " * 30
    assert len(essay) > 1000
    replies = await say(door, essay)
    assert "too long" in text(replies)
    assert Help() in payloads(replies)  # the way to a person
    assert SignupConsent() not in payloads(replies)  # not understood as a sign-up
    assert await door.store.fetch_value("SELECT count(*) FROM conversation_state") == 0


async def test_an_over_long_message_cannot_reach_a_flow_waiting_for_text(
    door: FrontDoor,
) -> None:
    await press(door, VolunteerJoin())  # becoming a volunteer: the flow waits for words
    before = await door.store.fetch_value("SELECT state FROM conversation_state")
    assert before is not None
    replies = await say(door, "x" * 1001)
    assert "too long" in text(replies)
    assert await door.store.fetch_value("SELECT state FROM conversation_state") == before


async def test_a_message_of_a_thousand_characters_is_still_read(door: FrontDoor) -> None:
    replies = await say(door, ("Is Stene open tomorrow? " * 50)[:1000])
    assert "too long" not in text(replies)


async def test_last_seen_is_only_noted_for_residents_who_agreed(
    door: FrontDoor, clock: FixedClock
) -> None:
    await press(door, Hours(), user=NEIGHBOUR)
    assert await door.store.fetch_value("SELECT count(*) FROM residents") == 0
    await press(door, Consent())
    clock.advance(timedelta(days=3))
    await press(door, Hours())
    seen = await door.store.fetch_value(
        "SELECT last_seen_at FROM residents WHERE user_id = ?", (RESIDENT,)
    )
    assert seen is not None and seen.startswith("2026-11-26")


async def test_last_seen_is_written_at_most_twice_a_day_however_much_one_writes(
    door: FrontDoor, clock: FixedClock
) -> None:
    await press(door, Consent())  # agreeing notes the moment too
    writes: list[str] = []
    store = door.store
    assert isinstance(store, Store)  # the statements are watched on SQLite's connection
    await store._conn.set_trace_callback(
        lambda sql: writes.append(sql) if "last_seen_at" in sql else None
    )
    for _ in range(5):
        clock.advance(timedelta(minutes=30))
        await press(door, Hours())
    assert writes == []  # within twelve hours of the last note nothing is written
    clock.advance(timedelta(hours=13))
    await press(door, Hours())
    assert len(writes) == 1
    await store._conn.set_trace_callback(lambda _sql: None)  # watching no more


def test_the_privacy_guards_are_in_the_default_list_in_order() -> None:
    kinds = [type(g) for g in default_guards()]
    flood, length, presence = (kinds.index(k) for k in (FloodGuard, LengthGuard, PresenceGuard))
    assert flood < length < presence


async def test_counted_on_arrival_a_flood_is_seen_before_it_is_handled_and_dropped_after(
    door: FrontDoor, clock: FixedClock
) -> None:
    def arrive(words: str, user: int = RESIDENT) -> str:
        return door.arrive(Incoming(user, IncomingKind.TEXT, text=words, client_language="en"))

    # A transport that queues messages counts them when they arrive, however slowly it answers.
    assert [arrive("hello") for _ in range(21)] == ["handle"] * 21
    assert arrive("hello") == "drop"
    assert arrive("hello", user=NEIGHBOUR) == "handle"  # others are not touched
    assert arrive("I want to kill myself") == "handle"  # a crisis is never dropped
    # The queued ones are then handled: the first gets the one note, the rest silence.
    assert "a lot of messages very quickly" in text(await say(door, "hello"))
    assert await say(door, "hello") == []
    clock.advance(timedelta(minutes=1))
    assert arrive("hello") == "handle"
    assert "Which centre" in text(await press(door, Hours()))
