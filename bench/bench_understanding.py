"""Understanding: load time, the time per question (p50/p95) over the shared sample, peak RSS.

Questions come from ../shared/eval/questions.jsonl when it is there, else from the examples in
the lexicon files; each runs against its organisation's bundled demo data, many times over.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import Timing, peak_rss_mb
from conversations.understanding import Understander, load_lexicon
from data import demo_path
from storage.datafile import load_organisation

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "questions.jsonl"
REPETITIONS = 50
TARGET_QUESTION_MS = 5.0
TARGET_RSS_MB = 150.0


def _questions() -> list[dict[str, str]]:
    if SAMPLE.exists():
        lines = SAMPLE.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    lexicon = load_lexicon()
    return [
        {"org": "oostende", "at": "2026-11-23T10:15", "text": text}
        for examples in lexicon.examples.values()
        for text, _ in examples
    ]


def main() -> None:
    """Print load time, p50/p95 per question and peak RSS."""
    started = time.perf_counter()
    load_lexicon()
    lexicon_ms = (time.perf_counter() - started) * 1000
    questions = _questions()
    understanders: dict[str, Understander] = {}
    zones: dict[str, ZoneInfo] = {}
    started = time.perf_counter()
    for org_id in sorted({q.get("org", "oostende") for q in questions}):
        org = load_organisation(demo_path(org_id))
        understanders[org_id] = Understander(org)
        zones[org_id] = ZoneInfo(org.timezone)
    index_ms = (time.perf_counter() - started) * 1000
    first: list[float] = []
    samples: list[float] = []
    for repetition in range(REPETITIONS):
        for q in questions:
            org_id = q.get("org", "oostende")
            now = datetime.fromisoformat(q["at"]).replace(tzinfo=zones[org_id])
            begin = time.perf_counter()
            understanders[org_id].understand(q["text"], now=now, client_language=q.get("lang"))
            (first if repetition == 0 else samples).append(time.perf_counter() - begin)
    print(
        f"understanding: lexicons loaded in {lexicon_ms:.1f} ms, "
        f"{len(understanders)} organisations indexed in {index_ms:.1f} ms (data files included)"
    )
    # The first pass fills the typo and folding caches; later passes show the steady state.
    print(Timing("understand one question, first pass", tuple(first)).line(TARGET_QUESTION_MS))
    steady = Timing(
        f"understand one question ({len(questions)} x {REPETITIONS - 1})", tuple(samples)
    )
    print(steady.line(TARGET_QUESTION_MS))
    rss = peak_rss_mb()
    verdict = "ok" if rss <= TARGET_RSS_MB else "MISSED"
    print(f"peak RSS {rss:.1f} MB  target < {TARGET_RSS_MB:g} MB: {verdict}")


if __name__ == "__main__":
    main()
