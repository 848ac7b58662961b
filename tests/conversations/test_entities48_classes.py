"""Entities and wishes read wrong (issue 14, round 48), in all eight languages:

- `the town's centre is no centre of ours`: "in het centrum van Wilgendaal", "au centre-ville",
  "im Zentrum von ...", "w centrum miasta", "у центрі міста", "in de kern van ..." say where
  the resident lives or goes; where no centre stands in the town centre's district they name
  none of ours, not the "LDC Centrum" or "De Kern" named with the same word (the entity
  finder's `town_phrases`). Its own name ("LDC Centrum", "De Kern") still names it, and where a
  centre's district is the town centre ("Centrum" in Oostende, "downtown" of De Kaai) the words
  name it as before.
- `Saint Nicholas`: what is on "for Sinterklaas", "pour la Saint-Nicolas", "zu Nikolaus", "na
  Mikołajki", "на Миколая" is the week up to the day (6 December, the 5th in the Netherlands;
  `around` in common.yaml), so the party held on the Saturday before is listed; the Saint
  himself is a topic (`sinterklaas` concepts: "de Sint", "Mikołaj"), so "wanneer komt de Sint
  op bezoek?" finds the visit titled "Sint op bezoek", and "Sinterklaasfeest", an activity's
  whole one-word title, is that activity, not the day. "Is De Kern open met Sinterklaas?"
  still answers the hours of the 6th.
- `wishes`: "je passe demain", "on passe samedi" (a verb after its subject, `subject_pronouns`)
  names no centre "De Passe", while "à De Passe" does; one's own age from 60 on ("I am 67",
  "ik ben 70 geworden", "67 yaşındayım", "мені 71 рік": `own_age`, `senior_age`) is the
  seniors' topic, while "ik ben 35" only asks for the day; "I want to learn Dutch, is that
  possible with you?" (`learning`) asks what teaches it, while "put me down for the Dutch
  course on Monday" still books; the French "gym douce" stays our gentle gym and "the gym at
  the sports hall" stays out of scope.

`data/entities48_classes_battery.jsonl` was written for this round in our own words, on an
invented organisation (`data/wilgendaal_entities48.yaml`: a service centre named "Centrum" in
no town centre, "De Kern", a meeting centre "De Passe", a gentle gym, a Saint Nicholas party on
the Saturday before the 6th and a visit of the Saint, a Dutch course and conversation table, a
seniors' afternoon) and two others (Oostende, `data/hoogzande.yaml`) for controls.

Measured on the code before this round (d65e9db): 64/108; after: 105/108. Left: "am
Nikolaustag" (the day itself, after "am"), shopping in the town centre beside "are you open?"
(the shop's words keep it out of scope) and "on passe samedi avec les enfants" (the children's
topic finds the Saint Nicholas party that Saturday).
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "entities48_classes_battery.jsonl"
FLOOR = 0.95  # a regression guard: 105/108 when written (64/108 before)


def test_town_centres_saint_nicholas_and_wishes_read_right(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "entities48 classes battery", FLOOR, 3, monkeypatch, capsys)
