"""A resident's problem told in everyday words leads to the right service desk (issue 14, work
set 28), where the bot picked the wrong desk:

- `legal help is the legal desk`: a letter from the landlord who wants them out, an eviction, a
  dispute, a fine they contest, "is there a free lawyer?" (the `legal` kind, in every language:
  "uitzetting", "expulser", "Räumungsklage", "evicted", "tahliye", "طرد", "eksmisja",
  "виселити"; a desk titled "Rechtshulp", "Juridisch spreekuur", "Eerstelijns juridisch advies"
  or "Sociaal raadslieden" has it by its title). The letter such a matter comes in only carries
  it (common.yaml `carried_papers`): it names no letters desk, nor a tax desk that helps with
  the tax office's letters. "Is there a free lawyer?" where only a desk has the topic asks for
  that desk, not what is on.
- `money trouble with rent or bills is the social or debt desk`: not being able to pay the
  rent or a bill ("kirayı ödeyemiyorum", "je n'arrive plus à payer mon loyer"; the lexicons'
  `unpaid`) is money trouble, the debt desk's or the social service's, not the housing desk's;
  where no desk answers debts, the housing desk still answers the rent.
- `talking about one's pension is the pension desk`: "is there a talk / an information session
  about pensions?" where no activity is about pensions asks the pension desk (the session's
  words name no information afternoon on another topic); "I want to talk to someone about my
  pension" (the topic between the person and the verb) is the pension desk, no plea alone.

The topic of a desk comes from its kinds, its title and its description, so the invented
organisations declare few kinds: `data/brakelveld.yaml` (none at all), `data/moerhoven.yaml`
(some) and `data/zandhoeve.yaml` (a housing desk and no money desk); the demo ones beside them.
`data/desks28_classes_battery.jsonl` was written for this round in our own words, in all eight
languages, with controls (a social home and the rent allowance stay the housing desk's, a tax
return the tax desk's, a letter one does not understand the letters desk's, an information
afternoon on its own topic the activity).

Measured on the code before this round (5aa6cc8): 67/94; after: 93/94 (the Turkish "beni evden
çıkarmak istiyor" is read by the safety guard as violence, which this round does not change).
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "desks28_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard: 93/94 when written


def test_legal_help_money_trouble_and_pension_talk_find_their_desks(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "set 28 desk classes battery", FLOOR, 5, monkeypatch, capsys)
