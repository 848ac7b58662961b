"""A resident's problem told in their own words reaches the right service desk (issue 14, work
set 37), where the bot asked to call back, listed an activity on the same topic or knew nothing:

- `digital trouble is the digital desk`: "I need help with online banking / itsme / my bank's
  app on my phone, when can I come by?" is the digital desk; the resident's own coming by,
  asked when ("wanneer kan ik langskomen", "wann kann ich vorbeikommen", "je peux venir
  quand"), asks its hours, no call-back; "the app of my bank" is our digital help, not the bank.
  Only a call or personal help asked for in so many words is a help request.
- `an exhausted carer finds the carers desk`: "I look after my dad with dementia, is there a
  place that supports carers?" is the carers' desk where a carers' lunch also exists: every
  topic said is a desk's, and the lunch is also about a thing of its own the resident does not
  ask for.
- `housing and a landlord are the housing or legal desk`: a social home, six in a small flat,
  a landlord who wants them out, a free lawyer; the flat and the number of people book nothing.
- `energy and insulation are the housing or energy desk`: the `energy` kind (insulating a
  roof, an energy scan, a renovation premium) goes to the energy desk ("Energiehuis") or, where
  there is none, the housing desk (common.yaml `topic_desks`); the premium and the energy bills
  said with it are the energy matter's, not the benefits' or the debt desk's.
- `debts are the debt or social desk`: "debts with the bank", "I can't pay my loan", "letters
  from a bailiff" go to the debt desk or the social service standing in for it; the bank and
  the letters only carry the debt (common.yaml `carried_papers`), naming no digital or letters
  desk.
- controls: a smartphone class, a carers' lunch, a language café, a real call-back request,
  and the bank's opening hours (not ours).

Desks are found by their kinds and names, never by the demo ones: `data/zegelbeke_topics37.yaml`
names its desks in words that say nothing ("De Vonk", "Op Adem", "Het Baken") with proper
kinds; `data/hazelwijk_topics37.yaml` uses the local names (Digipunt, Mantelzorgpunt,
Woonloket, Energiehuis, Schuldhulp, Juridisch loket, Welzijnsloket) and declares no kinds but
the Digipunt's broad `digital`.
`data/topics37_classes_battery.jsonl` was written for this round in our own words, in all eight
languages, with typos, Levantine and Moroccan Arabic, Turkish without its letters and
Ukrainian with Russian words.

Measured on the code before this round (b0385bf): 61/102; after: 93/102. Left open: two
exhausted carers whose "ik kan niet meer" / "artık dayanamıyorum" the safety guard answers as a
crisis (its domain), a Levantine carer and a Moroccan bank app still read as the activity on the
topic, a Moroccan "the bill is very expensive" read as feedback, the bank's hours asked in
Turkish, Polish and Ukrainian where a desk helps with banking, and a landlord's agency's phone
number read as our contact.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "topics37_classes_battery.jsonl"
FLOOR = 0.9  # a regression guard: 93/102 when written (61/102 before)


def test_residents_problems_reach_their_service_desk(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "set 37 topics classes battery", FLOOR, 4, monkeypatch, capsys)
