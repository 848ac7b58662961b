"""Residents' own words for the kinds of activity, and kinds named together, in all eight
languages (issue 14, the thirteenth blind set's classes):

- `kind_words_battery.jsonl`: for each activity kind residents ask for (crafts, sewing, walking,
  outings, cycling, dance, choir, cards, games, petanque, exercise, breakfast, lunch, dinner,
  coffee, cooking, computer, smartphone, tablet, internet, Dutch, conversation, hairdresser,
  feet, repair, memory, parties, films, children, homework, Christmas, Easter, carnival,
  meeting people, women, clothes, health), the ways a resident names it per language: a noun,
  another noun or a colloquial form, what the person does ("ze breit en haakt", "she knits and
  crochets", "lubi robić na drutach", "любить кататися на велосипеді") and a form without
  accents or with a slip ("petank", "pedikiur"); the holidays' kinds by nouns only (a verb of
  celebrating asks what is on at the holiday). Asked of an invented organisation
  (`data/bloemendries.yaml`) whose activities are named after flowers, so only the kind words
  can find them; and 16 everyday sentences on the demo organisations ("Mijn vrouw breit en
  haakt graag", "Mon père joue à la belote"). 970/1080 before, 1064/1080 after; most of the
  rest are words of two things ("gym", "de la marche", "loto", "غدا" is tomorrow).
- `kinds_together_battery.jsonl`: kinds named together with "or", "and", a comma or an Arabic
  "و" written onto the word ("trips or walks", "رحلات أو نزهات", "kawę, śniadanie") list the
  activities of each kind, not only those that are both (`joined`); "what is on <day> at
  <centre>?" with a kind told in passing in another clause ("I heard about some party", "чула
  про якесь свято") lists the whole day's programme (`day_told`), while "is there a party on
  Wednesday?" and "what parties are on Wednesday?" still list the party alone (`day_narrow`).
  The told kind may come before the question too ("Ik hoorde iets over een feest. Wat is er
  woensdag ...?"). An activity named by a word of its own title that is no word of ours ("the
  trip to the Zwin") is that activity alone, while "what trips do you have?" lists every trip
  (`own_name`). On the invented organisation and the demo one: 37/60 before, 60/60 after.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conversations.battery import (
    ROOT,
    ask_all,
    pair_wrong_fields,
    read_rows,
    tally,
    with_org_paths,
)

DATA = ROOT / "tests" / "conversations" / "data"
LANGUAGES = {"nl", "fr", "de", "en", "tr", "ar", "pl", "uk"}


@pytest.mark.parametrize(
    ("name", "floor"),
    [("kind_words_battery.jsonl", 0.97), ("kinds_together_battery.jsonl", 0.97)],
)
def test_kind_words_battery(
    name: str, floor: float, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = with_org_paths(read_rows(DATA / name))
    answers = ask_all(rows, monkeypatch, capsys)
    result = tally(rows, answers, lambda row: row["class"], pair_wrong_fields)
    with capsys.disabled():
        print("\n" + result.line(name))
    assert result.score >= floor, result.failures
    assert set(Counter(row["lang"] for row in rows)) == LANGUAGES
