"""A clear question beside a sentence that tells why, who or how one feels: the sentence that
asks decides the intent; the others only add facts (the eighth blind set's largest class).

"Is Het Gors open on Friday? I want to drop off a cake for the volunteers" asks for opening
hours, not to volunteer; "Wann ist De Vonk wieder offen? Ich vermisse meinen Kaffee dort" is
no plea for help; a visitor, a newcomer, a hardship ("ich komme nicht mehr klar" is no
cancellation), a language not yet spoken well or a wish that is the reason ("I want to learn
Dutch, is there a language café?") leave the question what it is, and an outside thing named
in the telling sentence ("a parcel for the raffle", "ne marche plus") does not take it out of
scope. Beside them, single-sentence classes of the same round: a village house
("dorpshuis", "Dorfhaus") is one of our centres, "what can we do at X tomorrow" asks what is
on, the next round of a game, an appointment with "next Monday", what the bot can do in
Arabic, a wish told in a clause of its own before the question naming the activity, a price
asked with a word for money ("kaç para"), "delete all my info", and a desk named only in the
telling sentence beside a question about a centre's hours.

`data/context_clauses_battery.jsonl` was written for this round, in our own words, on an
invented organisation (`data/lindewaarde.yaml`) and the demo ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "context_clauses_battery.jsonl"
FLOOR = 0.97  # a regression guard


def test_the_sentence_that_asks_decides(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "context clauses battery", FLOOR, 3, monkeypatch, capsys)
