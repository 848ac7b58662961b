"""The crisis check answers the same in every process (found by the memory round, 2026-12-08):
a token's readings are a set, whose order follows the process's hash seed, and the first of two
equal hits named the signal's language, so "ik druk sigaretten uit op mijn arm" (a Dutch
self-harm pattern and a German one on the same words) was `nl` in one run of the bot and `de`
in the next. On the code of that day the language no longer changed with the seed (the German
pattern is quiet there since the frequent words), but 55 of the 5,480 messages of the committed
crisis sets still listed their hits in another order under seeds 0 and 1. The readings are now
tried in order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from conversations.safety_signals import detect
out = []
for text in json.loads(sys.argv[1]):
    s = detect(text)
    hits = [h.describe() for h in s.hits] if s else []
    out.append(None if s is None else [s.kind, s.language, s.level, hits])
print(json.dumps(out))
"""
TEXTS = [
    "ik druk sigaretten uit op mijn arm, niemand weet ervan",
    "bu hayatin bir anlami kalmadi kopruden atlamayi dusunuyorum",
    "when it all gets too loud in my head i burn myself with a lighter. only thing that helps",
    "б'юся головою об стіну поки не піде кров, щоб хоч щось відчути",
]


def _signals(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(TEXTS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_same_message_gives_the_same_signal_whatever_the_hash_seed() -> None:
    first = _signals("0")
    assert json.loads(first)[0][1] == "nl"  # a Dutch message's own pattern names it
    for seed in ("1", "2", "3", "4", "5", "6", "7"):
        assert _signals(seed) == first, seed
