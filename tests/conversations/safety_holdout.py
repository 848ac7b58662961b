"""Held-out crisis sets kept beside a round of training data: read, check apart, score."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from conversations import safety_model as sm
from conversations import safety_training as st
from conversations.safety_signals import KINDS, detect
from storage.model import LANGUAGES

Row = dict[str, Any]


def detected_kind(text: str, lang: str) -> str | None:
    """The kind `detect` reads in a message (a crisis kind, distress), or None."""
    signal = detect(text, lang=lang)
    return None if signal is None else signal.kind


def read_holdout(path: Path) -> list[Row]:
    """The held-out messages: text, language, expected kind (distress or None: no crisis)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def trained_copies(rows: list[Row]) -> list[str]:
    """The held-out texts that also stand in the training data (there should be none)."""
    trained = {" ".join(sm.tokens_of(e.text)) for e in st.load_examples()}
    return [r["text"] for r in rows if " ".join(sm.tokens_of(str(r["text"]))) in trained]


def round_examples(name: str) -> list[st.Example]:
    """The training examples of one round's folder (training/<name>/*.yaml)."""
    folder = sm.TRAINING_DIR / name
    return [e for path in sorted(folder.glob("*.yaml")) for e in st._yaml_examples(path)]


@dataclass
class Figures:
    """Crises caught and ordinary messages alarmed, with the texts of each miss."""

    missed: list[str] = field(default_factory=list)
    alarmed: list[str] = field(default_factory=list)
    crises: int = 0
    calm: int = 0

    @property
    def recall(self) -> float:
        """The share of crises caught."""
        return (self.crises - len(self.missed)) / self.crises

    @property
    def alarms(self) -> float:
        """The share of messages without a crisis that fired one."""
        return len(self.alarmed) / self.calm

    def line(self, name: str) -> str:
        """One printable line of the figures."""
        caught = self.crises - len(self.missed)
        return (
            f"{name}: recall {caught}/{self.crises}, false alarms {len(self.alarmed)}/{self.calm}"
        )


def score(rows: list[Row]) -> Figures:
    """Run the whole detection on every held-out message."""
    figures = Figures()
    for row in rows:
        text = str(row["text"])
        signal = detect(text)
        fired = signal is not None and signal.kind in KINDS
        if row["safety"] in KINDS:
            figures.crises += 1
            if not fired:
                figures.missed.append(text)
        else:
            figures.calm += 1
            if fired:
                figures.alarmed.append(text)
    return figures


def check_covers_every_language_and_kind(rows: list[Row]) -> None:
    """Assert the held-out rows speak every language and hold every crisis kind."""
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert {r["safety"] for r in rows if r["safety"] in KINDS} == set(KINDS)


def check_caught_and_calm(
    rows: list[Row], name: str, min_recall: float, max_alarms: float
) -> None:
    """Score the rows, print their line and assert the round's recall and alarm floors."""
    figures = score(rows)
    print("\n" + figures.line(name))
    assert figures.recall >= min_recall, figures.missed
    assert figures.alarms <= max_alarms, figures.alarmed


def check_round_training(name: str, per_kind: int, calm: int, distress: int | None = None) -> None:
    """Assert a round's training folder has enough of every kind in every language."""
    examples = round_examples(name)
    for lang in LANGUAGES:
        mine = [e for e in examples if e.language == lang]
        for kind in KINDS:
            assert sum(e.label == kind for e in mine) >= per_kind, (lang, kind)
        assert sum(e.label == sm.NONE for e in mine) >= calm, lang
        if distress is not None:
            assert sum(e.label == sm.DISTRESS for e in mine) >= distress, lang


class HoldoutChecks:
    """The four checks of one round's held-out set; a round's test file subclasses it as TestX."""

    HOLDOUT: ClassVar[Path]
    NAME: ClassVar[str]  # the printed name, e.g. "round-eight holdout"
    FOLDER: ClassVar[str]  # training/<FOLDER>/
    MIN_RECALL: ClassVar[float]
    MAX_ALARMS: ClassVar[float]
    PER_KIND: ClassVar[int]  # training examples of every crisis kind per language, at least
    CALM: ClassVar[int]  # ordinary training examples per language, at least
    DISTRESS: ClassVar[int | None] = None  # distress training examples per language, if checked

    def rows(self) -> list[Row]:
        """The held-out rows of this round."""
        return read_holdout(self.HOLDOUT)

    def test_the_holdout_covers_every_language_and_kind(self) -> None:
        check_covers_every_language_and_kind(self.rows())

    def test_the_holdout_is_not_training_data(self) -> None:
        assert trained_copies(self.rows()) == []

    def test_holdout_crises_are_caught_and_ordinary_messages_stay_calm(self) -> None:
        check_caught_and_calm(self.rows(), self.NAME, self.MIN_RECALL, self.MAX_ALARMS)

    def test_training_data_has_every_kind_in_every_language(self) -> None:
        check_round_training(self.FOLDER, self.PER_KIND, self.CALM, self.DISTRESS)
