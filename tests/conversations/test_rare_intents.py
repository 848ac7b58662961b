"""The less frequent intents in all eight languages: cancelling, own sign-ups, volunteering
versus shifts, feedback and wishes, privacy, what the bot is, a centre's access, a language.

`data/rare_intents_battery.jsonl` holds paraphrases written the way residents write (typos,
no accents, split verbs, questions inside a story). Its first 251 rows (Oostende) were written
BEFORE the lexicons were read; their misses were then fixed as classes (split verbs and filler
words in phrases, status questions, wishes for something new, "are you a robot", one's own
phone number, mobility words, a verb after a language's name). The last 111 rows (Den Haag,
Kortrijk) were written after that round and measured fresh before the second one (a volunteer
role of the data with a question about oneself, a name taken off a list, a speaking verb before
the preposition). Neither part is blind any more: the floor below guards against regressions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conversations.understanding.lexicon import PhraseIndex
from tests.conversations import NOW, understander
from tests.conversations.battery import ask_all, read_rows, tally

BATTERY = Path(__file__).resolve().parent / "data" / "rare_intents_battery.jsonl"
# First part: 86.5% (217/251) before the rounds of 2026-12-05 evening, 100% after them.
# Second part, fresh: 69.4% (77/111) before both rounds, 81.1% after the first, 97.3% after
# the second (two of its three misses are the crisis guard's false alarms, not understanding).
FLOOR = 0.97


def _wrong(expect: dict[str, Any], got: dict[str, Any]) -> list[str]:
    return [key for key, want in expect.items() if got.get(key) != want]


def test_the_battery_of_rare_intents_is_understood(monkeypatch, capsys) -> None:
    rows = read_rows(BATTERY)
    answers = ask_all(rows, monkeypatch, capsys)
    result = tally(rows, answers, lambda row: row["expect"]["intent"], _wrong)
    with capsys.disabled():
        print("\n" + result.line("rare intents battery"))
    assert result.score >= FLOOR, result.failures
    total = result.total
    assert set(total) >= {
        "cancel_signup", "my_signups", "volunteer", "shifts", "feedback", "privacy", "bot_help",
        "contact", "language", "greeting", "thanks",
    }  # fmt: skip
    assert all(total[k] >= 12 for k in total if k not in ("signup", "activities", "opening_hours"))


def _words(text: str) -> list[str]:
    return text.split(" ")


def test_a_gap_in_a_phrase_takes_the_words_of_a_split_verb() -> None:
    index = PhraseIndex()
    index.add("schrijf ... uit", ("cancel_signup",))
    assert index.find(_words("schrijf me voor de kerstlunch maar uit"))
    assert index.find(_words("schrijf me uit"))
    assert not index.find(_words("schrijf me in"))
    # No further than a few words: an "uit" far on belongs to another clause.
    assert not index.find(_words("schrijf me in voor de lunch en de koffie uit"))


def test_filler_words_inside_a_phrase_are_passed_over_but_never_lead_it() -> None:
    index = PhraseIndex()
    index.fillers = {"maar", "toch"}
    index.add("kan niet komen", ("cancel_signup",))
    assert index.find(_words("ik kan toch niet komen"))
    assert not index.find(_words("maar niet komen"))
    assert not index.find(_words("ik kan zeker niet komen"))  # not a filler of this index


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A split verb, with an activity and particles between its parts.
        ("schrijf me maar uit voor het stoelturnen", "cancel_signup"),
        ("Ich melde mich vom Weihnachtsessen wieder ab", "cancel_signup"),
        ("zeg de pedicure van donderdag maar af", "cancel_signup"),
        # ...and the sign-up verbs stay sign-ups.
        ("ik wil me inschrijven voor het stoelturnen", "signup"),
        ("schrijf me in voor de kerstlunch", "signup"),
        ("uitschrijven kerstlunch", "cancel_signup"),
        # A question whether one is on the list asks for one's sign-ups, not for a place.
        ("sta ik op de lijst voor de kerstlunch?", "my_signups"),
        ("bin ich schon für das Weihnachtsessen angemeldet?", "my_signups"),
        ("am I actually booked on the computer course?", "my_signups"),
        # A volunteer's own duties are shifts; offering one's time is volunteering.
        ("wanneer moet ik volgende week werken als vrijwilliger?", "shifts"),
        ("mes permanences de bénévole cette semaine", "shifts"),
        ("do you need any help? I have free time on Wednesdays", "volunteer"),
        # A wish for something new is feedback, even for a thing that is not ours yet.
        ("zouden jullie ook yoga kunnen aanbieden?", "feedback"),
        ("it would be nice to have a film afternoon once a month", "feedback"),
        # What the bot is; what is kept of one's own number.
        ("ben jij een robot of een echte mens?", "bot_help"),
        ("wat doen jullie met mijn telefoonnummer?", "privacy"),
        ("what's the phone number of Stene?", "contact"),
    ],
)
def test_classes_of_rare_intents(text: str, intent: str) -> None:
    assert understander().understand(text, now=NOW).intent == intent


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # "zeggen" is a word of its own, not a typo of "afzeggen" (cancel).
        ("mijn moeder spreekt alleen Turks, kan je het in het Turks zeggen?", "tr"),
        ("Türkçe konuşabilir misin?", "tr"),
        ("Hollandaca konuşalım lütfen", "nl"),
    ],
)
def test_a_verb_of_speaking_after_a_language_asks_for_it(text: str, language: str) -> None:
    result = understander().understand(text, now=NOW)
    assert (result.intent, result.language) == ("language", language)


def test_a_language_named_as_a_subject_with_a_verb_after_it_is_no_request() -> None:
    result = understander().understand("Türkçe konuşma masası var mı?", now=NOW)
    assert result.intent != "language"


def test_a_mobility_scooter_at_a_named_centre_asks_about_access() -> None:
    result = understander().understand(
        "mag ik met mijn scootmobiel naar binnen in mariakerke", now=NOW
    )
    assert (result.intent, result.centre) == ("contact", "mariakerke")


@pytest.mark.parametrize(
    "text",
    [
        "wanneer moet ik weer aan de bar staan in mariakerke",
        "Wann habe ich wieder Küchendienst?",
        "When am I on reception next?",
        "kiedy mam dyżur w kuchni?",
    ],
)
def test_a_question_about_oneself_beside_a_volunteer_role_asks_for_ones_shift(text: str) -> None:
    assert understander().understand(text, now=NOW).intent == "shifts"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("wanneer moet ik naar de pedicure?", "activities"),  # no volunteer role
        ("please remove my name from the chair exercises", "cancel_signup"),
        ("could you answer in Polish for my mum?", "language"),
    ],
)
def test_role_name_list_and_language_neighbours(text: str, intent: str) -> None:
    assert understander().understand(text, now=NOW).intent == intent
