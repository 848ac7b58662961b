"""A person's difficulty walking told as the reason beside a question (issue 14), asked in our
own words on an invented organisation (`data/kreekhoven.yaml`: a carers' desk, a home care desk,
a driving service, a chair gym, a walking group and a coffee morning, one centre without a lift)
and on the demo ones, in all eight languages:

- `a mobility reason beside a desk question asks for the desk`: "my wife walks badly, is there
  home care?", "Je m'occupe de ma mère depuis qu'elle ne marche plus bien, existe-t-il un
  soutien pour les aidants proches ?" ask for the desk; the walking ("marche", "yürü-",
  "ходьбою", "chodzeniem", "المشي") names no walking group, the wheelchair ("Rollstuhl", "كرسي
  متحرك") no chair gym.
- `a mobility reason beside an activity question asks about the activity`: "I use a rollator
  these days, when is the chair gym on?".
- `access asked beside a mobility statement stays contact`: "is there a lift at De Lisdodde? my
  wife walks badly", "Kan ik met mijn rollator makkelijk naar binnen bij ... of zijn er
  trappen" (an easy way in names no thing in that area).
- `a mobility statement asking nothing else is the centre's access`: "My husband can't walk
  well any more. Is De Lisdodde suitable for him?".
- `another question asked beside a mobility statement is that question`: the hours, a call
  back, a French "ne marche plus" of an app that stopped working.

The lexicons' `mobility` (intents.MOBILITY) carries the phrases that were `contact` before.
Measured on the code before this round (9d61115): 75/101; after: 101/101.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "reasons25_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_a_difficulty_walking_is_the_reason_beside_a_desk_or_activity_question(
    monkeypatch, capsys
) -> None:
    check_class_battery(
        BATTERY, "difficulty walking as the reason battery", FLOOR, 3, monkeypatch, capsys
    )
