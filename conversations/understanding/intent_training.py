"""Training the intent model of intent_model.py, offline: `make intent-model`.

Labelled questions come from the question sets (tests/eval: each question's organisation data
file says which words are names of ours to mask), from the class batteries the understanding's
tests read (tests/conversations/data/*_battery.jsonl: our boundary sentences), from messages
residents' writers wrote for the model alone (conversations/lexicon/intents/training/residents)
and from the examples of conversations/lexicon/intents/training/*.yaml (read against the demo
organisation Oostende).
numpy is only needed here, at development time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from conversations.safety_model import bucket, grams
from conversations.safety_training import fit, quantise
from conversations.understanding import intent_model as im
from conversations.understanding.lexicon import load_lexicon
from conversations.understanding.understander import Understander
from storage.datafile import load_organisation

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO / "tests" / "eval"
BATTERIES = REPO / "tests" / "conversations" / "data"
RESIDENTS = im.TRAINING_DIR / "residents"
EPOCHS = 250
RATE = 0.1
L2 = 1e-7
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
    """The labelled question sets of the checkout by name: tests/eval, its blind and its
    development sets (not the shared sample beside it, so the weights depend on the repository
    alone)."""
    sets = {p.stem: p for p in sorted(EVAL.glob("questions_*.jsonl"))}
    sets |= {p.stem: p for p in sorted((EVAL / "blind").glob("questions_*.jsonl"))}
    sets |= {p.stem: p for p in sorted((EVAL / "dev").glob("questions_*.jsonl"))}
    return sets


def labelled_files() -> dict[str, Path]:
    """Every file of labelled questions the model learns from, by name: the question sets, the
    class batteries and the residents' writers' messages (all in the question sets' rows)."""
    files = question_sets()
    files |= {p.stem: p for p in sorted(BATTERIES.glob("*_battery.jsonl"))}
    files |= {p.stem: p for p in sorted(RESIDENTS.glob("*.jsonl"))}
    return files


def _organisation(org: str, beside: Path) -> str:
    """A row's organisation: a demo id as it is, a data file as a path (beside its set, in the
    repository, or a blind set's organisation named by its file's stem)."""
    from data import DEMO_ORGANISATIONS

    if org in DEMO_ORGANISATIONS:
        return org
    name = org if org.endswith(".yaml") else f"orgs/{org}.yaml"
    for folder in (beside, REPO, EVAL / "blind"):
        if (folder / name).is_file():
            return str(folder / name)
    raise FileNotFoundError(f"{beside}: no data file for the organisation {org!r}")


def set_examples(path: Path) -> list[Example]:
    """The questions of a set with one expected intent (`intent_any` rows, and rows that
    expect no intent, are left out)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        label = row.get("expect", {}).get("intent")
        if label not in im.CLASSES:
            continue
        org = _organisation(str(row.get("org", EXAMPLE_ORG)), path.parent)
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
    used, w, b = fit(rows, index, len(im.CLASSES), None, epochs, rate, l2)
    places, weights, scale = quantise(used, w)
    return im.IntentModel(places, weights, scale, [float(x) for x in b], digest)


def all_examples() -> list[Example]:
    """Every labelled question: the sets' and the written ones."""
    found: list[Example] = []
    for path in labelled_files().values():
        found.extend(set_examples(path))
    return found + written_examples()


def training_files() -> list[Path]:
    """The files the shipped weights are trained on (their digest is in the weight file)."""
    return [*labelled_files().values(), *sorted(im.TRAINING_DIR.glob("*.yaml"))]


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
    model = train(words, [e.label for e in examples], training_digest(training_files()))
    data = model.to_bytes()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(
        f"{len(examples)} examples, {len(model.places)} feature places,"
        f" {len(data) / 1024:.0f} KiB written to {args.out} in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
