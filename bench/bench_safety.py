"""Crisis detection: the time per message (p50/p95) over the regression sets, and peak RSS.

The messages are the crisis sets in tests/eval/blind (written apart from the code); each is
checked by the whole safety detection (patterns and classifier) several times over.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench import Timing, peak_rss_mb
from conversations.safety_model import load_model
from conversations.safety_signals import detect, load_signals

BLIND = Path(__file__).resolve().parents[1] / "tests" / "eval" / "blind"
REPETITIONS = 5
TARGET_MESSAGE_MS = 5.0


def _messages() -> list[str]:
    return [
        json.loads(line)["text"]
        for path in sorted(BLIND.glob("safety_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def main() -> None:
    """Print load time, p50/p95 per message and peak RSS."""
    started = time.perf_counter()
    load_signals()
    load_model()
    load_ms = (time.perf_counter() - started) * 1000
    messages = _messages()
    first: list[float] = []
    samples: list[float] = []
    for repetition in range(REPETITIONS):
        for text in messages:
            begin = time.perf_counter()
            detect(text)
            (first if repetition == 0 else samples).append(time.perf_counter() - begin)
    print(f"safety: patterns and classifier loaded in {load_ms:.1f} ms")
    # The first pass fills the word caches; later passes show the steady state.
    print(Timing("check one message, first pass", tuple(first)).line(TARGET_MESSAGE_MS))
    steady = Timing(f"check one message ({len(messages)} x {REPETITIONS - 1})", tuple(samples))
    print(steady.line(TARGET_MESSAGE_MS))
    print(f"peak RSS {peak_rss_mb():.1f} MB")


if __name__ == "__main__":
    main()
