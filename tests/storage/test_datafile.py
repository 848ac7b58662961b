"""A staff member edits the organisation's data file; the checker explains every mistake."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest

from storage.datafile import (
    DataFileError,
    Problem,
    check_file,
    load_organisation,
    parse_organisation,
)
from storage.db import Store
from storage.importer import import_file
from storage.model import (
    DeadlineRule,
    Organisation,
    ReminderPolicy,
    Schedule,
    Session,
    SignupMode,
    Text,
)

ROOT = Path(__file__).resolve().parents[2]
BROKEN = Path(__file__).parent / "broken"
BROKEN_FILES = sorted(BROKEN.glob("*.yaml"))

ORGANISATION = """\
organisation:
  id: test
  name: Teststad
  country: BE
  timezone: Europe/Brussels
  default_language: nl
"""
CENTRE = """\
centres:
  - id: noord
    name: Ontmoetingscentrum Noord
    address: Kerkstraat 1, 9000 Teststad
    hours: "Mo-Fr 09:00-16:00; PH off"
"""
WEEKLY = (
    '{repeat: "FREQ=WEEKLY;BYDAY=TU", from: 2026-11-02, until: 2027-06-30, time: "10:00-12:00"}'
)


def expected_problems(path: Path) -> list[str]:
    """The `# expect: LINE: MESSAGE` header of a broken file, as `str(problem)` lines."""
    prefix = "# expect: "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [f"{path}:{line.removeprefix(prefix)}" for line in lines if line.startswith(prefix)]


def guide_example() -> str:
    """The YAML of "A short complete example" in docs/data-format.md."""
    guide = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    match = re.search(r"## A short complete example\s+```yaml\n(.*?)```", guide, re.DOTALL)
    assert match, "the format guide lost its short complete example"
    return match[1]


def parse_ok(text: str) -> Organisation:
    """Parse a data file that must have no problems."""
    organisation, problems = parse_organisation(text, "test.yaml")
    assert [str(p) for p in problems] == []
    assert organisation is not None
    return organisation


def test_the_corpus_has_a_broken_file_for_each_kind_of_mistake() -> None:
    """Each kind of mistake has its own small file, and each file says what it expects."""
    assert len(BROKEN_FILES) >= 15
    for path in BROKEN_FILES:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name
        assert expected_problems(path), f"{path.name} has no '# expect:' lines"


@pytest.mark.parametrize("path", BROKEN_FILES, ids=[p.stem for p in BROKEN_FILES])
def test_staff_member_sees_exactly_the_mistakes_of_a_broken_file(path: Path) -> None:
    """Every mistake in a broken file is reported with its line and a plain explanation."""
    problems = check_file(path)
    assert [str(p) for p in problems] == expected_problems(path)


@pytest.mark.parametrize("path", BROKEN_FILES, ids=[p.stem for p in BROKEN_FILES])
def test_a_broken_file_cannot_be_loaded(path: Path) -> None:
    """Loading refuses a broken file and lists every problem in the error."""
    with pytest.raises(DataFileError) as caught:
        load_organisation(path)
    assert str(caught.value).splitlines() == expected_problems(path)
    assert [str(p) for p in caught.value.problems] == expected_problems(path)


def test_staff_member_sees_every_mistake_of_a_file_at_once() -> None:
    """One file with several kinds of mistakes reports all of them in one go, in line order."""
    text = f"""\
{ORGANISATION}
activities:
  - id: lunch
    title: {{nl: Middagmaal, es: Almuerzo}}
    centre: nord
    when: {{repeat: "FREQ=WEEKLY;BYDAY=MO", from: 2026-11-02, time: 12:00-13:00}}
    price: -2
    capcity: 30
  - id: lunch
    title: Koffie
    centre: noord
    when: {{date: 2026-12-17, time: 12:00}}

centres:
  - id: noord
    name: Noord
    address: Kerkstraat 1
    hours: "9h-17h"
"""
    organisation, problems = parse_organisation(text, "many.yaml")
    assert organisation is None
    assert [str(p) for p in problems] == [
        'many.yaml:10: activity "lunch": "title": unknown language "es"; the languages are'
        " nl fr de en tr ar pl uk",
        'many.yaml:11: activity "lunch": unknown centre "nord" (did you mean "noord"?)',
        'many.yaml:13: activity "lunch": "price" cannot be negative (-2); leave it out when the'
        " activity is free",
        'many.yaml:14: activity "lunch": unknown key "capcity" (did you mean "capacity"?)',
        'many.yaml:15: activity "lunch": this id is already used on line 9; every activity needs'
        " its own id",
        'many.yaml:18: activity "lunch", when: put the time in quotes: time: "12:00" (without'
        " quotes YAML reads 12:00 as the number 720)",
        'many.yaml:24: centre "noord": cannot read the opening hours "9h-17h": write times with'
        ' two digits and a colon, like "09:00-12:00"',
    ]


def test_the_short_complete_example_of_the_format_guide_loads_without_problems() -> None:
    """The example a new staff member copies from docs/data-format.md is itself correct."""
    organisation = parse_ok(guide_example())
    assert organisation.id == "voorbeeld"
    assert organisation.holiday_country == "BE"
    assert organisation.reminders == ReminderPolicy()
    (closure,) = organisation.closures
    assert (closure.start, closure.end, closure.from_time) == (
        date(2026, 12, 24),
        date(2026, 12, 24),
        time(12, 0),
    )
    assert closure.reason.get("en") == "Christmas Eve"
    assert closure.centres is None
    centre = organisation.centre("noord")
    assert centre is not None
    assert centre.name.get("fr") == "Centre de rencontre Nord"
    assert centre.postcodes == ("9000",)
    assert (centre.lat, centre.lon) == (51.05, 3.72)
    assert centre.kind == "ontmoetingscentrum"
    assert centre.wheelchair_accessible
    lunch = organisation.activity("lunch-noord")
    assert lunch is not None
    assert lunch.sessions == (
        Session(
            "noord",
            Schedule(
                time(12, 0),
                time(13, 0),
                rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                first=date(2026, 11, 2),
                until=date(2027, 6, 30),
            ),
        ),
    )
    assert (lunch.capacity, lunch.price, lunch.reduced_price) == (
        30,
        Decimal("9.50"),
        Decimal("5.00"),
    )
    assert lunch.signup is SignupMode.PER_DATE
    assert lunch.deadline is not None
    assert (lunch.deadline.rule, lunch.deadline.at) == (
        DeadlineRule.PREVIOUS_WORKING_DAY,
        time(10, 0),
    )
    assert [c.id for c in lunch.options[0].choices] == ["standard", "vegetarian"]
    shift = organisation.shift("kitchen-noord")
    assert shift is not None
    assert (shift.volunteers, shift.needed) == (("v-an",), 1)


def test_a_plain_text_is_read_in_the_organisation_s_default_language() -> None:
    """A name written once, without languages, counts as the default language's text."""
    text = ORGANISATION.replace("default_language: nl", "default_language: fr") + CENTRE
    organisation = parse_ok(text)
    assert organisation.name == Text({"fr": "Teststad"})
    assert organisation.centres[0].name == Text({"fr": "Ontmoetingscentrum Noord"})


def test_postcodes_written_as_numbers_are_kept_as_written() -> None:
    """Staff who forget the quotes around postcodes still get "2532", not 2532."""
    text = ORGANISATION + CENTRE + '    postcodes: [2532, "2533"]\n'
    organisation = parse_ok(text)
    assert organisation.centres[0].postcodes == ("2532", "2533")


def test_an_activity_at_several_centres_lists_one_session_per_centre() -> None:
    """`sessions` gives one Session each, with one-off and repeating schedules."""
    text = f"""\
{ORGANISATION}{CENTRE}  - id: zuid
    name: Zuid
    address: Markt 2
    hours: "Mo-Fr 09:00-16:00"
activities:
  - id: coffee
    title: Koffie
    sessions:
      - {{centre: noord, when: {WEEKLY}}}
      - {{centre: zuid, when: {{date: 2026-12-23, time: "14:00-15:30"}}}}
"""
    activity = parse_ok(text).activities[0]
    assert activity.centres == ("noord", "zuid")
    assert activity.sessions[1].schedule == Schedule(
        time(14, 0), time(15, 30), date=date(2026, 12, 23)
    )


def test_reminders_holidays_and_centre_closures_are_read() -> None:
    """Quiet hours run overnight, holidays name a subdivision, a centre closes on its own."""
    text = f"""\
{ORGANISATION}  holidays: {{subdivision: Flemish}}
  reminders: {{day_before_at: "18:30", hours_before: 3, quiet_hours: "22:00-07:30"}}
{CENTRE}    closures:
      - {{from_date: 2026-12-28, to_date: 2026-12-30, reason: Onderhoud}}
"""
    organisation = parse_ok(text)
    assert (organisation.holiday_country, organisation.holiday_subdivision) == ("BE", "Flemish")
    assert organisation.reminders == ReminderPolicy(time(18, 30), 3, time(22, 0), time(7, 30))
    (closure,) = organisation.closures_for("noord")
    assert (closure.start, closure.end, closure.from_time, closure.centres) == (
        date(2026, 12, 28),
        date(2026, 12, 30),
        None,
        ("noord",),
    )


def test_appointments_shifts_and_staff_are_read() -> None:
    """Appointment slots, an open shift for two and a staff member of one centre."""
    text = f"""\
{ORGANISATION}{CENTRE}
activities:
  - id: pedicure
    title: Pedicure
    centre: noord
    when: {WEEKLY}
    signup: appointment
    slot_minutes: 30
    price: 20
    max_companions: 1
    companions_label: {{nl: begeleider, en: companion}}
shifts:
  - {{id: christmas, role: Kerstlunch, centre: noord, when: {WEEKLY}, needed: 4}}
staff:
  - {{id: s-els, name: Els, telegram_id: 123456789, centres: [noord]}}
"""
    organisation = parse_ok(text)
    pedicure = organisation.activities[0]
    assert (pedicure.signup, pedicure.slot_minutes, pedicure.price) == (
        SignupMode.APPOINTMENT,
        30,
        Decimal("20"),
    )
    assert pedicure.max_companions == 1
    assert organisation.shifts[0].volunteers == ()
    assert organisation.shifts[0].needed == 4
    assert organisation.staff[0].centres == ("noord",)
    assert organisation.staff[0].telegram_id == 123456789


def test_a_good_file_on_disk_has_no_problems_and_loads(tmp_path: Path) -> None:
    """check_file says nothing about a correct file and load_organisation returns it."""
    path = tmp_path / "good.yaml"
    path.write_text(guide_example(), encoding="utf-8")
    assert check_file(path) == []
    assert load_organisation(str(path)).id == "voorbeeld"


def test_a_missing_file_is_reported_instead_of_crashing(tmp_path: Path) -> None:
    """A wrong path gives one problem for the file as a whole."""
    path = tmp_path / "nowhere.yaml"
    (problem,) = check_file(path)
    assert (problem.file, problem.line) == (str(path), 0)
    assert problem.message.startswith("cannot read the file")


def test_a_problem_reads_like_a_compiler_message() -> None:
    """Editors jump to `file:line: message` lines."""
    assert str(Problem("oostende.yaml", 12, "oops")) == "oostende.yaml:12: oops"


async def test_a_file_saved_in_another_encoding_is_reported_at_its_line(
    tmp_path: Path, store: Store
) -> None:
    """A Latin-1 "é" (as an old editor saves it) is named by line and column, with what to do."""
    lines = guide_example().splitlines()
    where = next(i for i, line in enumerate(lines) if line.strip().startswith("name:"))
    lines[where] += "  # café"
    path = tmp_path / "latin1.yaml"
    path.write_bytes(
        b"\n".join(
            line.encode("latin-1" if i == where else "utf-8") for i, line in enumerate(lines)
        )
    )
    (problem,) = check_file(path)
    assert problem.line == where + 1
    assert f"column {len(lines[where])}" in problem.message
    assert "save the file as UTF-8" in problem.message
    with pytest.raises(DataFileError) as refused:  # importing says the same
        await import_file(store, path, now=datetime(2026, 11, 23, tzinfo=UTC))
    assert refused.value.problems == [problem]
