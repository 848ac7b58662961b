"""A trained second signal for crisis detection: character n-grams and a linear model.

The word patterns of safety_signals.py are certain when they fire, but miss wordings nobody
wrote down. This model reads what the patterns cannot list: it is trained, when first used, on
the labelled messages of conversations/lexicon/safety/training/ (crisis messages by kind,
loneliness, ordinary and alarming-sounding harmless messages, in all eight languages).

Features: the message's folded words (lower case, no accents) with a space on each side, and
every run of 2 to 5 characters inside them (so "kil myself" and "kill myself" share most of their
features, and a word cut in two still counts), plus each word and each pair of words. They are
hashed (crc32, the same in every process) into `BUCKETS` places, so no vocabulary is kept.
The model is multinomial logistic regression (numpy, full-batch Adam, L2): numpy is already
there through matplotlib, and scikit-learn with scipy would cost ~40 MB in the bot process.

Nothing here logs message text.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from conversations.understanding.text import words

TRAINING_DIR = Path(__file__).resolve().parent / "lexicon" / "safety" / "training"

NONE, DISTRESS = "none", "distress"
CRISIS_KINDS: tuple[str, ...] = ("medical", "suicide", "self_harm", "violence")
CLASSES: tuple[str, ...] = (NONE, DISTRESS, *CRISIS_KINDS)

BUCKETS = 1 << 18  # hashed feature places; collisions are rare at this size
NGRAMS = (2, 5)  # shortest and longest character runs
EPOCHS = 200
RATE = 0.1
L2 = 1e-6
CRISIS_WEIGHT = 1.0  # weight of a crisis example against an ordinary one

# Thresholds on the crisis score, chosen by grouped cross-validation (bench/safety_model_cv.py):
# at or above HIGH the message is a crisis; from LOW up to HIGH it is a possible crisis.
HIGH = 0.7
LOW = 0.5

MAX_CHARS = 2000  # a longer message is read in its beginning only (the length guard refuses it)


def _grams(tokens: Sequence[str]) -> list[str]:
    """The features of folded words: character runs inside padded words, words, word pairs."""
    low, high = NGRAMS
    found: list[str] = []
    for token in tokens:
        padded = f" {token} "
        size = len(padded)
        for n in range(low, high + 1):
            found.extend(padded[i : i + n] for i in range(size - n + 1))
        found.append("w:" + token)
    found.extend(f"b:{a} {b}" for a, b in itertools.pairwise(tokens))
    return found


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & (BUCKETS - 1)


def featurize(tokens: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Distinct hashed feature places of the tokens (and their n-grams, same order)."""
    grams = list(dict.fromkeys(_grams(tokens)))
    return np.fromiter((_bucket(g) for g in grams), dtype=np.int64, count=len(grams)), grams


def parts(text: str) -> list[tuple[str, ...]]:
    """The folded words of the message (scoring each sentence apart was measured: it raised
    false alarms more than it found crises, bench/safety_model_cv.py)."""
    whole = tuple(words(text[:MAX_CHARS]))
    return [whole] if whole else []


@dataclass(frozen=True)
class Example:
    """A labelled training message: its text, language, class, and where it comes from."""

    text: str
    language: str
    label: str  # one of CLASSES
    source: str


@dataclass(frozen=True)
class Score:
    """What the model says of a message: the crisis score, the likeliest kind, and why."""

    crisis: float  # probability of any crisis kind, in the message's most alarming part
    kind: str  # the likeliest crisis kind
    distress: float
    top: tuple[str, ...] = ()  # the n-grams that pushed most towards that kind

    def explain(self) -> str:
        """The score and the strongest n-grams, for tests and debugging."""
        grams = ", ".join(repr(g) for g in self.top)
        return f"classifier {self.kind} {self.crisis:.2f} ({grams})"


class SafetyModel:
    """Multinomial logistic regression over hashed character n-grams."""

    def __init__(self, places: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> None:
        self.places = places  # the sorted feature places seen in training
        self.weights = weights  # one row per place in `places` (float32), then a zero row
        self.bias = bias

    def rows(self, places: np.ndarray) -> np.ndarray:
        """The weight rows of feature places (the zero row for a place never seen)."""
        at = np.searchsorted(self.places, places)
        at = np.minimum(at, len(self.places) - 1)
        return np.where(self.places[at] == places, at, len(self.places))

    @classmethod
    def train(cls, examples: Sequence[Example], epochs: int = EPOCHS) -> SafetyModel:
        """Fit on labelled examples (deterministic: full batch, fixed start)."""
        examples = [e for e in examples if words(e.text[:MAX_CHARS])]
        rows: list[np.ndarray] = []
        labels = np.array([CLASSES.index(e.label) for e in examples], dtype=np.int64)
        for example in examples:
            rows.append(featurize(tuple(words(example.text[:MAX_CHARS])))[0])
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        cols = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        row_of = np.repeat(np.arange(len(rows)), lengths)
        value = np.repeat(1.0 / np.sqrt(np.maximum(lengths, 1)), lengths).astype(np.float32)
        n, k = len(rows), len(CLASSES)
        row_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        # Only the places that occur are trained; the rest keep weight 0. Sums over a row or
        # over a place are `reduceat` over runs, sorted once: far faster than `np.add.at`.
        used, local = np.unique(cols, return_inverse=True)
        by_place = np.argsort(local, kind="stable")
        place_starts = np.flatnonzero(np.r_[True, np.diff(local[by_place]) != 0])
        local_sorted, value_sorted, row_sorted = local[by_place], value[by_place], row_of[by_place]
        w = np.zeros((len(used), k), dtype=np.float32)
        b = np.zeros(k, dtype=np.float32)
        target = np.zeros((n, k), dtype=np.float32)
        target[np.arange(n), labels] = 1.0
        weight = np.where(labels >= CLASSES.index(CRISIS_KINDS[0]), CRISIS_WEIGHT, 1.0)
        weight = (weight / weight.sum()).astype(np.float32)
        m_w, v_w = np.zeros_like(w), np.zeros_like(w)
        m_b, v_b = np.zeros_like(b), np.zeros_like(b)
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        for step in range(1, epochs + 1):
            logits = np.add.reduceat(w[local] * value[:, None], row_starts, axis=0) + b
            logits -= logits.max(axis=1, keepdims=True)
            prob = np.exp(logits)
            prob /= prob.sum(axis=1, keepdims=True)
            delta = (prob - target) * weight[:, None]
            grad_w = np.add.reduceat(
                delta[row_sorted] * value_sorted[:, None], place_starts, axis=0
            )
            grad_w += L2 * w
            grad_b = delta.sum(axis=0)
            for p, g, m, v in ((w, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
                m *= beta1
                m += (1 - beta1) * g
                v *= beta2
                v += (1 - beta2) * g * g
                p -= RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
        del local_sorted, value_sorted, row_sorted, m_w, v_w, by_place, local, cols, row_of
        return cls(used, np.vstack([w, np.zeros((1, k), dtype=np.float32)]), b)

    def _probabilities(self, places: np.ndarray) -> np.ndarray:
        logits = self.weights[self.rows(places)].sum(axis=0) / np.sqrt(max(len(places), 1))
        logits = logits + self.bias - logits.max()
        prob = np.exp(logits)
        return prob / prob.sum()

    def score(self, text: str, top: int = 4) -> Score:
        """The crisis score of the message's most alarming part (whole or one sentence)."""
        best: tuple[float, np.ndarray, np.ndarray, list[str]] | None = None
        distress = 0.0
        for tokens in parts(text):
            places, grams = featurize(tokens)
            prob = self._probabilities(places)
            crisis = float(prob[2:].sum())
            distress = max(distress, float(prob[1]))
            if best is None or crisis > best[0]:
                best = (crisis, prob, places, grams)
        if best is None:
            return Score(0.0, CRISIS_KINDS[0], 0.0)
        crisis, prob, places, grams = best
        kind_index = 2 + int(np.argmax(prob[2:]))
        # Why: the n-grams whose weight for this kind most exceeds their weight for "none".
        rows = self.rows(places)
        push = self.weights[rows, kind_index] - self.weights[rows, 0]
        order = np.argsort(-push)[:top]
        names = tuple(grams[i].strip() or grams[i] for i in order if push[i] > 0)
        return Score(crisis, CLASSES[kind_index], distress, names)


# --- training data -------------------------------------------------------------------------


def _yaml_examples(path: Path) -> Iterable[Example]:
    """Examples of a YAML file: `crisis: {kind: [...]}`, `distress: [...]`, `none: [...]`, or
    `classes: {name: {kind or distress or none: [...]}}`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    lang = str(data.get("language", path.stem))
    groups: list[tuple[str, list[str]]] = []
    for kind, texts in (data.get("crisis") or {}).items():
        groups.append((kind, texts or []))
    groups.append((DISTRESS, data.get("distress") or []))
    groups.append((NONE, data.get("none") or []))
    for by_kind in (data.get("classes") or {}).values():
        groups.extend((kind, texts or []) for kind, texts in by_kind.items())
    for label, texts in groups:
        for text in texts:
            yield Example(str(text), lang, label, path.name)


def _jsonl_examples(path: Path) -> Iterable[Example]:
    """Examples of a JSON-lines file: {"text", "lang", "expect": {"safety": kind or null}}."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        expect = item.get("expect") or {}
        label = expect.get("safety") or item.get("safety") or NONE
        lang = item.get("lang") or expect.get("language") or "?"
        yield Example(str(item["text"]), str(lang), str(label), path.name)


def load_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    """Every labelled message of the training folder (and its sub-folders), in a fixed order."""
    found: list[Example] = []
    for path in sorted(directory.rglob("*")):
        if path.suffix == ".yaml":
            found.extend(_yaml_examples(path))
        elif path.suffix == ".jsonl":
            found.extend(_jsonl_examples(path))
    return [e for e in found if e.label in CLASSES and e.text.strip()]


@lru_cache(maxsize=1)
def load_model() -> SafetyModel:
    """The model, trained on the training folder the first time it is needed."""
    return SafetyModel.train(load_examples())
