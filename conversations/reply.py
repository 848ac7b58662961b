"""The neutral message types that flow between a transport and the conversations."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from conversations.bidi import RTL_LANGUAGES, for_language
from conversations.payloads import Payload, unpack_any


class IncomingKind(StrEnum):
    """What a resident sent."""

    TEXT = "text"
    BUTTON = "button"
    COMMAND = "command"
    LOCATION = "location"
    CONTACT = "contact"
    VOICE = "voice"  # a voice message nobody could listen to; payload names why


@dataclass(frozen=True)
class Incoming:
    """A message from a person, free of any transport's types."""

    user_id: int
    kind: IncomingKind
    text: str = ""  # the text, the command's arguments, or the contact's phone number
    payload: str = ""  # button payload or command name (without the slash)
    latitude: float | None = None
    longitude: float | None = None
    client_language: str | None = None  # what the Telegram client reports, e.g. "en-GB"
    display_name: str = ""


@dataclass(frozen=True, init=False)
class Button:
    """A button: what it says and the payload it sends back when pressed."""

    label: str
    payload: str = ""  # a typed Payload given here is kept packed
    url: str | None = None  # a link button instead of a payload
    request_contact: bool = False  # Telegram's "share my phone number" button
    request_location: bool = False  # Telegram's "share my location" button

    def __init__(
        self,
        label: str,
        payload: Payload | str = "",
        url: str | None = None,
        request_contact: bool = False,
        request_location: bool = False,
    ) -> None:
        object.__setattr__(self, "label", label)
        data = payload.pack() if isinstance(payload, Payload) else payload
        object.__setattr__(self, "payload", data)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "request_contact", request_contact)
        object.__setattr__(self, "request_location", request_location)

    @property
    def typed(self) -> Payload | None:
        """The payload read back as its type; None for a link or a payload of no type."""
        return unpack_any(self.payload) if self.payload else None


@dataclass(frozen=True)
class Venue:
    """A place to show on a map."""

    latitude: float
    longitude: float
    title: str
    address: str


@dataclass(frozen=True)
class Document:
    """A file to send, such as an .ics calendar entry."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Reply:
    """One message to show the person: text, button rows, and optionally a venue or file."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    venue: Venue | None = None
    document: Document | None = None
    recipient: int | None = None  # None: the person who wrote; else another user (staff)
    language: str = "nl"
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # The one place where right-to-left replies get their bidi isolates: numbers, times,
        # dates, prices and Latin names inside Arabic keep their order on every transport.
        if self.language in RTL_LANGUAGES:
            object.__setattr__(self, "text", for_language(self.text, self.language))
            rows = tuple(
                tuple(replace(b, label=for_language(b.label, self.language)) for b in row)
                for row in self.buttons
            )
            object.__setattr__(self, "buttons", rows)
