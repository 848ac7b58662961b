"""The boundary between a sign-up, a cancellation, a question of what is on, a help request,
feedback and thanks (issue 14, round 34), asked in our own words on an invented organisation
(`data/zwaluwbeke.yaml`: a Christmas dinner, a stew evening, a fall prevention course, a visiting
hairdresser by appointment, memory training, a language café and a mussel feast) and on the demo
ones, in all eight languages:

- `a place asked for with a wish or a person beside it is a sign-up`: "graag 1 plaats voor het
  kerstdiner in Ter Beke, vis als het kan", "two places for the stew evening, for me and my
  neighbour Harold": the wish and the neighbour say for whom and how, the places book; a first
  name is no typo of a crisis word ("Klaus" is not "klaut": the safety lexicons' `known`).
- `an activity named by a description of its kind is that activity`: "die valcursus", "the fall
  course", "Sturzkurs" are the fall prevention course (the lexicons' `health`).
- `asking whether something happens is what is on`: "komt de kapper volgende woensdag?", "is the
  hairdresser coming?", "czy fryzjer przyjdzie?" ask whether the activity is on, no slot of the
  appointment activity (the lexicons' `comes`, intents.COMES, with a question only).
- `a cancellation with a reason stays a cancellation`: "I want to cancel my memory training on
  Monday, I have a doctor's appointment" (a guard: these were right).
- `praise of a volunteer or a remark on an activity is feedback`: "I want to praise the lady at
  the language café, so patient" (the lexicons' praise words: "praise", "féliciter", "loben",
  "övmek", "похвалити"; "so patient"), "the mussel feast was great, only the wait for the fries
  was long, next year more staff" (the lexicons' `suggest`: "more staff"); a volunteer praised is
  who the judgement is about, no wish to volunteer (intents.decide).
- `thanks for the information is thanks`: "super merci pour les infos, bonne journée",
  "Чудово, дякую за інформацію, гарного дня".
- `controls`: a call or a visit asked for ("Können Sie jemanden zu mir schicken?": the lexicons'
  `callback`), plain sign-ups, cancellations and questions of when, and wishes to volunteer said
  beside one's own patience ("I'm very patient, could I volunteer?").

Measured on the code before this round (6a7b820): 79/100; after: 100/100.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "booking34_classes_battery.jsonl"
FLOOR = 0.96  # a regression guard: 100/100 when written (79/100 before)


def test_signup_cancel_whats_on_help_feedback_and_thanks_apart(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "booking34 classes battery", FLOOR, 2, monkeypatch, capsys)
