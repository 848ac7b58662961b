"""A phrase index remembers its last finds (the steps of one message look up the same words
again and again): a remembered find must be exactly the find of those words, never another
message's, never one changed by a caller, never one from before the index changed."""

from __future__ import annotations

import pytest

from conversations.understanding.lexicon import MAX_REMEMBERED_FINDS, Match, PhraseIndex


@pytest.fixture
def index() -> PhraseIndex:
    phrases = PhraseIndex()
    phrases.add("open", ("opening_hours",))
    phrases.add("inschrij*", ("signup",))
    phrases.add("schrijf ... uit", ("cancel",))
    phrases.add("schrijf me in", ("signup",))
    phrases.add("in", ("place",))
    return phrases


def _spans(found: list[Match]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.payload[0]) for m in found]


def test_each_message_gets_its_own_finds(index: PhraseIndex) -> None:
    first = ["is", "stene", "open"]
    second = ["schrijf", "me", "in", "voor", "yoga"]
    for _ in range(3):  # asked again and again, interleaved
        assert _spans(index.find(first)) == [(2, 3, "opening_hours")]
        assert _spans(index.find(second)) == [(0, 3, "signup")]
        assert _spans(index.find(["is", "stene", "dicht"])) == []
    # The same words in another order, or one word more, are another message.
    assert _spans(index.find(["open", "stene"])) == [(0, 1, "opening_hours")]
    twice = [(2, 3, "opening_hours"), (3, 4, "opening_hours")]
    assert _spans(index.find([*first, "open"])) == twice


def test_longest_and_every_find_are_kept_apart(index: PhraseIndex) -> None:
    words = ["schrijf", "me", "in"]
    every = [(0, 3, "signup"), (2, 3, "place")]
    for _ in range(2):  # either asked first
        assert _spans(index.find(words, longest=False)) == every
        assert _spans(index.find(words)) == [(0, 3, "signup")]
        assert _spans(index.find(words, longest=False)) == every
        index.add("uit", ("cancel",))  # forgets every find


def test_a_caller_changing_its_list_changes_no_later_find(index: PhraseIndex) -> None:
    words = ["is", "stene", "open"]
    found = index.find(words)
    found.clear()
    found.append(Match(0, 1, ("cancel",)))
    assert _spans(index.find(words)) == [(2, 3, "opening_hours")]
    index.find(words).sort(key=lambda m: -m.start)
    assert _spans(index.find(words)) == [(2, 3, "opening_hours")]


def test_a_phrase_or_filler_added_later_is_found(index: PhraseIndex) -> None:
    words = ["schrijf", "maar", "me", "in"]
    assert _spans(index.find(words)) == [(3, 4, "place")]
    index.fillers.add("maar")  # fillers are only ever added, while the lexicon loads
    assert _spans(index.find(words)) == [(0, 4, "signup")]
    assert _spans(index.find(["is", "stene", "dicht"])) == []
    index.add("dicht", ("opening_hours",))
    assert _spans(index.find(["is", "stene", "dicht"])) == [(2, 3, "opening_hours")]


def test_only_the_last_finds_are_remembered(index: PhraseIndex) -> None:
    messages = [["open", str(n)] for n in range(3 * MAX_REMEMBERED_FINDS)]
    for words in messages:
        assert _spans(index.find(words)) == [(0, 1, "opening_hours")]
    assert len(index._found) <= MAX_REMEMBERED_FINDS
    for words in messages:  # forgotten ones are found again, the same
        assert _spans(index.find(words)) == [(0, 1, "opening_hours")]
