"""Translation between Telegram and the conversations: Update → Incoming, Reply → Bot API calls.

Choices made here (see docs/operations.md as well):

- Only private chats are served; the bot is a front door for one person at a time.
- Replies are sent as plain text (no parse_mode): nothing to escape, and Arabic renders right to
  left by itself.
- A button press is answered (answerCallbackQuery, which stops the spinner) and the answer arrives
  as a *new* message; the pressed message is left as it was. The chat stays a readable record of
  what was asked and answered, every answer notifies, and old buttons keep working because their
  payloads say everything the front door needs.
- Buttons that ask for the phone number or the location only exist on Telegram's reply keyboard, so
  a reply holding one gets a one-time reply keyboard instead of inline buttons. Payload buttons on
  that keyboard send their label as text; the adapter remembers the labels per chat and turns such
  a text back into the button press it stands for.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import re
import secrets
import warnings
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatAction, ChatType, MessageLimit
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.voice import VoiceClip
from conversations.reply import Button, Incoming, IncomingKind, Reply

log = logging.getLogger(__name__)

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096, counted by Telegram in UTF-16 code units
MAX_CALLBACK_DATA = 64  # bytes of UTF-8
_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?=\s|$)")
MAX_REMEMBERED_CHATS = 10_000  # reply-keyboard labels kept in memory, least recently used go

# A fresh salt per process: log lines of one run can be matched to each other, yet the short
# hash cannot be turned back into a Telegram id by trying all ids.
_SALT = secrets.token_bytes(16)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def pseudonym(user_id: int | None) -> str:
    """A short salted hash that stands for a user in log lines (never the id itself)."""
    if user_id is None:
        return "-"
    return hashlib.blake2s(str(user_id).encode(), key=_SALT, digest_size=4).hexdigest()


def utf16_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units (an emoji outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def never_arrived(error: TelegramError) -> bool:
    """Whether a failed send certainly did not reach the resident (so sending again is safe).

    Telegram answered with an error (a 5xx, a 429), or the request never left (no connection, no
    free connection in the pool). A timeout while waiting for the answer, or a connection that
    broke after the request went out, leaves it unknown: Telegram may have delivered it.
    """
    if isinstance(error, RetryAfter | BadRequest | Forbidden):
        return True
    cause = error.__cause__
    if isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return True
    if isinstance(cause, httpx.HTTPError) or isinstance(error, TimedOut):
        return False
    return isinstance(error, NetworkError)  # raised for an HTTP error status: Telegram answered


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut a text into messages of at most `limit` UTF-16 units, at paragraphs, lines or spaces."""
    chunks: list[str] = []
    rest = text.strip()
    while utf16_length(rest) > limit:
        # Find the longest prefix that fits, then step back to the nicest boundary inside it.
        end = min(len(rest), limit)
        while utf16_length(rest[:end]) > limit:
            end -= 1
        window = rest[:end]
        cut = -1
        for boundary in ("\n\n", "\n", " "):
            cut = window.rfind(boundary)
            if cut > limit // 4:
                break
        if cut <= limit // 4:
            cut = end
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    if rest:
        chunks.append(rest)
    return chunks


def _callback_fits(button: Button) -> bool:
    size = len(button.payload.encode("utf-8"))
    if 1 <= size <= MAX_CALLBACK_DATA:
        return True
    log.warning("dropped a button whose payload is %d bytes (Telegram allows 1-64)", size)
    return False


def inline_keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """Inline buttons: a payload becomes callback data, a url a link button.

    The same menus go out again and again, so a keyboard whose buttons all fit is built once and
    shared (PTB's markup objects cannot be changed once made).
    """
    key = tuple(tuple(row) for row in rows)
    if all(button.url or _fits(button.payload) for row in key for button in row):
        return _shared_inline_keyboard(key)
    return _inline_keyboard(key)  # built every time, so each dropped button is logged


def _fits(payload: str) -> bool:
    return 1 <= len(payload.encode("utf-8")) <= MAX_CALLBACK_DATA


@functools.lru_cache(maxsize=1024)
def _shared_inline_keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    return _inline_keyboard(rows)


def _inline_keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    keyboard: list[list[InlineKeyboardButton]] = []
    for row in rows:
        line: list[InlineKeyboardButton] = []
        for button in row:
            if button.url:
                line.append(InlineKeyboardButton(button.label, url=button.url))
            elif _callback_fits(button):
                line.append(InlineKeyboardButton(button.label, callback_data=button.payload))
        if line:
            keyboard.append(line)
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def needs_reply_keyboard(rows: Sequence[Sequence[Button]]) -> bool:
    """Whether some button asks for the contact or location (only a reply keyboard can)."""
    return any(b.request_contact or b.request_location for row in rows for b in row)


def reply_keyboard(
    rows: Sequence[Sequence[Button]],
) -> tuple[ReplyKeyboardMarkup | None, dict[str, str], list[Button]]:
    """A one-time reply keyboard, the label → payload map for its plain buttons, and the links.

    Link buttons cannot live on a reply keyboard; they are returned so the caller can show them.
    """
    keyboard: list[list[KeyboardButton]] = []
    labels: dict[str, str] = {}
    links: list[Button] = []
    for row in rows:
        line: list[KeyboardButton] = []
        for button in row:
            if button.url:
                links.append(button)
                continue
            line.append(
                KeyboardButton(
                    button.label,
                    request_contact=button.request_contact or None,
                    request_location=button.request_location or None,
                )
            )
            if button.payload and not (button.request_contact or button.request_location):
                labels[button.label] = button.payload
        if line:
            keyboard.append(line)
    if not keyboard:
        return None, labels, links
    markup = ReplyKeyboardMarkup(keyboard, resize_keyboard=True, one_time_keyboard=True)
    return markup, labels, links


@dataclass
class _ChatKeyboard:
    labels: dict[str, str]
    shown: bool = True  # a reply keyboard is (or may be) on the resident's screen


class TelegramAdapter:
    """Turns updates into Incoming messages and replies into Bot API calls, for private chats.

    Every reply answers something the resident did, and some confirm a change (a sign-up, a
    place on the waiting list, a cancellation): so each Bot API send is tried again, with
    backoff, while Telegram says it did not arrive (a 5xx, a 429 past the rate limiter's own
    retries) or the request never left. The at-most-in-flight rule keeps duplicates out: a
    message is never sent again while an earlier try of it may still be in flight. A try
    waits `send_timeout` for Telegram's answer (a slow answer is waited for, not repeated); only
    a try that got no answer at all within that time, or whose connection broke after the
    request went out, is of unknown fate, and such a message is sent once more at most: it may
    then arrive twice, never not at all while Telegram keeps answering. A refusal (BadRequest)
    is never repeated. The parts of one reply go one by one, so a part Telegram confirmed is
    never sent again when a later part needs another try.
    """

    def __init__(
        self,
        *,
        send_timeout: float = 60.0,
        attempts: int = 5,
        backoff: float = 1.0,
        backoff_max: float = 30.0,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self._keyboards: OrderedDict[int, _ChatKeyboard] = OrderedDict()
        self.send_timeout = send_timeout
        self.attempts = max(attempts, 1)
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.sleep = sleep

    # -- in ---------------------------------------------------------------------------------

    def to_incoming(self, update: Update) -> Incoming | None:
        """The neutral message an update stands for, or None for updates the bot ignores."""
        if update.callback_query is not None:
            return self._from_callback(update.callback_query)
        message = update.message
        if message is None or message.chat.type != ChatType.PRIVATE:
            return None
        user = message.from_user
        if user is None or user.is_bot:
            return None

        def incoming(kind: IncomingKind, **fields: object) -> Incoming:
            return Incoming(
                user_id=user.id,
                kind=kind,
                client_language=user.language_code,
                display_name=user.first_name or "",
                **fields,  # type: ignore[arg-type]
            )

        if message.location is not None:
            location = message.location
            return incoming(
                IncomingKind.LOCATION, latitude=location.latitude, longitude=location.longitude
            )
        if message.contact is not None:
            # Only the resident's own number counts; a forwarded card of someone else is not
            # theirs to give, so it is treated as an ordinary (empty) message.
            if message.contact.user_id == user.id:
                return incoming(IncomingKind.CONTACT, text=message.contact.phone_number)
            return incoming(IncomingKind.TEXT, text="")
        if voice_clip(update) is not None:
            return incoming(IncomingKind.VOICE)
        text = message.text or message.caption or ""
        command = parse_command(text)
        if command is not None:
            name, args = command
            return incoming(IncomingKind.COMMAND, payload=name, text=args)
        remembered = self._keyboards.get(user.id)
        if remembered is not None and text in remembered.labels:
            return incoming(IncomingKind.BUTTON, payload=remembered.labels[text])
        return incoming(IncomingKind.TEXT, text=text)

    def _from_callback(self, query: CallbackQuery) -> Incoming | None:
        if query.message is not None and query.message.chat.type != ChatType.PRIVATE:
            return None
        if query.from_user.is_bot:
            return None
        return Incoming(
            user_id=query.from_user.id,
            kind=IncomingKind.BUTTON,
            payload=query.data or "",
            client_language=query.from_user.language_code,
            display_name=query.from_user.first_name or "",
        )

    # -- voice ------------------------------------------------------------------------------

    async def download(self, bot: Bot, clip: VoiceClip) -> bytes:
        """The clip's bytes, fetched with getFile into memory (never onto disk)."""
        file = await bot.get_file(clip.file_id)
        return bytes(await file.download_as_bytearray())

    async def show_typing(self, bot: Bot, chat_id: int) -> None:
        """Telegram's "typing…" in the chat, for the next few seconds."""
        await bot.send_chat_action(chat_id, ChatAction.TYPING)

    # -- out --------------------------------------------------------------------------------

    async def answer_callback(self, query: CallbackQuery) -> None:
        """Stop the spinner on the pressed button; a query that is too old is not a problem."""
        try:
            await query.answer()
        except BadRequest as exc:
            log.info("could not answer a button press: %s", type(exc).__name__)
        except NetworkError as exc:
            log.warning("could not answer a button press: %s", type(exc).__name__)

    async def send_replies(self, bot: Bot, replies: Sequence[Reply], sender_chat: int) -> int:
        """Send each reply to its chat; return how many Bot API messages went out.

        A recipient who blocked the bot, a timeout or a refused message is logged and skipped;
        the other replies still go out, so one resident's trouble never silences another.
        """
        sent = 0
        unreachable: set[int] = set()
        for reply in replies:
            chat_id = reply.recipient if reply.recipient is not None else sender_chat
            if chat_id in unreachable:
                continue
            try:
                sent += await self._send_one(bot, reply, chat_id)
            except Forbidden:
                unreachable.add(chat_id)
                log.info(
                    "chat %s blocked the bot or left; reply not delivered", pseudonym(chat_id)
                )
            except BadRequest as exc:  # before NetworkError: PTB's BadRequest is a NetworkError
                name = type(exc).__name__
                log.error("Bot API refused a reply to chat %s: %s", pseudonym(chat_id), name)
            except RetryAfter:
                log.error(
                    "Bot API still said too many requests after %d tries; reply to chat %s lost",
                    self.attempts,
                    pseudonym(chat_id),
                )
            except NetworkError as exc:  # TimedOut is a NetworkError
                log.error(
                    "sending to chat %s failed %d times, last with %s; reply lost",
                    pseudonym(chat_id),
                    self.attempts,
                    type(exc).__name__,
                )
            except TelegramError as exc:
                log.error(
                    "Bot API refused a reply to chat %s: %s",
                    pseudonym(chat_id),
                    type(exc).__name__,
                )
        return sent

    async def _send_one(self, bot: Bot, reply: Reply, chat_id: int) -> int:
        markup, links = self._markup_for(reply, chat_id)
        text = reply.text
        if links:
            text = "\n".join([text, *(f"{b.label}: {b.url}" for b in links)]).strip()
        chunks = split_text(text) if text else []
        # The buttons go on the last message so they sit right above the input field.
        steps: list[str] = ["text"] * len(chunks)
        if reply.venue is not None:
            steps.append("venue")
        if reply.document is not None:
            steps.append("document")
        if not steps:
            if markup is not None:
                log.warning(
                    "reply with buttons but no text to chat %s; not sent", pseudonym(chat_id)
                )
            return 0
        sent = 0
        for index, step in enumerate(steps):
            last = index == len(steps) - 1
            step_markup = markup if last else None
            # Each part is its own send, so a confirmed part is never sent again.
            send: Callable[[], Awaitable[object]] | None = None
            common: dict[str, Any] = {
                "reply_markup": step_markup,
                "read_timeout": self.send_timeout,
            }
            if step == "text":
                send = functools.partial(bot.send_message, chat_id, chunks[index], **common)
            elif step == "venue" and reply.venue is not None:
                venue = reply.venue
                send = functools.partial(
                    bot.send_venue,
                    chat_id,
                    latitude=venue.latitude,
                    longitude=venue.longitude,
                    title=venue.title,
                    address=venue.address,
                    **common,
                )
            elif step == "document" and reply.document is not None:
                document = reply.document
                send = functools.partial(
                    bot.send_document,
                    chat_id,
                    document=document.content,
                    filename=document.filename,
                    **common,
                )
            if send is not None:
                await self._deliver(send, chat_id)
            sent += 1
        return sent

    async def _deliver(self, send: Callable[[], Awaitable[object]], chat_id: int) -> None:
        """One Bot API send, tried again by the at-most-in-flight rule (see the class)."""
        delay = self.backoff
        repeated_unknown = False
        for attempt in range(1, self.attempts + 1):
            try:
                await send()
                return
            except (Forbidden, BadRequest):
                raise  # the resident blocked the bot, or Telegram refused this message
            except NetworkError as exc:  # RetryAfter is not one; TimedOut is
                if attempt == self.attempts:
                    raise
                if not never_arrived(exc):
                    if repeated_unknown:
                        raise
                    repeated_unknown = True
                log.warning(
                    "sending to chat %s failed (%s, %s); trying again in %g s",
                    pseudonym(chat_id),
                    type(exc).__name__,
                    "it did not arrive" if never_arrived(exc) else "it may have arrived",
                    delay,
                )
                wait = delay
            except RetryAfter as exc:  # PTB's rate limiter already waited and tried again
                if attempt == self.attempts:
                    raise
                seconds = exc.retry_after
                wait = max(
                    seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds),
                    delay,
                )
                log.warning(
                    "Bot API said too many requests for chat %s; trying again in %g s",
                    pseudonym(chat_id),
                    wait,
                )
            await self.sleep(wait)
            delay = min(delay * 2, self.backoff_max)

    def _markup_for(self, reply: Reply, chat_id: int) -> tuple[Markup | None, list[Button]]:
        if needs_reply_keyboard(reply.buttons):
            markup, labels, links = reply_keyboard(reply.buttons)
            self._remember(chat_id, labels)
            return markup, links
        inline = inline_keyboard(reply.buttons)
        if inline is not None:
            return inline, []
        remembered = self._keyboards.get(chat_id)
        if remembered is not None and remembered.shown:
            # The request is over: take the reply keyboard away with the next plain message.
            remembered.shown = False
            return ReplyKeyboardRemove(), []
        return None, []

    def _remember(self, chat_id: int, labels: dict[str, str]) -> None:
        self._keyboards[chat_id] = _ChatKeyboard(labels)
        self._keyboards.move_to_end(chat_id)
        while len(self._keyboards) > MAX_REMEMBERED_CHATS:
            self._keyboards.popitem(last=False)


def voice_clip(update: Update) -> VoiceClip | None:
    """The voice message or audio file an update carries, if any."""
    message = update.message
    if message is None:
        return None
    sound = message.voice or message.audio
    if sound is None:
        return None
    with warnings.catch_warnings():
        # PTB 22 announces that duration becomes a timedelta; either way we want seconds.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        duration = sound.duration
    seconds = duration.total_seconds() if isinstance(duration, timedelta) else duration
    return VoiceClip(sound.file_id, seconds, sound.file_size)


def parse_command(text: str) -> tuple[str, str] | None:
    """(name, arguments) of a /command at the start of a text, else None.

    "/start ABC123" gives ("start", "ABC123"); "/Menu@VoordeurBot" gives ("menu", "").
    """
    match = _COMMAND.match(text)
    if match is None:
        return None
    return match.group(1).lower(), text[match.end() :].strip()
