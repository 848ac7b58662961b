"""A question about a kind of activity lists every activity of that kind, not only the one whose
title fits best (issue 14, work set 43).

A resident who asks for a kind of thing rather than one activity by its title ("exercise for my
mother of 80", "any sport on Monday?", "a card game group, klaverjas, rummy, anything", "free
Dutch lessons or somewhere to practise speaking", "something for my grandchildren", "a knitting
or handicraft group") expects every activity of that kind (on the day or at the centre asked),
not the single one whose title matched: chair yoga beside "Meer Bewegen voor Ouderen", the walking
club beside both on Monday, the language café beside the Dutch lessons, sjoelen and rummikub
beside klaverjassen when any game will do. What made one activity win: a title word that is a
kind's word in another language ("Klaverjas" in a German message) or a word for a group that
meets ("група", "handwerkgroep", "card game group") read as a name of its own; a kind said by a
verb the lexicon lacked ("sich mehr bewegen", "więcej ruchu"); "lessons" narrowing "Dutch" to
the course; "anything", "egal", "cokolwiek" beside examples not widening cards to games.

Controls: an activity named by its whole title after a definite article ("when is the chair
yoga?", "hoe laat begint het klaverjassen?", "wann ist die Sitzgymnastik?") stays that one, as
does a sign-up or cancellation ("ik wil me inschrijven voor de stoelyoga").

`data/kinds43_classes_battery.jsonl` was written for this round in our own words, in all eight
languages, on an invented organisation with several activities of each kind at two centres
(`data/kalverbeek_kinds43.yaml`) and the demo ones; expected answers in the eval row format
(`activities_include` as [id, centre] pairs, a minimum list). 86/100 before, 99/100 after (the
one left: "gym douce" is read as a gym in town, answered `unknown`).
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

BATTERY = ROOT / "tests" / "conversations" / "data" / "kinds43_classes_battery.jsonl"
FLOOR = 0.97  # a regression guard: 99/100 when written (86/100 before)


def test_a_kind_asked_lists_every_activity_of_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = with_org_paths(read_rows(BATTERY))
    answers = ask_all(rows, monkeypatch, capsys)
    result = tally(rows, answers, lambda row: row["class"], pair_wrong_fields)
    with capsys.disabled():
        print("\n" + result.line("kinds43 classes battery"))
    assert result.score >= FLOOR, result.failures
    assert set(Counter(row["lang"] for row in rows)) == {
        "nl",
        "fr",
        "de",
        "en",
        "tr",
        "ar",
        "pl",
        "uk",
    }
    assert len({row["org"] for row in rows}) >= 3
