"""The classifier's copies of test data: the development examples (safety_examples/*.yaml and
classes/*.yaml) and the ordinary questions of the understanding sets.

The classifier trains on conversations/lexicon/safety/training/dev_examples.jsonl, one line per
example of tests/conversations/safety_examples, and on training/eval_questions.jsonl, every
ordinary question of tests/eval/*.jsonl, tests/eval/dev/questions_*.jsonl and
tests/eval/blind/questions_*.jsonl that no other training file holds (as `none`: bills, letters,
hours, activities, with negations and run-ons, in all eight languages), except the newest blind
sets' (`HELD_OUT_SETS`): those measure the alarms on ordinary questions the classifier never saw
(tests/conversations/test_safety_alarms.py). It also writes training/blind_crises.jsonl, every
message of the committed blind crisis sets (tests/eval/blind/safety_*.jsonl) that no other
training file holds: each was written by a writer who never saw the code, and training on the
other sets measurably helps on a left-out one (bench/safety_model_cv.py --leave-set-out). From
then on those sets are regression checks only; the measurement is the next blind set, written
and scored outside the repository, and the held-out fifths of tests/conversations/data.
`make safety-model` runs this before training, and tests/conversations/test_safety_model.py
fails while a copy differs.
Usage: .venv/bin/python -m tests.conversations.safety_dev_copy
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from conversations.safety_model import TRAINING_DIR, tokens_of
from storage.model import LANGUAGES
from tests.conversations.safety_classes import class_examples

EXAMPLES = Path(__file__).resolve().parent / "safety_examples"
COPY = TRAINING_DIR / "dev_examples.jsonl"
EVAL = Path(__file__).resolve().parents[1] / "eval"
QUESTIONS_COPY = TRAINING_DIR / "eval_questions.jsonl"
BLIND_COPY = TRAINING_DIR / "blind_crises.jsonl"
# Their question files (questions_*_<n>.jsonl) are never trained on: they measure the alarms on
# ordinary questions the classifier never saw (test_safety_alarms.py). Retrained with the ordinary
# questions of 25, 29 and 30 (2026-12-07), round nine's held-out crises went 685 -> 683/760 (one
# found, three lost), under test_safety_round9.py's 90% line (684/760 with CRISIS_WEIGHT 2.0):
# noise at the line, no collapse; the weights of 5aa6cc8 stay and these sets stay held out,
# with blind sets 31-33 (written and measured on 2026-12-07, late morning).
HELD_OUT_SETS = (25, *range(28, 49))
HOLDOUTS = Path(__file__).resolve().parent / "data"  # *_holdout.jsonl: never trained on


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    """The items of a JSON-lines file, blank lines skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def _held_elsewhere(copy: Path) -> set[str]:
    """The texts the training folder's other JSON-lines files already hold."""
    return {
        str(item["text"])
        for path in sorted(TRAINING_DIR.glob("*.jsonl"))
        if path != copy
        for item in _rows(path)
    }


def _held_out() -> set[str]:
    """The held-out fifths' texts by their tokens: a blind writer's line that happens to equal
    one ("je suis diabétique, est-ce qu'il y a un menu sans sucre ?") is not copied to training."""
    return {
        " ".join(tokens_of(str(item["text"])))
        for path in sorted(HOLDOUTS.glob("*_holdout.jsonl"))
        for item in _rows(path)
    }


def _render(examples: Iterable[tuple[str, str, str | None]]) -> str:
    """A training copy: one line per (language, text, expected safety)."""
    return "".join(
        json.dumps({"text": text, "lang": lang, "expect": {"safety": kind}}, ensure_ascii=False)
        + "\n"
        for lang, text, kind in examples
    )


def dev_examples() -> list[tuple[str, str, str | None]]:
    """(language, text, expected safety) of every development example, once each, in order."""
    found: list[tuple[str, str, str | None]] = []
    for lang in LANGUAGES:
        path = EXAMPLES / f"{lang}.yaml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind, texts in (data.get("crisis") or {}).items():
            found.extend((lang, str(text), kind) for text in texts)
        found.extend((lang, str(text), "distress") for text in data.get("distress") or ())
        found.extend((lang, str(text), None) for text in data.get("none") or ())
    for lang, _name, kind, text in class_examples():
        found.append((lang, text, None if kind == "none" else kind))
    return list(dict.fromkeys(found))


def rendered() -> str:
    """The contents the copy should have."""
    return _render(dev_examples())


def question_files(held_out: bool = False) -> list[Path]:
    """The understanding sets the classifier trains on, or (`held_out`) the held-out sets'
    question files it is measured on."""
    blind = sorted((EVAL / "blind").glob("questions_*"))
    newest = [p for p in blind if any(p.stem.endswith(f"_{n}") for n in HELD_OUT_SETS)]
    if held_out:
        return newest
    dev = sorted((EVAL / "dev").glob("questions_*"))
    return [*sorted(EVAL.glob("*.jsonl")), *dev, *(p for p in blind if p not in newest)]


def eval_questions() -> list[tuple[str, str]]:
    """(language, text) of every ordinary question of the understanding sets that no other
    training file holds, once each, in order."""
    held = _held_elsewhere(QUESTIONS_COPY)
    held_out = _held_out()
    found: dict[str, str] = {}
    for path in question_files():
        for item in _rows(path):
            expect = item.get("expect") or {}
            text = str(item["text"])
            if expect.get("safety") or text in held or text in found:
                continue
            if " ".join(tokens_of(text)) in held_out:
                continue
            found[text] = str(expect.get("language") or item.get("lang") or "nl")
    return [(lang, text) for text, lang in found.items()]


def rendered_questions() -> str:
    """The contents the copy of the ordinary questions should have."""
    return _render((lang, text, None) for lang, text in eval_questions())


def blind_crisis_files() -> list[Path]:
    """The committed blind crisis sets, in order."""
    return sorted((EVAL / "blind").glob("safety_*.jsonl"))


def blind_crises() -> list[tuple[str, str, str | None]]:
    """(language, text, expected safety) of every blind crisis-set message that no other
    training file holds, once each, in order."""
    held = _held_elsewhere(BLIND_COPY)
    held_out = _held_out()
    found: dict[str, tuple[str, str | None]] = {}
    for path in blind_crisis_files():
        for item in _rows(path):
            expect = item.get("expect") or {}
            text = str(item["text"])
            if text in held or text in found or " ".join(tokens_of(text)) in held_out:
                continue
            found[text] = (str(expect.get("language") or item.get("lang")), expect.get("safety"))
    return [(lang, text, kind) for text, (lang, kind) in found.items()]


def rendered_blind() -> str:
    """The contents the copy of the blind crisis sets should have."""
    return _render(blind_crises())


def main() -> None:
    """Write the three copies."""
    COPY.write_text(rendered(), encoding="utf-8")
    print(f"{len(dev_examples())} development examples written to {COPY}")
    QUESTIONS_COPY.write_text(rendered_questions(), encoding="utf-8")
    print(f"{len(eval_questions())} ordinary questions written to {QUESTIONS_COPY}")
    BLIND_COPY.write_text(rendered_blind(), encoding="utf-8")
    print(f"{len(blind_crises())} blind crisis-set messages written to {BLIND_COPY}")


if __name__ == "__main__":
    main()
