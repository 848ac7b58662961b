"""Read and check an organisation's YAML data file (docs/data-format.md) into model records.

Staff edit these files by hand, so the reader never stops at the first mistake: it collects every
problem with the line it is on and explains it in words a staff member understands.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import opening_hours
import yaml
from dateutil.rrule import rrule, rruleset, rrulestr

from storage.holiday_library import country_codes, holidays
from storage.model import (
    LANGUAGES,
    Access,
    Activity,
    Centre,
    Choice,
    Closure,
    Deadline,
    DeadlineRule,
    Desk,
    Option,
    Organisation,
    PrivacyPolicy,
    ReminderPolicy,
    Schedule,
    Session,
    Shift,
    SignupMode,
    StaffMember,
    Text,
    Volunteer,
)
from storage.schedule import Calendar, schedule_dates

COUNTRIES: tuple[str, ...] = ("BE", "NL")
"""Countries an organisation can be in (the bot knows their holidays, postcodes and tariffs)."""

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_RANGE = re.compile(r"^\s*(\S+?)\s*-\s*(\S+)\s*$")
# Shapes staff often use for times that the OpenStreetMap syntax rejects: 9-12, 9h-12h, 09.00
_LOOSE_TIME = re.compile(r"\d\s*[hu]\b|\d[hu]\d|\d\.\d\d|(?<![\d:])\d{1,2}\s*-\s*\d{1,2}(?![\d:])")
_OH_WORDS = frozenset(
    {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH", "SH", "off", "closed", "open", "unknown"}
    | {"week", "easter", "sunrise", "sunset", "dawn", "dusk", "Jan", "Feb", "Mar", "Apr"}
    | {"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)
_OH_EXAMPLE = '"Mo-Fr 09:00-12:00,13:00-16:30; PH off"'
_SCHOOL_HOLIDAYS = re.compile(r"(?<![A-Za-z])SH(?![A-Za-z])")
# Strong signs of a country in an address: a Dutch postcode has two letters ("2545 GN")
_NL_POSTCODE = re.compile(r"\b[1-9]\d{3} ?(?!S[ADS]\b)[A-Z]{2}\b")
_COUNTRY_WORDS = {
    "BE": re.compile(r"\b(belgi[eë]|belgique|belgium|belgien)\b", re.IGNORECASE),
    "NL": re.compile(r"\b(nederland|netherlands|pays-bas|niederlande)\b", re.IGNORECASE),
}
_ZONE_COUNTRY = {"Europe/Brussels": "BE", "Europe/Amsterdam": "NL"}
_COUNTRY_NAMES = {"BE": "Belgium", "NL": "the Netherlands"}

_TOP_KEYS = {
    "organisation": True,
    "centres": True,
    "desks": False,
    "activities": False,
    "volunteers": False,
    "shifts": False,
    "staff": False,
}
_ORG_KEYS = {
    "id": True,
    "name": True,
    "country": True,
    "timezone": True,
    "default_language": True,
    "holidays": False,
    "closures": False,
    "reminders": False,
    "reduced_tariff": False,
    "privacy": False,
}
_PRIVACY_KEYS = {"inactive_months": False}
_HOLIDAY_KEYS = {"country": False, "subdivision": False}
_REMINDER_KEYS = {"day_before_at": False, "hours_before": False, "quiet_hours": False}
_CENTRE_KEYS = {
    "id": True,
    "name": True,
    "kind": False,
    "district": False,
    "postcodes": False,
    "address": True,
    "location": False,
    "phone": False,
    "email": False,
    "wheelchair_accessible": False,
    "accessibility": False,
    "aliases": False,
    "hours": True,
    "closures": False,
}
_CLOSURE_KEYS = {
    "date": False,
    "from_date": False,
    "to_date": False,
    "from": False,
    "reason": False,
}
_WHEN_KEYS = {"date": False, "time": True, "repeat": False, "from": False, "until": False}
_DESK_KEYS = {
    "id": True,
    "topic": True,
    "centre": True,
    "when": True,
    "access": False,
    "phone": False,
    "description": False,
    "kinds": False,
}
_ACTIVITY_KEYS = {
    "id": True,
    "title": True,
    "centre": False,
    "when": False,
    "sessions": False,
    "description": False,
    "kinds": False,
    "signup": False,
    "capacity": False,
    "price": False,
    "reduced_price": False,
    "deadline": False,
    "options": False,
    "max_companions": False,
    "companions_label": False,
    "slot_minutes": False,
}
_SESSION_KEYS = {"centre": True, "when": True}
_DEADLINE_KEYS = {"rule": True, "at": False, "days": False, "date": False}
_OPTION_KEYS = {"id": True, "label": True, "choices": True}
_CHOICE_KEYS = {"id": True, "label": True}
_VOLUNTEER_KEYS = {"id": True, "name": True, "language": False, "phone": False}
_SHIFT_KEYS = {
    "id": True,
    "role": True,
    "centre": True,
    "when": True,
    "volunteers": False,
    "needed": False,
}
_STAFF_KEYS = {"id": True, "name": True, "telegram_id": False, "centres": False}


class Severity(StrEnum):
    """How bad a problem is: whether the file can be used, and whether staff must fix it."""

    ERROR = "error"  # the file cannot be used as written
    MISTAKE = "mistake"  # certainly not what was meant, though the bot can still run on it
    WARNING = "warning"  # may be intended; said so that staff can check


@dataclass(frozen=True)
class Problem:
    """One mistake in a data file, with the 1-based line it is on (0: the file as a whole)."""

    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        """Whether `check-data` and `import` refuse the file for it (warnings they only print)."""
        return self.severity is not Severity.WARNING

    def __str__(self) -> str:
        """The problem as an editor-friendly `file:line: message` line."""
        label = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.file}:{self.line}: {label}{self.message}"


class DataFileError(Exception):
    """A data file that cannot be loaded; `problems` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems and list them one per line as the message."""
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def parse_organisation(
    text: str, filename: str = "<data>", *, lenient: bool = False
) -> tuple[Organisation | None, list[Problem]]:
    """Parse a data file's text, with every problem and warning sorted by line.

    The organisation is None when there is an error. With `lenient` (the bot loading its data),
    mistakes it can still run on (a rule that surely means something else) do not stop it, and
    the slower checks that only warn are skipped: a bot that ran on a file keeps running when a
    newer checker finds more wrong with it; `check-data` and `import` tell staff.
    """
    reader = _Reader(filename)
    organisation = reader.read(text)
    readable = not any(p.severity is Severity.ERROR for p in reader.problems)
    if organisation is not None and readable and not lenient:
        reader.check_meaning(organisation)
    problems = sorted(reader.problems, key=lambda p: p.line)
    blocking = [
        p
        for p in problems
        if p.severity is Severity.ERROR or (p.severity is Severity.MISTAKE and not lenient)
    ]
    return (None if blocking else organisation), problems


def load_organisation(path: str | Path) -> Organisation:
    """Load a data file, raising DataFileError with every error when it has any."""
    organisation, problems = _parse_path(path)
    if organisation is None:
        raise DataFileError([p for p in problems if p.is_error])
    return organisation


def check_file(path: str | Path) -> list[Problem]:
    """Every problem and warning of a data file at once, sorted by line; empty when fine."""
    return _parse_path(path)[1]


def read_data_file(path: str | Path) -> str:
    """The text of a data file; DataFileError says why it cannot be read (where, and the fix)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataFileError([Problem(str(path), 0, f"cannot read the file: {reason}")]) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError([_encoding_problem(str(path), data, exc)]) from exc


def _encoding_problem(filename: str, data: bytes, exc: UnicodeDecodeError) -> Problem:
    """Where the first byte that is not UTF-8 is, as the line and column an editor shows."""
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    # Columns count characters: decode what precedes the byte on its line (it is valid UTF-8)
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    byte = data[exc.start]
    return Problem(
        filename,
        line,
        f"the file is not saved as UTF-8: the byte 0x{byte:02x} at column {column} cannot be"
        " read (an accented letter saved in another encoding?); save the file as UTF-8"
        ' (in most editors: "Save as", encoding UTF-8)',
    )


def _parse_path(path: str | Path) -> tuple[Organisation | None, list[Problem]]:
    """Read a file and parse it, turning an unreadable file into a problem of its own."""
    try:
        text = read_data_file(path)
    except DataFileError as error:
        return None, error.problems
    return parse_organisation(text, str(path))


# --- YAML with line numbers ------------------------------------------------------------------


class _LineDict(dict[Any, Any]):
    """A YAML mapping that remembers its own line, the line of each key and the raw scalars."""

    line: int
    key_lines: dict[Any, int]
    raw: dict[Any, str]


class _LineList(list[Any]):
    """A YAML sequence that remembers its own line and that of each item, and raw scalars."""

    line: int
    item_lines: list[int]
    raw: list[str | None]


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader whose mappings and sequences know the lines they came from."""

    def __init__(self, stream: str) -> None:
        """Start loading `stream`, collecting keys written twice in one mapping."""
        super().__init__(stream)
        self.duplicates: list[tuple[int, str, int]] = []  # (line, key, line of the first)
        self.bad_keys: list[int] = []  # lines of keys that are lists or mappings


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[_LineDict]:
    """Build a _LineDict, yielding it first so anchors and aliases work as in PyYAML."""
    data = _LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.raw = {}
    yield data
    written = {id(key_node) for key_node, _ in node.value}
    own_keys: set[Any] = set()
    loader.flatten_mapping(node)  # keys merged in with "<<: *anchor" come first
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            loader.bad_keys.append(key_line)
            continue
        if id(key_node) in written:
            # Overriding a merged key is the point of merging; writing a key twice is a slip
            if key in own_keys:
                loader.duplicates.append((key_line, str(key), data.key_lines[key]))
            own_keys.add(key)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_line
        if isinstance(value_node, yaml.ScalarNode):
            data.raw[key] = value_node.value


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[_LineList]:
    """Build a _LineList, yielding it first so anchors and aliases work as in PyYAML."""
    data = _LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = []
    data.raw = []
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.item_lines.append(item.start_mark.line + 1)
        data.raw.append(item.value if isinstance(item, yaml.ScalarNode) else None)


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> object:
    """Build a date, keeping the text of an impossible one (2026-02-30) to report it later."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return node.value


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser, which reads a large file twice as fast.

    Its syntax-error messages differ, so a file it cannot read is read again by _LineLoader.
    """

    def __init__(self, stream: str) -> None:
        """Start loading `stream`, collecting keys written twice in one mapping."""
        super().__init__(stream)
        self.duplicates: list[tuple[int, str, int]] = []
        self.bad_keys: list[int] = []


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


# --- small helpers -----------------------------------------------------------------------------

_YEAR = 365  # days of a schedule checked against its centre's hours
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBERED_DAY = re.compile(r"^[+-]?\d+(MO|TU|WE|TH|FR|SA|SU)$")
_WEEKDAY_OF = re.compile(r"^[+-]?\d*(MO|TU|WE|TH|FR|SA|SU)$")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
# Parts that choose the days of a rule; without any, dateutil takes the day of DTSTART ("from")
_DAY_PARTS = frozenset(
    {"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "BYEASTER"}
)


def _rule_parts(rule: str) -> dict[str, str]:
    """The NAME=VALUE parts of an RRULE, names in capitals, in the order written."""
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, _, value = part.partition("=")
        if name.strip():
            parts[name.strip().upper()] = value.strip().upper()
    return parts


def _first_year(schedule: Schedule) -> list[date]:
    """The days of a schedule in its first year: enough to meet every season's hours."""
    days = schedule_dates(schedule)
    if not days:
        return []
    last = days[0] + timedelta(days=_YEAR)
    return [d for d in days if d <= last]


def _address_countries(address: str) -> list[tuple[str, str]]:
    """Countries an address names or whose postcode it has, each with what shows it."""
    found: list[tuple[str, str]] = []
    postcode = _NL_POSTCODE.search(address)
    if postcode:
        found.append(("NL", f'the Dutch postcode "{postcode[0]}"'))
    for code, words in _COUNTRY_WORDS.items():
        named = words.search(address)
        if named and all(code != c for c, _ in found):
            found.append((code, f'"{named[0]}"'))
    return found


def _day_name(code: str) -> str:
    """ "1MO" -> "Monday"."""
    match = _WEEKDAY_OF.match(code)
    return _WEEKDAYS[_WEEKDAY_CODES.index(match[1])] if match else code


def _ordinal_name(code: str) -> str:
    """ "1MO" -> "first", "-1MO" -> "last", "3TU" -> "third"."""
    number = int(re.match(r"^[+-]?\d+", code)[0])  # type: ignore[index]
    if number == -1:
        return "last"
    return _ORDINALS.get(number, f"number {number}")


def _closest(word: str, known: Iterable[str]) -> str | None:
    """The known word most like `word`, when one is close enough to be a likely typo."""
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _slug(value: str) -> str:
    """A lowercase-with-dashes id suggested for a badly written one."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _q(value: object) -> str:
    """A value quoted for a message."""
    return f'"{value}"'


def _describe(value: object, raw: str | None) -> str:
    """How a wrongly typed value reads in a message."""
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    return _q(raw if raw is not None else value)


@cache
def understood_kinds() -> frozenset[str]:
    """The `kinds` words the understanding maps residents' words to, in every language."""
    # The lexicon is the one truth of what the understanding knows; it is data, read once
    from conversations.understanding.lexicon import load_lexicon

    return frozenset(load_lexicon().kinds)


@cache
def _timezones() -> frozenset[str]:
    """The IANA time zone names this machine knows."""
    return frozenset(zoneinfo.available_timezones())


def _holiday_countries() -> frozenset[str]:
    """Codes of the countries the holidays library knows (none of them loaded to tell)."""
    return country_codes()


@cache
def _holiday_subdivisions(country: str) -> tuple[str, ...]:
    """Subdivisions holidays accepts for a country, codes and names alike."""
    calendar = holidays.country_holidays(country)
    return tuple(calendar.subdivisions) + tuple(getattr(calendar, "subdivisions_aliases", {}))


def _parse_time(text: str) -> time | None:
    """A "HH:MM" time, or None."""
    match = _TIME.match(text.strip())
    return time(int(match[1]), int(match[2])) if match else None


# --- the reader ------------------------------------------------------------------------------


class _Reader:
    """One pass over a data file: builds the records and collects every problem."""

    def __init__(self, filename: str) -> None:
        """Start with no problems and Dutch as the language of plain texts."""
        self.filename = filename
        self.problems: list[Problem] = []
        self.language = "nl"
        # References are checked when the whole file is read: centres may come after activities
        self.refs: list[tuple[str, str, int, str]] = []  # (kind, id, line, where)
        self.centre_ids: set[str] = set()
        self.volunteer_ids: set[str] = set()
        self.centre_closures: list[Closure] = []  # the model keeps them with the organisation
        self.addresses: list[tuple[int, str, str]] = []  # (line, where, address) of centres
        # (line, where, centre, schedule) of activity sessions and desks, checked against hours
        self.timed: list[tuple[int, str, str, Schedule]] = []

    def add(
        self, line: int, where: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        """Record a problem about `where` (an item such as `centre "noord"`) on `line`."""
        text = f"{where}: {message}" if where else message
        self.problems.append(Problem(self.filename, line, text, severity))

    # -- the file as a whole

    def read(self, text: str) -> Organisation | None:
        """Parse the text into an Organisation (meaningful only when no problem was found)."""
        root = self.load_yaml(text)
        if root is None:
            return None
        if not isinstance(root, _LineDict):
            self.add(1, "", 'the file must start with "organisation:" followed by its details')
            return None
        self.keys(root, _TOP_KEYS, "", "the file")
        org_block = self.block(root, "organisation", "organisation")
        if org_block is not None:
            # Plain texts everywhere are in the default language, so it is read first
            default = self.language_code(org_block, "default_language", "organisation")
            self.language = default or self.language
        centres = self.items(root, "centres", "centre", self.centre)
        self.centre_ids = {c.id for c in centres}
        desks = self.items(root, "desks", "desk", self.desk)
        activities = self.items(root, "activities", "activity", self.activity)
        volunteers = self.items(root, "volunteers", "volunteer", self.volunteer)
        self.volunteer_ids = {v.id for v in volunteers}
        shifts = self.items(root, "shifts", "shift", self.shift)
        staff = self.items(root, "staff", "staff member", self.staff_member)
        self.check_references()
        if org_block is None:
            return None
        return self.organisation(org_block, centres, desks, activities, volunteers, shifts, staff)

    def check_meaning(self, org: Organisation) -> None:
        """Warn about what reads well but may not be meant: activities on days a centre is shut."""
        calendar = Calendar(org)
        hours = {c.id: c.hours for c in org.centres}
        spans: dict[str, tuple[date, date]] = {}
        wanted: list[tuple[int, str, str, list[date]]] = []
        for line, where, centre, schedule in self.timed:
            if centre not in hours:
                continue
            days = _first_year(schedule)
            if not days:
                continue
            wanted.append((line, where, centre, days))
            # Centres share hours more often than not: one pass per expression is enough
            low, high = spans.get(hours[centre], (days[0], days[-1]))
            spans[hours[centre]] = (min(low, days[0]), max(high, days[-1]))
        first_centre = {expr: c for c, expr in reversed(hours.items())}
        open_days = {
            expr: calendar.open_days(
                first_centre[expr], low, min(high, low + timedelta(days=_YEAR))
            )
            for expr, (low, high) in spans.items()
        }
        for line, where, centre, days in wanted:
            shut = [
                day
                for day in days
                if day not in open_days[hours[centre]]
                and not (looked := calendar.hours_on(centre, day)).is_open
                and looked.holiday is None  # nothing takes place then anyway
                and looked.closure is None
            ]
            if not shut:
                continue
            more = f" and {len(shut) - 1} more of its days" if len(shut) > 1 else ""
            self.add(
                line,
                where,
                f'the centre "{centre}" is closed by its hours ("{hours[centre]}") on'
                f" {_WEEKDAYS[shut[0].weekday()]} {shut[0]}{more}, yet this takes place then;"
                ' if the centre opens for it, add those hours to its "hours"',
                Severity.WARNING,
            )

    def load_yaml(self, text: str) -> Any:
        """The YAML document with line numbers, or None after reporting why it cannot be read."""
        fast = _FastLineLoader(text)
        try:
            root = fast.get_single_data()
        except yaml.YAMLError:
            pass  # read it again below, for the plain explanation of the mistake
        else:
            return self.after_load(fast, root)
        finally:
            fast.dispose()
        loader: _LineLoader | None = None
        try:
            loader = _LineLoader(text)  # already checks for forbidden characters
            root = loader.get_single_data()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            self.add(line, "", self.yaml_message(exc))
            return None
        except yaml.reader.ReaderError as exc:
            line = text[: exc.position].count("\n") + 1
            self.add(
                line,
                "",
                f"the file cannot be read: it contains an invisible control character"
                f" (#x{exc.character:04x}); delete it",
            )
            return None
        finally:
            if loader is not None:
                loader.dispose()
        assert loader is not None
        return self.after_load(loader, root)

    def after_load(self, loader: _LineLoader, root: Any) -> Any:
        """Report what the loader noticed on the way: keys written twice, odd keys, no content."""
        for line, key, first in loader.duplicates:
            self.add(line, "", f'"{key}" is written twice here (first on line {first})')
        for line in loader.bad_keys:
            self.add(line, "", "a key must be a plain word, not a list or a block")
        if root is None:
            self.add(1, "", 'the file is empty: it must start with "organisation:"')
        return root

    @staticmethod
    def yaml_message(exc: yaml.MarkedYAMLError) -> str:
        """A staff-friendly explanation of a YAML syntax error."""
        problem = exc.problem or str(exc)
        if "'\\t'" in problem:
            return "the file cannot be read: indent with spaces, not tabs"
        if "another document" in problem:
            return (
                'the file cannot be read: it holds more than one document; remove the "---" line'
            )
        if isinstance(exc, yaml.scanner.ScannerError | yaml.parser.ParserError):
            # Nearly always a slip in indentation or an unquoted text with ": " or " #"
            return (
                f"the file cannot be read ({problem}): check the indentation, and put quotes"
                " around texts that contain a colon followed by a space, a # or start with a"
                " special character"
            )
        return f"the file cannot be read ({problem})"

    def organisation(
        self,
        m: _LineDict,
        centres: list[Centre],
        desks: list[Desk],
        activities: list[Activity],
        volunteers: list[Volunteer],
        shifts: list[Shift],
        staff: list[StaffMember],
    ) -> Organisation:
        """The organisation record from its block and the lists already read."""
        where = "organisation"
        self.keys(m, _ORG_KEYS, where, "the organisation")
        org_id = self.ident(m, "id", where) or ""
        name = self.text(m, "name", where) or Text({})
        country = self.country(m, where)
        timezone = self.timezone(m, where)
        holiday_country, subdivision = self.holiday_calendar(m, country)
        self.check_country(m, country, holiday_country, timezone)
        closures = self.closures(m, "organisation", None) + self.centre_closures
        reminders = self.reminders(m)
        return Organisation(
            id=org_id,
            name=name,
            country=country or "",
            timezone=timezone or "",
            default_language=self.language,
            holiday_country=holiday_country or country or "",
            holiday_subdivision=subdivision,
            closures=tuple(closures),
            centres=tuple(centres),
            desks=tuple(desks),
            activities=tuple(activities),
            volunteers=tuple(volunteers),
            shifts=tuple(shifts),
            staff=tuple(staff),
            reminders=reminders,
            reduced_tariff=self.text(m, "reduced_tariff", where),
            privacy=self.privacy(m),
        )

    def country(self, m: _LineDict, where: str) -> str | None:
        """The organisation's country code."""
        value = self.string(m, "country", where)
        if value is None:
            return None
        if value in COUNTRIES:
            return value
        if value.upper() in COUNTRIES:
            self.add(
                m.key_lines["country"], where, f"write the country in capitals: {value.upper()}"
            )
        else:
            self.add(
                m.key_lines["country"],
                where,
                f"unknown country {_q(value)}; the bot knows {' and '.join(COUNTRIES)}",
            )
        return None

    def timezone(self, m: _LineDict, where: str) -> str | None:
        """The organisation's IANA time zone."""
        value = self.string(m, "timezone", where)
        if value is None:
            return None
        if value in _timezones():
            return value
        guess = _closest(value, _timezones())
        hint = f' (did you mean "{guess}"?)' if guess else ', such as "Europe/Brussels"'
        self.add(m.key_lines["timezone"], where, f"unknown time zone {_q(value)}{hint}")
        return None

    def holiday_calendar(self, m: _LineDict, country: str | None) -> tuple[str | None, str | None]:
        """The holiday country and subdivision; the organisation's country by default."""
        where = "organisation, holidays"
        block = self.block(m, "holidays", where)
        if block is None:
            return country, None
        self.keys(block, _HOLIDAY_KEYS, where, "holidays")
        holiday_country = self.string(block, "country", where) or country
        if "country" in block and holiday_country not in _holiday_countries():
            self.add(
                block.key_lines["country"],
                where,
                f"unknown country {_q(holiday_country)}: use a two-letter code such as BE or NL",
            )
            return None, None
        subdivision = self.string(block, "subdivision", where)
        if subdivision is not None and holiday_country in _holiday_countries():
            known = _holiday_subdivisions(holiday_country)
            if not known:
                self.add(
                    block.key_lines["subdivision"],
                    where,
                    f'{holiday_country} has no subdivisions for holidays: leave out "subdivision"',
                )
            elif subdivision not in known:
                self.add(
                    block.key_lines["subdivision"],
                    where,
                    f"unknown subdivision {_q(subdivision)} for {holiday_country};"
                    f" choose one of {', '.join(known)}",
                )
        return holiday_country, subdivision

    def check_country(
        self,
        m: _LineDict,
        country: str | None,
        holiday_country: str | None,
        timezone: str | None,
    ) -> None:
        """Report holidays of another country than the one the organisation is in."""
        if country is None or holiday_country is None:
            return
        signs: dict[str, list[str]] = {}  # country -> what says the organisation is there
        zone_country = _ZONE_COUNTRY.get(timezone or "")
        if zone_country:
            signs.setdefault(zone_country, []).append(f"the time zone {timezone}")
        foreign: list[tuple[int, str, str, str]] = []  # (line, where, country, sign)
        for line, where, address in self.addresses:
            for code, sign in _address_countries(address):
                signs.setdefault(code, []).append(f'the address "{address}"')
                if code != country:
                    foreign.append((line, where, code, sign))
        block = m.get("holidays")
        if holiday_country != country and isinstance(block, _LineDict) and "country" in block:
            others = signs.get(holiday_country, [])
            if others:
                reason = (
                    f", and {others[0]} says {holiday_country} too, but the organisation's"
                    f' "country" is {country}: make them agree'
                )
            else:
                reason = (
                    f", but the organisation is in {_COUNTRY_NAMES.get(country, country)}"
                    f' ("country: {country}"{"".join(", " + s for s in signs.get(country, []))});'
                    f' write "country: {country}" here or leave it out'
                )
            self.add(
                block.key_lines["country"],
                "organisation, holidays",
                f'"PH" follows the public holidays of {holiday_country}{reason}',
                Severity.MISTAKE,
            )
            return
        for line, where, code, sign in foreign:
            self.add(
                line,
                where,
                f"the address looks like one in {_COUNTRY_NAMES.get(code, code)} ({sign}), but"
                f' the organisation\'s country is {country}, whose public holidays "PH" follows',
                Severity.WARNING,
            )

    def reminders(self, m: _LineDict) -> ReminderPolicy:
        """The reminder policy from the `reminders` block, defaults for what it leaves out."""
        where = "organisation, reminders"
        block = self.block(m, "reminders", where)
        default = ReminderPolicy()
        if block is None:
            return default
        self.keys(block, _REMINDER_KEYS, where, "reminders")
        day_before_at = self.time_of_day(block, "day_before_at", where)
        hours_before = self.integer(block, "hours_before", where, minimum=0)
        quiet = self.time_range(block, "quiet_hours", where, overnight=True)
        return ReminderPolicy(
            day_before_at=day_before_at or default.day_before_at,
            hours_before=default.hours_before if hours_before is None else hours_before,
            quiet_from=quiet[0] if quiet else default.quiet_from,
            quiet_until=quiet[1] if quiet else default.quiet_until,
        )

    def privacy(self, m: _LineDict) -> PrivacyPolicy:
        """The privacy block: after how many months without a message a resident is forgotten."""
        where = "organisation, privacy"
        block = self.block(m, "privacy", where)
        if block is None:
            return PrivacyPolicy()
        self.keys(block, _PRIVACY_KEYS, where, "privacy")
        months = self.integer(block, "inactive_months", where, minimum=1)
        return PrivacyPolicy() if months is None else PrivacyPolicy(inactive_months=months)

    # -- lists of items

    def items(
        self, root: _LineDict, key: str, kind: str, build: Callable[[_LineDict, str, str], _T]
    ) -> list[_T]:
        """Build every item of a top-level list, checking that ids are valid and unique."""
        values = self.list_of_blocks(root, key, "")
        built: list[_T] = []
        seen: dict[str, int] = {}
        for number, block in enumerate(values, start=1):
            item_id = self.ident(block, "id", f"{kind} {number}", report=False)
            where = f"{kind} {_q(item_id)}" if item_id else f"{kind} {number}"
            if "id" in block:
                self.ident(block, "id", where)
            if item_id is not None and item_id in seen:
                self.add(
                    block.key_lines["id"],
                    where,
                    f"this id is already used on line {seen[item_id]}; every {kind} needs its"
                    " own id",
                )
            elif item_id is not None:
                seen[item_id] = block.key_lines["id"]
            built.append(build(block, where, item_id or ""))
        return built

    def centre(self, m: _LineDict, where: str, centre_id: str) -> Centre:
        """A centre record from its block."""
        self.keys(m, _CENTRE_KEYS, where, "a centre")
        hours = self.opening_hours(m, where)
        location = self.location(m, where)
        wheelchair = self.boolean(m, "wheelchair_accessible", where)
        self.centre_closures.extend(self.closures(m, where, centre_id))
        address = self.string(m, "address", where)
        if address:
            self.addresses.append((m.key_lines["address"], where, address))
        return Centre(
            id=centre_id,
            name=self.text(m, "name", where) or Text({}),
            kind=self.string(m, "kind", where) or "ontmoetingscentrum",
            hours=hours or "",
            address=self.string(m, "address", where) or "",
            district=self.string(m, "district", where),
            postcodes=self.strings(m, "postcodes", where, example='["8400"]'),
            lat=location[0] if location else None,
            lon=location[1] if location else None,
            phone=self.string(m, "phone", where),
            email=self.string(m, "email", where),
            wheelchair_accessible=True if wheelchair is None else wheelchair,
            accessibility=self.text(m, "accessibility", where),
            aliases=self.strings(m, "aliases", where, example='["Stene", "Стене"]'),
        )

    def desk(self, m: _LineDict, where: str, desk_id: str) -> Desk:
        """A service desk record from its block."""
        self.keys(m, _DESK_KEYS, where, "a desk")
        centre = self.reference(m, "centre", where, "centre")
        schedule = self.when(m, where)
        if centre is not None and schedule is not None:
            self.timed.append((m.key_lines["when"], f"{where}, when", centre, schedule))
        return Desk(
            id=desk_id,
            topic=self.text(m, "topic", where) or Text({}),
            centre=centre or "",
            schedule=schedule or _NO_SCHEDULE,
            access=self.choice(m, "access", where, Access) or Access.WALK_IN,
            description=self.text(m, "description", where),
            kinds=self.kinds(m, where, example="[social, debts]"),
            phone=self.string(m, "phone", where),
        )

    def activity(self, m: _LineDict, where: str, activity_id: str) -> Activity:
        """An activity record from its block, with its prices and sign-up rules checked."""
        self.keys(m, _ACTIVITY_KEYS, where, "an activity")
        sessions = self.sessions(m, where)
        signup = self.choice(m, "signup", where, SignupMode) or SignupMode.WALK_IN
        capacity = self.integer(
            m, "capacity", where, minimum=1, hint="leave it out when there is no limit"
        )
        price = self.money(m, "price", where)
        reduced = self.money(m, "reduced_price", where)
        if reduced is not None and "price" not in m:
            self.add(
                m.key_lines["reduced_price"],
                where,
                'there is a reduced_price but no price: add the normal "price" too',
            )
        elif reduced is not None and price is not None and reduced > price:
            self.add(
                m.key_lines["reduced_price"],
                where,
                f"the reduced_price {reduced} is higher than the price {price}",
            )
        max_companions = self.integer(m, "max_companions", where, minimum=0)
        slot_minutes = self.integer(m, "slot_minutes", where, minimum=1)
        if signup is SignupMode.APPOINTMENT and "slot_minutes" not in m:
            self.add(
                m.key_lines.get("signup", m.line),
                where,
                'sign-up by appointment needs "slot_minutes", the length of one appointment',
            )
        elif "slot_minutes" in m and signup is not SignupMode.APPOINTMENT:
            self.add(
                m.key_lines["slot_minutes"],
                where,
                'slot_minutes only applies to "signup: appointment"',
            )
        deadline = self.deadline(m, where)
        if deadline is not None and signup is SignupMode.WALK_IN:
            self.add(
                m.key_lines["deadline"],
                where,
                "a walk-in activity has no sign-up, so it cannot have a deadline;"
                ' set "signup" or remove the deadline',
            )
        return Activity(
            id=activity_id,
            title=self.text(m, "title", where) or Text({}),
            sessions=tuple(sessions),
            signup=signup,
            description=self.text(m, "description", where),
            kinds=self.kinds(m, where, example="[meal]"),
            capacity=capacity,
            price=price,
            reduced_price=reduced,
            deadline=deadline,
            options=tuple(self.options(m, where)),
            max_companions=max_companions or 0,
            companions_label=self.text(m, "companions_label", where),
            slot_minutes=slot_minutes,
        )

    def sessions(self, m: _LineDict, where: str) -> list[Session]:
        """The activity's sessions: `sessions`, or one from the `centre` + `when` shorthand."""
        has_single = "centre" in m or "when" in m
        if "sessions" in m and has_single:
            self.add(
                m.key_lines["sessions"],
                where,
                'give either "centre" and "when", or "sessions", not both',
            )
            return []
        if "sessions" in m:
            sessions = []
            for number, block in enumerate(self.list_of_blocks(m, "sessions", where), start=1):
                session_where = f"{where}, session {number}"
                self.keys(block, _SESSION_KEYS, session_where, "a session")
                centre = self.reference(block, "centre", session_where, "centre")
                schedule = self.when(block, session_where)
                if centre is not None and schedule is not None:
                    sessions.append(Session(centre, schedule))
                    self.timed.append(
                        (block.key_lines["when"], f"{session_where}, when", centre, schedule)
                    )
            if m["sessions"] in ([], None):
                self.add(m.key_lines["sessions"], where, '"sessions" is empty')
            return sessions
        for key in ("centre", "when"):
            if key in m and m[key] is None:
                self.add(m.key_lines[key], where, f'"{key}" is empty')
                return []
        if not has_single:
            self.add(m.line, where, 'say where and when: give "centre" and "when", or "sessions"')
            return []
        for needed, other in (("centre", "when"), ("when", "centre")):
            if needed not in m:
                self.add(m.key_lines[other], where, f'"{other}" needs "{needed}" too')
                return []
        centre = self.reference(m, "centre", where, "centre")
        schedule = self.when(m, where)
        if centre is None or schedule is None:
            return []
        self.timed.append((m.key_lines["when"], f"{where}, when", centre, schedule))
        return [Session(centre, schedule)]

    def deadline(self, m: _LineDict, where: str) -> Deadline | None:
        """The sign-up deadline of an activity."""
        where = f"{where}, deadline"
        block = self.block(m, "deadline", where)
        if block is None:
            return None
        self.keys(block, _DEADLINE_KEYS, where, "a deadline")
        rule = self.choice(block, "rule", where, DeadlineRule)
        at = self.time_of_day(block, "at", where)
        days = self.integer(block, "days", where, minimum=0)
        on = self.day(block, "date", where)
        if rule is DeadlineRule.DATE and "date" not in block:
            self.add(block.line, where, '"rule: date" needs "date", the last day to sign up')
        for key, wanted in (("days", DeadlineRule.DAYS_BEFORE), ("date", DeadlineRule.DATE)):
            if key in block and rule is not None and rule is not wanted:
                self.add(block.key_lines[key], where, f'"{key}" only applies to "rule: {wanted}"')
        if rule is None:
            return None
        return Deadline(
            rule=rule,
            at=at or time(23, 59),
            days=1 if days is None else days,
            date=on,
        )

    def options(self, m: _LineDict, where: str) -> list[Option]:
        """The questions asked at sign-up, each with its choices."""
        options: list[Option] = []
        seen: dict[str, int] = {}
        for number, block in enumerate(self.list_of_blocks(m, "options", where), start=1):
            option_id = self.ident(block, "id", where, report=False)
            option_where = f"{where}, option {_q(option_id) if option_id else number}"
            self.keys(block, _OPTION_KEYS, option_where, "an option")
            self.ident(block, "id", option_where)
            self.unique(block, option_id, seen, option_where, "option")
            choices: list[Choice] = []
            seen_choices: dict[str, int] = {}
            for choice_number, choice in enumerate(
                self.list_of_blocks(block, "choices", option_where), start=1
            ):
                choice_id = self.ident(choice, "id", where, report=False)
                choice_where = (
                    f"{option_where}, choice {_q(choice_id) if choice_id else choice_number}"
                )
                self.keys(choice, _CHOICE_KEYS, choice_where, "a choice")
                self.ident(choice, "id", choice_where)
                self.unique(choice, choice_id, seen_choices, choice_where, "choice")
                label = self.text(choice, "label", choice_where) or Text({})
                choices.append(Choice(choice_id or "", label))
            options.append(
                Option(
                    id=option_id or "",
                    label=self.text(block, "label", option_where) or Text({}),
                    choices=tuple(choices),
                )
            )
        return options

    def unique(
        self, m: _LineDict, item_id: str | None, seen: dict[str, int], where: str, kind: str
    ) -> None:
        """Report an id already used by an earlier item of the same list."""
        if item_id is None:
            return
        if item_id in seen:
            self.add(
                m.key_lines["id"],
                where,
                f"this id is already used on line {seen[item_id]}; every {kind} needs its own id",
            )
        else:
            seen[item_id] = m.key_lines["id"]

    def volunteer(self, m: _LineDict, where: str, volunteer_id: str) -> Volunteer:
        """A volunteer record from its block."""
        self.keys(m, _VOLUNTEER_KEYS, where, "a volunteer")
        return Volunteer(
            id=volunteer_id,
            name=self.string(m, "name", where) or "",
            language=self.language_code(m, "language", where) or self.language,
            phone=self.string(m, "phone", where),
        )

    def shift(self, m: _LineDict, where: str, shift_id: str) -> Shift:
        """A shift record from its block; it may not have more volunteers than it needs."""
        self.keys(m, _SHIFT_KEYS, where, "a shift")
        volunteers = self.references(m, "volunteers", where, "volunteer")
        needed = self.integer(m, "needed", where, minimum=1)
        wanted = 1 if needed is None else needed
        # A wrong "needed" is reported already; comparing against it would only add noise
        if len(volunteers) > wanted and (needed is not None or "needed" not in m):
            self.add(
                m.key_lines.get("needed", m.key_lines["volunteers"]),
                where,
                f"{len(volunteers)} volunteers are assigned but the shift needs only {wanted};"
                ' raise "needed" or remove a volunteer',
            )
        return Shift(
            id=shift_id,
            role=self.text(m, "role", where) or Text({}),
            centre=self.reference(m, "centre", where, "centre") or "",
            schedule=self.when(m, where) or _NO_SCHEDULE,
            volunteers=tuple(volunteers),
            needed=wanted,
        )

    def staff_member(self, m: _LineDict, where: str, staff_id: str) -> StaffMember:
        """A staff member record from its block."""
        self.keys(m, _STAFF_KEYS, where, "a staff member")
        return StaffMember(
            id=staff_id,
            name=self.string(m, "name", where) or "",
            telegram_id=self.integer(m, "telegram_id", where, minimum=1),
            centres=tuple(self.references(m, "centres", where, "centre")),
        )

    # -- closures and schedules

    def closures(self, m: _LineDict, where: str, centre: str | None) -> list[Closure]:
        """The closures listed under `m`, for one centre or (centre None) for all."""
        closures = []
        for block in self.list_of_blocks(m, "closures", where):
            closure_where = f"{where}, closure"
            self.keys(block, _CLOSURE_KEYS, closure_where, "a closure")
            on = self.day(block, "date", closure_where)
            first = self.day(block, "from_date", closure_where)
            last = self.day(block, "to_date", closure_where)
            from_time = self.time_of_day(block, "from", closure_where)
            reason = self.text(block, "reason", closure_where) or Text({})
            span = "from_date" in block or "to_date" in block
            if "date" in block and span:
                self.add(
                    block.line,
                    closure_where,
                    'give either "date" for one day, or "from_date" and "to_date", not both',
                )
                continue
            if "date" not in block and not span:
                self.add(
                    block.line,
                    closure_where,
                    'say which days: "date" for one day, or "from_date" and "to_date"',
                )
                continue
            if span and ("from_date" not in block or "to_date" not in block):
                present, missing = (
                    ("from_date", "to_date") if "from_date" in block else ("to_date", "from_date")
                )
                self.add(
                    block.key_lines[present],
                    closure_where,
                    f'"{present}" needs "{missing}" too (both days are closed)',
                )
                continue
            if first is not None and last is not None and last < first:
                self.add(
                    block.key_lines["to_date"],
                    closure_where,
                    f"to_date {last} is before from_date {first}: the closure ends before it"
                    " starts",
                )
                continue
            start, end = (on, on) if "date" in block else (first, last)
            if start is None or end is None:
                continue
            centres = None if centre is None else (centre,)
            closures.append(Closure(start, end, from_time, reason, centres))
        return closures

    def when(self, m: _LineDict, where: str) -> Schedule | None:
        """The schedule in the `when` block of `m`: one date, or a repeat rule."""
        where = f"{where}, when"
        block = self.block(m, "when", where)
        if block is None:
            return None
        typos = self.keys(block, _WHEN_KEYS, where, '"when"')
        times = self.time_range(block, "time", where)
        on = self.day(block, "date", where)
        first = self.day(block, "from", where)
        until = self.day(block, "until", where)
        repeat = self.string(block, "repeat", where)
        if "date" in block and "repeat" in block:
            self.add(block.line, where, 'give either "date" (once) or "repeat", not both')
            return None
        if "date" not in block and "repeat" not in block:
            self.add(
                block.line,
                where,
                'say which days: "date" for once, or "repeat" with "from" for a repeating rule',
            )
            return None
        if "date" in block:
            for key in ("from", "until"):
                if key in block:
                    self.add(
                        block.key_lines[key],
                        where,
                        f'"{key}" belongs to a repeating "when"; for once give only "date"'
                        ' and "time"',
                    )
            if on is None or times is None:
                return None
            return Schedule(times[0], times[1], date=on)
        if "from" not in block and "from" not in typos:
            self.add(
                block.key_lines["repeat"],
                where,
                'a repeating "when" needs "from", the first day the rule counts from',
            )
        if first is not None and until is not None and until < first:
            self.add(
                block.key_lines["until"],
                where,
                f"until {until} is before from {first}: the rule would end before it starts",
            )
            return None
        rule = self.repeat_rule(block, repeat, first, until, where) if repeat is not None else None
        if rule is None or times is None or first is None:
            return None
        return Schedule(times[0], times[1], rrule=rule, first=first, until=until)

    def repeat_rule(
        self, m: _LineDict, rule: str, first: date | None, until: date | None, where: str
    ) -> str | None:
        """The RRULE text without any "RRULE:" prefix, after checking dateutil can read it."""
        line = m.key_lines["repeat"]
        text = rule.strip()
        if text.upper().startswith("RRULE:"):
            text = text[6:]
        if "DTSTART" in text.upper() or "\n" in text:
            self.add(
                line,
                where,
                'write only the rule in "repeat", like "FREQ=WEEKLY;BYDAY=MO,WE"; the first day'
                ' goes in "from", not in a DTSTART line',
            )
            return None
        parts = _rule_parts(text)
        if parts.get("INTERVAL", "1").strip() in ("0", "00"):
            # dateutil would search for ever for the next day of an INTERVAL=0 rule
            self.add(line, where, "INTERVAL=0 never moves on: write INTERVAL=1 or more")
            return None
        if "COUNT" in parts and "UNTIL" in parts:
            self.add(
                line,
                where,
                'give COUNT or UNTIL in the rule, not both (or leave both out and use "until")',
            )
            return None
        start = datetime.combine(first or date(2000, 1, 3), time())
        try:
            parsed = rrulestr(text, dtstart=start)
        except (ValueError, TypeError) as exc:
            # dateutil names the bad part ("invalid 'FREQ': WEEKY"); other messages are noise
            reason = str(exc)
            detail = f" ({reason})" if reason.startswith(("invalid", "unknown")) else ""
            self.add(
                line,
                where,
                f"cannot read the repeat rule {_q(rule)}{detail}; write it like"
                ' "FREQ=WEEKLY;BYDAY=MO,WE" or "FREQ=MONTHLY;BYDAY=1TU"',
            )
            return None
        if first is not None and isinstance(parsed, rrule | rruleset):
            after = parsed.after(start, inc=True)
            if after is None or (until is not None and after.date() > until):
                self.add(line, where, "this repeat rule gives no day between from and until")
        self.rule_traps(parts, first, line, where)
        return text

    def rule_traps(self, parts: dict[str, str], first: date | None, line: int, where: str) -> None:
        """Report the parts of a rule that dateutil reads but silently ignores or bends."""
        freq = parts.get("FREQ", "")
        byday = [d.strip() for d in parts.get("BYDAY", "").split(",") if d.strip()]
        numbered = [d for d in byday if _NUMBERED_DAY.match(d)]
        if numbered and freq in ("DAILY", "WEEKLY"):
            fixed = ";".join(
                f"{key}={'MONTHLY' if key == 'FREQ' else value}" for key, value in parts.items()
            )
            self.add(
                line,
                where,
                f'in a {freq.lower()} rule the number in "{numbered[0]}" is ignored, so it'
                f" repeats every {_day_name(numbered[0])}; for the"
                f" {_ordinal_name(numbered[0])} {_day_name(numbered[0])} of each month write"
                f' "{fixed}"',
                Severity.MISTAKE,
            )
        for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            if key in parts:
                self.add(
                    line,
                    where,
                    f"{key} is ignored: the bot counts days, and the time of day comes from"
                    f' "time"; remove {key} from the rule',
                    Severity.MISTAKE,
                )
        if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
            self.add(
                line,
                where,
                f"FREQ={freq} counts as every day (the bot counts days, and the time comes from"
                ' "time"): write FREQ=DAILY, or FREQ=WEEKLY with BYDAY',
                Severity.MISTAKE,
            )
        if freq == "MONTHLY" and "BYMONTH" not in parts:
            late = [
                d
                for d in parts.get("BYMONTHDAY", "").split(",")
                if d.strip().isdigit() and int(d) >= 29
            ]
            if late:
                self.add(
                    line,
                    where,
                    f"months without day {int(late[0])} are skipped; for the last day of"
                    ' every month write "BYMONTHDAY=-1"',
                    Severity.WARNING,
                )
            fifth = [d for d in numbered if d.lstrip("+").startswith("5")]
            if fifth:
                self.add(
                    line,
                    where,
                    f'"{fifth[0]}" happens only in months with five {_day_name(fifth[0])}s;'
                    f' for the last one of every month write "-1{fifth[0].lstrip("+")[1:]}"',
                    Severity.WARNING,
                )
        own_day = not (set(parts) & _DAY_PARTS)
        if own_day and first is not None and freq in ("WEEKLY", "MONTHLY"):
            if freq == "WEEKLY":
                said = f"every {_WEEKDAYS[first.weekday()]}, the weekday of"
                example = f"FREQ=WEEKLY;BYDAY={_WEEKDAY_CODES[first.weekday()]}"
            else:
                said = f"on day {first.day} of every month, the day of"
                example = f"FREQ=MONTHLY;BYMONTHDAY={first.day}"
            self.add(
                line,
                where,
                f'the rule names no day, so it repeats {said} "from" ({first}); if "from"'
                f' changes, the day moves: name the day, like "{example}"',
                Severity.WARNING,
            )

    # -- single values

    def keys(self, m: _LineDict, spec: dict[str, bool], where: str, what: str) -> set[str]:
        """Report missing, empty and unknown keys; return the known keys that typos stand for."""
        guesses = {key: _closest(str(key), spec) for key in m if key not in spec}
        typos = {guess for guess in guesses.values() if guess and guess not in m}
        for key, required in spec.items():
            if not required or key in typos:  # "adress" already says "address" is meant
                continue
            if key not in m:
                self.add(m.line, where, f'the required key "{key}" is missing')
            elif m[key] is None or m[key] == "":
                self.add(m.key_lines[key], where, f'"{key}" is empty')
        for key, guess in guesses.items():
            hint = (
                f'did you mean "{guess}"?'
                if guess
                else f"the keys of {what} are: {', '.join(spec)}"
            )
            self.add(m.key_lines[key], where, f'unknown key "{key}" ({hint})')
        return typos

    def block(self, m: _LineDict, key: str, where: str) -> _LineDict | None:
        """The mapping under `key`, or None when absent or not a mapping (reported)."""
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, _LineDict):
            return value
        self.add(
            m.key_lines[key],
            where,
            f'"{key}" must be a block of keys (indented lines or {{key: value, ...}}), not'
            f" {_describe(value, m.raw.get(key))}",
        )
        return None

    def list_of_blocks(self, m: _LineDict, key: str, where: str) -> list[_LineDict]:
        """The mappings listed under `key`; an item that is not a mapping is reported."""
        value = m.get(key)
        if value is None:
            return []
        if not isinstance(value, _LineList):
            self.add(
                m.key_lines[key],
                where,
                f'"{key}" must be a list, one item per line starting with "- "',
            )
            return []
        blocks = []
        for line, raw, item in zip(value.item_lines, value.raw, value, strict=True):
            if isinstance(item, _LineDict):
                blocks.append(item)
            else:
                self.add(
                    line,
                    where,
                    f'each item of "{key}" must be a block of keys, not {_describe(item, raw)}',
                )
        return blocks

    def wrong_type(self, m: _LineDict, key: str, where: str, expected: str) -> None:
        """Report a value of the wrong kind, explaining a time YAML turned into a number."""
        value, raw = m[key], m.raw.get(key)
        if isinstance(value, int) and raw is not None and ":" in raw:
            # YAML 1.1 reads 12:00 as the sexagesimal number 720
            self.add(
                m.key_lines[key],
                where,
                f'put the time in quotes: {key}: "{raw}" (without quotes YAML reads {raw} as the'
                f" number {value})",
            )
            return
        self.add(
            m.key_lines[key], where, f'"{key}" must be {expected}, not {_describe(value, raw)}'
        )

    def string(self, m: _LineDict, key: str, where: str) -> str | None:
        """A plain string; a number where text is expected is reported (quote it)."""
        value = m.get(key)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            raw = m.raw.get(key, str(value))
            self.add(
                m.key_lines[key],
                where,
                f'put {raw} in quotes: {key}: "{raw}" (without quotes YAML reads it as a number)',
            )
            return None
        self.wrong_type(m, key, where, "text")
        return None

    def text(self, m: _LineDict, key: str, where: str) -> Text | None:
        """A translatable text: a plain string in the default language, or a language mapping."""
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, _LineDict):
            translations: dict[str, str] = {}
            for lang, translation in value.items():
                line = value.key_lines[lang]
                if lang not in LANGUAGES:
                    self.add(line, where, f'"{key}": {self.unknown_language(lang)}')
                elif isinstance(translation, str) and translation.strip():
                    translations[lang] = translation
                else:
                    self.add(line, where, f'"{key}": the {lang} text must be a non-empty text')
            if not value:
                self.add(m.key_lines[key], where, f'"{key}" has no text')
            return Text(translations)
        text = self.string(m, key, where)
        return None if text is None else Text({self.language: text})

    @staticmethod
    def unknown_language(code: object) -> str:
        """The explanation for a language code the bot does not speak."""
        guess = _closest(str(code).lower(), LANGUAGES)
        hint = f' (did you mean "{guess}"?)' if guess and guess != str(code) else ""
        return f"unknown language {_q(code)}{hint}; the languages are {' '.join(LANGUAGES)}"

    def language_code(self, m: _LineDict, key: str, where: str) -> str | None:
        """A language code the bot speaks."""
        value = self.string(m, key, where)
        if value is None:
            return None
        if value not in LANGUAGES:
            self.add(m.key_lines[key], where, self.unknown_language(value))
            return None
        return value

    def ident(
        self, m: _LineDict, key: str, where: str, report: bool = True, kind: str = ""
    ) -> str | None:
        """An id (lowercase words with dashes) of this item, or of a `kind` of item it names."""
        value = m.get(key)
        if value is None:
            return None
        raw = m.raw.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and raw is not None:
            value = raw  # an all-digit id is still an id
        if not isinstance(value, str):
            if report:
                expected = f"a {kind} id" if kind else "a word such as centrum"
                self.wrong_type(m, key, where, expected)
            return None
        if not _ID.match(value):
            if report:
                suggestion = _slug(value)
                hint = f", like {_q(suggestion)}" if suggestion else ""
                what = (
                    f"{_q(value)} is not a {kind} id: ids are"
                    if kind
                    else f"the id {_q(value)} must be"
                )
                self.add(
                    m.key_lines[key],
                    where,
                    f"{what} lowercase letters and digits with dashes between words{hint}",
                )
            return value if not report else None
        return value

    def reference(self, m: _LineDict, key: str, where: str, kind: str) -> str | None:
        """An id of another item, remembered to be checked once the whole file is read."""
        value = self.ident(m, key, where, kind=kind)
        if value is not None:
            self.refs.append((kind, value, m.key_lines[key], where))
        return value

    def references(self, m: _LineDict, key: str, where: str, kind: str) -> list[str]:
        """A list of ids of other items, each remembered to be checked later."""
        value = m.get(key)
        if value is None:
            return []
        if not isinstance(value, _LineList):
            example = f"[{value}]" if isinstance(value, str) else f"[{kind}-id]"
            self.wrong_type(m, key, where, f"a list of {kind} ids, like {example}")
            return []
        ids: list[str] = []
        for line, raw, item in zip(value.item_lines, value.raw, value, strict=True):
            item_id = raw if isinstance(item, int) and raw is not None else item
            if not isinstance(item_id, str):
                self.add(line, where, f'each item of "{key}" must be a {kind} id')
            elif not _ID.match(item_id):
                suggestion = _slug(item_id)
                hint = f", like {_q(suggestion)}" if suggestion else ""
                self.add(
                    line,
                    where,
                    f"{_q(item_id)} is not a {kind} id: ids are lowercase letters and digits"
                    f" with dashes between words{hint}",
                )
            elif item_id in ids:
                self.add(line, where, f'{_q(item_id)} is listed twice in "{key}"')
            else:
                ids.append(item_id)
                self.refs.append((kind, item_id, line, where))
        return ids

    def check_references(self) -> None:
        """Report ids of centres and volunteers that the file does not define."""
        known = {"centre": self.centre_ids, "volunteer": self.volunteer_ids}
        plural = {"centre": "centres", "volunteer": "volunteers"}
        for kind, ref, line, where in self.refs:
            ids = known[kind]
            if ref in ids:
                continue
            guess = _closest(ref, ids)
            if guess:
                hint = f' (did you mean "{guess}"?)'
            elif ids:
                hint = f"; the {plural[kind]} are: {', '.join(sorted(ids))}"
            else:
                hint = f"; the file lists no {plural[kind]}"
            self.add(line, where, f"unknown {kind} {_q(ref)}{hint}")

    def strings(self, m: _LineDict, key: str, where: str, example: str) -> tuple[str, ...]:
        """A list of short strings; numbers count as their written text (postcodes)."""
        value = m.get(key)
        if value is None:
            return ()
        if not isinstance(value, _LineList):
            self.add(
                m.key_lines[key],
                where,
                f'"{key}" must be a list, like {example}, not {_describe(value, m.raw.get(key))}',
            )
            return ()
        result = []
        for line, raw, item in zip(value.item_lines, value.raw, value, strict=True):
            if isinstance(item, str):
                result.append(item)
            elif isinstance(item, int | float) and not isinstance(item, bool) and raw:
                result.append(raw)  # the text as written: 8400, not 8400.0
            else:
                self.add(line, where, f'each item of "{key}" must be a word, like {example}')
        return tuple(result)

    def kinds(self, m: _LineDict, where: str, example: str) -> tuple[str, ...]:
        """The `kinds` list; a word the understanding has no meaning for is a warning."""
        kinds = self.strings(m, "kinds", where, example)
        value = m.get("kinds")
        if not kinds or not isinstance(value, _LineList):
            return kinds
        known = understood_kinds()
        for line, item in zip(value.item_lines, value, strict=True):
            word = str(item)
            if word in known:
                continue
            # Stricter than for typos of keys: "bowling" is no "walking"
            matches = difflib.get_close_matches(word.lower(), sorted(known), n=1, cutoff=0.8)
            guess = matches[0] if matches else None
            if guess:
                hint = f'did you mean "{guess}"?'
            else:
                hint = f"the kinds it understands are: {', '.join(sorted(known))}"
            self.add(
                line,
                where,
                f'the bot does not understand the kind "{word}" ({hint}): residents find this'
                " only when they write that very word",
                Severity.WARNING,
            )
        return kinds

    def integer(
        self, m: _LineDict, key: str, where: str, minimum: int, hint: str = ""
    ) -> int | None:
        """A whole number of at least `minimum`."""
        value = m.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.wrong_type(m, key, where, "a whole number")
            return None
        if value < minimum:
            floor = "zero or more" if minimum == 0 else f"at least {minimum}"
            extra = f" ({hint})" if hint else ""
            self.add(m.key_lines[key], where, f'"{key}" must be {floor}, not {value}{extra}')
            return None
        return value

    def money(self, m: _LineDict, key: str, where: str) -> Decimal | None:
        """An amount in euro, kept exact as written (9.50 stays 9.50)."""
        value = m.get(key)
        if value is None:
            return None
        raw = m.raw.get(key, str(value))
        amount: Decimal | None = None
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            try:
                amount = Decimal(raw.strip())
            except InvalidOperation:
                amount = None
        if amount is None or not amount.is_finite():
            self.add(
                m.key_lines[key],
                where,
                f'"{key}" must be an amount in euro like 9.50 (a point, no € sign), not {_q(raw)}',
            )
            return None
        if amount < 0:
            self.add(
                m.key_lines[key],
                where,
                f'"{key}" cannot be negative ({raw}); leave it out when the activity is free',
            )
            return None
        return amount

    def boolean(self, m: _LineDict, key: str, where: str) -> bool | None:
        """A yes/no value written true or false."""
        value = m.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.wrong_type(m, key, where, "true or false")
        return None

    def choice(self, m: _LineDict, key: str, where: str, kind: type[_E]) -> _E | None:
        """One of the fixed words of an enumeration such as the sign-up modes."""
        value = m.get(key)
        if value is None:
            return None
        words = [member.value for member in kind]
        if isinstance(value, str) and value in words:
            return kind(value)
        raw = m.raw.get(key, str(value))
        guess = _closest(raw.lower(), words)
        hint = f' (did you mean "{guess}"?)' if guess else ""
        self.add(
            m.key_lines[key],
            where,
            f"unknown {key} {_q(raw)}{hint}; choose one of {', '.join(words)}",
        )
        return None

    def time_of_day(self, m: _LineDict, key: str, where: str) -> time | None:
        """A time of day written "HH:MM"."""
        value = m.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.wrong_type(m, key, where, 'a time in quotes, like "10:00"')
            return None
        parsed = _parse_time(value)
        if parsed is None:
            self.add(
                m.key_lines[key],
                where,
                f'cannot read the time {_q(value)}: write it like "10:00"',
            )
        return parsed

    def time_range(
        self, m: _LineDict, key: str, where: str, overnight: bool = False
    ) -> tuple[time, time] | None:
        """A time range "HH:MM-HH:MM" that ends after it starts (unless it may run overnight)."""
        value = m.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.wrong_type(m, key, where, 'a time range in quotes, like "12:00-13:00"')
            return None
        match = _RANGE.match(value)
        start = _parse_time(match[1]) if match else None
        end = _parse_time(match[2]) if match else None
        if start is None or end is None:
            self.add(
                m.key_lines[key],
                where,
                f'cannot read the time range {_q(value)}: write it like "12:00-13:00"',
            )
            return None
        if start == end or (end < start and not overnight):
            trouble = (
                "starts and ends at the same time" if start == end else "ends before it starts"
            )
            self.add(m.key_lines[key], where, f"the time range {_q(value)} {trouble}")
            return None
        return start, end

    def day(self, m: _LineDict, key: str, where: str) -> date | None:
        """A calendar date written 2026-12-24."""
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        raw = m.raw.get(key, str(value))
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
                self.add(m.key_lines[key], where, f"{value} is not a date that exists")
                return None
        self.add(
            m.key_lines[key],
            where,
            f"cannot read the date {_q(raw)}: write it as year-month-day, like 2026-12-24",
        )
        return None

    def location(self, m: _LineDict, where: str) -> tuple[float, float] | None:
        """A `[lat, lon]` pair in degrees."""
        value = m.get("location")
        if value is None:
            return None
        numbers = (
            [float(x) for x in value if isinstance(x, int | float) and not isinstance(x, bool)]
            if isinstance(value, list)
            else []
        )
        if len(numbers) != 2 or len(value) != 2:
            self.add(
                m.key_lines["location"],
                where,
                '"location" must be [latitude, longitude] in degrees, like [51.23, 2.92]',
            )
            return None
        lat, lon = numbers
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.add(
                m.key_lines["location"],
                where,
                f"the location [{lat}, {lon}] is not on Earth: write [latitude, longitude]",
            )
            return None
        return lat, lon

    def opening_hours(self, m: _LineDict, where: str) -> str | None:
        """An OpenStreetMap opening_hours expression, checked by opening-hours-py."""
        value = self.string(m, "hours", where)
        if not value:
            return None
        try:
            opening_hours.OpeningHours(value)
        # ParserError is missing from the package's type stubs, not from the package.
        except (SyntaxError, ValueError, opening_hours.ParserError) as exc:  # type: ignore[attr-defined]
            self.add(m.key_lines["hours"], where, self.hours_message(value, str(exc)))
            return None
        if _SCHOOL_HOLIDAYS.search(value):
            # opening-hours-py accepts SH but knows no school holidays: the rule never applies
            self.add(
                m.key_lines["hours"],
                where,
                'the bot knows no school holidays, so "SH" never applies ("SH off" closes'
                " nothing): list the school holidays as closures with from_date and to_date,"
                " or remove the SH rule",
                Severity.MISTAKE,
            )
        return value

    @staticmethod
    def hours_message(value: str, error: str) -> str:
        """Why an opening hours expression is rejected, with the likely fix."""
        start = f"cannot read the opening hours {_q(value)}"
        if _LOOSE_TIME.search(value):
            return f'{start}: write times with two digits and a colon, like "09:00-12:00"'
        words = [w for w in re.findall(r"[A-Za-z]+", value) if w not in _OH_WORDS]
        if words:
            return (
                f"{start}: {_q(words[0])} is not understood; write days as"
                f" Mo Tu We Th Fr Sa Su and public holidays as PH, like {_OH_EXAMPLE}"
            )
        column = re.search(r"-->\s*\d+:(\d+)", error)
        if column:
            rest = value[int(column[1]) - 1 :].strip()
            if rest:
                return f"{start}: the mistake is near {_q(rest)}; write them like {_OH_EXAMPLE}"
        return f"{start}: write them like {_OH_EXAMPLE}"


# Stands in for a schedule that could not be read; the problem is reported and nothing is returned
_NO_SCHEDULE = Schedule(time(0), time(0))
