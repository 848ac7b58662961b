"""Benchmarks that print their figures: `python -m bench [NAME ...]` runs `bench_*.py` modules.

Each module has a `main()` (plain or async) that prints its own lines; the helpers here keep the
figures in one format: median and p95 in milliseconds, peak RSS, and the machine.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Repeated measurements of one operation, in seconds."""

    name: str
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        """The median duration."""
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """The 95th percentile duration (nearest rank), the maximum for few samples."""
        ordered = sorted(self.samples)
        rank = max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))
        return ordered[rank]

    def line(self, target_ms: float | None = None) -> str:
        """One printable line: median, p95, runs and whether the target is met."""
        verdict = ""
        if target_ms is not None:
            ok = self.p95 * 1000 <= target_ms
            verdict = f"  target < {target_ms:g} ms: {'ok' if ok else 'MISSED'}"
        return (
            f"{self.name:<48} median {self.median * 1000:9.2f} ms   "
            f"p95 {self.p95 * 1000:9.2f} ms   ({len(self.samples)} runs){verdict}"
        )


def measure(name: str, operation: Callable[[], object], runs: int) -> Timing:
    """Time `operation` `runs` times with a monotonic clock."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        operation()
        samples.append(time.perf_counter() - started)
    return Timing(name, tuple(samples))


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def machine() -> str:
    """The machine the figures were measured on."""
    return (
        f"{platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
