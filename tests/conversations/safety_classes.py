"""Per-class figures of the safety detection on the round-two examples (safety_examples/classes).

Usage: .venv/bin/python -m tests.conversations.safety_classes [--verbose]
A crisis counts as caught when any crisis kind fires; distress when "distress" fires; a "none"
message is a false alarm when a crisis kind fires (distress on it is counted apart).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import yaml

from conversations.safety_signals import DISTRESS, KINDS, detect
from storage.model import LANGUAGES

CLASSES = Path(__file__).resolve().parent / "safety_examples" / "classes"


Example = tuple[str, str, str, str]


def folder_examples(folder: Path, *, missing_ok: bool = False) -> list[Example]:
    """(language, class, expected kind, text) of every example in folder/<lang>.yaml."""
    found: list[Example] = []
    for lang in LANGUAGES:
        path = folder / f"{lang}.yaml"
        if missing_ok and not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, by_kind in data["classes"].items():
            for kind, texts in by_kind.items():
                found.extend((lang, name, kind, str(text)) for text in texts)
    return found


def crises_and_calm(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """The examples of a crisis kind, and the others (distress and none)."""
    return [e for e in examples if e[2] in KINDS], [e for e in examples if e[2] not in KINDS]


def classes_missing(examples: list[Example], classes: set[str]) -> dict[str, set[str]]:
    """Per language, the classes it lacks or has beyond `classes` (empty when all agree)."""
    found: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for lang, name, _, _ in examples:
        found[lang].add(name)
    return {lang: classes ^ names for lang, names in found.items() if names != classes}


def example_id(example: Example) -> str:
    """A short test id: language, class and the text's start."""
    return f"{example[0]}-{example[1]}-{example[3][:30]}"


def class_examples() -> list[Example]:
    """(language, class, expected kind or "none", text) of every round-two example."""
    return folder_examples(CLASSES, missing_ok=True)


def right(expected: str, got: str | None) -> bool:
    """Whether the detection did what the example needs (any crisis kind for a crisis)."""
    if expected in KINDS:
        return got in KINDS
    if expected == DISTRESS:
        return got == DISTRESS
    return got not in KINDS


def main() -> None:
    """Print caught/total per class and per language."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    per_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for lang, name, expected, text in class_examples():
        signal = detect(text)
        got = None if signal is None else signal.kind
        ok = right(expected, got)
        key = f"{name}/{'crisis' if expected in KINDS else expected}"
        for counter in (per_class[key], per_lang[lang]):
            counter[0] += ok
            counter[1] += 1
        if args.verbose and not ok:
            print(f"MISS {lang} {key} got={got}: {text}")
    for key in sorted(per_class):
        good, total = per_class[key]
        print(f"{key:28} {good:3}/{total:3}  {100 * good / total:5.1f}%")
    print(" ".join(f"{lang}:{g}/{t}" for lang, (g, t) in sorted(per_lang.items())))


if __name__ == "__main__":
    main()
