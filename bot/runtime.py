"""Building the front door for a process: data file → store → organisation → conversations."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from conversations.engine import FrontDoor
from conversations.i18n import I18n
from data import DEMO_ORGANISATIONS, demo_path
from storage.clock import Clock, SystemClock
from storage.db import Store
from storage.importer import import_file, load_organisation_from_store
from storage.schedule import Calendar

log = logging.getLogger(__name__)


def resolve_data(data: str) -> Path:
    """A demo organisation id or a data file path, as the path of the data file."""
    if data in DEMO_ORGANISATIONS:
        return demo_path(data)
    path = Path(data)
    if not path.is_file():
        known = ", ".join(DEMO_ORGANISATIONS)
        raise FileNotFoundError(f"no data file {data!r} (demo organisations: {known})")
    return path


async def build_front_door(
    data: str,
    db_path: str | Path,
    clock: Clock | None = None,
    staff_ids: frozenset[int] = frozenset(),
) -> FrontDoor:
    """Open the store, import the data file (a no-op when unchanged) and make the front door."""
    path = resolve_data(data)
    store = await Store.open(db_path)
    try:
        # Leniently: a mistake a newer checker finds in the data must not stop a running bot
        now = clock.now() if clock else datetime.now(UTC)
        report = await import_file(store, path, now=now, lenient=True)
        for line in report.summary_lines():
            log.info("import: %s", line)
        for problem in report.problems:
            log.warning("data file: %s", problem)
        org = await load_organisation_from_store(store, report.org_id)
    except BaseException:
        await store.close()
        raise
    return FrontDoor(
        org,
        Calendar(org),
        store,
        clock or SystemClock(org.timezone),
        I18n(org.country),
        staff_ids=staff_ids,
    )


def parse_local_time(value: str, timezone: str) -> datetime:
    """ "2026-11-23T10:15" read as local time in the organisation's zone."""
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))
