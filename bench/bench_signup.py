"""Sustained sign-ups per second with many residents signing up at once, on a file store.

    python -m bench.bench_signup [--residents 200] [--seconds 5]

Every resident is a task that signs up, one after another, for the Oostende lunches of the coming
months, starting at a different lunch each, so that many tasks compete for the same places at the
same moment. Each sign-up is the real `rules.signups` sign-up (calendar check, deadline, one
BEGIN IMMEDIATE transaction) on a WAL file store. At the end the store is checked: no occurrence
over capacity, confirmed places given in arrival order, waiting lists without gaps, nobody twice.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import machine, peak_rss_mb
from bot.runtime import resolve_data
from rules.signups import Outcome, signup_rules
from storage.db import Store
from storage.importer import import_file, load_organisation_from_store
from storage.records import SignupStatus, list_signups
from storage.repositories import repositories
from storage.schedule import ACTIVITY, Calendar, Occurrence

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))
LUNCHES = ("lunch-centrum", "lunch-mariakerke", "lunch-stene")
TARGET_PER_SECOND = 500
FIRST_RESIDENT = 1_000_000


async def run(residents: int, seconds: float) -> bool:
    """Run the load, print the figures, and return whether the store is still correct."""
    with tempfile.TemporaryDirectory() as tmp:
        store = await Store.open(Path(tmp) / "bench.sqlite3")
        try:
            return await _run(store, residents, seconds)
        finally:
            await store.close()


async def _run(store: Store, residents: int, seconds: float) -> bool:
    report = await import_file(store, resolve_data("oostende"), now=NOW)
    org = await load_organisation_from_store(store, report.org_id)
    calendar = Calendar(org)
    lunches: list[Occurrence] = [
        o
        for o in calendar.occurrences(
            NOW.date() + timedelta(days=2), NOW.date() + timedelta(180), kind=ACTIVITY
        )
        if o.item_id in LUNCHES
    ]
    people = repositories(store).residents
    for r in range(residents):
        await people.give_consent(FIRST_RESIDENT + r, now=NOW, name=f"R{r}")
    print(
        f"{residents} residents signing up for {len(lunches)} lunches "
        f"(capacity 25-40 each) for {seconds:g} s on a WAL file store"
    )
    latencies: list[float] = []
    outcomes: dict[str, int] = defaultdict(int)
    deadline = time.perf_counter() + seconds
    rules = signup_rules(store)

    async def resident(number: int) -> None:
        # Neighbouring residents start a few lunches apart, so they keep meeting each other.
        for step in range(len(lunches)):
            if time.perf_counter() >= deadline:
                return
            lunch = lunches[(number // 4 + step) % len(lunches)]
            began = time.perf_counter()
            result = await rules.sign_up(
                org,
                calendar,
                activity_id=lunch.item_id,
                centre_id=lunch.centre,
                start=lunch.start,
                now=NOW,
                resident_id=FIRST_RESIDENT + number,
            )
            latencies.append(time.perf_counter() - began)
            outcomes[result.status] += 1

    started = time.perf_counter()
    await asyncio.gather(*(resident(r) for r in range(residents)))
    elapsed = time.perf_counter() - started
    total = len(latencies)
    rate = total / elapsed
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    verdict = "ok" if rate >= TARGET_PER_SECOND else "MISSED"
    print(
        f"sign-ups: {total} in {elapsed:.2f} s = {rate:.0f} per second"
        f"   (target >= {TARGET_PER_SECOND}/s: {verdict})"
    )
    print(
        f"latency per sign-up with {residents} at once: median "
        f"{statistics.median(latencies) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    correct = await check(store, org.id, {a.id: a.capacity for a in org.activities}, outcomes)
    print(f"correctness: {'ok' if correct else 'FAILED'}")
    print(f"peak RSS: {peak_rss_mb():.0f} MiB")
    return correct and outcomes.keys() <= {Outcome.CONFIRMED, Outcome.WAITING}


async def check(
    store: Store, org_id: str, capacities: dict[str, int | None], outcomes: dict[str, int]
) -> bool:
    """No occurrence over capacity, places in arrival order, nobody twice, nothing lost."""
    rows = await list_signups(store, org_id)  # in waiting-list order per occurrence
    by_occurrence: dict[tuple[str, str, str], list] = defaultdict(list)
    for row in rows:
        by_occurrence[(row.activity_id, row.centre_id, row.occurrence_start)].append(row)
    ok = len(rows) == outcomes.get(Outcome.CONFIRMED, 0) + outcomes.get(Outcome.WAITING, 0)
    for (activity, _centre, _start), signups in by_occurrence.items():
        capacity = capacities[activity] or 0
        statuses = [s.status for s in signups]
        confirmed = statuses.count(SignupStatus.CONFIRMED)
        # Everybody comes alone here: the first `capacity` arrivals have the places.
        ok &= confirmed == min(capacity, len(signups))
        ok &= statuses[:confirmed] == [SignupStatus.CONFIRMED] * confirmed
        ok &= len({s.resident_id for s in signups}) == len(signups)
    return ok


def main(residents: int = 200, seconds: float = 5.0) -> None:
    """Run the benchmark (as `python -m bench signup` does); exit non-zero when the check fails."""
    print(f"machine: {machine()}")
    if not asyncio.run(run(residents, seconds)):
        raise SystemExit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    arguments = parser.parse_args()
    main(arguments.residents, arguments.seconds)
