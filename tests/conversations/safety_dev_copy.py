"""The classifier's copy of the development examples (safety_examples/*.yaml and classes/*.yaml).

The classifier trains on conversations/lexicon/safety/training/dev_examples.jsonl, one line per
example of tests/conversations/safety_examples; this writes it. `make safety-model` runs it
before training, and tests/conversations/test_safety_model.py fails while the copy differs.
Usage: .venv/bin/python -m tests.conversations.safety_dev_copy
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conversations.safety_model import TRAINING_DIR
from storage.model import LANGUAGES
from tests.conversations.safety_classes import class_examples

EXAMPLES = Path(__file__).resolve().parent / "safety_examples"
COPY = TRAINING_DIR / "dev_examples.jsonl"


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
    return "".join(
        json.dumps({"text": text, "lang": lang, "expect": {"safety": kind}}, ensure_ascii=False)
        + "\n"
        for lang, text, kind in dev_examples()
    )


def main() -> None:
    """Write the copy."""
    COPY.write_text(rendered(), encoding="utf-8")
    print(f"{len(dev_examples())} development examples written to {COPY}")


if __name__ == "__main__":
    main()
