"""Typed button payloads: each kind of button is a small value that packs into `callback_data`.

Modelled on aiogram's `CallbackData`: a class names its prefix and its typed fields; `pack()`
writes `prefix:field:field` (at most Telegram's 64 bytes) and `unpack()` reads it back, checking
every field, so a forged, stale or mangled payload unpacks to None instead of being split by hand.
A trailing optional field that is None is left off, so "su:r" and "su:r:1" are one type.

The strings are the ones the bot has always sent, so buttons in old chats and in notices queued
in the outbox before a restart keep working. Flows import this module (it is not a flow).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from types import NoneType, UnionType
from typing import (
    Any,
    ClassVar,
    Self,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
    get_type_hints,
    overload,
)

MAX_BYTES = 64  # Telegram's limit for callback data
SEP = ":"
_STAMP = "%Y%m%d%H%M"
_DAY = "%Y%m%d"
_TOKEN = re.compile(r"^[^:\s]{1,48}$")  # ids and choices: no separator, no spaces

P = TypeVar("P", bound="Payload")
Q = TypeVar("Q", bound="Payload")
R = TypeVar("R", bound="Payload")
S = TypeVar("S", bound="Payload")
T = TypeVar("T", bound="Payload")
U = TypeVar("U", bound="Payload")

_REGISTRY: list[type[Payload]] = []


@dataclass(frozen=True)
class Payload:
    """A button payload: a prefix and typed fields; subclasses are frozen dataclasses."""

    prefix: ClassVar[str] = ""

    def __post_init__(self) -> None:
        # A start travels as local wall-clock time: an aware and a naive one pack alike, so
        # they compare alike too.
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, datetime) and value.tzinfo is not None:
                object.__setattr__(
                    self, f.name, value.replace(tzinfo=None, second=0, microsecond=0)
                )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.prefix:
            _REGISTRY.append(cls)

    def pack(self) -> str:
        """The payload as `callback_data`; ValueError when it would not fit in 64 bytes."""
        values = [_encode(getattr(self, f.name)) for f in fields(self)]
        while values and values[-1] == "":
            values.pop()  # a trailing optional field left out
        data = SEP.join([self.prefix, *values])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"payload of {len(data.encode())} bytes for {type(self).__name__}")
        return data

    def rest(self) -> str:
        """The packed payload after its flow's name: what `Flow.on_button` is given."""
        return self.pack().partition(SEP)[2]

    def fits(self) -> bool:
        """Whether the payload fits in Telegram's 64 bytes."""
        try:
            self.pack()
        except ValueError:
            return False
        return True

    def valid(self) -> bool:
        """A check beyond the field types (a choice among a few); subclasses override it."""
        return True

    @classmethod
    def unpack(cls, data: str) -> Self | None:
        """The payload read back, or None when `data` is not (a valid) one of this type."""
        head = cls.prefix.split(SEP)
        parts = data.split(SEP)
        if parts[: len(head)] != head:
            return None
        values = parts[len(head) :]
        specs = _specs(cast(type, cls))
        if len(values) > len(specs):
            return None
        kwargs: dict[str, Any] = {}
        for index, (name, kind, optional) in enumerate(specs):
            raw = values[index] if index < len(values) else ""
            if raw == "":
                if not optional:
                    return None
                kwargs[name] = None
                continue
            value = _decode(raw, kind)
            if value is None:
                return None
            kwargs[name] = value
        try:
            found = cls(**kwargs)
            # Only the one way of writing it: "x:ok:" or "su:n:007" is no button we made.
            canonical = found.pack() == data
        except (TypeError, ValueError):
            return None
        return found if canonical and found.valid() else None

    def __str__(self) -> str:
        return self.pack()


def unpack_any(data: str) -> Payload | None:
    """The typed payload `data` packs, whatever its type; None for a string that is none."""
    for kind in _REGISTRY:
        found = kind.unpack(data)
        if found is not None:
            return found
    return None


@overload
def unpack_as(data: str, first: type[P], /) -> P | None: ...
@overload
def unpack_as(data: str, first: type[P], second: type[Q], /) -> P | Q | None: ...
@overload
def unpack_as(
    data: str, first: type[P], second: type[Q], third: type[R], /
) -> P | Q | R | None: ...
@overload
def unpack_as(
    data: str, first: type[P], second: type[Q], third: type[R], fourth: type[S], /
) -> P | Q | R | S | None: ...
@overload
def unpack_as(
    data: str,
    first: type[P],
    second: type[Q],
    third: type[R],
    fourth: type[S],
    fifth: type[T],
    /,
) -> P | Q | R | S | T | None: ...
@overload
def unpack_as(
    data: str,
    first: type[P],
    second: type[Q],
    third: type[R],
    fourth: type[S],
    fifth: type[T],
    sixth: type[U],
    /,
) -> P | Q | R | S | T | U | None: ...
@overload
def unpack_as(data: str, *kinds: type[P]) -> P | None: ...
def unpack_as(data: str, *kinds: type[Payload]) -> Payload | None:
    """`data` unpacked as the first of `kinds` it fits; None for anything else.

    The overloads keep each kind's type, so a caller narrows the answer with isinstance.
    """
    for kind in kinds:
        found = kind.unpack(data)
        if found is not None:
            return found
    return None


@cache
def _specs(cls: type) -> list[tuple[str, type, bool]]:
    """(name, type, optional) of each field, in order."""
    hints = get_type_hints(cls)
    specs = []
    for f in fields(cls):
        hint = hints[f.name]
        optional = False
        if get_origin(hint) in (Union, UnionType):
            args = [a for a in get_args(hint) if a is not NoneType]
            optional = len(args) < len(get_args(hint))
            hint = args[0]
        specs.append((f.name, hint, optional))
    return specs


def _encode(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.strftime(_STAMP)
    if isinstance(value, date):
        return value.strftime(_DAY)
    text = str(value)
    if not _TOKEN.match(text):
        raise ValueError(f"a payload field may not be {text!r}")
    return text


def _decode(raw: str, kind: type) -> object | None:
    if kind is bool:
        return {"1": True, "0": False}.get(raw)
    if kind is int:
        return int(raw) if raw.isdigit() and len(raw) <= 12 else None
    if kind is datetime:
        if len(raw) != 12 or not raw.isdigit():
            return None
        try:
            return datetime.strptime(raw, _STAMP)
        except ValueError:
            return None
    if kind is date:
        if len(raw) != 8 or not raw.isdigit():
            return None
        try:
            return datetime.strptime(raw, _DAY).date()
        except ValueError:
            return None
    return raw if _TOKEN.match(raw) else None


# --- the menu and the answers ------------------------------------------------------------------


@dataclass(frozen=True)
class MorePage(Payload):
    """A further screen of a form's long list of choices ("➡️ More"); each form that pages
    names its own prefix in a subclass."""

    page: int

    def valid(self) -> bool:
        """A screen that can exist."""
        return 0 <= self.page < 100


@dataclass(frozen=True)
class Menu(Payload):
    """🏠 Menu: the main menu (and the end of any flow)."""

    prefix = "m"


@dataclass(frozen=True)
class Hours(Payload):
    """Opening hours: choose a centre, or one centre's hours (on a day)."""

    prefix = "h"
    centre: str | None = None
    day: date | None = None


@dataclass(frozen=True)
class Contact(Payload):
    """Addresses: choose a centre, or one centre's address."""

    prefix = "c"
    centre: str | None = None


@dataclass(frozen=True)
class WhatsOn(Payload):
    """What's on: choose a centre, or what is on at one centre."""

    prefix = "w"
    centre: str | None = None


ALL_CENTRES = "*"


@dataclass(frozen=True)
class WhatsOnPage(Payload):
    """One page of a what's-on listing (centre "*": all centres) from `first` to `last`."""

    prefix = "w"
    centre: str
    first: date
    last: date
    page: int

    def valid(self) -> bool:
        """At most a month, forwards."""
        return self.first <= self.last and (self.last - self.first).days <= 31


@dataclass(frozen=True)
class CentrePage(Payload):
    """A further screen of a centre choice ("More"): for hours (h), an address (c) or what's on
    (w), the day asked about, and the centres offered (their places in the organisation's list,
    "0.3.5"; None: every centre)."""

    prefix = "cp"
    kind: str
    page: int
    day: date | None = None
    among: str | None = None

    def valid(self) -> bool:
        """One of the three choices, a screen that can exist, and places written as numbers."""
        places = self.among.split(".") if self.among is not None else []
        return (
            self.kind in ("h", "c", "w")
            and 0 <= self.page < 100
            and all(place.isdigit() and len(place) <= 3 for place in places)
        )


@dataclass(frozen=True)
class Desks(Payload):
    """Help with a question: the topics, or the desks of one topic (named by a desk id)."""

    prefix = "d"
    desk: str | None = None


@dataclass(frozen=True)
class Nearest(Payload):
    """The nearest centre."""

    prefix = "n"


@dataclass(frozen=True)
class Language(Payload):
    """The language list, or one language chosen."""

    prefix = "l"
    code: str | None = None


@dataclass(frozen=True)
class Resume(Payload):
    """Back into the flow a safety answer interrupted."""

    prefix = "sf:resume"


# --- privacy and consent -----------------------------------------------------------------------

PRIVACY_ACTIONS = ("file", "del", "del!")


@dataclass(frozen=True)
class Privacy(Payload):
    """My data: the overview, or an action (the file, deleting, deleting confirmed)."""

    prefix = "x"
    action: str | None = None

    def valid(self) -> bool:
        """One of the known actions."""
        return self.action is None or self.action in PRIVACY_ACTIONS


@dataclass(frozen=True)
class Consent(Payload):
    """I agree to be remembered (and to keep this language)."""

    prefix = "x:ok"
    lang: str | None = None


# --- sign-ups ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignupStart(Payload):
    """Start signing up for an activity, with its centre and start when the button knows them."""

    prefix = "su:a"
    activity: str
    centre: str | None = None
    start: datetime | None = None

    def valid(self) -> bool:
        """A start only with a centre."""
        return self.centre is not None or self.start is None


@dataclass(frozen=True)
class SignupCentre(Payload):
    """Sign-up: this centre."""

    prefix = "su:c"
    centre: str


@dataclass(frozen=True)
class SignupCentrePage(MorePage):
    """Sign-up: a further screen of the centres to choose from ("More")."""

    prefix = "su:cp"


@dataclass(frozen=True)
class SignupDate(Payload):
    """Sign-up: this date (an appointment's day: then a time is asked)."""

    prefix = "su:d"
    start: datetime


@dataclass(frozen=True)
class SignupTime(Payload):
    """Sign-up: this appointment time."""

    prefix = "su:t"
    start: datetime


@dataclass(frozen=True)
class SignupOption(Payload):
    """Sign-up: choice `choice` of the activity's option `option` (the meal, ...)."""

    prefix = "su:o"
    option: int
    choice: int


@dataclass(frozen=True)
class SignupCompanions(Payload):
    """Sign-up: how many people come along."""

    prefix = "su:n"
    count: int


@dataclass(frozen=True)
class SignupTariff(Payload):
    """Sign-up: the reduced tariff yes or no; None asks the question again."""

    prefix = "su:r"
    reduced: bool | None = None


@dataclass(frozen=True)
class SignupConsent(Payload):
    """Sign-up: I agree to be remembered."""

    prefix = "su:ok"


@dataclass(frozen=True)
class SignupConfirm(Payload):
    """Sign-up: yes, sign me up."""

    prefix = "su:y"


@dataclass(frozen=True)
class SignupDecline(Payload):
    """Sign-up: no, don't."""

    prefix = "su:no"


@dataclass(frozen=True)
class SignupChange(Payload):
    """Sign-up summary: change one answer (a slot of the form)."""

    prefix = "su:e"
    slot: str


@dataclass(frozen=True)
class MySignups(Payload):
    """My sign-ups: the list."""

    prefix = "s"


@dataclass(frozen=True)
class SignupCalendar(Payload):
    """My sign-ups: the .ics file of one sign-up."""

    prefix = "s:i"
    signup: int


@dataclass(frozen=True)
class AskCancelSignup(Payload):
    """My sign-ups: cancel this one? (asks first)."""

    prefix = "s:c"
    signup: int


@dataclass(frozen=True)
class CancelSignup(Payload):
    """My sign-ups: yes, cancel this one."""

    prefix = "s:k"
    signup: int


# --- reminders ---------------------------------------------------------------------------------

REMINDER_ACTIONS = ("y", "n", "N", "c")  # coming, can't come, cancel confirmed, calendar


@dataclass(frozen=True)
class ReminderAnswer(Payload):
    """An answer under a reminder: coming, can't come, yes cancel, the calendar file."""

    prefix = "r"
    action: str
    signup: int

    def valid(self) -> bool:
        """One of the reminder's buttons."""
        return self.action in REMINDER_ACTIONS


@dataclass(frozen=True)
class ReminderSettings(Payload):
    """The reminder settings, or one setting chosen."""

    prefix = "r:s"
    value: str | None = None


# --- feedback ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback(Payload):
    """Write to the staff (residents) or the feedback list (staff)."""

    prefix = "fb"


@dataclass(frozen=True)
class FeedbackRating(Payload):
    """How was it: 1 to 5."""

    prefix = "fb:r"
    signup: int
    rating: int

    def valid(self) -> bool:
        """One to five stars."""
        return 1 <= self.rating <= 5


@dataclass(frozen=True)
class FeedbackNever(Payload):
    """Don't ask how activities were (0: from the setting, else under a question)."""

    prefix = "fb:n"
    signup: int


@dataclass(frozen=True)
class FeedbackAgain(Payload):
    """Ask me how activities were."""

    prefix = "fb:a"


@dataclass(frozen=True)
class FeedbackNoComment(Payload):
    """No comment after a rating."""

    prefix = "fb:k"


@dataclass(frozen=True)
class FeedbackConsent(Payload):
    """Pass my words on (yes or no)."""

    prefix = "fb"
    answer: str

    def valid(self) -> bool:
        """y or 0."""
        return self.answer in ("y", "0")


# --- help requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Help(Payload):
    """Talk to a person: the topics."""

    prefix = "p"


@dataclass(frozen=True)
class HelpTopic(Payload):
    """Help request: this topic."""

    prefix = "p:t"
    topic: str


@dataclass(frozen=True)
class HelpCentre(Payload):
    """Help request: this topic at this centre (ok: with consent given)."""

    prefix = "p"
    step: str
    topic: str
    centre: str

    def valid(self) -> bool:
        """c: the centre chosen; ok: chosen and consent given."""
        return self.step in ("c", "ok")


HELP_STEPS = ("phones", "no", "skip", "nophone", "send")


@dataclass(frozen=True)
class HelpStep(Payload):
    """Help request: phone myself, no thanks, skip the message or the phone, send."""

    prefix = "p"
    step: str

    def valid(self) -> bool:
        """One of the steps without a value."""
        return self.step in HELP_STEPS


@dataclass(frozen=True)
class HelpMoment(Payload):
    """Help request: call me back at this moment."""

    prefix = "p:m"
    moment: str


@dataclass(frozen=True)
class HelpBack(Payload):
    """Help request: back to a step to answer it again (from the summary: change it)."""

    prefix = "p:b"
    step: str

    def valid(self) -> bool:
        """One of the steps that can be answered again."""
        return self.step in ("message", "phone", "moment")


@dataclass(frozen=True)
class HelpCentrePage(MorePage):
    """Help request: a further screen of the centres to choose from ("More")."""

    prefix = "p:cp"


@dataclass(frozen=True)
class Inbox(Payload):
    """Staff: the inbox of help requests (a list of a status, a page of it)."""

    prefix = "hq"
    status: str | None = None
    page: int | None = None

    def pack(self) -> str:
        """`hq`, or `hq:l:<status>[:<page>]`."""
        if self.status is None:
            return self.prefix
        tail = "" if self.page is None else f"{SEP}{self.page}"
        return f"{self.prefix}{SEP}l{SEP}{self.status}{tail}"

    @classmethod
    def unpack(cls, data: str) -> Inbox | None:
        """`hq`, or `hq:l:<status>[:<page>]`."""
        if data == cls.prefix:
            return cls()
        parts = data.split(SEP)
        if len(parts) not in (3, 4) or parts[:2] != [cls.prefix, "l"]:
            return None
        if not _TOKEN.match(parts[2]):
            return None
        page = parts[3] if len(parts) == 4 else None
        if page is not None and not (page.isdigit() and len(page) < 6):
            return None
        return cls(parts[2], None if page is None else int(page))


INBOX_ACTIONS = ("v", "c", "n", "r")  # view, claim, note, resolved


@dataclass(frozen=True)
class InboxAction(Payload):
    """Staff: view, claim, add a note to, or resolve one help request."""

    prefix = "hq"
    action: str
    request: int

    def valid(self) -> bool:
        """One of the inbox's actions."""
        return self.action in INBOX_ACTIONS


# --- volunteers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MyShifts(Payload):
    """Volunteer: my shifts (a later page)."""

    prefix = "v"


@dataclass(frozen=True)
class MyShiftsPage(Payload):
    """Volunteer: a page of my shifts."""

    prefix = "v:my"
    page: int | None = None


@dataclass(frozen=True)
class OpenShifts(Payload):
    """Volunteer: open shifts (from an offset)."""

    prefix = "v:open"
    offset: int | None = None


@dataclass(frozen=True)
class Unlink(Payload):
    """Volunteer: unlink this chat (asks first)."""

    prefix = "v:u"


@dataclass(frozen=True)
class UnlinkConfirmed(Payload):
    """Volunteer: yes, unlink."""

    prefix = "v:u!"


SHIFT_ACTIONS = ("t", "t!", "c", "c!", "c!!")  # take, taken; can't come, confirmed, no reason


@dataclass(frozen=True)
class ShiftAction(Payload):
    """Volunteer: take a shift, or can't come to it (asked, confirmed, without a reason)."""

    prefix = "v"
    action: str
    shift: str  # a shift id, or "#<hash>" for an id too long to carry
    start: datetime

    def valid(self) -> bool:
        """One of the shift actions."""
        return self.action in SHIFT_ACTIONS


@dataclass(frozen=True)
class VolunteerJoin(Payload):
    """I want to become a volunteer."""

    prefix = "vj"


@dataclass(frozen=True)
class VolunteerJoinChoice(Payload):
    """Becoming a volunteer: what (w), where (c, "*" anywhere), when (f)."""

    prefix = "vj"
    step: str
    value: str

    def valid(self) -> bool:
        """One of the three questions."""
        return self.step in ("w", "c", "f")


@dataclass(frozen=True)
class VolunteerJoinPage(MorePage):
    """Becoming a volunteer: a further screen of the centres to choose from ("More")."""

    prefix = "vj:cp"


@dataclass(frozen=True)
class VolunteerJoinAnswer(Payload):
    """Becoming a volunteer: pass it on (ok) or don't keep it (no)."""

    prefix = "vj"
    answer: str

    def valid(self) -> bool:
        """ok or no."""
        return self.answer in ("ok", "no")


@dataclass(frozen=True)
class VolunteerCode(Payload):
    """Staff: make a volunteer's link code (the volunteer chosen, then confirmed with "!")."""

    prefix = "code"
    volunteer: str | None = None
    confirmed: str | None = None

    def valid(self) -> bool:
        """ "!" or nothing, and only after a volunteer."""
        return self.confirmed in (None, "!") and (self.volunteer is not None or not self.confirmed)


# --- staff: attendance and the desk sign-up ----------------------------------------------------


@dataclass(frozen=True)
class Staff(Payload):
    """Staff: the activities with sign-up."""

    prefix = "st"


@dataclass(frozen=True)
class StaffActivity(Payload):
    """Staff: the sessions of the index-th activity at a centre listed."""

    prefix = "st:a"
    index: int


@dataclass(frozen=True)
class StaffSession(Payload):
    """Staff: the index-th session listed."""

    prefix = "st:o"
    index: int


@dataclass(frozen=True)
class StaffBack(Payload):
    """Staff: back to the attendance list."""

    prefix = "st:o:back"


STAFF_ACTIONS = ("f", "x", "x!", "w", "w!")  # csv file, cancel?, cancel!, desk sign-up, sign up!


@dataclass(frozen=True)
class StaffAction(Payload):
    """Staff: an action on the occurrence shown (check ties it to that occurrence)."""

    prefix = "st"
    action: str
    check: str

    def valid(self) -> bool:
        """One of the occurrence's actions."""
        return self.action in STAFF_ACTIONS


@dataclass(frozen=True)
class StaffMark(Payload):
    """Staff: mark a confirmed sign-up as came (True) or did not come."""

    prefix = "st:m"
    signup: int
    came: bool
    check: str

    def pack(self) -> str:
        """`st:m:<signup>.<1|0>:<check>`, the form old lists still carry."""
        return _dotted(self.prefix, self.signup, int(self.came), self.check)

    @classmethod
    def unpack(cls, data: str) -> StaffMark | None:
        """`st:m:<signup>.<1|0>:<check>`."""
        found = _undotted(cls.prefix, data)
        if found is None or found[1] not in (0, 1):
            return None
        return cls(found[0], found[1] == 1, found[2])


@dataclass(frozen=True)
class DeskTime(Payload):
    """Staff desk sign-up: this appointment time."""

    prefix = "st:wt"
    start: datetime
    check: str


@dataclass(frozen=True)
class DeskOption(Payload):
    """Staff desk sign-up: choice `choice` of option `option`."""

    prefix = "st:wo"
    option: int
    choice: int
    check: str

    def pack(self) -> str:
        """`st:wo:<option>.<choice>:<check>`."""
        return _dotted(self.prefix, self.option, self.choice, self.check)

    @classmethod
    def unpack(cls, data: str) -> DeskOption | None:
        """`st:wo:<option>.<choice>:<check>`."""
        found = _undotted(cls.prefix, data)
        return None if found is None else cls(*found)


def _dotted(prefix: str, first: int, second: int, check: str) -> str:
    return SEP.join([prefix, f"{first}.{second}", _encode(check)])


def _undotted(prefix: str, data: str) -> tuple[int, int, str] | None:
    """(first, second, check) of `<prefix>:<first>.<second>:<check>`."""
    if not data.startswith(prefix + SEP):
        return None
    parts = data[len(prefix) + 1 :].split(SEP)
    if len(parts) != 2 or not _TOKEN.match(parts[1]):
        return None
    first, dot, second = parts[0].partition(".")
    if not (dot and first.isdigit() and second.isdigit() and len(first) <= 12):
        return None
    return int(first), int(second), parts[1]


@dataclass(frozen=True)
class DeskCompanions(Payload):
    """Staff desk sign-up: how many people come along."""

    prefix = "st:wn"
    count: int
    check: str
