"""Loads a data file into the store: idempotent, and careful with residents' sign-ups.

The stored YAML text is the canonical form of an organisation; the per-kind tables hold each
record as JSON with a content hash, so a re-import rewrites only what changed. Records that
leave the file are marked removed, never deleted, because sign-ups and links point at them.
Sign-ups are never touched: a future occurrence that residents signed up for and that the new
file no longer has is recorded in `occurrence_changes` for the notifier, and reported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from storage.datafile import DataFileError, parse_organisation, read_data_file
from storage.db import Database, utc_now_iso
from storage.model import Organisation
from storage.records import (
    RECORD_KINDS,
    ChangeKind,
    DisappearedOccurrence,
    ImportReport,
    KindCounts,
    get_organisation_source,
    list_organisation_ids,
    local_start,
    parse_local_start,
)
from storage.schedule import ACTIVITY, Calendar

_RECORD_FIELDS = {
    "centres": "centres",
    "desks": "desks",
    "activities": "activities",
    "volunteers": "volunteers",
    "shifts": "shifts",
    "staff": "staff",
}
"""Which `Organisation` field holds the records of each store table."""


class OccurrenceLookup(Protocol):
    """What the importer needs of the schedule arithmetic (`storage.schedule.Calendar`)."""

    def occurrence(self, kind: str, item_id: str, centre: str, start: datetime) -> Any:
        """The occurrence starting exactly at `start`, or None."""
        ...

    def occurrences(
        self,
        start: date,
        end: date,
        *,
        kind: str | None = None,
        centre: str | None = None,
        item_id: str | None = None,
    ) -> list[Any]:
        """Occurrences from `start` to `end` inclusive, each with `.start`."""
        ...


CalendarFactory = Callable[[Organisation], OccurrenceLookup]


# --- serialisation ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A model value as JSON-ready data: dataclasses to dicts, dates and times to ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (date, time, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def record_json(record: Any) -> str:
    """The canonical JSON of a model record: sorted keys, so equal records give equal text."""
    return json.dumps(_plain(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(text: str) -> str:
    """The sha256 hex digest of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def settings_json(org: Organisation) -> str:
    """The organisation-level fields (not its record lists) as canonical JSON."""
    lists = set(_RECORD_FIELDS.values())
    settings = {
        f.name: _plain(getattr(org, f.name))
        for f in dataclasses.fields(org)
        if f.name not in lists
    }
    return json.dumps(settings, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# --- reading back -----------------------------------------------------------------------------


async def organisation_ids(store: Database) -> list[str]:
    """Ids of the organisations in the store, sorted."""
    return await list_organisation_ids(store)


async def load_organisation_from_store(store: Database, org_id: str) -> Organisation:
    """The organisation as last imported, parsed again from its stored data file."""
    source = await get_organisation_source(store, org_id)
    if source is None:
        raise LookupError(f"organisation {org_id!r} was never imported")
    # Leniently: the file was accepted when imported, and mistakes a newer checker finds in it
    # must not stop a running bot.
    org, problems = parse_organisation(source.source_text, source.source_name, lenient=True)
    if org is None:
        raise DataFileError([p for p in problems if p.is_error])
    return org


# --- importing --------------------------------------------------------------------------------


async def import_file(
    store: Database, path: str | Path, *, now: datetime, lenient: bool = False
) -> ImportReport:
    """Check a data file and import it; raises DataFileError listing every error.

    The report carries the file's warnings (and, when `lenient`, its mistakes) to show.
    """
    text = read_data_file(path)
    # Parse the very text we store, so the stored source and the records always agree.
    org, problems = parse_organisation(text, str(path), lenient=lenient)
    if org is None:
        raise DataFileError([p for p in problems if p.is_error])
    report = await import_organisation(store, org, text, now=now, source_name=str(path))
    return dataclasses.replace(report, problems=tuple(problems))


async def import_organisation(
    store: Database,
    org: Organisation,
    source_text: str,
    *,
    now: datetime,
    source_name: str | None = None,
    calendar_factory: CalendarFactory = Calendar,
) -> ImportReport:
    """Bring the store in line with `org`, parsed from `source_text`; changes only what changed."""
    if now.tzinfo is None:
        raise ValueError("import_organisation needs a timezone-aware `now`")
    source_hash = content_hash(source_text)
    stored_hash = await store.fetch_value(
        "SELECT source_hash FROM organisations WHERE id = ?", (org.id,)
    )
    if stored_hash == source_hash:
        # The common case (every start of the bot): skip serialising thousands of records.
        return ImportReport(org_id=org.id, unchanged=True)
    settings_hash = content_hash(settings_json(org))
    # Serialise before taking the write lock: it is the slow part and needs no database.
    wanted: dict[str, dict[str, tuple[str, str]]] = {}
    for kind, attribute in _RECORD_FIELDS.items():
        rows: dict[str, tuple[str, str]] = {}
        for record in getattr(org, attribute):
            text = record_json(record)
            rows[record.id] = (content_hash(text), text)
        wanted[kind] = rows
    stamp = utc_now_iso(now)
    name = org.name.get(org.default_language, org.default_language)

    async with store.transaction(immediate=True):
        previous = await get_organisation_source(store, org.id)
        if previous is not None and previous.source_hash == source_hash:
            return ImportReport(org_id=org.id, unchanged=True)
        await store.execute(
            "INSERT INTO organisations (id, name, source_name, source_text, source_hash,"
            " settings_hash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            " source_name = excluded.source_name, source_text = excluded.source_text,"
            " source_hash = excluded.source_hash, settings_hash = excluded.settings_hash,"
            " imported_at = excluded.imported_at",
            (
                org.id,
                name,
                source_name or f"{org.id}.yaml",
                source_text,
                source_hash,
                settings_hash,
                stamp,
            ),
        )
        counts = {
            kind: await _sync_kind(store, kind, org.id, wanted[kind], stamp)
            for kind in RECORD_KINDS
        }
        settings_changed = previous is None or previous.settings_hash != settings_hash
        records_changed = any(c.touched for c in counts.values())
        if previous is not None and not settings_changed and not records_changed:
            # Only comments or layout changed: the new text is kept, nothing else moves.
            return ImportReport(org_id=org.id, unchanged=True, source_changed=True)
        disappeared: tuple[DisappearedOccurrence, ...] = ()
        restored: tuple[str, ...] = ()
        if previous is not None:
            checker = _SignupCheck(store, org, previous.source_text, now, stamp, calendar_factory)
            disappeared = await checker.record_disappeared()
            restored = await checker.withdraw_restored()
    return ImportReport(
        org_id=org.id,
        unchanged=False,
        first_import=previous is None,
        source_changed=True,
        settings_changed=settings_changed,
        counts=counts,
        disappeared=disappeared,
        restored=restored,
    )


async def _sync_kind(
    store: Database, kind: str, org_id: str, wanted: dict[str, tuple[str, str]], stamp: str
) -> KindCounts:
    """Make one record table match the file: write what is new or changed, mark what left."""
    existing = {
        row["id"]: (row["content_hash"], row["removed_at"])
        for row in await store.fetch_all(
            f"SELECT id, content_hash, removed_at FROM {kind} WHERE org_id = ?",  # kind is ours
            (org_id,),
        )
    }
    added = changed = unchanged = 0
    writes: list[tuple[str, str, str, str, str]] = []
    for record_id, (digest, text) in wanted.items():
        old = existing.get(record_id)
        if old is None or old[1] is not None:
            added += 1  # new, or back after having been removed
        elif old[0] != digest:
            changed += 1
        else:
            unchanged += 1
            continue
        writes.append((org_id, record_id, digest, text, stamp))
    if writes:
        await store.execute_many(
            f"INSERT INTO {kind} (org_id, id, content_hash, record, updated_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (org_id, id) DO UPDATE SET content_hash = excluded.content_hash,"
            " record = excluded.record, updated_at = excluded.updated_at, removed_at = NULL",
            writes,
        )
    gone = [
        (stamp, stamp, org_id, record_id)
        for record_id, (_, removed_at) in existing.items()
        if removed_at is None and record_id not in wanted
    ]
    if gone:
        await store.execute_many(
            f"UPDATE {kind} SET removed_at = ?, updated_at = ? WHERE org_id = ? AND id = ?",
            gone,
        )
    return KindCounts(added=added, changed=changed, removed=len(gone), unchanged=unchanged)


class _SignupCheck:
    """Compares the future sign-ups of an organisation with its new schedule."""

    def __init__(
        self,
        store: Database,
        org: Organisation,
        old_source: str,
        now: datetime,
        stamp: str,
        calendar_factory: CalendarFactory,
    ) -> None:
        self.store = store
        self.org = org
        self.old_source = old_source
        self.now_local = local_start(now.astimezone(ZoneInfo(org.timezone)))
        self.stamp = stamp
        self.calendar_factory = calendar_factory
        self._calendar: OccurrenceLookup | None = None
        self._old_calendar: OccurrenceLookup | None = None
        self._old_built = False

    @property
    def calendar(self) -> OccurrenceLookup:
        """The new schedule, built on first use."""
        if self._calendar is None:
            self._calendar = self.calendar_factory(self.org)
        return self._calendar

    @property
    def old_calendar(self) -> OccurrenceLookup | None:
        """The schedule before this import, or None when the old text no longer parses."""
        if not self._old_built:
            self._old_built = True
            old_org, _ = parse_organisation(self.old_source, "<stored>")
            self._old_calendar = None if old_org is None else self.calendar_factory(old_org)
        return self._old_calendar

    def exists(self, activity_id: str, centre_id: str, start: str) -> bool:
        """Whether the new schedule still has this occurrence."""
        moment = parse_local_start(start, self.org.timezone)
        return self.calendar.occurrence(ACTIVITY, activity_id, centre_id, moment) is not None

    async def record_disappeared(self) -> tuple[DisappearedOccurrence, ...]:
        """Record and return the future occurrences with active sign-ups that are gone."""
        rows = await self.store.fetch_all(
            "SELECT activity_id, centre_id, occurrence_start, count(*) AS signups,"
            " sum(party_size) AS people FROM signups"
            " WHERE org_id = ? AND status <> 'cancelled' AND occurrence_start > ?"
            " GROUP BY activity_id, centre_id, occurrence_start"
            " ORDER BY occurrence_start, activity_id, centre_id",
            (self.org.id, self.now_local),
        )
        taken = {(r["activity_id"], r["centre_id"], r["occurrence_start"]) for r in rows}
        found: list[DisappearedOccurrence] = []
        for row in rows:
            activity_id, centre_id, start = row["activity_id"], row["centre_id"], row[2]
            if self.exists(activity_id, centre_id, start):
                continue
            new_start = self._replacement(activity_id, centre_id, start, taken)
            if new_start is not None:
                taken.add((activity_id, centre_id, new_start))
            change = ChangeKind.MOVED if new_start else ChangeKind.REMOVED
            found.append(
                DisappearedOccurrence(
                    activity_id=activity_id,
                    centre_id=centre_id,
                    start=start,
                    residents=row["signups"],
                    people=row["people"],
                    change=change,
                    new_start=new_start,
                )
            )
            # A change the notifier already told residents about is rewritten (and notified
            # again) only if it is a different change; staff cancellations stay as they are.
            await self.store.execute(
                "INSERT INTO occurrence_changes (org_id, activity_id, centre_id,"
                " occurrence_start, change, new_start, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (org_id, activity_id, centre_id, occurrence_start) DO UPDATE SET"
                " change = excluded.change, new_start = excluded.new_start,"
                " detected_at = excluded.detected_at, notified_at = NULL"
                " WHERE occurrence_changes.change <> 'cancelled' AND"
                " (occurrence_changes.change <> excluded.change"
                # coalesce, not SQLite's `IS NOT`: the same SQL runs on PostgreSQL
                " OR coalesce(occurrence_changes.new_start, '')"
                " <> coalesce(excluded.new_start, ''))",
                (self.org.id, activity_id, centre_id, start, str(change), new_start, self.stamp),
            )
        return tuple(found)

    def _replacement(
        self, activity_id: str, centre_id: str, start: str, taken: set[tuple[str, str, str]]
    ) -> str | None:
        """The new occurrence that replaces a vanished one in the same week, if there is one.

        A candidate is an occurrence of the same activity at the same centre in the same
        Monday-to-Sunday week that the old schedule did not have and nobody is signed up for;
        the nearest in time wins. Tuesday's lunch moved to Wednesday is a move, not a removal.
        """
        old = self.old_calendar
        if old is None:
            return None
        moment = parse_local_start(start, self.org.timezone)
        monday = moment.date() - timedelta(days=moment.weekday())
        candidates = [
            occ.start
            for occ in self.calendar.occurrences(
                monday,
                monday + timedelta(days=6),
                kind=ACTIVITY,
                centre=centre_id,
                item_id=activity_id,
            )
            if old.occurrence(ACTIVITY, activity_id, centre_id, occ.start) is None
            and (activity_id, centre_id, local_start(occ.start)) not in taken
        ]
        if not candidates:
            return None
        best = min(candidates, key=lambda s: abs((s - moment).total_seconds()))
        return local_start(best)

    async def withdraw_restored(self) -> tuple[str, ...]:
        """Drop un-notified removals and moves whose occurrence is back in the file."""
        rows = await self.store.fetch_all(
            "SELECT id, activity_id, centre_id, occurrence_start FROM occurrence_changes"
            " WHERE org_id = ? AND notified_at IS NULL AND change IN ('removed', 'moved')"
            " AND occurrence_start > ?",
            (self.org.id, self.now_local),
        )
        back: list[str] = []
        for row in rows:
            if self.exists(row["activity_id"], row["centre_id"], row["occurrence_start"]):
                await self.store.execute("DELETE FROM occurrence_changes WHERE id = ?", (row[0],))
                back.append(f"{row['activity_id']} at {row['centre_id']} {row[3]}")
        return tuple(back)
