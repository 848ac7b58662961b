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


def expected_errors(path: Path) -> list[str]:
    """The expected problems of a broken file that are errors, not warnings."""
    return [line for line in expected_problems(path) if ": warning: " not in line]


WITH_ERRORS = [p for p in BROKEN_FILES if expected_errors(p)]
ONLY_WARNINGS = [p for p in BROKEN_FILES if not expected_errors(p)]


@pytest.mark.parametrize("path", WITH_ERRORS, ids=[p.stem for p in WITH_ERRORS])
def test_a_broken_file_cannot_be_loaded(path: Path) -> None:
    """Loading refuses a file with errors and lists every error in the exception."""
    with pytest.raises(DataFileError) as caught:
        load_organisation(path)
    assert str(caught.value).splitlines() == expected_errors(path)
    assert [str(p) for p in caught.value.problems] == expected_errors(path)


@pytest.mark.parametrize("path", ONLY_WARNINGS, ids=[p.stem for p in ONLY_WARNINGS])
def test_a_file_with_only_warnings_loads(path: Path) -> None:
    """Warnings may be intended: the file still loads, and check_file still lists them."""
    assert load_organisation(path).id == "test"
    assert all(not p.is_error for p in check_file(path))


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


# --- the data file tells the truth (issue 14.5) -----------------------------------------------


def _first_mondays_rule(rule: str) -> Organisation:
    """A file with one activity repeating by `rule`, parsed leniently as the bot does."""
    text = f"""\
{ORGANISATION}{CENTRE}
activities:
  - id: repair
    title: Repair café
    centre: noord
    when: {{repeat: "{rule}", from: 2026-11-02, until: 2027-01-31, time: "14:00-16:00"}}
"""
    organisation, problems = parse_organisation(text, "test.yaml", lenient=True)
    assert organisation is not None, problems
    return organisation


def test_the_suggested_fix_for_a_weekly_numbered_day_gives_first_mondays() -> None:
    """`FREQ=WEEKLY;BYDAY=1MO` is every Monday, as the checker says; its suggestion is not."""
    from storage.schedule import schedule_dates

    text = f"""\
{ORGANISATION}{CENTRE}
activities:
  - {{id: repair, title: Repair, centre: noord, when: {{repeat: "FREQ=WEEKLY;BYDAY=1MO",
      from: 2026-11-02, until: 2027-01-31, time: "14:00-16:00"}}}}
"""
    organisation, problems = parse_organisation(text, "test.yaml")
    assert organisation is None
    (problem,) = problems
    assert problem.is_error and "every Monday" in problem.message
    suggested = re.search(r'write "([^"]+)"', problem.message)
    assert suggested and suggested[1] == "FREQ=MONTHLY;BYDAY=1MO"
    as_written = _first_mondays_rule("FREQ=WEEKLY;BYDAY=1MO").activities[0]
    fixed = _first_mondays_rule(suggested[1]).activities[0]
    assert len(schedule_dates(as_written.sessions[0].schedule)) == 13
    assert schedule_dates(fixed.sessions[0].schedule) == [
        date(2026, 11, 2),
        date(2026, 12, 7),
        date(2027, 1, 4),
    ]


def test_mistakes_stop_check_and_import_but_not_the_running_bot() -> None:
    """ "SH off" is an error for staff, yet a bot already running on the file keeps running."""
    text = ORGANISATION + CENTRE.replace("PH off", "PH off; SH off")
    strict, problems = parse_organisation(text, "test.yaml")
    assert strict is None
    assert [p.line for p in problems] == [11] and problems[0].is_error
    lenient, again = parse_organisation(text, "test.yaml", lenient=True)
    assert lenient is not None and lenient.centres[0].hours.endswith("SH off")
    assert [str(p) for p in again] == [str(p) for p in problems]


def test_an_unknown_kind_without_a_close_one_lists_every_kind_the_bot_understands() -> None:
    """Staff who write `kinds: [bowling]` learn which words the bot does understand."""
    from storage.datafile import understood_kinds

    text = f"""\
{ORGANISATION}{CENTRE}
activities:
  - {{id: bowling, title: Bowling, centre: noord, kinds: [bowling, sport],
      when: {{date: 2026-12-17, time: "14:00-16:00"}}}}
"""
    organisation, problems = parse_organisation(text, "test.yaml")
    assert organisation is not None
    (warning,) = problems
    assert str(warning).startswith('test.yaml:14: warning: activity "bowling": the bot does not')
    listed = re.search(r"the kinds it understands are: ([a-z, ]+)\)", warning.message)
    assert listed and set(listed[1].split(", ")) == understood_kinds()


def test_the_kinds_the_bot_understands_are_the_concepts_of_every_language() -> None:
    """The checker's list is where the understanding maps kinds: each language's concepts."""
    from conversations.understanding.lexicon import load_lexicon
    from storage.datafile import understood_kinds

    kinds = understood_kinds()
    assert {"meal", "coffee", "digital", "debts", "social"} <= kinds
    lexicon = load_lexicon()
    for concepts in lexicon.concepts.values():
        found = {m.payload[0] for kind in kinds for m in concepts.find([kind])}
        assert found <= kinds


def test_the_format_guide_lists_exactly_the_kinds_the_bot_understands() -> None:
    """docs/data-format.md names every kind the bot understands, and no other."""
    from storage.datafile import understood_kinds

    guide = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    match = re.search(r"## Kinds the bot understands.*?```text\n(.*?)```", guide, re.DOTALL)
    assert match, "the format guide lost its list of kinds"
    listed = set(match[1].split())
    missing = understood_kinds() - listed
    assert not missing, f"add these kinds to docs/data-format.md: {sorted(missing)}"
    assert listed <= understood_kinds()


@pytest.mark.parametrize(
    ("country", "day", "closed"),
    [
        ("NL", date(2026, 4, 3), True),  # Good Friday
        ("NL", date(2025, 5, 5), True),  # Liberation Day in a lustrum year
        ("NL", date(2030, 5, 5), True),
        ("NL", date(2026, 5, 5), False),  # ... and a working day otherwise
        ("NL", date(2026, 12, 26), True),
        ("BE", date(2026, 12, 26), False),  # Boxing Day is a working day in Belgium
        ("BE", date(2026, 4, 3), False),
        ("BE", date(2026, 7, 21), True),
        ("BE", date(2026, 11, 11), True),
    ],
)
def test_ph_covers_the_days_the_format_guide_says(country: str, day: date, closed: bool) -> None:
    """`PH off` closes on exactly the public holidays docs/data-format.md lists per country."""
    from storage.schedule import Calendar

    text = ORGANISATION.replace("country: BE", f"country: {country}") + CENTRE.replace(
        "Mo-Fr 09:00-16:00", "Mo-Su 09:00-16:00"
    )
    if country == "NL":
        text = text.replace("Europe/Brussels", "Europe/Amsterdam")
    calendar = Calendar(parse_ok(text))
    assert calendar.hours_on("noord", day).is_open is not closed


def test_a_file_not_saved_as_utf8_says_where_and_how_to_fix_it(tmp_path: Path) -> None:
    """A Latin-1 "é" is reported on its own line and column, with the fix."""
    path = tmp_path / "latin1.yaml"
    text = ORGANISATION + CENTRE.replace("Ontmoetingscentrum Noord", "Ontmoetingscentrum Café")
    path.write_bytes(text.encode("latin-1"))
    (problem,) = check_file(path)
    assert (problem.line, problem.is_error) == (9, True)
    assert "column 33" in problem.message  # "    name: Ontmoetingscentrum Caf" + é
    assert "save the file as UTF-8" in problem.message
    with pytest.raises(DataFileError) as caught:
        load_organisation(path)
    assert caught.value.problems == [problem]
