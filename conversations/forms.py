"""The form engine: a flow that gathers answers asks one question (slot) at a time, and every
question takes a button press or typed words alike.

A flow builds a `Question` for the slot it needs next: its choices, each a typed payload with the
label shown and what else means it (the label in every language, a number, yes or no, a day and a
time), and whether free text or a phone number is the answer. `fit` reads typed words against the
question: "vegetarisch graag", "twee", "iki", "evet", "woensdag", "9:30", "+32 470 12 34 56".
What fits becomes the same payload the button would have sent, so a flow has one path for both;
what does not fit is a new question, which the front door answers while the form waits, with a
button back to it (`Flow.holds`, `Flow.resume`). Rasa's forms are the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from difflib import SequenceMatcher

from conversations.answer_words import NO, NOBODY, NUMBER_WORDS, YES
from conversations.answers import menu
from conversations.context import Ctx
from conversations.flows.toolkit import in_language, is_phone
from conversations.payloads import Payload, Resume
from conversations.reply import Button
from conversations.understanding.text import fold
from storage.model import LANGUAGES

Rows = tuple[tuple[Button, ...], ...]

FREE_TEXT = "text"  # any words are the answer (a message to staff)
PHONE = "phone"  # a phone number is the answer

SIMILAR = 0.8  # how alike a typed word must be to a label's word (typos: "vegatarisch")

_TIME = re.compile(r"\b([01]?\d|2[0-3])\s*(?:[:.hu]|uur|heures?|uhr|saat)\s*([0-5]\d)?\b")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Choice:
    """One answer a question offers: its button, and what typed words also mean it."""

    payload: Payload
    label: str
    words: tuple[str, ...] = ()  # the label in other languages, other names
    number: int | None = None  # "2", "twee", "iki"
    yes: bool | None = None  # this choice is the yes (True) or the no (False)
    day: date | None = None  # "woensdag", "24 december"
    at: time | None = None  # "9:30", "half tien" is not read: "9.30", "9u30", "9 uur" are
    between: tuple[time, time] | None = None  # a time in this window means it ("morgen 10u")

    def button(self) -> Button:
        """The button of this choice."""
        return Button(self.label, self.payload)


@dataclass(frozen=True)
class Question:
    """One slot of a form: what is asked, its choices, and whether typed text is the answer."""

    slot: str
    text: str
    choices: tuple[Choice, ...] = ()
    free: str = ""  # FREE_TEXT, PHONE or "" (only the choices)
    per_row: int = 1
    extra: Rows = ()  # buttons after the choices that are no answer to match
    before: Rows = ()  # such buttons before the choices (share my phone number)
    # A long list a few choices a screen; typed words still fit every choice, also those on
    # another screen.
    paging: Paging | None = None

    def rows(self) -> Rows:
        """The rows before, the choices (of this screen) as button rows, "➡️ More" when more
        screens follow, then the extra rows."""
        choices = self.choices
        more: Rows = ()
        paging = self.paging
        if paging is not None:
            screen = menu.Screen.of(len(choices), paging.page)
            choices = tuple(choices[i] for i in screen.shown)
            if not screen.last:
                more = ((Button(paging.label, paging.screen(screen.page + 1)),),)
        rows = menu.rows_of([c.button() for c in choices], self.per_row)
        return (*self.before, *rows, *more, *self.extra)

    def previous(self) -> Payload | None:
        """The press that shows the screen before this one of a long list; None on the first."""
        if self.paging is None:
            return None
        screen = menu.Screen.of(len(self.choices), self.paging.page)
        return self.paging.screen(screen.page - 1) if screen.page else None


@dataclass(frozen=True)
class Paging:
    """A long list of choices shown a few a screen: `screen(n)` is the press that shows
    screen n ("➡️ More", and back from a later screen)."""

    label: str
    screen: Callable[[int], Payload]
    page: int = 0


def paging(ctx: Ctx, screen: Callable[[int], Payload], page: int = 0) -> Paging:
    """Paging of a question's choices, with "More" in the resident's language."""
    return Paging(ctx.tr.gettext("➡️ More"), screen, page)


@dataclass(frozen=True)
class Fitted:
    """Typed words read as an answer: the choice's payload, or the free text itself."""

    payload: Payload | None = None
    text: str = ""


@dataclass
class _Words:
    folded: str
    tokens: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _Words:
        folded = fold(text)
        return cls(folded, _WORDS.findall(folded))


def fit(question: Question, text: str, day: date | None = None) -> Fitted | None:
    """What typed `text` answers to `question` (`day`: the date it names), or None."""
    text = " ".join(text.split())
    if not text:
        return None
    words = _Words.of(text)
    if question.free == PHONE and is_phone(text):
        return Fitted(text=text)
    choices = question.choices
    # "nee, de maaltijd wijzigen": a choice named in full wins over the yes or no around it.
    named = _by_label([c for c in choices if c.yes is None], words, text, day, at_least=1.0)
    if named is not None:
        return Fitted(named.payload)
    for finder in (_by_yes_no, _by_number, _by_time, _by_label):
        found = finder(choices, words, text, day)
        if found is not None:
            return Fitted(found.payload)
    if question.free == FREE_TEXT:
        return Fitted(text=text)
    return None


def _by_yes_no(
    choices: Sequence[Choice], words: _Words, text: str, day: date | None
) -> Choice | None:
    said_yes = any(t in YES for t in words.tokens) or "👍" in text
    said_no = any(t in NO for t in words.tokens) or "👎" in text
    if said_yes == said_no:
        return None
    wanted = [c for c in choices if c.yes is said_yes]
    if len(wanted) == 1:
        return wanted[0]
    if said_no and len(words.tokens) <= 3:
        # "nee" to "how many people will you bring along?" is nobody.
        return next((c for c in choices if c.number == 0), None)
    return None


def _number_in(words: _Words) -> int | None:
    numbers = [int(t) for t in words.tokens if t.isdigit() and len(t) <= 2]
    if not numbers and len(words.tokens) <= 3:
        # Number words only in short answers: "een" and "bir" are also "a".
        numbers = [NUMBER_WORDS[t] for t in words.tokens if t in NUMBER_WORDS]
        if not numbers and any(t in NOBODY for t in words.tokens):
            numbers = [0]
    return numbers[0] if len(set(numbers)) == 1 else None


def _by_number(
    choices: Sequence[Choice], words: _Words, text: str, day: date | None
) -> Choice | None:
    if _TIME.search(words.folded) and any(c.at is not None for c in choices):
        return None  # "9.30" is a time here
    number = _number_in(words)
    if number is None:
        return None
    if any(c.number is not None for c in choices):
        return next((c for c in choices if c.number == number), None)
    if len(words.tokens) == 1 and 1 <= number <= len(choices) and not any(c.day for c in choices):
        return choices[number - 1]  # "2": the second button
    return None


def time_in(text: str) -> time | None:
    """A time of day typed as "9:30", "9.30", "9u30", "14h", "10 uur"; None when none."""
    found = _TIME.search(fold(text))
    if found is None:
        return None
    return time(int(found.group(1)), int(found.group(2) or 0))


def _by_time(
    choices: Sequence[Choice], words: _Words, text: str, day: date | None
) -> Choice | None:
    at = time_in(text)
    if day is None and at is None:
        return None
    found = [
        c
        for c in choices
        if (c.day is not None or c.at is not None)
        and (day is None or c.day == day)
        and (at is None or c.at == at or _within(at, c.between))
    ]
    return found[0] if len(found) == 1 else None


def _within(at: time, window: tuple[time, time] | None) -> bool:
    return window is not None and window[0] <= at < window[1]


def _similar(word: str, typed: str) -> float:
    if word == typed:
        return 1.0
    if len(word) >= 5 and len(typed) >= 5 and (word.startswith(typed) or typed.startswith(word)):
        return 0.9  # "vegetar", "vegetarische"
    if min(len(word), len(typed)) < 4:
        return 0.0
    return SequenceMatcher(None, word, typed).ratio()


def _label_score(names: Iterable[str], words: _Words, shared: set[str]) -> float:
    """How well typed words name a choice: its whole name, most of its words, or one word of
    it that no other choice has ("centrum"; not "change", which every change button says)."""
    best = 0.0
    typed = " ".join(words.tokens)
    for name in names:
        label = _Words.of(name)
        if not label.tokens:
            continue
        if re.search(rf"\b{re.escape(' '.join(label.tokens))}\b", typed):
            return 1.0
        scores = {
            w: max((_similar(w, t) for t in words.tokens), default=0.0)
            for w in label.tokens
            if len(w) >= 3
        }
        if not scores:
            continue
        kept = [v if v >= SIMILAR else 0.0 for v in scores.values()]
        best = max(best, sum(kept) / len(kept))
        own = [v for w, v in scores.items() if w not in shared and v >= SIMILAR]
        best = max(best, *own) if own else best
    return best


def _by_label(
    choices: Sequence[Choice],
    words: _Words,
    text: str,
    day: date | None,
    at_least: float = SIMILAR,
) -> Choice | None:
    # How many of a choice's names say each word: a word that more of its names say than any
    # other choice's is its own ("centrum" for Centrum, though Polish says "centrum" for every
    # centre); one that every choice says alike ("change") names none of them.
    counts = [
        Counter(w for name in (c.label, *c.words) for w in set(_Words.of(name).tokens))
        for c in choices
    ]
    scored = []
    for index, choice in enumerate(choices):
        shared = {
            w
            for w, n in counts[index].items()
            if any(other.get(w, 0) >= n for i, other in enumerate(counts) if i != index)
        }
        scored.append((_label_score((choice.label, *choice.words), words, shared), index))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < at_least:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0]:
        return None  # two choices alike: ask again rather than guess
    return choices[scored[0][1]]


def in_every_language(ctx: Ctx, render: Callable[[Ctx], str]) -> tuple[str, ...]:
    """A label as each of our languages says it, so typing it in any of them chooses it."""
    return tuple(render(in_language(ctx, lang)) for lang in LANGUAGES if lang != ctx.lang)


def way_back(ctx: Ctx) -> tuple[Button, ...]:
    """The row that takes a resident back to the form they were filling in."""
    return (Button(ctx.tr.gettext("↩️ Continue where we were"), Resume()),)
