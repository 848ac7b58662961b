"""The monthly report for funders: CSV and PNG, totals that match the store, no personal data."""

from __future__ import annotations

import asyncio
import csv
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.cli import main
from bot.report import NOT_REGISTERED, build_report, parse_month, write_report
from bot.runtime import resolve_data
from rules.feedback import add_feedback, record_rating
from rules.shifts import give_back_shift, take_shift
from rules.signups import signup_rules
from storage.backend import open_database
from storage.db import Database, Store, utc_now_iso
from storage.feedback import SUGGESTION
from storage.importer import import_file, load_organisation_from_store
from storage.model import Organisation
from storage.records import Signup, SignupStatus, insert_signup
from storage.repositories import repositories
from storage.schedule import Calendar

BRUSSELS = ZoneInfo("Europe/Brussels")
BOOKED = datetime(2026, 11, 16, 10, 0, tzinfo=BRUSSELS)
REPORTED = datetime(2026, 12, 2, 9, 0, tzinfo=BRUSSELS)  # the report is made after the month
RESIDENTS = {4242: "Anna Peeters", 4343: "Bert Janssens", 4444: "Carla Dewulf", 4545: "Dirk Maes"}
ANNA, BERT, CARLA, DIRK = RESIDENTS
SECRET = "my neighbour Jef drinks too much"
DESK_NAME, DESK_PHONE = "Walter Vandamme", "+32 470 12 34 56"


@pytest.fixture
def store(any_store: Database) -> Database:
    """The report reads the same figures from each backend (see tests/backends.py)."""
    return any_store


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BRUSSELS)


async def notice(kind: str, signup: Signup) -> tuple[dict[str, object], str]:
    return {"text": kind, "buttons": []}, "nl"


async def seed(store: Database) -> Organisation:
    """The Oostende demo data with a month of sign-ups, help requests, feedback and shifts."""
    report = await import_file(store, resolve_data("oostende"), now=BOOKED - timedelta(days=7))
    org = await load_organisation_from_store(store, report.org_id)
    calendar = Calendar(org)
    for user_id, name in RESIDENTS.items():
        await store.execute(
            "INSERT INTO residents (user_id, name, consent_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (user_id, name, utc_now_iso(BOOKED), utc_now_iso(BOOKED), utc_now_iso(BOOKED)),
        )

    async def book(
        activity: str,
        centre: str,
        start: datetime,
        resident: int | None,
        status: SignupStatus = SignupStatus.CONFIRMED,
        companions: int = 0,
    ) -> Signup:
        return await insert_signup(
            store,
            org_id=org.id,
            activity_id=activity,
            centre_id=centre,
            start=start,
            now=BOOKED,
            resident_id=resident,
            walk_in_name=None if resident else DESK_NAME,
            walk_in_phone=None if resident else DESK_PHONE,
            companions=companions,
            status=status,
        )

    anna_lunch = await book("lunch-centrum", "centrum", at(24, 12), ANNA, companions=1)
    bert_lunch = await book("lunch-centrum", "centrum", at(24, 12), BERT)
    await book("lunch-centrum", "centrum", at(24, 12), None)  # taken at the desk
    await book("chair-gym", "mariakerke", at(23, 10), ANNA)
    # Bert gives his Stene lunch back; Carla, waiting, gets the place.
    bert_stene = await book("lunch-stene", "stene", at(25, 12), BERT)
    await book("lunch-stene", "stene", at(25, 12), CARLA, SignupStatus.WAITING)
    await signup_rules(store).cancel(org, calendar, bert_stene.id, now=BOOKED, notice=notice)
    await book("lunch-mariakerke", "mariakerke", at(26, 12), DIRK, SignupStatus.WAITING)
    await book("lunch-centrum", "centrum", at(1, 12, month=12), DIRK)  # next month: not counted

    await record_rating(repositories(store), anna_lunch, 4, now=at(25, 10))
    await record_rating(repositories(store), bert_lunch, 2, now=at(25, 10, 5))
    await add_feedback(
        repositories(store),
        org_id=org.id,
        kind=SUGGESTION,
        message=SECRET,
        now=at(20, 9),
        resident_id=ANNA,
    )

    await store.execute(
        "INSERT INTO help_requests (org_id, resident_id, kind, message, contact_phone, status,"
        " created_at, claimed_at) VALUES (?, ?, 'help', ?, ?, 'claimed', ?, ?)",
        (
            org.id,
            BERT,
            SECRET,
            DESK_PHONE,
            utc_now_iso(at(18, 9)),
            utc_now_iso(at(18, 9, 30)),
        ),
    )
    await store.execute(
        "INSERT INTO help_requests (org_id, resident_id, kind, message, created_at)"
        " VALUES (?, ?, 'help', ?, ?)",
        (org.id, CARLA, SECRET, utc_now_iso(at(19, 14))),
    )

    # Marie cannot come to reception on Monday 23rd; she takes the open Friday shift instead.
    repos = repositories(store)
    await give_back_shift(
        repos, org, calendar, "v-marie", "reception-centrum", at(23, 9), reason=None, now=BOOKED
    )
    await take_shift(
        repos, org, calendar, "v-marie", "reception-centrum-friday", at(27, 13), now=BOOKED
    )
    return org


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def figure(rows: list[dict[str, str]], column: str) -> float:
    return sum(float(row[column] or 0) for row in rows)


async def count(store: Store, where: str) -> int:
    value = await store.fetch_value(
        "SELECT count(*) FROM signups WHERE org_id = 'oostende'"
        " AND occurrence_start LIKE '2026-11-%' AND " + where
    )
    return int(value)


async def test_the_month_report_renders_and_its_totals_match_the_store(
    store: Store, tmp_path: Path
) -> None:
    org = await seed(store)
    report = await build_report(store, org, Calendar(org), "2026-11", REPORTED)
    files = write_report(report, tmp_path / "out")

    assert set(files) == {"activities", "help", "volunteers", "summary", "chart"}
    assert all(path.is_file() and path.stat().st_size > 0 for path in files.values())
    assert files["chart"].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(files["chart"]) as image:
        image.verify()

    activities = read_csv(files["activities"])
    assert figure(activities, "signups_confirmed") == await count(store, "status = 'confirmed'")
    assert figure(activities, "signups_cancelled") == await count(store, "status = 'cancelled'")
    assert figure(activities, "signups_waiting") == await count(store, "status = 'waiting'")
    people = await store.fetch_value(
        "SELECT sum(party_size) FROM signups WHERE status = 'confirmed'"
        " AND occurrence_start LIKE '2026-11-%'"
    )
    assert figure(activities, "people_confirmed") == people == 6
    assert {r["people_attended"] for r in activities} == {NOT_REGISTERED}  # nobody marked
    lunch = next(r for r in activities if r["activity_id"] == "lunch-centrum")
    assert (lunch["signups_confirmed"], lunch["people_confirmed"], lunch["unique_residents"]) == (
        "3",
        "4",
        "2",
    )
    assert (lunch["ratings"], lunch["rating_average"], lunch["no_shows"]) == (
        "2",
        "3",
        NOT_REGISTERED,
    )
    assert lunch["sessions"] == "20"  # weekdays from 2 November, less Armistice Day
    stene = next(r for r in activities if r["activity_id"] == "lunch-stene")
    assert (stene["promotions"], stene["signups_cancelled"]) == ("1", "1")

    summary = {row["metric"]: row["value"] for row in read_csv(files["summary"])}
    unique = await store.fetch_value(
        "SELECT count(DISTINCT resident_id) FROM signups WHERE status = 'confirmed'"
        " AND occurrence_start LIKE '2026-11-%'"
    )
    assert summary["unique_residents"] == str(unique) == "3"
    assert summary["signups_without_telegram"] == "1"
    assert summary["promotions"] == "1" and summary["signups_waiting"] == "1"
    assert summary["no_shows"] == summary["people_attended"] == NOT_REGISTERED
    assert summary["sessions_not_registered"] == "3"  # lunch, chair gym, Stene lunch
    assert (summary["help_requests"], summary["help_requests_taken_up"]) == ("2", "1")
    assert summary["median_minutes_to_claim"] == "30"
    assert (summary["ratings"], summary["rating_average"], summary["suggestions"]) == (
        "2",
        "3",
        "1",
    )

    [help_row] = read_csv(files["help"])
    assert (help_row["requests"], help_row["taken_up"], help_row["still_open"]) == ("2", "1", "1")
    assert help_row["median_minutes_to_claim"] == "30"

    centrum = next(r for r in read_csv(files["volunteers"]) if r["centre_id"] == "centrum")
    assert (centrum["given_back_hours"], centrum["open_shift_hours"]) == ("4", "4")
    assert float(centrum["total_hours"]) == float(centrum["assigned_hours"])  # 4 out, 4 in
    assert float(summary["volunteer_hours"]) == sum(s.total_hours for s in report.volunteers)


async def test_attendance_and_no_shows_are_the_marks_staff_registered(store: Store) -> None:
    org = await seed(store)
    lunch = await store.fetch_all(
        "SELECT id, resident_id FROM signups WHERE activity_id = 'lunch-centrum'"
        " AND occurrence_start = '2026-11-24T12:00' ORDER BY id"
    )
    anna, bert = (r["id"] for r in lunch if r["resident_id"] in (ANNA, BERT))
    register = signup_rules(store).register_attendance
    assert await register(anna, True, now=at(24, 13))
    assert await register(bert, True, now=at(24, 13))
    assert await register(bert, False, now=at(24, 13, 1))  # changed their mind
    # the desk sign-up is not marked: it is neither attendance nor a no-show
    report = await build_report(store, org, Calendar(org), "2026-11", REPORTED)

    row = next(r for r in report.activities if r.activity_id == "lunch-centrum")
    assert (row.signups_attended, row.people_attended, row.no_shows) == (1, 2, 1)  # Anna +1
    assert row.sessions_not_registered == 0
    gym = next(r for r in report.activities if r.activity_id == "chair-gym")
    assert (gym.signups_attended, gym.no_shows, gym.sessions_not_registered) == (None, None, 1)

    summary = {metric: value for metric, value, _note in report.summary}
    came = await count(store, "status = 'confirmed' AND attended = 1")
    missing = await count(store, "status = 'confirmed' AND attended = 0")
    assert (summary["signups_attended"], summary["no_shows"]) == (str(came), str(missing))
    assert (came, missing) == (1, 1)
    assert summary["people_attended"] == "2"
    assert summary["sessions_not_registered"] == "2"  # chair gym, Stene lunch


async def test_the_report_names_nobody(store: Store, tmp_path: Path) -> None:
    org = await seed(store)
    report = await build_report(store, org, Calendar(org), "2026-11", REPORTED)
    files = write_report(report, tmp_path)
    written = "\n".join(p.read_text(encoding="utf-8") for k, p in files.items() if k != "chart")
    personal = [*RESIDENTS.values(), *map(str, RESIDENTS), DESK_NAME, DESK_PHONE, SECRET]
    personal += ["Marie", "Declercq", "v-marie"]
    assert [word for word in personal if word in written] == []


async def test_a_month_without_activity_still_renders(store: Store, tmp_path: Path) -> None:
    org = await seed(store)
    report = await build_report(store, org, Calendar(org), "2027-08", REPORTED)
    files = write_report(report, tmp_path)
    assert read_csv(files["activities"]) == [] and read_csv(files["help"]) == []
    with Image.open(files["chart"]) as image:
        image.verify()


def test_a_month_is_written_year_dash_month() -> None:
    assert parse_month("2026-11").isoformat() == "2026-11-01"
    for wrong in ("2026-13", "11-2026", "november"):
        with pytest.raises(ValueError):
            parse_month(wrong)


def test_voordeur_report_writes_the_files_for_the_bots_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    db = db_url  # a SQLite file, or a postgresql:// URL as VOORDEUR_DB takes it

    async def prepare() -> None:
        async with await open_database(db) as store:
            await seed(store)

    asyncio.run(prepare())
    out = tmp_path / "report"
    assert (
        main(
            [
                "report",
                "--month",
                "2026-11",
                "--org",
                "oostende",
                "--db",
                str(db),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == sorted(
        f"oostende-2026-11-{part}"
        for part in ("activities.csv", "help.csv", "volunteers.csv", "summary.csv", "chart.png")
    )
    summary = {
        row["metric"]: row["value"] for row in read_csv(out / "oostende-2026-11-summary.csv")
    }
    assert summary["ratings"] == "2" and summary["rating_average"] == "3"
    assert summary["help_requests"] == "2" and summary["median_minutes_to_claim"] == "30"
    assert main(["report", "--month", "2026-13", "--db", str(db)]) == 2
    assert main(["report", "--month", "2026-11", "--db", str(tmp_path / "none.sqlite3")]) == 2
