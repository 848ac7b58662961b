"""Forged buttons: random and mutated payloads of every prefix get a clear message and change
nothing that matters in the store (only the forger's own place in a conversation may move)."""

from __future__ import annotations

import random
import string
from datetime import timedelta

from conversations.consent import give_consent
from conversations.engine import FrontDoor
from conversations.payloads import (
    AskCancelSignup,
    CancelSignup,
    Consent,
    Contact,
    Desks,
    FeedbackRating,
    Help,
    Hours,
    Language,
    Menu,
    MyShifts,
    MySignups,
    Nearest,
    Privacy,
    SignupCalendar,
    SignupStart,
    Staff,
    StaffAction,
    StaffActivity,
    StaffSession,
    UnlinkConfirmed,
    VolunteerCode,
    VolunteerJoin,
    WhatsOn,
    unpack_any,
)
from conversations.reply import Reply
from rules.signups import signup_rules
from rules.volunteers import create_code, redeem_code
from storage.clock import FixedClock
from storage.db import Database
from storage.repositories import repositories
from tests.conversations.chat import MONDAY_MORNING, STAFF, press, raw_payloads, text
from tests.conversations.traces import table_names

FORGER = 6200000001
ANNA = 6200000002
MARIE = 6200000003
PEDICURE = MONDAY_MORNING.replace(day=24, hour=9, minute=0)
MENU = tuple(
    p.pack()
    for p in (
        Menu(),
        Hours(),
        WhatsOn(),
        Desks(),
        Contact(),
        Nearest(),
        MySignups(),
        Help(),
        Language(),
        Privacy(),
    )
)
JUNK = string.ascii_letters + string.digits + ":!.-_*@/ é€🙂"
MAX_BYTES = 64  # Telegram's limit for callback data
REFUSALS = (
    "no longer valid",
    "only for",
    "Shifts are for volunteers",
    # The help flow meets a step it does not know by asking its first question again.
    "What is it about?",
)


async def _snapshot(store: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every table but where people are in a conversation (which a press may move)."""
    tables = [
        name for name in await table_names(store) if name not in ("conversation_state", "meta")
    ]
    # Table names come from the catalogue itself.
    return {
        t: sorted((tuple(r) for r in await store.fetch_all(f'SELECT * FROM "{t}"')), key=repr)
        for t in tables
    }


async def _others_have_data(door: FrontDoor) -> int:
    """Anna holds a sign-up and Marie is a linked volunteer; returns Anna's sign-up id."""
    now = door.clock.now()
    await give_consent(door.store, ANNA, now, name="Anna")
    result = await signup_rules(door.store).sign_up(
        door.org,
        door.calendar,
        activity_id="pedicure",
        centre_id="mariakerke",
        start=PEDICURE,
        now=now,
        resident_id=ANNA,
    )
    assert result.signup is not None
    code = await create_code(repositories(door.store), "oostende", "v-marie", now=now)
    await redeem_code(repositories(door.store), "oostende", code, MARIE, now=now)
    return result.signup.id


async def _harvest(door: FrontDoor, user: int) -> set[str]:
    """Payloads the bot really offers on its screens, as seen by staff, a volunteer and anyone."""
    seen: set[str] = set()
    starts = (
        Staff(),
        MyShifts(),
        VolunteerCode(),
        SignupStart("christmas-lunch"),
        VolunteerJoin(),
    )
    for start in (*MENU, *(s.pack() for s in starts)):
        for who in (user, STAFF, MARIE):
            seen.update(raw_payloads(await press(door, start, user=who)))
    return {p for p in seen if p}


def _mutations(payload: str, rng: random.Random) -> list[str]:
    """A payload changed the ways a forger would: cut, extended, characters and numbers swapped."""
    head, _sep, rest = payload.partition(":")
    out = [
        payload[:-1],
        payload + ":",
        payload + ":" + rng.choice(["1", "999999", "-1", "x", "!"]),
        payload.replace(":", "::", 1),
        payload.upper(),
        f"{head}:{rest[::-1]}" if rest else f"{head}:{head}",
    ]
    if payload:
        at = rng.randrange(len(payload))
        out.append(payload[:at] + rng.choice(JUNK) + payload[at + 1 :])
    digits = "".join(c if not c.isdigit() else str(rng.randrange(10)) for c in payload)
    out.append(digits)
    return out


def _random(prefix: str, rng: random.Random) -> str:
    tail = "".join(rng.choice(JUNK) for _ in range(rng.randrange(1, 30)))
    return f"{prefix}:{tail}"


def _fits(payload: str) -> bool:
    return 1 <= len(payload.encode()) <= MAX_BYTES


def _clear(replies: list[Reply]) -> bool:
    """Something readable, with a way to the menu."""
    offered = raw_payloads(replies)
    return bool(text(replies).strip()) and ("m" in offered or "h" in offered)


async def test_random_and_mutated_payloads_of_every_prefix_are_refused_without_changes(
    door: FrontDoor, clock: FixedClock
) -> None:
    rng = random.Random(7)
    anna_signup = await _others_have_data(door)
    real = await _harvest(door, FORGER)
    prefixes = sorted({f.name for f in door.flows} | set(MENU) | {p.split(":")[0] for p in real})
    forged: set[str] = set()
    for prefix in prefixes:
        forged.update(_random(prefix, rng) for _ in range(12))
    for payload in sorted(real):
        forged.update(_mutations(payload, rng))
    # Someone else's sign-up, and numbers that are no sign-up at all.
    forged.update(
        kind(n).pack()
        for kind in (AskCancelSignup, CancelSignup, SignupCalendar)
        for n in (anna_signup, 0, 10**12)
    )
    forged.update(
        p.pack()
        for p in (
            StaffAction("x!", "00000000"),
            StaffSession(0),
            StaffActivity(0),
            VolunteerCode("v-marie", "!"),
            UnlinkConfirmed(),
        )
    )
    forged.add(FeedbackRating(1, 5).pack().replace(":r:", ":"))  # a step left out
    # Pressing a real button is not forging it; a consent or deletion is the forger's own right.
    forged = {p for p in forged if _fits(p) and p not in real and p != Privacy("del!").pack()}
    forged = {p for p in forged if not isinstance(unpack_any(p), Consent)}
    assert len(forged) > 300

    clock.advance(timedelta(minutes=5))  # the harvest above was quick; this is a new visit
    await press(door, Hours(), user=FORGER)
    before = await _snapshot(door.store)
    unclear = []
    for payload in sorted(forged):
        clock.advance(timedelta(seconds=1))  # a patient forger: no flood guard in the way
        await door.store.execute("DELETE FROM conversation_state WHERE user_id = ?", (FORGER,))
        replies = await press(door, payload, user=FORGER)
        if not _clear(replies):
            unclear.append(payload)
    assert unclear == []
    assert await _snapshot(door.store) == before


async def test_random_payloads_are_told_plainly_that_the_button_is_not_valid(
    door: FrontDoor, clock: FixedClock
) -> None:
    rng = random.Random(11)
    for prefix in sorted({f.name for f in door.flows} | set(MENU)):
        for _ in range(3):
            clock.advance(timedelta(seconds=1))
            payload = _random(prefix, rng) + "~"  # never a real payload
            shown = text(await press(door, payload, user=FORGER))
            assert any(words in shown for words in REFUSALS), (payload, shown[:120])
