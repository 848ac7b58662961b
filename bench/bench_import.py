"""Import of a large synthetic organisation, and the week's occurrences it then answers.

200 centres with 30 weekly activities each (6,000 activities), written as a data file: time the
parse and the import into a fresh file store, then the occurrences of one week for one centre
and for all centres with `storage.schedule.Calendar`.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import Timing, measure, peak_rss_mb
from storage.datafile import parse_organisation
from storage.db import Store
from storage.importer import import_organisation
from storage.model import Organisation
from storage.schedule import Calendar

CENTRES = 200
ACTIVITIES_PER_CENTRE = 30
IMPORT_RUNS = 3
ONE_CENTRE_RUNS = 200
ALL_CENTRES_RUNS = 20
TARGET_IMPORT_MS = 10_000
TARGET_ONE_CENTRE_MS = 20
TARGET_ALL_CENTRES_MS = 200
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
WEEK = date(2026, 11, 16)  # a Monday
_DAYS = ("MO", "TU", "WE", "TH", "FR")


def synthetic_data_file(
    centres: int = CENTRES, per_centre: int = ACTIVITIES_PER_CENTRE, seed: int = 7
) -> str:
    """A valid data file with `centres` centres and `per_centre` weekly activities at each."""
    rng = random.Random(seed)
    lines = [
        "# Synthetic organisation for the import benchmark",
        "organisation:",
        "  id: bench",
        "  name: {nl: Benchstad, en: Bench City}",
        "  country: BE",
        "  timezone: Europe/Brussels",
        "  default_language: nl",
        "  closures:",
        "    - {date: 2026-12-24, from: '12:00', reason: {nl: Kerstavond, en: Christmas Eve}}",
        "",
        "centres:",
    ]
    for c in range(centres):
        lines += [
            f"  - id: centre-{c:03d}",
            f"    name: {{nl: Ontmoetingscentrum {c}, fr: Centre {c}}}",
            f"    district: Wijk {c % 17}",
            f'    postcodes: ["{8400 + c % 50}"]',
            f"    address: Straat {c}, 8400 Benchstad",
            "    phone: 059 00 00 00",
            '    hours: "Mo-Fr 09:00-17:00; PH off"',
        ]
        if c % 10 == 0:
            lines.append(
                "    closures: [{from_date: 2026-12-28, to_date: 2026-12-30, reason: Werken}]"
            )
    lines += ["", "activities:"]
    for c in range(centres):
        for a in range(per_centre):
            days = ",".join(sorted(rng.sample(_DAYS, rng.choice((1, 1, 2))), key=_DAYS.index))
            hour = 9 + a % 7
            lines += [
                f"  - id: act-{c:03d}-{a:02d}",
                f"    title: {{nl: Activiteit {a} in centrum {c}, en: Activity {a}}}",
                f"    centre: centre-{c:03d}",
                "    when:",
                f'      repeat: "FREQ=WEEKLY;BYDAY={days}"',
                "      from: 2026-09-01",
                "      until: 2027-06-30",
                f'      time: "{hour:02d}:00-{hour + 1:02d}:00"',
                f"    capacity: {10 + a}",
                "    price: 3.50",
                "    signup: per-date",
            ]
    return "\n".join(lines) + "\n"


def parse(text: str) -> Organisation:
    """Parse the synthetic file, which must be valid."""
    org, problems = parse_organisation(text, "bench.yaml")
    if org is None:
        raise SystemExit("synthetic data file invalid:\n" + "\n".join(map(str, problems[:10])))
    return org


async def timed_import(text: str, directory: Path, run: int) -> tuple[float, float, float]:
    """Parse and import into a fresh file store: (parse s, import s, re-import unchanged s)."""
    started = time.perf_counter()
    org = parse(text)
    parsed = time.perf_counter()
    async with await Store.open(directory / f"bench-{run}.sqlite3") as store:
        opened = time.perf_counter()
        report = await import_organisation(store, org, text, now=NOW)
        imported = time.perf_counter()
        assert report.first_import and report.counts["activities"].added == len(org.activities)
        again = await import_organisation(store, org, text, now=NOW)
        assert again.unchanged
        reimported = time.perf_counter()
    return parsed - started, imported - opened, reimported - imported


def main() -> None:
    """Print the import and occurrence figures."""
    text = synthetic_data_file()
    print(
        f"synthetic organisation: {CENTRES} centres x {ACTIVITIES_PER_CENTRE} weekly activities, "
        f"{len(text) / 1024:.0f} KiB of YAML"
    )
    parse_s, import_s, reimport_s, total_s = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(IMPORT_RUNS):
            p, i, r = asyncio.run(timed_import(text, Path(tmp), run))
            parse_s.append(p)
            import_s.append(i)
            reimport_s.append(r)
            total_s.append(p + i)
    print(Timing("parse data file", tuple(parse_s)).line())
    print(Timing("import into fresh file store", tuple(import_s)).line())
    print(Timing("parse + import (voordeur import)", tuple(total_s)).line(TARGET_IMPORT_MS))
    print(Timing("re-import unchanged file", tuple(reimport_s)).line())

    org = parse(text)
    centre_ids = [c.id for c in org.centres]
    started = time.perf_counter()
    calendar = Calendar(org)
    print(f"{'build Calendar':<48} {(time.perf_counter() - started) * 1000:9.2f} ms")
    end = WEEK + timedelta(days=6)

    # First question about each centre: its schedules are expanded on that call.
    cold_iter = iter(centre_ids)
    cold = measure(
        "one centre's week, first ask per centre",
        lambda: calendar.occurrences(WEEK, end, kind="activity", centre=next(cold_iter)),
        len(centre_ids),
    )
    print(cold.line(TARGET_ONE_CENTRE_MS))
    rng = random.Random(1)
    warm = measure(
        "one centre's week, later asks",
        lambda: calendar.occurrences(WEEK, end, kind="activity", centre=rng.choice(centre_ids)),
        ONE_CENTRE_RUNS,
    )
    print(warm.line(TARGET_ONE_CENTRE_MS))

    def all_week_fresh() -> int:
        """All centres' activities of the week, on a calendar built for this question."""
        return len(Calendar(org).occurrences(WEEK, end, kind="activity"))

    all_cold = measure("all centres' week, fresh Calendar (incl. build)", all_week_fresh, 5)
    print(all_cold.line(TARGET_ALL_CENTRES_MS))
    weeks = iter(WEEK + timedelta(weeks=w % 26) for w in range(ALL_CENTRES_RUNS))

    def all_week() -> int:
        """All centres' activities in the next of 26 weeks."""
        first = next(weeks)
        return len(calendar.occurrences(first, first + timedelta(days=6), kind="activity"))

    all_warm = measure("all centres' week, warm Calendar", all_week, ALL_CENTRES_RUNS)
    print(all_warm.line(TARGET_ALL_CENTRES_MS))
    count = len(calendar.occurrences(WEEK, end, kind="activity"))
    print(f"occurrences in the week of {WEEK}: {count}")
    print(f"peak RSS: {peak_rss_mb():.0f} MiB")
