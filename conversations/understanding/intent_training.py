"""Training the intent model of intent_model.py, offline: `make intent-model`.

Labelled questions come from the question sets (tests/eval: each question's organisation data
file says which words are names of ours to mask) and from the examples of
conversations/lexicon/intents/training/*.yaml (read against the demo organisation Oostende).
numpy is only needed here, at development time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import yaml

from conversations.safety_model import bucket, grams
from conversations.understanding import intent_model as im
from conversations.understanding.lexicon import load_lexicon
from conversations.understanding.understander import Understander
from storage.datafile import load_organisation

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO / "tests" / "eval"
SHARED = REPO.parent / "shared" / "eval" / "questions.jsonl"
EPOCHS = 150
RATE = 0.1
L2 = 1e-6
LEVELS = 32767
DEMO_AT = "2026-11-23T10:15"
EXAMPLE_ORG = "oostende"


@dataclass(frozen=True)
class Example:
    """A labelled question: its text, the organisation and moment it is read against."""

    text: str
    label: str
    org: str  # a demo organisation's id or a data file path
    at: str = DEMO_AT
    lang: str | None = None
    source: str = ""


def question_sets() -> dict[str, Path]:
    """The labelled question sets by name (the shared sample when it is beside the checkout)."""
    sets = {p.stem: p for p in sorted(EVAL.glob("questions_*.jsonl"))}
    sets |= {p.stem: p for p in sorted((EVAL / "blind").glob("questions_*.jsonl"))}
    if SHARED.is_file():
        sets["shared"] = SHARED
    return sets


def set_examples(path: Path) -> list[Example]:
    """The questions of a set with one expected intent (`intent_any` rows are left out)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        label = row["expect"].get("intent")
        if label not in im.CLASSES:
            continue
        org = str(row.get("org", EXAMPLE_ORG))
        if org.endswith(".yaml"):
            org = str(path.parent / org) if (path.parent / org).is_file() else str(REPO / org)
        lang = row.get("client_lang") or row.get("lang")
        out.append(Example(row["text"], label, org, row.get("at", DEMO_AT), lang, path.stem))
    return out


def written_examples(directory: Path = im.TRAINING_DIR, with_files: bool = True) -> list[Example]:
    """The examples written for the model (`intents: {intent: [text, ...]}` per language; with
    `with_files` False only the lexicons' own examples)."""
    out = []
    for path in sorted(directory.glob("*.yaml")) if with_files else ():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lang = str(data.get("language", path.stem))
        for label, texts in (data.get("intents") or {}).items():
            if label not in im.CLASSES:
                raise ValueError(f"{path.name}: no intent {label!r}")
            for text in texts or ():
                out.append(Example(str(text), label, EXAMPLE_ORG, DEMO_AT, lang, path.name))
    for lang, pairs in load_lexicon().examples.items():
        for text, label in pairs:
            if label in im.CLASSES:
                out.append(Example(text, label, EXAMPLE_ORG, DEMO_AT, lang, f"lexicon {lang}"))
    return out


@lru_cache(maxsize=32)
def _reader(org: str) -> Understander:
    from data import DEMO_ORGANISATIONS, demo_path

    path = demo_path(org) if org in DEMO_ORGANISATIONS else Path(org)
    return Understander(load_organisation(path), intent_model=None)


def model_words(example: Example) -> tuple[str, ...]:
    """The masked words the model reads of an example, as the understander makes them."""
    reader = _reader(example.org)
    now = datetime.fromisoformat(example.at).replace(tzinfo=ZoneInfo(reader.org.timezone))
    return reader.understand(example.text, now=now, client_language=example.lang).model_words


def fit(
    rows: Sequence[Sequence[int]],
    labels: Sequence[int],
    classes: int,
    epochs: int = EPOCHS,
    rate: float = RATE,
    l2: float = L2,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Multinomial logistic regression over hashed places, each row's features weighted
    1/sqrt(count) (full batch Adam, deterministic): the places used, their weights, the bias."""
    arrays = [np.asarray(r, dtype=np.int64) for r in rows]
    lengths = np.array([len(r) for r in arrays], dtype=np.int64)
    cols = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
    row_of = np.repeat(np.arange(len(arrays)), lengths)
    value = np.repeat(1.0 / np.sqrt(np.maximum(lengths, 1)), lengths).astype(np.float32)
    n, k = len(arrays), classes
    row_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    used, local = np.unique(cols, return_inverse=True)
    by_place = np.argsort(local, kind="stable")
    place_starts = np.flatnonzero(np.r_[True, np.diff(local[by_place]) != 0])
    value_sorted, row_sorted = value[by_place], row_of[by_place]
    w = np.zeros((len(used), k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    target = np.zeros((n, k), dtype=np.float32)
    target[np.arange(n), np.asarray(labels)] = 1.0
    weight = np.full(n, 1.0 / n, dtype=np.float32)
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        logits = np.add.reduceat(w[local] * value[:, None], row_starts, axis=0) + b
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        delta = (prob - target) * weight[:, None]
        grad_w = np.add.reduceat(delta[row_sorted] * value_sorted[:, None], place_starts, axis=0)
        grad_w += l2 * w
        grad_b = delta.sum(axis=0)
        for p, g, m, v in ((w, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            p -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    return used, w, b


def train(
    words: Sequence[tuple[str, ...]],
    labels: Sequence[str],
    digest: str = "",
    epochs: int = EPOCHS,
    rate: float = RATE,
    l2: float = L2,
) -> im.IntentModel:
    """Fit on masked words and their intents, as a shippable model."""
    kept = [i for i, w in enumerate(words) if w]
    rows = [[bucket(g) for g in grams(words[i])] for i in kept]
    index = [im.CLASSES.index(labels[i]) for i in kept]
    used, w, b = fit(rows, index, len(im.CLASSES), epochs, rate, l2)
    scale = float(np.abs(w).max()) / LEVELS if w.size else 1.0
    scale = scale or 1.0
    q = np.rint(w / scale).astype(np.int16)
    keep = np.abs(q).max(axis=1) > 0
    return im.IntentModel(
        array("I", used[keep].astype(np.uint32).tobytes()),
        array("h", q[keep].reshape(-1).tobytes()),
        scale,
        [float(x) for x in b],
        digest,
    )


def all_examples() -> list[Example]:
    """Every labelled question: the sets' and the written ones."""
    found: list[Example] = []
    for path in question_sets().values():
        found.extend(set_examples(path))
    return found + written_examples()


def training_digest(paths: Iterable[Path]) -> str:
    """A digest of the training files and the settings that change the weights."""
    digest = hashlib.sha256(repr((im.FEATURES, im.CLASSES, EPOCHS, RATE, L2)).encode())
    for path in sorted(paths):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def main(argv: Sequence[str] | None = None) -> None:
    """Train on every labelled question and write the shipped weight file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=im.WEIGHTS_FILE)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    examples = all_examples()
    words = [model_words(e) for e in examples]
    files = [*question_sets().values(), *sorted(im.TRAINING_DIR.glob("*.yaml"))]
    model = train(words, [e.label for e in examples], training_digest(files))
    data = model.to_bytes()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(
        f"{len(examples)} examples, {len(model.places)} feature places,"
        f" {len(data) / 1024:.0f} KiB written to {args.out} in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
