"""A day part said to everyone is a greeting ("Morning all 👋", "'morgen allemaal", "Morgen
zusammen"): two writers of blind sets 46 and 48, who never saw each other's work, opened with
"Morning all 👋" and got "I can't help with that" (`unknown`). The lexicons knew "good morning"
and "goedemorgen", not the day part alone beside "all", "everyone", "allemaal", "zusammen";
the other five languages already read theirs. A question beside it keeps its intent ("morning
all, is Stene open today?", "zijn jullie morgen allemaal open?")."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conversations import understander

AT = datetime(2027, 1, 8, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))
GREETINGS = [
    ("en", "Morning all 👋"),
    ("en", "morning everyone"),
    ("en", "Evening all"),
    ("en", "afternoon folks"),
    ("nl", "morgen allemaal"),
    ("nl", "Goeiemiddag iedereen 👋"),
    ("de", "Morgen zusammen"),
    ("de", "Moin zusammen 👋"),
    ("fr", "Salut tout le monde"),
    ("tr", "Herkese günaydın"),
    ("pl", "Cześć wszystkim 👋"),
    ("uk", "Доброго ранку всім"),
    ("ar", "صباح الخير للجميع"),
]
QUESTIONS = [
    ("en", "is Stene open in the morning?", "opening_hours"),
    ("en", "morning all, is Stene open today?", "opening_hours"),
    ("nl", "zijn jullie morgen allemaal open?", "opening_hours"),
    ("de", "haben morgen alle Zentren offen?", "opening_hours"),
    ("en", "what's on in the evening for everyone?", "activities"),
]


@pytest.mark.parametrize(("lang", "text"), GREETINGS)
def test_a_day_part_said_to_everyone_is_a_greeting(lang: str, text: str) -> None:
    assert (
        understander("oostende").understand(text, now=AT, client_language=lang).intent
        == "greeting"
    )


@pytest.mark.parametrize(("lang", "text", "intent"), QUESTIONS)
def test_a_question_beside_it_keeps_its_intent(lang: str, text: str, intent: str) -> None:
    assert understander("oostende").understand(text, now=AT, client_language=lang).intent == intent
