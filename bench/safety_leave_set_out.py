"""Leave one blind crisis set out: does training on the others help on the one left out?

Usage: .venv/bin/python -m bench.safety_leave_set_out [SET ...]   (default: the newest set)
       .venv/bin/python -m bench.safety_leave_set_out --grid [SET]  (training settings, below)
       .venv/bin/python -m bench.safety_leave_set_out --setting "l2=1e-5,epochs=400" [SET]
       .venv/bin/python -m bench.safety_leave_set_out --heldout [--setting ...] [SET ...]
         (the model trained on everything on every never-trained set, then each SET left out:
         default sets 2-9; ~10 min)
       .venv/bin/python -m bench.safety_leave_set_out --heldout --blind-from N [SET ...]
         (the same, with only the blind crisis sets numbered N or higher in the training)

Each committed blind crisis set (tests/eval/blind/safety_N.jsonl) was written by a different
writer who never saw the code. For a left-out set N this trains the classifier twice, on the
training folder without any blind crisis set (`before`) and with every other one (`after`), and
prints the recall and the false alarms of the whole detection (patterns and classifier) on set N
and on the held-out fifths of tests/conversations/data, which no model here trained on.
Measured on 2026-12-06 with set 7 left out (the newest then; patterns tuned on sets <= 6; the
settings and data of then):
  set 7:            before 197/208, false alarms 14/224; after 200/208, 12/224
  round 8 holdout:  before 118/138, 13/108;              after 120/138, 12/108
  round 7 holdout:  before 128/148, 17/122;              after 130/148, 16/122
(set 6 left out: 208/208 both, false alarms 3 -> 5/224; set 5: 208/208 and 2/224 both; the
patterns were written from the classes of those sets' misses, so they say little.)

`--grid` trains the `after` model once per training setting of GRID (L2, epochs, crisis weight,
the shortest character run, the rows' weight 1/count**power; mostly one changed at a time from
today's: L2 1e-6, 200 epochs, crisis weight 1.7, runs of 2-5, power 0.5)
and prints, per setting, the figures on the left-out set, on every holdout of
tests/conversations/data and on the newest blind set's ordinary questions (never trained on):
crises caught, then false alarms, and both summed. `--setting` measures settings of your own.
Measured 2026-12-06 on branch round9 (its round-nine lines trained, a fifth of them held out as
round9), with set 7 left out: per column crises caught, then false alarms; "qns" =
set 7's ordinary questions; "sum" = all columns; "w" = crisis weight; a row changes only what it
names from the first; ~1 min per model:
  setting (left out: 7)  set 7  alarms finality round6 round7 round8 round9  qns   sum  sum
  crises / calm         208/224 16/53  29/64  40/40 148/122 138/108 149/163 /489  /728 /1263
  today: L2 1e-6, w 1.7  202 12   16  0   28  2   40  1  133 16  122  9  143 16    4   684   60
  L2 1e-5                204 15   16  4   28  2   40  1  138 18  125 13  141 22    5   692   80
  L2 1e-4                203 29   16 13   29  7   40  2  138 27  130 34  140 37   11   696  160
  L2 3e-7                201  9   16  1   28  2   40  1  132 15  123  8  143 13    2   683   51
  L2 2e-7                201  8   16  1   28  1   40  1  132 15  123  8  143 13    2   683   49
  L2 1e-7                200  7   16  1   28  1   40  1  132 15  124  8  143 13    2   683   48
  L2 0                   197  4   16  0   28  2   40  1  124 15  115  9  137 12    2   657   45
  epochs 100             201 11   16  1   28  2   40  1  132 16  123  9  143 15    3   683   58
  epochs 150             201 12   16  0   28  2   40  1  132 16  123  9  143 15    4   683   59
  epochs 400             203 13   16  1   28  2   40  1  134 16  122 10  142 18    4   685   65
  crisis weight 1.3      199 11   16  1   28  2   40  1  130 15  121  8  142 15    4   676   57
  crisis weight 2.2      202 13   16  1   28  3   40  1  133 16  123 11  143 16    4   685   65
  runs of 3-5            199 10   16  1   28  2   40  1  133 17  122  8  143 16    3   681   58
  power 1 (mean)         200 32   16 19   29 11   40  2  138 38  125 39  138 46   16   686  203
  power 0 (sum)          194 12   15  4   28  6   40  2  127 20  117 17  139 17    5   660   83
  L2 3e-6, w 1.3         201 14   16  0   28  2   40  1  133 16  123 11  140 18    4   681   66
  L2 1e-5, w 1.3         203 13   16  0   28  2   40  1  137 18  124 13  140 19    5   688   71
  L2 3e-6, runs 3-5      200 12   16  3   28  2   40  1  133 18  124 10  142 20    4   683   70
  epochs 400, runs 3-5   200 11   16  2   28  2   40  1  131 18  123 10  143 16    4   681   64
  L2 1e-7, epochs 400    201  8   16  1   28  1   40  1  131 15  123  8  143 13    2   682   49
  L2 3e-7, w 2.2         201 10   16  1   28  2   40  1  132 17  124  8  143 16    2   684   57
  L2 1e-7, w 2.2         200  7   16  1   28  1   40  1  133 15  123  9  144 14    2   684   50
A weaker L2 lowers the false alarms nearly everywhere (set 7 12 -> 7, round nine 16 -> 13, the
questions 4 -> 2): a stronger one pulls uncertain messages towards the crisis-heavy prior. Alone
(1e-7) it lost one crisis of 728; with crisis weight 2.2 the summed recall is equal (set 7 -2,
rounds seven and nine +1 each) and the alarms 60 -> 50 (blind set 6 left out instead: 689 ->
691/728, 54 -> 46/1263). Not adopted: the 96 ordinary messages with negations, never trained on
(tests/conversations/safety_ordinary_held_out.yaml; a "negations" column since: with set 7 left
out 3 -> 4/96, alarms summed with it 63 -> 54/1359) must stay below LOW for the classifier alone
(test_safety_model.py), and the model trained on everything at L2 1e-7 / 2e-7 / 3e-7 with
weight 2.2 scores "ik heb al drie keer gebeld maar niemand neemt op, dat is toch niet normaal"
0.71 / 0.67 / 0.63 (0.36 today). Runs of 3-5, fewer epochs and a lower crisis weight trade
recall for alarms along the same line; other row weights are clearly worse. Differences of one
or two are within noise. Next to try: the weaker L2 with ordinary lines of that class (someone
not answering the phone, "nobody", "not normal") in training, which is data, not settings.
Tried 2026-12-06 (safety-fa, `--heldout`: the model trained on everything on every never-trained
set, then sets 2-7 each left out): with the 328 lines of training/ordinary_classes/ (complaints
with negations among them), L2 1e-7 with weight 2.2 lost crises everywhere (round nine 695 ->
688/760, round seven 132 -> 130, round eight 120 -> 119, set 7 left out 200 -> 195/208; summed
2295 -> 2278/2403, with the first 296 of those lines) for alarms 152 -> 131/3099: not adopted.
All 328 lines at L2 1e-6 (main: 2303/2411 crises, 152/3099 alarms): weight 1.7 2302 and 142,
1.9 2305 and 147, 2.0 2305 and 146 (1.9 adopted: no left-out set loses a crisis).
`--blind-from 7` (safety10, 2026-12-06 afternoon, with training/border_classes/): only blind sets
7-9 training against all of 2-9, sets 7, 8, 9 left out: 197/196/200 vs 199/198/203 of 208 crises,
9/9/4 vs 10/9/3 of 224 false alarms; round nine 693 vs 694/760, 86 vs 89/799; round seven 129 vs
128/148, 15 vs 15/122; round eight 116 vs 117/138, 9 vs 10/108: all blind sets keep training.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from conversations import safety_model as sm
from conversations import safety_training as st
from conversations.safety_model import SafetyModel
from conversations.safety_signals import KINDS, detect
from tests.conversations.safety_dev_copy import BLIND_COPY, blind_crisis_files, question_files
from tests.conversations.safety_holdout import read_holdout

HOLDOUTS = Path(__file__).resolve().parents[1] / "tests" / "conversations" / "data"
NEGATIONS = HOLDOUTS.parent / "safety_ordinary_held_out.yaml"


@dataclass(frozen=True)
class Settings:
    """The training settings a grid varies (defaults: today's, safety_training.py's)."""

    l2: float = st.L2
    epochs: int = st.EPOCHS
    crisis_weight: float = st.CRISIS_WEIGHT
    shortest: int = sm.NGRAMS[0]
    power: float = 0.5  # each row's features weighted 1/count**power (training and scoring)

    def label(self) -> str:
        """Every setting, short."""
        return (
            f"L2 {self.l2:g}, epochs {self.epochs}, w {self.crisis_weight:g},"
            f" runs {self.shortest}-{sm.NGRAMS[1]}, power {self.power:g}"
        )


TODAY = Settings()
GRID = (
    TODAY,
    *(replace(TODAY, l2=value) for value in (1e-5, 1e-4, 3e-7, 1e-7, 0.0)),
    *(replace(TODAY, epochs=value) for value in (100, 400)),
    *(replace(TODAY, crisis_weight=value) for value in (1.3, 2.2)),
    replace(TODAY, shortest=3),
    replace(TODAY, power=1.0),
    replace(TODAY, power=0.0),
    replace(TODAY, l2=1e-5, crisis_weight=1.3),
    replace(TODAY, l2=1e-7, crisis_weight=2.2),
)


class _Powered(SafetyModel):
    """A model whose rows are weighted 1/count**power when scored (0.5 is the shipped one)."""

    power = 0.5

    def probabilities(self, places: Sequence[int]) -> tuple[list[float], list[int]]:
        """As SparseTable.probabilities, with this model's row weight."""
        rows = [self.row(p) for p in places]
        sums = [0] * self.classes
        for start in rows:
            if start >= 0:
                for c in range(self.classes):
                    sums[c] += self.weights[start + c]
        norm = self.scale / max(len(places), 1) ** self.power
        logits = [s * norm + b for s, b in zip(sums, self.bias, strict=True)]
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        return [v / sum(exp) for v in exp], rows


@contextmanager
def features(settings: Settings) -> Iterator[None]:
    """The model's character runs start at `settings.shortest` while inside."""
    kept = sm.NGRAMS
    sm.NGRAMS = (settings.shortest, kept[1])
    try:
        yield
    finally:
        sm.NGRAMS = kept


def train(examples: Sequence[st.Example], settings: Settings) -> SafetyModel:
    """st.train with other settings (call inside `features(settings)`)."""
    if settings == TODAY:
        return st.train(examples)
    tokens = [sm.tokens_of(e.text) for e in examples]
    kept = [i for i, t in enumerate(tokens) if t]
    rows = [[sm.bucket(g) for g in sm.grams(tokens[i])] for i in kept]
    labels = np.array([sm.CLASSES.index(examples[i].label) for i in kept], dtype=np.int64)
    first_crisis = sm.CLASSES.index(sm.CRISIS_KINDS[0])
    weight = np.where(labels >= first_crisis, settings.crisis_weight, 1.0)
    used, w, b = st.fit(
        rows, labels, len(sm.CLASSES), weight, settings.epochs, st.RATE, settings.l2,
        settings.power,
    )  # fmt: skip
    places, weights, scale = st.quantise(used, w)
    model = _Powered(places, weights, scale, [float(x) for x in b])
    model.power = settings.power
    return model


def counts(model: SafetyModel, items: list[dict]) -> tuple[int, int, int, int]:
    """(caught, crises, false alarms, calm) of patterns plus `model` on labelled messages."""
    caught = crises = alarms = calm = 0
    for item in items:
        want = (item.get("expect") or {}).get("safety", item.get("safety"))
        signal = detect(
            item["text"], model=model, lang=item.get("client_lang") or item.get("lang")
        )
        fired = signal is not None and signal.kind in KINDS
        if want in KINDS:
            crises, caught = crises + 1, caught + fired
        else:
            calm, alarms = calm + 1, alarms + fired
    return caught, crises, alarms, calm


def figures(model: SafetyModel, items: list[dict]) -> str:
    """Recall and false alarms of patterns plus `model` on labelled messages."""
    caught, crises, alarms, calm = counts(model, items)
    return f"{caught}/{crises}, false alarms {alarms}/{calm}"


def split(number: str) -> tuple[Path, list[st.Example]]:
    """The left-out blind set's file and the `after` training examples without it."""
    left_out = next(p for p in blind_crisis_files() if p.stem == f"safety_{number}")
    texts = {item["text"] for item in read_holdout(left_out)}
    everything = st.load_examples()
    without = [e for e in everything if e.source != BLIND_COPY.name]
    return left_out, without + [
        e for e in everything if e.source == BLIND_COPY.name and e.text not in texts
    ]


def parse(text: str) -> Settings:
    """Settings from "l2=1e-5,epochs=400" (the rest as today)."""
    settings = TODAY
    for part in text.split(","):
        name, _, value = (s.strip() for s in part.partition("="))
        # each setting keeps its type (epochs and the shortest run are whole numbers)
        settings = replace(settings, **{name: type(getattr(TODAY, name))(float(value))})
    return settings


def negations() -> list[dict]:
    """The 96 ordinary messages with negations never trained on (test_safety_model.py)."""
    data = yaml.safe_load(NEGATIONS.read_text(encoding="utf-8"))
    return [{"text": str(t), "lang": lang} for lang, texts in data.items() for t in texts]


def never_trained() -> list[tuple[str, list[dict[str, Any]]]]:
    """The sets no model trains on: every holdout of tests/conversations/data, the newest blind
    set's ordinary questions and the negations, each with its name."""
    questions = [
        row
        for path in question_files(held_out=True)
        for row in read_holdout(path)
        if not (row.get("expect") or {}).get("safety")
    ]
    return [
        *((p.stem.removeprefix("safety_").removesuffix("_holdout"), read_holdout(p))
          for p in sorted(HOLDOUTS.glob("safety_*holdout.jsonl"))),
        ("questions", questions),
        ("negations", negations()),
    ]  # fmt: skip


def grid(number: str, settings_list: Sequence[Settings] = GRID) -> None:
    """Train the `after` model once per setting; print a row of figures for each."""
    left_out, examples = split(number)
    measured = [(f"set {number}", read_holdout(left_out)), *never_trained()]
    print("setting | " + " | ".join(name for name, _ in measured) + " | recall | alarms")
    for settings in settings_list:
        start = time.perf_counter()
        with features(settings):
            model = train(examples, settings)
            found = [counts(model, items) for _, items in measured]
        cells = [f"{c}/{n} {a}/{m}" if n else f"{a}/{m}" for c, n, a, m in found]
        sums = [sum(f[i] for f in found) for i in range(4)]
        print(
            f"{settings.label()} | " + " | ".join(cells)
            + f" | {sums[0]}/{sums[1]} | {sums[2]}/{sums[3]}"
            + f"   ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )  # fmt: skip


def blind_from(examples: Sequence[st.Example], first: int) -> list[st.Example]:
    """The training examples with only the blind crisis sets numbered `first` or higher: the
    older sets' messages left out of training/blind_crises.jsonl (set 1 is training data of its
    own, blind_round1.jsonl, and stays)."""
    older = {
        str(item["text"])
        for path in blind_crisis_files()
        if int(path.stem.rsplit("_", 1)[1]) < first
        for item in read_holdout(path)
    }
    return [e for e in examples if e.source != BLIND_COPY.name or e.text not in older]


def heldout(settings: Settings, numbers: Sequence[str], first: int = 0) -> None:
    """The figures to judge a change by: the model trained on everything (as shipped) on every
    holdout of tests/conversations/data, the newest blind set's questions and the negations,
    then each blind set of `numbers` left out in turn (crises caught, then false alarms).
    `first`: only the blind crisis sets numbered so or higher train (`blind_from`)."""
    measured = never_trained()
    print(settings.label() + (f", blind sets from {first}" if first else ""))
    with features(settings):
        model = train(blind_from(st.load_examples(), first), settings)
        found = [(name, counts(model, items)) for name, items in measured]
        for number in numbers:
            left_out, examples = split(number)
            scored = counts(train(blind_from(examples, first), settings), read_holdout(left_out))
            found.append((f"set {number} left out", scored))
    for name, (caught, crises, alarms, calm) in found:
        print(f"  {name}: {caught}/{crises} crises, false alarms {alarms}/{calm}", flush=True)
    sums = [sum(f[i] for _, f in found) for i in range(4)]
    print(f"  summed: {sums[0]}/{sums[1]} crises, false alarms {sums[2]}/{sums[3]}")


def main(argv: Sequence[str] | None = None) -> None:
    """Train without and with the other blind sets for each left-out set; print figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="the blind sets to leave out (default: newest)")
    parser.add_argument("--grid", action="store_true", help="compare the training settings")
    parser.add_argument(
        "--setting", action="append", type=parse, help='instead of GRID: "l2=1e-5,epochs=400"'
    )
    parser.add_argument(
        "--heldout", action="store_true", help="every never-trained set, then sets left out"
    )
    parser.add_argument(
        "--blind-from", type=int, default=0, help="with --heldout: train on blind sets >= N only"
    )
    args = parser.parse_args(argv)
    if args.heldout:
        for settings in args.setting or [TODAY]:
            heldout(
                settings,
                args.sets or [p.stem.rsplit("_", 1)[1] for p in blind_crisis_files()[1:]],
                args.blind_from,
            )
        return
    wanted = args.sets or [blind_crisis_files()[-1].stem.rsplit("_", 1)[1]]
    if args.grid or args.setting:
        for number in wanted:
            grid(number, args.setting or GRID)
        return
    everything = st.load_examples()
    without = [e for e in everything if e.source != BLIND_COPY.name]
    holdouts = sorted(HOLDOUTS.glob("safety_*holdout.jsonl"))
    for number in wanted:
        left_out, after = split(number)
        for label, examples in (("before", without), ("after", after)):
            model = st.train(examples)
            print(f"set {number} left out, {label} ({len(examples)} examples):")
            for path in (left_out, *holdouts):
                print(f"  {path.name}: {figures(model, read_holdout(path))}", flush=True)


if __name__ == "__main__":
    main()
