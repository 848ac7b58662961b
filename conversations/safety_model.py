"""A trained second signal for crisis detection: character n-grams and a linear model.

The word patterns of safety_signals.py are certain when they fire, but miss wordings nobody
wrote down. This model reads what the patterns cannot list. It is trained offline
(`make safety-model`, conversations/safety_training.py) on the labelled messages of
conversations/lexicon/safety/training/ (crisis messages by kind, loneliness, ordinary and
alarming-sounding harmless messages, in all eight languages), and its weights ship in the
package as `lexicon/safety/classifier.bin`. The bot only reads that file: scoring is a sum of
weights in pure Python, so numpy never enters the bot process (training on the first message
cost ~5 s and ~80 MB).

Features: the message's folded words (lower case, no accents) with a space on each side, and
every run of 2 to 5 characters inside them (so "kil myself" and "kill myself" share most of their
features, and a word cut in two still counts), plus each word and each pair of words. They are
hashed (crc32, the same in every process) into `BUCKETS` places, so no vocabulary is kept.
The model is multinomial logistic regression over those places.

Nothing here logs message text.
"""

from __future__ import annotations

import itertools
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from conversations.sparse_table import SparseTable
from conversations.understanding.text import words

# Annotated: safety_training imports these while mypy still checks this module (an import cycle)
SAFETY_DIR: Path = Path(__file__).resolve().parent / "lexicon" / "safety"
TRAINING_DIR: Path = SAFETY_DIR / "training"
WEIGHTS_FILE: Path = SAFETY_DIR / "classifier.bin"
MAGIC = b"voordeur-safety-classifier 1\n"

NONE, DISTRESS = "none", "distress"
CRISIS_KINDS: tuple[str, ...] = ("medical", "suicide", "self_harm", "violence")
CLASSES: tuple[str, ...] = (NONE, DISTRESS, *CRISIS_KINDS)

BUCKETS = 1 << 18  # hashed feature places; collisions are rare at this size
NGRAMS = (2, 5)  # shortest and longest character runs
FEATURES = 1  # raise when the features change: the shipped weights are then stale

# Thresholds on the crisis score, chosen by grouped cross-validation (bench/safety_model_cv.py):
# at or above HIGH the message is a crisis; from LOW up to HIGH it is a possible crisis.
HIGH = 0.7
LOW = 0.5

# Below this many words the model alone raises nothing: a few n-grams decide a short message
# ("et lundi ?" scored 0.85), and every short crisis of the training data is a pattern hit.
MIN_WORDS = 5
MAX_CHARS = 2000  # a longer message is read in its beginning only (the length guard refuses it)


def grams(tokens: Sequence[str]) -> list[str]:
    """The distinct features of folded words: character runs inside padded words, words, word
    pairs, in order of appearance."""
    low, high = NGRAMS
    found: list[str] = []
    for token in tokens:
        padded = f" {token} "
        size = len(padded)
        for n in range(low, high + 1):
            found.extend(padded[i : i + n] for i in range(size - n + 1))
        found.append("w:" + token)
    found.extend(f"b:{a} {b}" for a, b in itertools.pairwise(tokens))
    return list(dict.fromkeys(found))


def bucket(gram: str) -> int:
    """The hashed place of a feature."""
    return zlib.crc32(gram.encode("utf-8")) & (BUCKETS - 1)


def tokens_of(text: str) -> tuple[str, ...]:
    """The folded words the model reads of a message (the whole message: scoring each sentence
    apart was measured, it raised false alarms more than it found crises)."""
    return tuple(words(text[:MAX_CHARS]))


@dataclass(frozen=True)
class Score:
    """What the model says of a message: the crisis score, the likeliest kind, and why."""

    crisis: float  # probability of any crisis kind
    kind: str  # the likeliest crisis kind
    distress: float
    top: tuple[str, ...] = ()  # the n-grams that pushed most towards that kind

    def explain(self) -> str:
        """The score and the strongest n-grams, for tests and debugging."""
        shown = ", ".join(repr(g) for g in self.top)
        return f"classifier {self.kind} {self.crisis:.2f} ({shown})"


class SafetyModel(SparseTable):
    """Multinomial logistic regression over hashed character n-grams, as a sparse table
    (sparse_table.py) with the crisis classes."""

    def __init__(
        self, places: array, weights: array, scale: float, bias: Sequence[float], digest: str = ""
    ) -> None:
        super().__init__(places, weights, scale, bias, len(CLASSES))
        self.digest = digest  # of the training data the weights were fitted on

    def score(self, text: str, top: int = 4, tokens: Sequence[str] | None = None) -> Score:
        """The crisis score of the message, its likeliest kind, and the n-grams behind it;
        `tokens`: read these words of it instead of all (safety_signals leaves idioms out)."""
        tokens = tokens_of(text) if tokens is None else tuple(tokens)
        if not tokens:
            return Score(0.0, CRISIS_KINDS[0], 0.0)
        found = grams(tokens)
        prob, rows = self.probabilities([bucket(g) for g in found])
        crisis = sum(prob[2:])
        kind_index = 2 + max(range(len(CRISIS_KINDS)), key=lambda i: prob[2 + i])
        # Why: the n-grams whose weight for this kind most exceeds their weight for "none".
        names = self.strongest(found, rows, kind_index, CLASSES.index(NONE), top)
        return Score(crisis, CLASSES[kind_index], prob[1], names)

    def to_bytes(self) -> bytes:  # type: ignore[override]
        """The weight file (sparse_table.py's layout) with the features it was made for."""
        header = {
            "classes": list(CLASSES),
            "buckets": BUCKETS,
            "ngrams": list(NGRAMS),
            "features": FEATURES,
            "digest": self.digest,
        }
        return super().to_bytes(MAGIC, header)

    @classmethod
    def from_bytes(cls, data: bytes) -> SafetyModel:  # type: ignore[override]
        """A model read from its weight file (see `to_bytes`)."""
        table, header = SparseTable.from_bytes(data, MAGIC, len(CLASSES), "safety classifier")
        if (
            header["classes"] != list(CLASSES)
            or header["buckets"] != BUCKETS
            or header["ngrams"] != list(NGRAMS)
            or header["features"] != FEATURES
        ):
            raise ValueError("the safety classifier weights were made for other features")
        return cls(table.places, table.weights, table.scale, table.bias, header["digest"])


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_FILE) -> SafetyModel:
    """The shipped model (trained offline by `make safety-model`), read once per process."""
    return SafetyModel.from_bytes(path.read_bytes())


if __name__ == "__main__":  # python -m conversations.safety_model --train
    from conversations.safety_training import main

    main()
