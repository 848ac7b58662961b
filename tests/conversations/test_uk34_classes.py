"""Ukrainian broadly, as residents write it about our centres (issue 14, round 34).

Residents writing Ukrainian name our centres by their Dutch names written in Cyrillic as they
hear them and declined like any noun: the Dutch h and g both as "г" or "х", oe as "у", ij and ui
as "ей", x as "кс" ("у Вольвенгуку" of Wolvenhoek, "Гогевейде" of Hoogeweide, "в Опексі" of Opex),
after a word for a centre ("центру Вольвенгук") too; and by the kind of centre in Ukrainian words,
declined ("соціального дому" of a Sociaal Huis, "до сусідського дому" of a buurthuis, "районний
центр" of a wijkcentrum). A centre's "графік" this week is its hours (one's own "мій графік" stays
one's shifts); "електронна пошта" of a centre is its e-mail, no post office; the Dutch allowances
("toeslagen", "тоеслаги") and child benefit are a question for the desk that helps with benefits;
"можна відповідати нідерландською? я вчу мову", "давайте по-нідерландськи" ask the bot to speak
Dutch, not for the language café; the municipality ("гемеенте", the town hall) and registering an
address are the town's, not a sign-up. Controls: every intent in clean Ukrainian, the language
café asked for, the post office, and the same questions in the other seven languages.

`data/uk34_classes_battery.jsonl` was written for this round in our own words, on an invented
organisation (`data/rozendaal_uk34.yaml`) and the demo ones.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "uk34_classes_battery.jsonl"
FLOOR = 0.96  # a regression guard: 99/100 when written (78/100 before)


def test_ukrainian_broadly(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "uk34 classes battery", FLOOR, 2, monkeypatch, capsys)
