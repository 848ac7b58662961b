"""Typed records of one organisation's data: centres, desks, activities, volunteers, shifts.

These are the immutable values the data file is parsed into, the store keeps, and the
conversations read. They carry no behaviour beyond small lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from enum import StrEnum

Day = date
"""`date` by another name, for the fields of `Schedule` (one of which is called `date`)."""

LANGUAGES: tuple[str, ...] = ("nl", "fr", "de", "en", "tr", "ar", "pl", "uk")
"""The languages the bot speaks, in the order they are offered."""


@dataclass(frozen=True)
class Text:
    """A text with optional translations; the organisation's default language is the fallback."""

    values: dict[str, str]

    def get(self, lang: str, fallback: str = "nl") -> str:
        """Return the text in `lang`, else in `fallback`, else any text there is."""
        if lang in self.values:
            return self.values[lang]
        if fallback in self.values:
            return self.values[fallback]
        return next(iter(self.values.values()), "")

    def all(self) -> tuple[str, ...]:
        """Every translation, for matching what residents type."""
        return tuple(self.values.values())


@dataclass(frozen=True)
class Closure:
    """A day or span of days on which centres close, wholly or from `from_time` on."""

    start: date
    end: date  # inclusive
    from_time: time | None  # None: closed all day
    reason: Text
    centres: tuple[str, ...] | None = None  # None: every centre of the organisation


@dataclass(frozen=True)
class Centre:
    """A community centre, service-house antenna or neighbourhood desk."""

    id: str
    name: Text
    kind: str
    hours: str  # OpenStreetMap opening_hours expression
    address: str = ""
    district: str | None = None
    postcodes: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    phone: str | None = None
    email: str | None = None
    wheelchair_accessible: bool = True
    accessibility: Text | None = None
    aliases: tuple[str, ...] = ()  # other spellings residents use ("Стене", "أوبكس")


@dataclass(frozen=True)
class Schedule:
    """When something happens: once on `date`, or repeating by an RFC 5545 `rrule`."""

    start_time: time
    end_time: time
    date: Day | None = None  # one-off
    rrule: str | None = None  # e.g. "FREQ=WEEKLY;BYDAY=MO,WE"; DTSTART is `first`
    first: Day | None = None
    until: Day | None = None


@dataclass(frozen=True)
class Session:
    """Where and when an activity takes place; an activity can run at several centres."""

    centre: str
    schedule: Schedule


class SignupMode(StrEnum):
    """How residents take part in an activity."""

    WALK_IN = "walk-in"
    PER_DATE = "per-date"
    SERIES = "series"
    APPOINTMENT = "appointment"


class DeadlineRule(StrEnum):
    """Kinds of sign-up deadline."""

    PREVIOUS_WORKING_DAY = "previous-working-day"
    DAYS_BEFORE = "days-before"
    DATE = "date"


@dataclass(frozen=True)
class Deadline:
    """When sign-up for an occurrence closes."""

    rule: DeadlineRule
    at: time = time(23, 59)
    days: int = 1  # for DAYS_BEFORE
    date: date | None = None  # for DATE


@dataclass(frozen=True)
class Choice:
    """One answer to an option, such as the vegetarian menu."""

    id: str
    label: Text


@dataclass(frozen=True)
class Option:
    """A question asked at sign-up, such as the menu choice."""

    id: str
    label: Text
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Activity:
    """Something residents can come to: a lunch, a course, an outing, a consultation slot."""

    id: str
    title: Text
    sessions: tuple[Session, ...]
    signup: SignupMode = SignupMode.WALK_IN
    description: Text | None = None
    kinds: tuple[str, ...] = ()  # words for understanding: "meal", "course", "digital", ...
    capacity: int | None = None  # None: no limit
    price: Decimal | None = None
    reduced_price: Decimal | None = None
    deadline: Deadline | None = None
    options: tuple[Option, ...] = ()
    max_companions: int = 0
    companions_label: Text | None = None  # "grandchildren"
    slot_minutes: int | None = None  # appointment length for SignupMode.APPOINTMENT

    @property
    def centres(self) -> tuple[str, ...]:
        """Ids of the centres where the activity takes place, in order, once each."""
        return tuple(dict.fromkeys(s.centre for s in self.sessions))


class Access(StrEnum):
    """How a resident uses a service desk."""

    WALK_IN = "walk-in"
    APPOINTMENT = "appointment"


@dataclass(frozen=True)
class Desk:
    """A service desk or consultation hour at a centre."""

    id: str
    topic: Text
    centre: str
    schedule: Schedule
    access: Access = Access.WALK_IN
    description: Text | None = None
    kinds: tuple[str, ...] = ()  # "pension", "debts", "digital", ...
    phone: str | None = None  # where to make an appointment; default the centre's


@dataclass(frozen=True)
class Volunteer:
    """A volunteer of the organisation."""

    id: str
    name: str
    language: str = "nl"
    phone: str | None = None


@dataclass(frozen=True)
class Shift:
    """A recurring or one-off volunteer shift; open while fewer than `needed` are assigned."""

    id: str
    role: Text
    centre: str
    schedule: Schedule
    volunteers: tuple[str, ...] = ()
    needed: int = 1


@dataclass(frozen=True)
class StaffMember:
    """A staff member who may see sign-ups and help requests of their centres."""

    id: str
    name: str
    telegram_id: int | None = None
    centres: tuple[str, ...] = ()  # empty: all centres


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go out, unless a resident chooses otherwise."""

    day_before_at: time = time(17, 0)
    hours_before: int = 2
    quiet_from: time = time(21, 0)
    quiet_until: time = time(8, 0)


@dataclass(frozen=True)
class PrivacyPolicy:
    """How long the bot keeps a resident's data when they stop writing."""

    inactive_months: int = 24


@dataclass(frozen=True)
class Organisation:
    """Everything one organisation's data file says."""

    id: str
    name: Text
    country: str  # ISO 3166-1 alpha-2, "BE" or "NL"
    timezone: str
    default_language: str
    holiday_country: str
    holiday_subdivision: str | None = None
    closures: tuple[Closure, ...] = ()
    centres: tuple[Centre, ...] = ()
    desks: tuple[Desk, ...] = ()
    activities: tuple[Activity, ...] = ()
    volunteers: tuple[Volunteer, ...] = ()
    shifts: tuple[Shift, ...] = ()
    staff: tuple[StaffMember, ...] = ()
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    reduced_tariff: Text | None = None  # who has the reduced tariff here ("UiTPAS ...")
    privacy: PrivacyPolicy = field(default_factory=PrivacyPolicy)

    def centre(self, centre_id: str) -> Centre | None:
        """The centre with this id, or None."""
        return next((c for c in self.centres if c.id == centre_id), None)

    def activity(self, activity_id: str) -> Activity | None:
        """The activity with this id, or None."""
        return next((a for a in self.activities if a.id == activity_id), None)

    def desk(self, desk_id: str) -> Desk | None:
        """The desk with this id, or None."""
        return next((d for d in self.desks if d.id == desk_id), None)

    def shift(self, shift_id: str) -> Shift | None:
        """The shift with this id, or None."""
        return next((s for s in self.shifts if s.id == shift_id), None)

    def volunteer(self, volunteer_id: str) -> Volunteer | None:
        """The volunteer with this id, or None."""
        return next((v for v in self.volunteers if v.id == volunteer_id), None)

    def closures_for(self, centre_id: str) -> tuple[Closure, ...]:
        """The closures that apply to one centre: city-wide ones and its own."""
        return tuple(c for c in self.closures if c.centres is None or centre_id in c.centres)
