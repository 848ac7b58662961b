"""Classes of blind set 15's misses, asked in our own words on invented organisations
(`data/kempenveld.yaml`, `data/lindewaarde.yaml`, `data/leievallei.yaml`, `data/rijnmonde.yaml`)
and the demo ones, in all eight languages:

- `what can I arrange through this bot`: "what can you help me with", "waarmee kan je me
  helpen", "neler yapabilirsin", "شو بتعرف تعمل" asked of the bot with nothing of ours named
  ask what the bot does; `help with a desk's topic stays the desk` keeps "can you help me with
  my pension?" the pension desk.
- `an appointment for a desk's topic`: "randevu", "afspraak", "rendez-vous", "Termin", "wizyta",
  "запис", "موعد" beside a desk's topic in its inflected forms ("emeklilik başvurusu",
  "pensioenaanvraag", "Rentenantrag") is that desk.
- `caring for a relative at home`: "ik zorg voor mijn vader", "ich pflege meinen Vater",
  "opiekuję się", "доглядаю", "bakıyorum", "بعتني ب" is the carers' desk, not housing;
  `housing at home stays housing` keeps the landlord's damp a housing question; the caring
  rows also check no housing desk is offered (`desks_exclude`).

Measured with the shipped intent model on the code before: 91/97 (85/97 by the rules alone);
after: 97/97. The third batch of 30 rows was written before it was measured: 30/30 (29/30 on
the code before).
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "words15_classes_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_classes_of_set_15_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "set 15 words classes battery", FLOOR, 3, monkeypatch, capsys)
