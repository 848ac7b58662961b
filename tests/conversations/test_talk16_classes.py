"""Classes of the misses of sets 16, 18 and 19 about the conversation and places, asked in our
own words on invented organisations (`data/beekveld.yaml`, `data/lindewaarde.yaml`,
`data/vennewaard.yaml`) and the demo ones, in the eight languages:

- `the town centre named by the town`: "le centre de Beekveld", "Beekveld merkezde", "w centrum
  Beekveld" name the one centre whose district is the town centre, as "the town centre" does.
- `the bot's messages in a language`: "I want the messages in Arabic", "بدي الرسائل بالعربي",
  "mesajları Türkçe" ask for the language; `news or letters in a language stay theirs`.
- `how this service works, what to do with it`: "how does this thing work?", "wat kan ik er
  allemaal mee?", "شو بقدر اعمل فيها؟" ask what the bot does.
- `where I live, which is closest`: "я живу в Rozebeke, куди мені ближче всього?" gives the
  village's centre.
- `the town's own name names nothing of ours`: "Mieszkam w Vennewaard", "Vennewaard'da cuma
  namazı" name neither "Vennewaard Wandelt" nor "Sociaal loket Vennewaard"; their other words do.
- `where a centre is, and parking there`: "kan ik er mijn auto kwijt?" stays about our centre.
- `caring and asking for a call`: "може хтось мені подзвонити?" asks for a call back.

On the starting main (582fc35): 40/76; after: 76/76.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "talk16_classes_battery.jsonl"
FLOOR = 0.97  # every class was fixed; a regression guard


def test_the_conversation_and_place_classes_of_set_16_are_understood(monkeypatch, capsys) -> None:
    check_class_battery(
        BATTERY, "set 16 conversation classes battery", FLOOR, 3, monkeypatch, capsys
    )
