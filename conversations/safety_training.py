"""Training the crisis classifier of safety_model.py, offline: `make safety-model`.

Reads the labelled messages of conversations/lexicon/safety/training/ and writes the weights to
conversations/lexicon/safety/classifier.bin, which the bot loads (without numpy). The file
records a digest of the training data and of the settings below; tests fail while the shipped
weights are older than the data ("run make safety-model").

The model is multinomial logistic regression (numpy, full-batch Adam, L2, deterministic). numpy
is only needed here, at development time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from conversations import safety_model as sm

EPOCHS = 200
RATE = 0.1
L2 = 1e-6
# Weight of a crisis example against an ordinary one: 1.7 since round five's 1,900 ordinary lines,
# which at 1 pulled every crisis score down (cross-validated recall -3 points at LOW); 1.9 since
# the ordinary classes of training/ordinary_classes/ (at 1.7 they cost one held-out crisis; at 1.9
# the never-trained sets and sets 2-7 left out keep every crisis: bench/safety_leave_set_out.py).
CRISIS_WEIGHT = 1.9
LEVELS = 32767  # the largest weight is stored as this integer (int16)


@dataclass(frozen=True)
class Example:
    """A labelled training message: its text, language, class, and where it comes from."""

    text: str
    language: str
    label: str  # one of CLASSES
    source: str


def _yaml_examples(path: Path) -> Iterable[Example]:
    """Examples of a YAML file: `crisis: {kind: [...]}`, `distress: [...]`, `none: [...]`, or
    `classes: {name: {kind or distress or none: [...]}}`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    lang = str(data.get("language", path.stem))
    groups: list[tuple[str, list[str]]] = []
    for kind, texts in (data.get("crisis") or {}).items():
        groups.append((kind, texts or []))
    groups.append((sm.DISTRESS, data.get("distress") or []))
    groups.append((sm.NONE, data.get("none") or []))
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
        label = expect.get("safety") or item.get("safety") or sm.NONE
        lang = item.get("lang") or expect.get("language") or "?"
        yield Example(str(item["text"]), str(lang), str(label), path.name)


def training_files(directory: Path = sm.TRAINING_DIR) -> list[Path]:
    """The data files of the training folder (and its sub-folders), in a fixed order."""
    return [p for p in sorted(directory.rglob("*")) if p.suffix in (".yaml", ".jsonl")]


def load_examples(directory: Path = sm.TRAINING_DIR) -> list[Example]:
    """Every labelled message of the training folder, in a fixed order."""
    found: list[Example] = []
    for path in training_files(directory):
        if path.suffix == ".yaml":
            found.extend(_yaml_examples(path))
        else:
            found.extend(_jsonl_examples(path))
    return [e for e in found if e.label in sm.CLASSES and e.text.strip()]


def training_digest(directory: Path = sm.TRAINING_DIR) -> str:
    """A digest of the training data and of every setting that changes the weights."""
    digest = hashlib.sha256()
    settings = (sm.FEATURES, sm.BUCKETS, sm.NGRAMS, sm.CLASSES, EPOCHS, RATE, L2, CRISIS_WEIGHT)
    digest.update(repr(settings).encode("utf-8"))
    for path in training_files(directory):
        digest.update(path.relative_to(directory).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def train(examples: Sequence[Example], epochs: int = EPOCHS, digest: str = "") -> sm.SafetyModel:
    """Fit on labelled examples (deterministic: full batch, fixed start), as a shippable model."""
    tokens = [sm.tokens_of(e.text) for e in examples]
    kept = [i for i, t in enumerate(tokens) if t]
    rows = [[sm.bucket(g) for g in sm.grams(tokens[i])] for i in kept]
    labels = np.array([sm.CLASSES.index(examples[i].label) for i in kept], dtype=np.int64)
    weight = np.where(labels >= sm.CLASSES.index(sm.CRISIS_KINDS[0]), CRISIS_WEIGHT, 1.0)
    used, w, b = fit(rows, labels, len(sm.CLASSES), weight, epochs)
    places, weights, scale = quantise(used, w)
    return sm.SafetyModel(places, weights, scale, [float(x) for x in b], digest)


def fit(
    rows: Sequence[Sequence[int]],
    labels: Sequence[int] | np.ndarray,
    classes: int,
    example_weight: np.ndarray | None = None,
    epochs: int = EPOCHS,
    rate: float = RATE,
    l2: float = L2,
    power: float = 0.5,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Multinomial logistic regression over hashed places, each row's features weighted
    1/sqrt(count) (full-batch Adam, deterministic): the places used, their weights, the bias.
    `example_weight`: each example's relative weight (default: all equal); `power`: the rows'
    weight is 1/count**power (0.5, the runtime's; other values only for
    bench/safety_leave_set_out.py)."""
    arrays = [np.asarray(r, dtype=np.int64) for r in rows]
    lengths = np.array([len(r) for r in arrays], dtype=np.int64)
    cols = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
    row_of = np.repeat(np.arange(len(arrays)), lengths)
    norm = np.maximum(lengths, 1).astype(np.float64) ** power  # 0.5: bit for bit 1/sqrt
    value = np.repeat(1.0 / norm, lengths).astype(np.float32)
    n, k = len(arrays), classes
    row_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    # Only the places that occur are trained; the rest keep weight 0. Sums over a row or over a
    # place are `reduceat` over runs, sorted once: far faster than `np.add.at`.
    used, local = np.unique(cols, return_inverse=True)
    by_place = np.argsort(local, kind="stable")
    place_starts = np.flatnonzero(np.r_[True, np.diff(local[by_place]) != 0])
    value_sorted, row_sorted = value[by_place], row_of[by_place]
    w = np.zeros((len(used), k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    target = np.zeros((n, k), dtype=np.float32)
    target[np.arange(n), np.asarray(labels)] = 1.0
    weight = np.ones(n) if example_weight is None else np.asarray(example_weight, dtype=float)
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


def quantise(places: np.ndarray, w: np.ndarray) -> tuple[array, array, float]:
    """The runtime table: weights as int16 of one scale, places whose weights all round to 0
    left out; returns (places, weights row by row, scale)."""
    scale = float(np.abs(w).max()) / LEVELS if w.size else 1.0
    scale = scale or 1.0
    q = np.rint(w / scale).astype(np.int16)
    keep = np.abs(q).max(axis=1) > 0 if q.size else np.zeros(0, dtype=bool)
    return (
        array("I", places[keep].astype(np.uint32).tobytes()),
        array("h", q[keep].reshape(-1).tobytes()),
        scale,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Train on the training folder and write the shipped weight file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="(the default) train and write")
    parser.add_argument("--out", type=Path, default=sm.WEIGHTS_FILE)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    examples = load_examples()
    model = train(examples, digest=training_digest())
    data = model.to_bytes()
    args.out.write_bytes(data)
    print(
        f"{len(examples)} examples, {len(model.places)} feature places,"
        f" {len(data) / 1024:.0f} KiB written to {args.out}"
        f" in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
