"""Run every benchmark module (`bench_*.py`), or those named: `python -m bench import`.

Each module runs in a process of its own, so the peak RSS it prints is its own.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
import subprocess
import sys
import time

import bench


def bench_modules(names: list[str]) -> list[str]:
    """The benchmark module names to run, all of them when `names` is empty."""
    found = sorted(
        info.name
        for info in pkgutil.iter_modules(bench.__path__)
        if info.name.startswith("bench_")
    )
    if not names:
        return found
    wanted = [n if n.startswith("bench_") else f"bench_{n}" for n in names]
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise SystemExit(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(found)})")
    return wanted


def run_one(name: str) -> None:
    """Run one benchmark module's `main()` in this process."""
    module = importlib.import_module(f"bench.{name}")
    if inspect.iscoroutinefunction(module.main):
        asyncio.run(module.main())
    else:
        module.main()


def main(argv: list[str]) -> int:
    """Run the benchmarks one after another and print their figures; non-zero if one failed."""
    if argv[:1] == ["--in-process"]:
        run_one(argv[1])
        return 0
    print(f"machine: {bench.machine()}", flush=True)
    failed = []
    for name in bench_modules(argv):
        print(f"\n== {name.removeprefix('bench_')} ==", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench", "--in-process", name], check=False)
        if done.returncode != 0:
            failed.append(name)
        print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
