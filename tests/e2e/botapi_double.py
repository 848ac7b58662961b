"""A Bot API server double on loopback: speaks enough of the Bot API for the bot, records calls.

The real Application talks HTTP to it through `base_url`, exactly as it talks to Telegram or to a
self-hosted telegram-bot-api server. Tests queue updates as residents would send them, then look
at what the bot called. Faults (429, 403, a stalled answer) can be injected per method or chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from conversations.payloads import Payload, unpack_any

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Voordeur",
    "username": "VoordeurTestBot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
SENDING_METHODS = frozenset(
    {"sendMessage", "sendVenue", "sendDocument", "sendLocation", "editMessageText"}
)
# Parameters PTB sends JSON-encoded inside a form body.
_JSON_PARAMS = frozenset(
    {"reply_markup", "commands", "menu_button", "allowed_updates", "scope", "link_preview_options"}
)
_NUMBER_PARAMS = frozenset(
    {"chat_id", "offset", "limit", "timeout", "message_id", "latitude", "longitude", "cache_time"}
)


@dataclass(frozen=True)
class Call:
    """One Bot API request the bot made."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when it arrived
    status: int = 200  # the HTTP status the double answered with
    answered: bool = True  # False when the double stalled it (the client timed out)

    @property
    def chat_id(self) -> int | None:
        """The chat the call was about, if any."""
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        """The text of a message (empty for other calls)."""
        return str(self.params.get("text", ""))

    @property
    def keyboard(self) -> list[list[dict[str, Any]]]:
        """The buttons of the call's reply markup, inline or reply keyboard."""
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard") or markup.get("keyboard") or []

    def button_data(self) -> list[str]:
        """The callback data of every inline button."""
        return [b["callback_data"] for row in self.keyboard for b in row if "callback_data" in b]

    def payloads(self) -> list[Payload | str]:
        """The callback data of every inline button, typed (a string only if no type fits)."""
        return [unpack_any(data) or data for data in self.button_data()]

    def find(self, wanted: Payload | type[Payload]) -> str:
        """The callback data of the first button that is `wanted` (a value, or of a type)."""
        for data in self.button_data():
            typed = unpack_any(data)
            if typed == wanted or (isinstance(wanted, type) and isinstance(typed, wanted)):
                return data
        raise AssertionError(f"no {wanted!r} among {self.button_data()}")


@dataclass
class _Fault:
    method: str
    status: int
    description: str
    chat_id: int | None = None
    retry_after: int | None = None
    stall: bool = False
    times: int = 1
    delay: float = 0.0  # answer normally (the message arrives), but only after this long


@dataclass
class BotApiDouble:
    """The server. Use `async with BotApiDouble(token) as api:`; `api.base_url` goes to PTB."""

    token: str = "123456:TEST-double-token"
    max_poll_wait: float = 1.0  # long polls never wait longer, whatever the bot asks
    stall_limit: float = 5.0  # a stalled answer is held at most this long
    calls: list[Call] = field(default_factory=list)
    queued_at: dict[int, float] = field(default_factory=dict)  # update id → time it was queued

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._faults: list[_Fault] = []
        self._blocked: set[int] = set()
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.webhook: dict[str, Any] = {}
        self.listeners: list[Callable[[Call], None]] = []
        self._closing = False
        self._files: dict[str, bytes] = {}  # file_id → content, served by getFile + download
        self._rate: int | None = None  # messages a second accepted, overall (enforce_rate)
        self._accepted: deque[float] = deque()  # when the messages of the last second came
        self.downloads: list[str] = []  # file paths the bot downloaded, in order

    # -- server ---------------------------------------------------------------------------------

    async def __aenter__(self) -> BotApiDouble:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])  # the ephemeral port the site got
        return self

    async def end_long_polls(self) -> None:
        """Answer waiting and future getUpdates at once, so the bot stops without waiting."""
        self._closing = True
        async with self._changed:
            self._changed.notify_all()

    async def __aexit__(self, *exc: object) -> None:
        self._release.set()  # let stalled answers go so the server can stop at once
        await self.end_long_polls()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """The Bot API base URL in python-telegram-bot's sense (the token follows)."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _read_params(request)
        too_many = self._over_rate(method)
        if too_many is not None:
            call = Call(method, params, time.monotonic(), status=429)
            self.calls.append(call)
            for listener in self.listeners:
                listener(call)
            return _error(429, f"Too Many Requests: retry after {too_many}", too_many)
        fault = self._fault_for(method, params)
        stalled = fault is not None and fault.stall
        status = fault.status if fault is not None and not stalled and not fault.delay else 200
        call = Call(method, params, time.monotonic(), status=status, answered=not stalled)
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        async with self._changed:
            self._changed.notify_all()
        if fault is not None and fault.delay:
            await asyncio.sleep(fault.delay)
            fault = None
        if fault is not None:
            if fault.stall:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._release.wait(), self.stall_limit)
                return _ok(True)
            return _error(fault.status, fault.description, fault.retry_after)
        handler = getattr(self, "_api_" + method, None)
        result = await handler(params) if handler is not None else True
        async with self._changed:
            self._changed.notify_all()  # e.g. getUpdates just forgot the confirmed updates
        return _ok(result)

    async def _download(self, request: web.Request) -> web.Response:
        """A file download, as the Bot API serves it at base_file_url + token + file_path."""
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        path = request.match_info["path"]
        content = self._files.get(path.removeprefix("voice/"))
        if content is None:
            return _error(404, "Not Found")
        self.downloads.append(path)
        return web.Response(body=content, content_type="application/octet-stream")

    def _fault_for(self, method: str, params: dict[str, Any]) -> _Fault | None:
        chat_id = params.get("chat_id")
        if method in SENDING_METHODS and chat_id is not None and int(chat_id) in self._blocked:
            return _Fault(method, 403, "Forbidden: bot was blocked by the user")
        for fault in self._faults:
            if fault.method == method and fault.chat_id in (None, chat_id):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _over_rate(self, method: str) -> int | None:
        """With enforce_rate: the retry_after for a message beyond the limit, else None."""
        if self._rate is None or method not in SENDING_METHODS:
            return None
        now = time.monotonic()
        while self._accepted and self._accepted[0] <= now - 1.0:
            self._accepted.popleft()
        if len(self._accepted) >= self._rate:
            return max(1, math.ceil(self._accepted[0] + 1.0 - now))  # whole seconds, as Telegram
        self._accepted.append(now)
        return None

    # -- fault injection ------------------------------------------------------------------------

    def enforce_rate(self, per_second: int = 30) -> None:
        """Act as Telegram's flood control: more than `per_second` messages (sendMessage and the
        other sending methods, all chats together) within any one second get 429 retry_after."""
        self._rate = per_second

    def too_many_requests(self) -> list[Call]:
        """The calls answered 429 Too Many Requests."""
        return [c for c in self.calls if c.status == 429]

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int | None = 1,
        *,
        chat_id: int | None = None,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with an error (429 Too Many Requests)."""
        if status != 429:
            retry_after = None
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after}",
                403: "Forbidden: bot was blocked by the user",
                502: "Bad Gateway",
            }.get(status, "Bad Request: injected by the test double")
        self._faults.append(
            _Fault(method, status, description, chat_id, retry_after, False, times)
        )

    def block(self, chat_id: int) -> None:
        """The resident of `chat_id` blocked the bot: every send to them gets 403."""
        self._blocked.add(chat_id)

    def stall_next(self, method: str, *, chat_id: int | None = None) -> None:
        """Hold the answer to the next call of `method` until the client has given up on it."""
        self._faults.append(_Fault(method, 200, "", chat_id, None, True, 1))

    def slow_next(self, method: str, seconds: float, *, chat_id: int | None = None) -> None:
        """Answer the next call of `method` normally (it arrives), but only after `seconds`."""
        self._faults.append(_Fault(method, 200, "", chat_id, None, False, 1, seconds))

    def release_stalled(self) -> None:
        """Answer the stalled calls now."""
        self._release.set()

    # -- what residents send --------------------------------------------------------------------

    def _user(self, user_id: int, language_code: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"Resident{user_id}"}
        if language_code:
            user["language_code"] = language_code
        return user

    def _message(self, user_id: int, language_code: str | None, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": f"Resident{user_id}"},
            "from": self._user(user_id, language_code),
            **content,
        }

    def queue_update(self, update: dict[str, Any]) -> int:
        """Make an update available to getUpdates; returns its update id."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        self.queued_at[update_id] = time.monotonic()
        self._wake()
        return update_id

    def take_update(self) -> dict[str, Any]:
        """The update queued last, taken out of the queue (to post it to a webhook instead)."""
        update = self._updates.pop()
        self.queued_at.pop(int(update["update_id"]), None)
        return update

    def next_update_id(self) -> int:
        """An update id the double has not used yet (for raw updates)."""
        return next(self._update_ids)

    def queue_raw(self, update: dict[str, Any]) -> int:
        """Serve an update exactly as given (its own update_id), whatever PTB makes of it."""
        update_id = int(update["update_id"])
        self._updates.append(update)
        self._updates.sort(key=lambda u: u["update_id"])
        self.queued_at[update_id] = time.monotonic()
        self._wake()
        return update_id

    def queue_text(self, user_id: int, text: str, language_code: str | None = "nl") -> int:
        """A resident types a message."""
        return self.queue_update({"message": self._message(user_id, language_code, text=text)})

    def queue_command(
        self, user_id: int, command: str, args: str = "", language_code: str | None = "nl"
    ) -> int:
        """A resident sends /command (with arguments, e.g. a /start deep-link code)."""
        word = "/" + command.lstrip("/")
        text = f"{word} {args}".strip()
        entity = {"type": "bot_command", "offset": 0, "length": len(word)}
        message = self._message(user_id, language_code, text=text, entities=[entity])
        return self.queue_update({"message": message})

    def queue_callback(
        self,
        user_id: int,
        data: Payload | str,
        message_id: int = 1,
        language_code: str | None = "nl",
    ) -> int:
        """A resident presses an inline button of an earlier message."""
        data = data.pack() if isinstance(data, Payload) else data
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": BOT_USER,
            "text": "…",
        }
        query = {
            "id": str(next(self._callback_ids)),
            "from": self._user(user_id, language_code),
            "chat_instance": f"ci{user_id}",
            "data": data,
            "message": message,
        }
        return self.queue_update({"callback_query": query})

    def queue_location(
        self, user_id: int, latitude: float, longitude: float, language_code: str | None = "nl"
    ) -> int:
        """A resident shares a location."""
        location = {"latitude": latitude, "longitude": longitude}
        return self.queue_update(
            {"message": self._message(user_id, language_code, location=location)}
        )

    def queue_contact(
        self,
        user_id: int,
        phone_number: str,
        language_code: str | None = "nl",
        *,
        contact_user_id: int | None = None,
    ) -> int:
        """A resident shares a phone number (their own unless `contact_user_id` says otherwise)."""
        contact = {
            "phone_number": phone_number,
            "first_name": f"Resident{user_id}",
            "user_id": user_id if contact_user_id is None else contact_user_id,
        }
        return self.queue_update(
            {"message": self._message(user_id, language_code, contact=contact)}
        )

    def add_file(self, content: bytes) -> str:
        """Keep a file the bot may fetch with getFile; returns its file_id."""
        file_id = f"file{len(self._files) + 1}"
        self._files[file_id] = content
        return file_id

    def queue_voice(
        self,
        user_id: int,
        content: bytes,
        duration: int,
        language_code: str | None = "nl",
        *,
        as_audio_file: bool = False,
    ) -> int:
        """A resident records a voice message (OGG/Opus), or sends an audio file."""
        file_id = self.add_file(content)
        sound = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "duration": duration,
            "mime_type": "audio/mpeg" if as_audio_file else "audio/ogg",
            "file_size": len(content),
        }
        key = "audio" if as_audio_file else "voice"
        return self.queue_update(
            {"message": self._message(user_id, language_code, **{key: sound})}
        )

    def _wake(self) -> None:
        async def notify() -> None:
            async with self._changed:
                self._changed.notify_all()

        asyncio.ensure_future(notify())  # noqa: RUF006 - short-lived; nothing to wait for

    # -- what tests look at ---------------------------------------------------------------------

    def calls_of(self, method: str) -> list[Call]:
        """Every call of one method, in order."""
        return [c for c in self.calls if c.method == method]

    def sent_to(self, chat_id: int) -> list[Call]:
        """Every message (text, venue, document, location, edit) the bot sent to a chat."""
        return [c for c in self.calls if c.method in SENDING_METHODS and c.chat_id == chat_id]

    def delivered_to(self, chat_id: int) -> list[Call]:
        """Messages to a chat that the double accepted and answered: what the resident sees."""
        return [c for c in self.sent_to(chat_id) if c.status == 200 and c.answered]

    def texts_to(self, chat_id: int) -> list[str]:
        """The texts of the messages sent to a chat."""
        return [c.text for c in self.sent_to(chat_id) if c.method == "sendMessage"]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until `predicate()` holds (re-checked at every call the bot makes)."""

        async def until() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        try:
            await asyncio.wait_for(until(), timeout)
        except TimeoutError:
            raise AssertionError(f"the bot did not do it within {timeout} s") from None

    async def wait_for_calls(
        self, method: str, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        """Wait until the bot made `count` calls of `method`; return them."""
        await self.wait_for(lambda: len(self.calls_of(method)) >= count, timeout)
        return self.calls_of(method)

    async def wait_for_sent(
        self, chat_id: int, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        """Wait until `count` messages went to a chat; return them."""
        await self.wait_for(lambda: len(self.sent_to(chat_id)) >= count, timeout)
        return self.sent_to(chat_id)

    async def wait_until_consumed(self, timeout: float = 5.0) -> None:
        """Wait until the bot has fetched and confirmed every queued update."""
        await self.wait_for(lambda: not self._updates, timeout)

    # -- Bot API methods ------------------------------------------------------------------------

    async def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        # Telegram forgets updates below the offset: the bot has confirmed them.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and wait > 0 and not self._closing:
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self._updates) or self._closing), wait
                    )
        return self._updates[:limit]

    def _sent_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            **content,
        }
        if params.get("reply_markup") and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._sent_message(params, text=params.get("text", ""))

    async def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._sent_message(params, text=params.get("text", ""))
        message["message_id"] = int(params.get("message_id", 0))
        return message

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._sent_message(params, text="…")
        message["message_id"] = int(params.get("message_id", 0))
        return message

    async def _api_sendVenue(self, params: dict[str, Any]) -> dict[str, Any]:
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        venue = {"location": location, "title": params["title"], "address": params["address"]}
        return self._sent_message(params, venue=venue, location=location)

    async def _api_sendLocation(self, params: dict[str, Any]) -> dict[str, Any]:
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        return self._sent_message(params, location=location)

    async def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        upload = params.get("document")
        name = upload["filename"] if isinstance(upload, dict) else "file"
        size = len(upload["content"]) if isinstance(upload, dict) else 0
        document = {
            "file_id": f"doc{next(self._message_ids)}",
            "file_unique_id": "u",
            "file_name": name,
            "file_size": size,
        }
        return self._sent_message(params, document=document)

    async def _api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id", ""))
        if file_id not in self._files:
            return {"file_id": file_id, "file_unique_id": f"u{file_id}"}  # no file_path: gone
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(self._files[file_id]),
            "file_path": f"voice/{file_id}",
        }

    async def _api_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        language = params.get("language_code", "")
        for call in reversed(self.calls_of("setMyCommands")):
            if call.params.get("language_code", "") == language:
                return list(call.params.get("commands", []))
        return []


async def _read_params(request: web.Request) -> dict[str, Any]:
    """The parameters of a request: query string, then a JSON, form or multipart body."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json() if request.can_read_body else {}
        params.update(body or {})
        return params
    if request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = {
                    "filename": value.filename,
                    "content": value.file.read(),
                    "content_type": value.content_type,
                }
            else:
                params[key] = _decode(key, str(value))
    # Multipart bodies refer to uploads as "attach://name"; resolve them for the tests.
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.pop(value.removeprefix("attach://"), value)
    return params


def _decode(key: str, value: str) -> Any:
    if key in _JSON_PARAMS:
        return json.loads(value)
    if key in _NUMBER_PARAMS:
        try:
            return int(value)
        except ValueError:
            return float(value)
    return value


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)
