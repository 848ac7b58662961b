"""A problem told as a story that a desk handles is that desk (issue 14, round 48), in all
eight languages:

- `a carer who can't cope is the carers' desk`: "my husband has dementia and I look after him
  alone, is there something for people like me?" and "I can't cope looking after my mum any
  more" are the carers' desk, not the dementia café or the carers' café that share the topic
  (a plea, no call asked, on a topic a desk and an activity share alike is the desk's; "for
  people like me" asks for a desk; caring said with the verb: "pflegen", "moeder te zorgen",
  "opiekować się", "доглядом за").
- `money trouble told is the debt or social desk`: rent arrears ("im Rückstand", "не платив
  за оренду", "لم أدفع الإيجار") are the debt desk; the electricity or heating cut off with a
  bill one can't pay is the social service (`cut_off`: the cut is a hardship told, its words
  no topic, the French "coupé" no haircut); an eviction letter for rent arrears is a desk
  question, not out of scope (a hardship told outweighs the lawyer's kind where no legal desk
  is ours).
- `a desk list for money trouble holds the debt desk`, `a desk list for caring holds the
  carers' desk` (demo organisations).
- `an aid or care at home asked about is the desk for aids and care`: a wheelchair, walker or
  mobility scooter to get (`obtain`) where a desk's kind is `aids` is that desk, not our
  centre's access nor a shop; a personal alarm is the aids desk (the new `aids` kind); home
  care for one's father is the care desk.
- controls: an activity asked for a need (loneliness, bad knees), a dementia café or carers'
  café asked by its name, a call asked for, another company's or a shop's hours, getting into
  a centre with a wheelchair (its access), a sign-up one can't make (cancelled) keep their
  answers.

`data/desks48_classes_battery.jsonl` was written for this round in our own words, on an
invented organisation (`data/rietvoorde_desks48.yaml`: a carers' point, budget coaching, an
aids desk, a housing shop and a home-care point, some titled with no kind word, a social
service, beside a dementia café, a carers' café, chair exercise and a coffee table) and the
demo ones.

Measured on the code before this round (d65e9db): 83/120; after: 118/120. Left: "the heating's
been cut off and I can't pay the gas bill" and "ma mère ... tombe parfois, comment avoir un
bracelet d'appel ?" are answered by the safety guard as medical signals (the classifier's
call, left to the safety rounds).
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "desks48_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard: 118/120 when written (83/120 before)


def test_a_problem_told_as_a_story_is_the_desk_that_handles_it(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "desks48 classes battery", FLOOR, 3, monkeypatch, capsys)
