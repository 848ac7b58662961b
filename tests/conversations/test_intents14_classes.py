"""Classes of blind set 14's misses, asked in our own words on invented organisations
(`data/kempenbroek.yaml`, `data/rijnmonde.yaml`, `data/zuiderwaard.yaml`, `data/brembeek.yaml`),
set 14's Haarlem and the demo ones, in all eight languages:

- `switch language, the lacking one named`: "English please, my Dutch is bad", "je ne parle pas
  bien néerlandais", "mój niderlandzki jest słaby" beside a language asked for switch to it;
  `lessons for the lacking language` keeps "is there a language café? my Dutch is bad" a
  question of what is on.
- `volunteer offer naming an activity or languages`: doing something for the neighbourhood,
  helping at the lunch, "gönüllü olmak istiyorum, Arapça biliyorum" volunteer; `joining an
  activity` keeps "can I join the lunch" a sign-up.
- `cinema words for our film`: "screening", "séance", "Vorführung", "seans", "gösterim",
  "показ", "عرض" beside one of our centres ask what is on; `cinema elsewhere` stays out of scope.
- `is the activity on or are they closed`: "is there bingo on Friday or are you closed for the
  holiday?" asks about the activity; `is the centre open or closed` keeps the centre's hours.
- `am I working`: a volunteer asking whether they work ("moet ik werken", "est-ce que je
  travaille", "czy pracuję", "عندي شغل") is one's shifts, with a centre named too.
- `the way from a place`: the way to a centre from the station is its contact details.
- `light exercise for seniors, a complaint the reason`: gentle sport for older people beside a
  bad back is the exercise activities, not the seniors' or pensions desk ("لكبار السن",
  "للمسنين": the Arabic "for" written onto the word says who it is for).

Measured with the shipped intent model on the code before this round: 93/131 (its first 87 rows
were written before the fix, 67/87 then; the rules alone got fewer: the model, trained on set
14, rescued several); after: 131/131. A third batch of 18 rows, written before it was
measured: 17/18, then 18/18; with two more rows guarding a name beside a verb of speaking,
151/151.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "intents14_classes_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_classes_of_set_14_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "set 14 intents classes battery", FLOOR, 3, monkeypatch, capsys)
