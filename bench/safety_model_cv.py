"""Grouped cross-validation of the safety classifier, alone and with the patterns.

Usage: .venv/bin/python -m bench.safety_model_cv [--folds 5] [--verbose]
Near-duplicates (messages sharing their three longest words) stay in one fold, so a rewording
of a training message does not count as unseen. Prints, per language, the recall of crisis
messages (crisis or possible crisis) and the false alarms on the rest, for the thresholds in
conversations/safety_model.py, and the thresholds that would meet the targets.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

import numpy as np

from conversations import safety_model as sm
from conversations import safety_training as st
from conversations.safety_signals import KINDS, POSSIBLE, detect
from conversations.understanding.text import words

QUESTIONS = ("questions.jsonl", "eval_questions.jsonl")  # copies of the understanding sets


def groups(examples: list[st.Example]) -> list[int]:
    """A group per message, shared by messages with the same three longest words."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    owner: dict[tuple[str, ...], int] = {}
    for i, example in enumerate(examples):
        key = tuple(sorted(sorted(set(words(example.text)), key=lambda w: (-len(w), w))[:3]))
        if key in owner:
            parent[root(i)] = root(owner[key])
        else:
            owner[key] = i
    return [root(i) for i in range(len(examples))]


def fold_of(examples: list[st.Example], folds: int) -> list[int]:
    """A fold per message (deterministic: by group id)."""
    return [g % folds for g in groups(examples)]


def out_of_fold(
    examples: list[st.Example], folds: int, detections: list[str] | None = None
) -> list[sm.Score]:
    """Each message scored by a model trained without its fold; with `detections`, also
    the level at which the whole detection (patterns, then that model) calls it a crisis ("" for
    no crisis)."""
    fold = fold_of(examples, folds)
    scores: list[sm.Score | None] = [None] * len(examples)
    found: list[str] = [""] * len(examples)
    for f in range(folds):
        model = st.train([e for e, g in zip(examples, fold, strict=True) if g != f])
        for i, example in enumerate(examples):
            if fold[i] == f:
                scores[i] = model.score(example.text)
                if detections is not None:
                    signal = detect(example.text, model=model)
                    crisis = signal is not None and signal.kind in KINDS
                    found[i] = signal.level if signal is not None and crisis else ""
    if detections is not None:
        detections[:] = found
    return [s for s in scores if s is not None]


def figures(examples, scores, pattern, low, high):
    """Per language: [crisis caught, crises, possible among caught, false alarms, others].
    `pattern` None: the classifier alone; else the level at which detect() called each a
    crisis ("" for none)."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    alone = pattern is None
    for i, (example, score) in enumerate(zip(examples, scores, strict=True)):
        row = per[example.language]
        flagged = score.crisis >= low if alone else bool(pattern[i])
        possible = low <= score.crisis < high if alone else pattern[i] == POSSIBLE
        if example.label in KINDS:
            row[0] += flagged
            row[1] += 1
            row[2] += possible
        else:
            row[3] += flagged
            row[4] += 1
    return per


def main() -> None:
    """Print the cross-validated figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    examples = st.load_examples()
    pattern: list[str] = []  # the whole detection, the model trained without the fold
    scores = out_of_fold(examples, args.folds, pattern)
    crisis = np.array([e.label in KINDS for e in examples])
    value = np.array([s.crisis for s in scores])
    print(f"{len(examples)} examples, {crisis.sum()} crisis, {args.folds} grouped folds")
    for name, hits in (("classifier alone", None), ("detect(): patterns + classifier", pattern)):
        print(f"== {name}")
        for low, high in ((sm.LOW, sm.HIGH),):
            per = figures(examples, scores, hits, low, high)
            total = [sum(r[i] for r in per.values()) for i in range(5)]
            # The understanding sets' questions are easy negatives: the rest are the hard ones.
            keep = [i for i, e in enumerate(examples) if e.source not in QUESTIONS]
            hard = figures(
                [examples[i] for i in keep],
                [scores[i] for i in keep],
                None if hits is None else [hits[i] for i in keep],
                low,
                high,
            )
            rest = [sum(r[i] for r in hard.values()) for i in range(5)]
            for lang, r in [*sorted(per.items()), ("all", total), ("hard", rest)]:
                print(
                    f"  {lang:4} recall {r[0]}/{r[1]} = {r[0] / max(r[1], 1):.1%}"
                    f" (possible {r[2]})  false alarms {r[3]}/{r[4]} = {r[3] / max(r[4], 1):.1%}"
                )
    print("== classifier alone, by threshold: recall / false alarms")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        print(f"  {t:.2f}: {(value[crisis] >= t).mean():.1%} / {(value[~crisis] >= t).mean():.1%}")
    if args.verbose:
        for e, s, h in zip(examples, scores, pattern, strict=True):
            wrong = (e.label in KINDS) != bool(h)
            if wrong:
                print(f"  {e.language} {e.label:9} {s.crisis:.2f} {e.text[:90]}")


if __name__ == "__main__":
    main()
