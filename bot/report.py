"""`voordeur report`: the figures of one month that centres report to their funders.

Aggregates only: no names, no Telegram ids, no phone numbers, no message texts. The files are
for staff, so column headers and chart labels are in English and not translated; activity and
centre names come from the data file in the organisation's own language.

Files written to `--out` (default: the current folder), each named `<org>-<YYYY-MM>-<part>`:

- `activities.csv`: one row per centre and activity with sign-ups: sessions in the month,
  sign-ups and people confirmed, cancelled, still waiting, promotions from the waiting list,
  unique residents, attendance and no-shows as staff registered them, ratings and their average;
- `help.csv`: help requests per topic: how many, how many taken up by staff, still open, and
  the median minutes from the request to a staff member claiming it;
- `volunteers.csv`: volunteer hours per centre: hours assigned in the data file, hours given
  back ("I can't come"), hours taken in open shifts, and the total actually covered;
- `summary.csv`: the totals (metric, value, note), with a note wherever a figure is not
  measured yet;
- `chart.png`: four panels: sign-ups per activity, help requests per topic, average rating per
  activity, volunteer hours per centre.

Attendance: staff mark each confirmed sign-up of a session as came (`attended = 1`) or did not
come (`attended = 0`). Of the sessions that have begun, `signups_attended` and `people_attended`
(companions included) count the ones marked came and `no_shows` the ones marked did not come;
`sessions_not_registered` counts the sessions (appointment slots apart, a course as one) with
confirmed sign-ups where nobody was marked. Where no session of an activity was registered, the
figures say "not registered" instead of a misleading 0.

What falls in the month: sign-ups by the local date of their session (a course by its first
session), help requests and feedback by when they were made, shifts by their date.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rules.shifts import shift_slots
from storage.db import Database, check_database, utc_now_iso
from storage.model import Organisation
from storage.records import local_start
from storage.repositories import ReportRepository, Repositories, repositories
from storage.schedule import ACTIVITY, Calendar

NOT_REGISTERED = "not registered"
"""What an attendance figure says when staff registered no session it covers."""
_REGISTERED = ("signups_attended", "people_attended", "no_shows")  # None: not registered


@dataclass
class ActivityRow:
    """The sign-up figures of one activity at one centre."""

    centre_id: str
    centre: str
    activity_id: str
    activity: str
    sessions: int = 0
    signups_confirmed: int = 0
    people_confirmed: int = 0
    signups_cancelled: int = 0
    signups_waiting: int = 0
    people_waiting: int = 0
    promotions: int = 0
    unique_residents: int = 0
    signups_attended: int | None = None  # marked came; None: no session registered
    people_attended: int | None = None  # the same, companions included
    no_shows: int | None = None  # marked did not come; None: no session registered
    sessions_not_registered: int = 0  # begun, with confirmed sign-ups, nobody marked
    ratings: int = 0
    rating_average: float | None = None


@dataclass
class HelpRow:
    """The help requests of one topic."""

    topic: str
    requests: int = 0
    taken_up: int = 0
    still_open: int = 0
    median_minutes_to_claim: float | None = None


@dataclass
class VolunteerRow:
    """The volunteer hours of one centre."""

    centre_id: str
    centre: str
    shifts: int = 0
    assigned_hours: float = 0.0
    given_back_hours: float = 0.0
    open_shift_hours: float = 0.0
    total_hours: float = 0.0


@dataclass
class MonthReport:
    """Everything one report says."""

    org_id: str
    month: str  # 'YYYY-MM'
    activities: list[ActivityRow] = field(default_factory=list)
    help: list[HelpRow] = field(default_factory=list)
    volunteers: list[VolunteerRow] = field(default_factory=list)
    summary: list[tuple[str, str, str]] = field(default_factory=list)  # metric, value, note


def parse_month(text: str) -> date:
    """The first day of a month written 'YYYY-MM'; ValueError otherwise."""
    try:
        first = datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise ValueError(f"--month takes YYYY-MM, not {text!r}") from None
    return first


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _utc_bounds(first: date, tz: ZoneInfo) -> tuple[str, str]:
    """The month as UTC moments as the store writes them, for columns stamped in UTC."""
    start = datetime.combine(first, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(_next_month(first), datetime.min.time(), tzinfo=tz)
    return utc_now_iso(start), utc_now_iso(end)


async def build_report(
    store: Database, org: Organisation, calendar: Calendar, month: str, now: datetime
) -> MonthReport:
    """Count the month's figures from the store, as they stand at `now`."""
    repos = repositories(store)
    first = parse_month(month)
    report = MonthReport(org.id, month)
    tz = ZoneInfo(org.timezone)
    local_from, local_to = f"{first:%Y-%m}-01T00:00", f"{_next_month(first):%Y-%m}-01T00:00"
    utc_from, utc_to = _utc_bounds(first, tz)
    local_now = local_start(now.astimezone(tz))
    await _activities(
        repos.reports,
        org,
        calendar,
        report,
        (first, local_from, local_to, utc_from, utc_to, local_now),
    )
    waits = await _help(repos.reports, org, report, utc_from, utc_to)
    await _volunteers(repos, org, calendar, report, first)
    await _summary(repos.reports, org, report, (local_from, local_to, utc_from, utc_to), waits)
    return report


async def _activities(
    reports: ReportRepository,
    org: Organisation,
    calendar: Calendar,
    report: MonthReport,
    bounds: tuple[date, str, str, str, str, str],
) -> None:
    first, local_from, local_to, utc_from, utc_to, local_now = bounds
    rows: dict[tuple[str, str], ActivityRow] = {}

    def row_for(centre_id: str, activity_id: str) -> ActivityRow:
        key = (centre_id, activity_id)
        if key not in rows:
            activity = org.activity(activity_id)
            centre = org.centre(centre_id)
            lang = org.default_language
            rows[key] = ActivityRow(
                centre_id=centre_id,
                centre=centre.name.get(lang, lang) if centre else centre_id,
                activity_id=activity_id,
                activity=activity.title.get(lang, lang) if activity else activity_id,
            )
        return rows[key]

    for figures in await reports.signup_figures(org.id, local_from, local_to):
        row = row_for(figures.centre_id, figures.activity_id)
        row.signups_confirmed = figures.confirmed
        row.people_confirmed = figures.people
        row.signups_cancelled = figures.cancelled
        row.signups_waiting = figures.waiting
        row.people_waiting = figures.people_waiting
        row.unique_residents = figures.residents
    promotions = await reports.promotions(org.id, local_from, local_to)
    for (centre_id, activity_id), promoted in promotions.items():
        row_for(centre_id, activity_id).promotions = promoted
    # Attendance per session that has begun: registered when anyone of it was marked.
    for session in await reports.session_attendance(org.id, local_from, local_to, local_now):
        row = row_for(session.centre_id, session.activity_id)
        if not session.marked:
            row.sessions_not_registered += 1
            continue
        row.signups_attended = (row.signups_attended or 0) + session.came
        row.people_attended = (row.people_attended or 0) + session.people_came
        row.no_shows = (row.no_shows or 0) + session.missing
    for rated in await reports.ratings(org.id, utc_from, utc_to):
        row = row_for(rated.centre_id, rated.activity_id)
        row.ratings = rated.ratings
        row.rating_average = round(rated.average, 2)
    last = _next_month(first) - timedelta(days=1)
    sessions = Counter(
        (o.centre, o.item_id) for o in calendar.occurrences(first, last, kind=ACTIVITY)
    )
    for row in rows.values():
        row.sessions = sessions.get((row.centre_id, row.activity_id), 0)
    report.activities = sorted(rows.values(), key=lambda r: (r.centre, r.activity))


async def _help(
    reports: ReportRepository, org: Organisation, report: MonthReport, utc_from: str, utc_to: str
) -> list[float]:
    """Fill in the help figures; returns the minutes each request waited to be taken up."""
    rows: dict[str, HelpRow] = {}
    waits: dict[str, list[float]] = defaultdict(list)
    every_wait: list[float] = []
    for found in await reports.help_requests(org.id, utc_from, utc_to):
        name = found.topic or "other"
        row = rows.setdefault(name, HelpRow(name))
        row.requests += 1
        if found.claimed_at is not None:
            row.taken_up += 1
            waited = max((found.claimed_at - found.created_at).total_seconds(), 0.0) / 60
            waits[name].append(waited)
            every_wait.append(waited)
        elif found.status == "open":
            row.still_open += 1
    for name, row in rows.items():
        if waits[name]:
            row.median_minutes_to_claim = round(statistics.median(waits[name]), 1)
    report.help = sorted(rows.values(), key=lambda r: (-r.requests, r.topic))
    return every_wait


async def _volunteers(
    repos: Repositories,
    org: Organisation,
    calendar: Calendar,
    report: MonthReport,
    first: date,
) -> None:
    last = _next_month(first) - timedelta(days=1)
    rows: dict[str, VolunteerRow] = {}
    lang = org.default_language
    for slot in await shift_slots(repos, org, calendar, first, last):
        centre = org.centre(slot.shift.centre)
        row = rows.setdefault(
            slot.shift.centre,
            VolunteerRow(slot.shift.centre, centre.name.get(lang, lang) if centre else ""),
        )
        hours = (slot.occurrence.end - slot.occurrence.start).total_seconds() / 3600
        assigned = set(slot.shift.volunteers)
        kept = assigned & slot.people
        row.shifts += 1
        row.assigned_hours += len(assigned) * hours
        row.given_back_hours += len(assigned - kept) * hours
        row.open_shift_hours += len(slot.people - assigned) * hours
        row.total_hours += len(slot.people) * hours
    report.volunteers = sorted(rows.values(), key=lambda r: r.centre)


async def _summary(
    reports: ReportRepository,
    org: Organisation,
    report: MonthReport,
    bounds: tuple[str, str, str, str],
    all_waits: list[float],
) -> None:
    local_from, local_to, utc_from, utc_to = bounds
    acts, helps, vols = report.activities, report.help, report.volunteers
    unique = await reports.unique_residents(org.id, local_from, local_to)
    without_chat = await reports.signups_without_telegram(org.id, local_from, local_to)
    fb = await reports.feedback_figures(org.id, utc_from, utc_to)
    registered = [r for r in acts if r.no_shows is not None]
    unregistered = sum(r.sessions_not_registered for r in acts)

    def total(values: list[float] | list[int]) -> str:
        return _number(sum(values))

    def marked(name: str, figures: list[int | None], note: str) -> tuple[str, str, str]:
        """An attendance total, or "not registered" when staff registered no session at all."""
        if not registered:
            return (name, NOT_REGISTERED, "staff registered attendance for no session")
        # A registered row has all three figures (set together, from 0).
        return (name, total([figure or 0 for figure in figures]), note)

    report.summary = [
        ("signups_confirmed", total([r.signups_confirmed for r in acts]), ""),
        ("people_confirmed", total([r.people_confirmed for r in acts]), "companions included"),
        ("signups_cancelled", total([r.signups_cancelled for r in acts]), ""),
        ("signups_waiting", total([r.signups_waiting for r in acts]), "still on a waiting list"),
        ("people_waiting", total([r.people_waiting for r in acts]), ""),
        (
            "promotions",
            total([r.promotions for r in acts]),
            "places passed on from a waiting list",
        ),
        ("unique_residents", str(unique), "residents with Telegram and a confirmed place"),
        (
            "signups_without_telegram",
            str(without_chat),
            "taken at the desk, or of residents who asked to be forgotten",
        ),
        marked(
            "signups_attended",
            [r.signups_attended for r in registered],
            "marked came by staff, in sessions that have begun",
        ),
        marked(
            "people_attended",
            [r.people_attended for r in registered],
            "the same, companions included",
        ),
        marked(
            "no_shows",
            [r.no_shows for r in registered],
            "confirmed, and marked did not come by staff",
        ),
        (
            "sessions_not_registered",
            str(unregistered),
            "sessions that have begun, with confirmed sign-ups, where nobody was marked",
        ),
        ("help_requests", total([r.requests for r in helps]), ""),
        ("help_requests_taken_up", total([r.taken_up for r in helps]), ""),
        (
            "median_minutes_to_claim",
            _number(round(statistics.median(all_waits), 1)) if all_waits else "",
            "from the request to a staff member taking it up" if all_waits else "none taken up",
        ),
        ("feedback_messages", str(fb.feedback), "compliments and complaints"),
        ("suggestions", str(fb.suggestions), ""),
        ("ratings", str(fb.ratings), "answers to the day-after question, 1 to 5"),
        ("rating_average", _number(round(fb.average, 2)) if fb.average else "", ""),
        ("volunteer_hours", total([r.total_hours for r in vols]), "hours covered by volunteers"),
        ("volunteer_hours_given_back", total([r.given_back_hours for r in vols]), ""),
        ("volunteer_hours_open_shifts", total([r.open_shift_hours for r in vols]), ""),
    ]


def _number(value: float | int | None) -> str:
    """A figure as CSV text: whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(int(value))


# --- writing ----------------------------------------------------------------------------------

ACTIVITY_COLUMNS = (
    "centre_id",
    "centre",
    "activity_id",
    "activity",
    "sessions",
    "signups_confirmed",
    "people_confirmed",
    "signups_cancelled",
    "signups_waiting",
    "people_waiting",
    "promotions",
    "unique_residents",
    "signups_attended",
    "people_attended",
    "no_shows",
    "sessions_not_registered",
    "ratings",
    "rating_average",
)
HELP_COLUMNS = ("topic", "requests", "taken_up", "still_open", "median_minutes_to_claim")
VOLUNTEER_COLUMNS = (
    "centre_id",
    "centre",
    "shifts",
    "assigned_hours",
    "given_back_hours",
    "open_shift_hours",
    "total_hours",
)


def _cell(value: Any) -> str:
    """A CSV cell: numbers as figures, nothing measured as empty."""
    if value is None:
        return ""
    return _number(value) if isinstance(value, int | float) else str(value)


def _activity_cell(name: str, value: Any) -> str:
    """Attendance nobody registered says so, rather than a blank or a misleading 0."""
    return NOT_REGISTERED if name in _REGISTERED and value is None else _cell(value)


def _write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_report(report: MonthReport, out: Path) -> dict[str, Path]:
    """Write the CSV files and the chart into `out`; returns them by part name."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{report.org_id}-{report.month}"
    files: dict[str, Path] = {}
    activity_rows = [
        [_activity_cell(name, getattr(row, name)) for name in ACTIVITY_COLUMNS]
        for row in report.activities
    ]
    files["activities"] = _write_csv(
        out / f"{stem}-activities.csv", ACTIVITY_COLUMNS, activity_rows
    )
    help_rows = [[_cell(getattr(row, name)) for name in HELP_COLUMNS] for row in report.help]
    files["help"] = _write_csv(out / f"{stem}-help.csv", HELP_COLUMNS, help_rows)
    volunteer_rows = [
        [_cell(getattr(row, n)) for n in VOLUNTEER_COLUMNS] for row in report.volunteers
    ]
    files["volunteers"] = _write_csv(
        out / f"{stem}-volunteers.csv", VOLUNTEER_COLUMNS, volunteer_rows
    )
    files["summary"] = _write_csv(
        out / f"{stem}-summary.csv",
        ("metric", "value", "note"),
        [list(line) for line in report.summary],
    )
    files["chart"] = write_chart(report, out / f"{stem}-chart.png")
    return files


def _label(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _activity_label(row: ActivityRow) -> str:
    """Activity and centre id: short, and never the same for two rows (bars would merge)."""
    return f"{_label(row.activity)} ({row.centre_id})"


def write_chart(report: MonthReport, path: Path) -> Path:
    """The month at a glance as a PNG with four panels."""
    # Imported here: matplotlib takes a while to load and only this command needs it. Agg
    # draws to files without a display, as on a server.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(2, 2, figsize=(14, 10))
    figure.suptitle(f"{report.org_id}, {report.month}")

    def empty(ax: Any, title: str) -> None:
        ax.set_title(title)
        ax.text(0.5, 0.5, "no data this month", ha="center", va="center")
        ax.set_axis_off()

    signups_ax, help_ax, rating_ax, volunteer_ax = axes.flat
    title = "Sign-ups per activity"
    if report.activities:
        labels = [_activity_label(r) for r in report.activities]
        confirmed = [r.signups_confirmed for r in report.activities]
        waiting = [r.signups_waiting for r in report.activities]
        cancelled = [r.signups_cancelled for r in report.activities]
        signups_ax.barh(labels, confirmed, label="confirmed")
        signups_ax.barh(labels, waiting, left=confirmed, label="waiting")
        signups_ax.barh(
            labels,
            cancelled,
            left=[c + w for c, w in zip(confirmed, waiting, strict=True)],
            label="cancelled",
        )
        signups_ax.set_title(title)
        signups_ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        signups_ax.invert_yaxis()
        signups_ax.legend(loc="lower right")
    else:
        empty(signups_ax, title)

    title = "Help requests per topic"
    if report.help:
        topics = [r.topic for r in report.help]
        help_ax.bar(topics, [r.requests for r in report.help], label="requests")
        help_ax.bar(topics, [r.taken_up for r in report.help], label="taken up", width=0.5)
        help_ax.set_title(title)
        help_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        help_ax.legend()
        help_ax.tick_params(axis="x", labelrotation=30)
    else:
        empty(help_ax, title)

    title = "Average rating (1-5)"
    rated = [r for r in report.activities if r.rating_average is not None]
    if rated:
        rating_ax.barh(
            [_activity_label(r) for r in rated],
            [r.rating_average or 0 for r in rated],
        )
        rating_ax.set_xlim(0, 5)
        rating_ax.set_title(title)
        rating_ax.invert_yaxis()
    else:
        empty(rating_ax, title)

    title = "Volunteer hours per centre"
    if report.volunteers:
        volunteer_ax.bar(
            [r.centre_id for r in report.volunteers],
            [r.total_hours for r in report.volunteers],
        )
        volunteer_ax.set_title(title)
        volunteer_ax.tick_params(axis="x", labelrotation=30)
    else:
        empty(volunteer_ax, title)

    figure.tight_layout()
    figure.savefig(path, format="png", dpi=100)
    plt.close(figure)
    return path


# --- the command ------------------------------------------------------------------------------


async def report_command(args: argparse.Namespace) -> int:
    """`voordeur report --month YYYY-MM [--org ID | --data PATH] [--db PATH|URL] [--out DIR]`."""
    from bot.runtime import resolve_data
    from storage.backend import SqliteTarget, open_database, parse_db
    from storage.datafile import DataFileError

    try:
        parse_month(args.month)
        target = parse_db(args.db)  # a SQLite file or a postgresql:// URL
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if isinstance(target, SqliteTarget):
        check_database(target.path)  # a database the bot could not use: one sentence, exit 2
        if target.path != ":memory:" and not Path(target.path).exists():
            print(f"no store at {args.db}: pass the bot's database with --db", file=sys.stderr)
            return 2
    data = args.data or args.org or os.environ.get("VOORDEUR_DATA") or "oostende"
    store = await open_database(target)
    try:
        organisations = repositories(store).organisations
        try:
            # The bot's own data: a no-op when the store has this file already.
            imported = await organisations.import_file(resolve_data(data), now=datetime.now(UTC))
        except DataFileError as error:
            print(error, file=sys.stderr)
            return 1
        org = await organisations.load(imported.org_id)
        now = datetime.now(ZoneInfo(org.timezone))
        report = await build_report(store, org, Calendar(org), args.month, now)
    finally:
        await store.close()
    files = write_report(report, Path(args.out))
    for path in files.values():
        print(path)
    return 0
