"""A volunteer asking which shifts are still open, in any of our eight languages, sees the open
shifts (to take one), never opening hours and not only their own shifts."""

from __future__ import annotations

from datetime import datetime

import pytest

from conversations.engine import FrontDoor
from conversations.payloads import CentrePage, Hours, ShiftAction
from conversations.reply import Incoming, IncomingKind
from conversations.understanding.understander import Understander
from rules.volunteers import create_code
from storage.repositories import repositories
from tests.conversations.chat import payloads

MARIE = 5001  # v-marie: reception at Centrum; Friday's reception there still needs someone
MONDAY = datetime(2026, 11, 23, 9, 0)

ASKED = [
    ("nl", "Welke vrijwilligersdiensten zijn nog open?"),
    ("nl", "zijn er nog vrije diensten?"),
    ("pl", "Są jeszcze wolne zmiany?"),
    ("nl", "open diensten"),
    ("nl", "zijn er nog vrije shiften?"),
    ("en", "Which shifts are still open?"),
    ("en", "any free shifts?"),
    ("fr", "Quels créneaux sont encore libres ?"),
    ("de", "Welche Schichten sind noch offen?"),
    ("tr", "Hangi vardiyalar hâlâ boş?"),
    ("ar", "ما هي المناوبات التي لا تزال متاحة؟"),
    ("pl", "Które dyżury są jeszcze wolne?"),
    ("uk", "Які зміни ще вільні?"),
]


async def _link(door: FrontDoor, user: int, volunteer_id: str) -> None:
    repos = repositories(door.store)
    code = await create_code(repos, door.org.id, volunteer_id, now=door.clock.now())
    await door.handle(
        Incoming(user, IncomingKind.COMMAND, payload="start", text=code, client_language="en")
    )


@pytest.mark.parametrize(("lang", "words"), ASKED)
async def test_a_volunteer_asking_for_open_shifts_sees_them_in_every_language(
    door: FrontDoor, lang: str, words: str
) -> None:
    await _link(door, MARIE, "v-marie")
    answer = await door.handle(
        Incoming(MARIE, IncomingKind.TEXT, text=words, client_language=lang)
    )
    offered = payloads(answer)
    takes = [p for p in offered if isinstance(p, ShiftAction) and p.action == "t"]
    assert takes, (words, [r.text for r in answer])  # the open shifts, a button to take each
    assert not any(isinstance(p, (Hours, CentrePage)) for p in offered)


@pytest.mark.parametrize(("lang", "words"), ASKED)
def test_open_shifts_are_understood_as_shifts_in_every_language(
    door: FrontDoor, lang: str, words: str
) -> None:
    understood = Understander(door.org).understand(
        words, now=MONDAY.replace(tzinfo=door.calendar.tz), client_language=lang
    )
    assert (understood.intent, understood.open_shifts, understood.language) == (
        "shifts",
        True,
        lang,
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", "Is Stene morgen open?"),
        # "diensten" are also a resident's services, "zmiany" changes, "de garde" on duty
        ("nl", "welke diensten zijn er vandaag open in Stene?"),
        ("pl", "czy sa zmiany w godzinach otwarcia w swieta?"),
        ("fr", "la pharmacie de garde est ouverte dimanche ?"),
        ("en", "Is the lunch free?"),
        ("fr", "Le centre est-il ouvert samedi ?"),
        ("de", "Ist das Zentrum heute offen?"),
        ("pl", "Czy centrum jest dziś otwarte?"),
        ("uk", "Чи центр відкритий сьогодні?"),
    ],
)
def test_open_without_a_shift_is_still_opening_hours_or_activities(
    door: FrontDoor, lang: str, words: str
) -> None:
    understood = Understander(door.org).understand(
        words, now=MONDAY.replace(tzinfo=door.calendar.tz), client_language=lang
    )
    assert understood.intent != "shifts" and not understood.open_shifts
