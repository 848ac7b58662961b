"""The composition root: data file → store → organisation → conversations, built in one place.

`open_voordeur` builds one typed `Voordeur` per process: the store, the clock, the organisation,
its calendar, the translations, the front door and the sending budget. The Telegram Application
(`bot.telegram_app`), the console (`bot.console`) and the reminder scheduler (`bot.scheduler`)
are handed that object; none of them builds or digs out parts of its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.budget import LocalBudget, SendBudget, SharedBudget
from bot.config import BotConfig
from conversations.engine import FrontDoor
from conversations.i18n import I18n
from data import DEMO_ORGANISATIONS, demo_path
from storage.backend import PostgresTarget, open_database, parse_db
from storage.changes import Changes
from storage.clock import Clock, SystemClock
from storage.db import Database
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
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


@dataclass(frozen=True)
class Voordeur:
    """The process's parts, built once by `open_voordeur` and handed to whoever needs them."""

    store: Database
    org: Organisation
    calendar: Calendar
    clock: Clock
    i18n: I18n
    front_door: FrontDoor
    budget: SendBudget  # every message the bot sends takes a slot here, replies first
    config: BotConfig | None = None  # None for the console and one-off commands

    @property
    def changes(self) -> Changes:
        """Where writes say that what reminders are due has changed (the scheduler listens)."""
        return self.store.changes

    async def close(self) -> None:
        """Close the store (through the front door, which owns it)."""
        await self.front_door.close()


def budget_for(config: BotConfig | None) -> LocalBudget | SharedBudget:
    """The bot's one sending budget at the configured limits (Telegram's, by default).

    On PostgreSQL several processes may send for the bot: their budget is one shared schedule
    in the database (attached once the store is open); on SQLite the one process keeps it.
    """
    if config is None:
        return LocalBudget()
    if isinstance(parse_db(config.db_path), PostgresTarget):
        return SharedBudget(
            config.rate_overall_per_second,
            config.rate_per_chat_per_second,
            chat_burst=config.rate_chat_burst,
        )
    return LocalBudget(
        config.rate_overall_per_second,
        config.rate_per_chat_per_second,
        chat_burst=config.rate_chat_burst,
    )


async def open_voordeur(
    data: str,
    db_path: str | Path,
    *,
    clock: Clock | None = None,
    staff_ids: frozenset[int] = frozenset(),
    config: BotConfig | None = None,
    budget: SendBudget | None = None,
) -> Voordeur:
    """Open the store, import the data file (a no-op when unchanged) and build the parts."""
    path = resolve_data(data)
    store = await open_database(db_path)  # a SQLite file or a postgresql:// URL
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
    calendar = Calendar(org)
    clock = clock or SystemClock(org.timezone)
    i18n = I18n(org.country)
    front_door = FrontDoor(org, calendar, store, clock, i18n, staff_ids=staff_ids)
    return Voordeur(
        store=store,
        org=org,
        calendar=calendar,
        clock=clock,
        i18n=i18n,
        front_door=front_door,
        budget=budget or budget_for(config),
        config=config,
    )


async def build_front_door(
    data: str,
    db_path: str | Path,
    clock: Clock | None = None,
    staff_ids: frozenset[int] = frozenset(),
) -> FrontDoor:
    """Just the front door of `open_voordeur` (tests and one-off commands that only ask)."""
    voordeur = await open_voordeur(data, db_path, clock=clock, staff_ids=staff_ids)
    return voordeur.front_door


def parse_local_time(value: str, timezone: str) -> datetime:
    """ "2026-11-23T10:15" read as local time in the organisation's zone."""
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))
