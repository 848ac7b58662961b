"""Leave one blind crisis set out: does training on the others help on the one left out?

Usage: .venv/bin/python -m bench.safety_leave_set_out [SET ...]   (default: the newest set)

Each committed blind crisis set (tests/eval/blind/safety_N.jsonl) was written by a different
writer who never saw the code. For a left-out set N this trains the classifier twice, on the
training folder without any blind crisis set (`before`) and with every other one (`after`), and
prints the recall and the false alarms of the whole detection (patterns and classifier) on set N
and on the held-out fifths of tests/conversations/data, which no model here trained on.
Measured on 2026-12-06 with set 7 left out (the newest then; patterns tuned on sets <= 6):
  set 7:            before 197/208, false alarms 14/224; after 200/208, 12/224
  round 8 holdout:  before 118/138, 13/108;              after 120/138, 12/108
  round 7 holdout:  before 128/148, 17/122;              after 130/148, 16/122
(set 6 left out: 208/208 both, false alarms 3 -> 5/224; set 5: 208/208 and 2/224 both; the
patterns were written from the classes of those sets' misses, so they say little.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conversations import safety_training as st
from conversations.safety_model import SafetyModel
from conversations.safety_signals import KINDS, detect
from tests.conversations.safety_dev_copy import BLIND_COPY, blind_crisis_files

HOLDOUTS = Path(__file__).resolve().parents[1] / "tests" / "conversations" / "data"


def rows(path: Path) -> list[dict]:
    """The labelled messages of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def figures(model: SafetyModel, items: list[dict]) -> str:
    """Recall and false alarms of patterns plus `model` on labelled messages."""
    caught = crises = alarms = calm = 0
    for item in items:
        want = (item.get("expect") or {}).get("safety", item.get("safety"))
        lang = item.get("client_lang") or item.get("lang")
        signal = detect(item["text"], model=model, lang=lang)
        fired = signal is not None and signal.kind in KINDS
        if want in KINDS:
            crises, caught = crises + 1, caught + fired
        else:
            calm, alarms = calm + 1, alarms + fired
    return f"{caught}/{crises}, false alarms {alarms}/{calm}"


def main(argv: list[str]) -> None:
    """Train without and with the other blind sets for each left-out set; print figures."""
    files = blind_crisis_files()
    wanted = argv or [files[-1].stem.rsplit("_", 1)[1]]
    everything = st.load_examples()
    without = [e for e in everything if e.source != BLIND_COPY.name]
    holdouts = sorted(HOLDOUTS.glob("safety_*holdout.jsonl"))
    for number in wanted:
        left_out = next(p for p in files if p.stem == f"safety_{number}")
        texts = {item["text"] for item in rows(left_out)}
        others = [e for e in everything if e.source == BLIND_COPY.name and e.text not in texts]
        for label, examples in (("before", without), ("after", without + others)):
            model = st.train(examples)
            print(f"set {number} left out, {label} ({len(examples)} examples):")
            for path in (left_out, *holdouts):
                print(f"  {path.name}: {figures(model, rows(path))}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
