"""Arabic, broadly (issue 14, round 34): Modern Standard, Levantine, Egyptian, Moroccan and
Iraqi questions of every kind, with and without diacritics, with و ب ل ف ال glued on, Dutch
names in Latin letters inside Arabic and Dutch names written in Arabic letters.

"The house" one wants to get out of, or is bored or stuck in ("بدي اطلع من البيت شوي",
"زهقت من القعدة بالبيت"), is where one is, no housing question: the trips or what is on are
asked; a bigger home, a housing list or a landlord still ask the social desk. "غدا" before a
holiday ("غدا عيد الميلاد") or with "in" glued on ("بغدا") is the lunch of that feast, not
tomorrow, unless the feast is tomorrow; a seat booked at it is no place to eat out. A letter
from the municipality about benefits not understood asks the desk; debts and bills with no
place named name no centre, and a centre's Arabic name that is also a number ("ستين", Stene,
is sixty) before a unit ("ستين ألف يورو", "ستين سنة") or after one's age is the number. Dutch
titles written in Arabic letters ("التالكافيه", "الميداخمال") name the activity by their
consonants, as centres' names already do. Controls: signing up, tomorrow, the tenancy, every
other intent in several dialects, out-of-scope questions, and the same meanings in the seven
other languages.

`data/ar34_classes_battery.jsonl` was written for this round in our own words, on an invented
Dutch town's centres (`data/grevenmaar_ar34.yaml`) and the demo ones.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "ar34_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard: 100/100 when written (80/100 before)


def test_arabic_broadly(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "ar34 classes battery", FLOOR, 2, monkeypatch, capsys)
