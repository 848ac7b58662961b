"""Configuration of the Telegram bot: environment variables over an optional TOML file.

The environment variables of the contract (``TELEGRAM_BOT_TOKEN``, ``TELEGRAM_API_BASE_URL``,
``VOORDEUR_DATA``, ``VOORDEUR_DB``, ``VOORDEUR_STAFF``) always win over the file, so a
twelve-factor deployment needs no file at all. The file is found at ``toml_path`` or
``$VOORDEUR_CONFIG``. See docs/operations.md for the full table.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storage.backend import is_postgres

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DATA = "oostende"
# Relative on purpose: the database lives in the directory `voordeur run` is started from,
# like the demo chat's file; production sets VOORDEUR_DB to an absolute path.
DEFAULT_DB_PATH = "voordeur.sqlite3"
DEFAULT_WEBHOOK_LISTEN = "127.0.0.1"
DEFAULT_WEBHOOK_PORT = 8443

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})
_LOG_LEVELS = frozenset({"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"})


class ConfigError(ValueError):
    """A setting is missing or has a value the bot cannot use; the message says which and why."""


@dataclass(frozen=True)
class BotConfig:
    """Everything `voordeur run` needs to talk to a Bot API server and serve one organisation."""

    token: str = ""
    api_base_url: str = DEFAULT_API_BASE_URL  # python-telegram-bot's base_url: the token follows
    file_base_url: str = ""  # derived from api_base_url when empty (".../file/bot")
    data: str = DEFAULT_DATA  # a demo organisation id or a data file path
    db_path: str | Path = Path(DEFAULT_DB_PATH)  # a SQLite file, or a postgresql:// URL
    staff_ids: frozenset[int] = frozenset()
    # Webhook mode is on when webhook_url is set; the rest only matter then.
    webhook_url: str | None = None
    webhook_listen: str = DEFAULT_WEBHOOK_LISTEN
    webhook_port: int = DEFAULT_WEBHOOK_PORT
    webhook_secret_token: str | None = None
    log_json: bool = False
    log_level: str = "INFO"
    # Telegram's published limits: about 30 messages a second overall and one a second per chat
    # (short bursts tolerated, hence the burst allowance).
    rate_overall_per_second: float = 30.0
    rate_per_chat_per_second: float = 1.0
    rate_chat_burst: int = 3
    max_retries: int = 2  # how often a request that got 429 Too Many Requests is tried again
    poll_timeout: float = 25.0  # seconds getUpdates waits on the server for news
    request_timeout: float = 10.0  # read timeout of every other Bot API request
    # A reply waits this long for Telegram's answer before its fate counts as unknown (a slow
    # answer is waited for, not repeated: see TelegramAdapter); a reply that did not arrive is
    # tried send_attempts times in all, send_backoff seconds apart at first, doubling.
    send_timeout: float = 60.0
    send_attempts: int = 5
    send_backoff: float = 1.0
    # Updates of different residents run side by side; one resident's updates stay in order.
    concurrent_updates: int = 8
    # Voice messages (with the voice extra): off answers every voice message with "please type".
    voice: bool = True
    voice_workers: int = 1  # clips transcribed at once, each in a process of its own
    voice_idle: float = 600.0  # seconds without a clip before the worker and its model go

    def __post_init__(self) -> None:
        if not self.file_base_url:
            object.__setattr__(self, "file_base_url", derive_file_base_url(self.api_base_url))

    @property
    def webhook_mode(self) -> bool:
        """Whether the bot receives updates by webhook instead of long polling."""
        return bool(self.webhook_url)

    @property
    def webhook_path(self) -> str:
        """The URL path the webhook server listens on, taken from webhook_url."""
        path = urlsplit(self.webhook_url or "").path.strip("/")
        return path or "telegram"


def derive_file_base_url(api_base_url: str) -> str:
    """The file base URL that goes with a Bot API base URL (".../bot" → ".../file/bot")."""
    base = api_base_url.rstrip("/")
    if base.endswith("/bot"):
        return base[: -len("bot")] + "file/bot"
    return base + "/file/bot"


# (section, key in the TOML file) → BotConfig field. The environment variable, if any, wins.
_SETTINGS: tuple[tuple[str, str, str, str | None], ...] = (
    ("telegram", "token", "token", "TELEGRAM_BOT_TOKEN"),
    ("telegram", "api_base_url", "api_base_url", "TELEGRAM_API_BASE_URL"),
    ("telegram", "file_base_url", "file_base_url", "TELEGRAM_API_FILE_BASE_URL"),
    ("telegram", "poll_timeout", "poll_timeout", "VOORDEUR_POLL_TIMEOUT"),
    ("telegram", "request_timeout", "request_timeout", "VOORDEUR_REQUEST_TIMEOUT"),
    ("telegram", "send_timeout", "send_timeout", "VOORDEUR_SEND_TIMEOUT"),
    ("telegram", "send_attempts", "send_attempts", "VOORDEUR_SEND_ATTEMPTS"),
    ("telegram", "send_backoff", "send_backoff", "VOORDEUR_SEND_BACKOFF"),
    ("telegram", "concurrent_updates", "concurrent_updates", "VOORDEUR_CONCURRENT_UPDATES"),
    ("voordeur", "data", "data", "VOORDEUR_DATA"),
    ("voordeur", "db", "db_path", "VOORDEUR_DB"),
    ("voordeur", "staff", "staff_ids", "VOORDEUR_STAFF"),
    ("webhook", "url", "webhook_url", "VOORDEUR_WEBHOOK_URL"),
    ("webhook", "listen", "webhook_listen", "VOORDEUR_WEBHOOK_LISTEN"),
    ("webhook", "port", "webhook_port", "VOORDEUR_WEBHOOK_PORT"),
    ("webhook", "secret_token", "webhook_secret_token", "VOORDEUR_WEBHOOK_SECRET"),
    ("logging", "json", "log_json", "VOORDEUR_LOG_JSON"),
    ("logging", "level", "log_level", "VOORDEUR_LOG_LEVEL"),
    ("rate_limit", "overall_per_second", "rate_overall_per_second", "VOORDEUR_RATE_OVERALL"),
    ("rate_limit", "per_chat_per_second", "rate_per_chat_per_second", "VOORDEUR_RATE_PER_CHAT"),
    ("rate_limit", "chat_burst", "rate_chat_burst", "VOORDEUR_RATE_CHAT_BURST"),
    ("rate_limit", "max_retries", "max_retries", "VOORDEUR_MAX_RETRIES"),
    ("voice", "enabled", "voice", "VOORDEUR_VOICE"),
    ("voice", "workers", "voice_workers", "VOORDEUR_VOICE_WORKERS"),
    ("voice", "idle_seconds", "voice_idle", "VOORDEUR_VOICE_IDLE"),
)


def _parse_staff(value: object, origin: str) -> frozenset[int]:
    items: list[object]
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",") if part.strip()]
    elif isinstance(value, list):
        items = list(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        items = [value]
    else:
        raise ConfigError(f"{origin}: expected comma-separated Telegram user ids")
    ids: set[int] = set()
    for item in items:
        if isinstance(item, bool):
            raise ConfigError(f"{origin}: {item!r} is not a Telegram user id")
        try:
            number = int(item)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise ConfigError(
                f"{origin}: {item!r} is not a Telegram user id (ids are whole numbers, "
                "e.g. VOORDEUR_STAFF=123456789,987654321)"
            ) from None
        if number <= 0:
            raise ConfigError(f"{origin}: {item!r} is not a Telegram user id (must be positive)")
        ids.add(number)
    return frozenset(ids)


def _parse_bool(value: object, origin: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ConfigError(f"{origin}: {value!r} is not a yes/no value (use true or false)")


def _number(kind: type[int] | type[float], *, minimum: float) -> Callable[[object, str], Any]:
    def parse(value: object, origin: str) -> int | float:
        if isinstance(value, bool):
            raise ConfigError(f"{origin}: {value!r} is not a number")
        try:
            number = kind(value if isinstance(value, int | float) else str(value))
        except (TypeError, ValueError):
            raise ConfigError(f"{origin}: {value!r} is not a number") from None
        if kind is int and isinstance(value, float) and value != number:
            raise ConfigError(f"{origin}: {value!r} is not a whole number")
        if number < minimum:
            raise ConfigError(f"{origin}: {value!r} must be at least {minimum:g}")
        return number

    return parse


def _text(value: object, origin: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{origin}: expected text, got {value!r}")
    return value.strip()


def _optional_text(value: object, origin: str) -> str | None:
    return _text(value, origin) or None


def _url(value: object, origin: str) -> str:
    text = _text(value, origin)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{origin}: {text!r} is not an http(s) URL")
    return text


def _optional_url(value: object, origin: str) -> str | None:
    return _url(value, origin) if _text(value, origin) else None


def _port(value: object, origin: str) -> int:
    port = _number(int, minimum=1)(value, origin)
    if port > 65535:
        raise ConfigError(f"{origin}: {value!r} is not a TCP port (1-65535)")
    return int(port)


def _log_level(value: object, origin: str) -> str:
    level = _text(value, origin).upper()
    if level not in _LOG_LEVELS:
        known = ", ".join(sorted(_LOG_LEVELS))
        raise ConfigError(f"{origin}: {value!r} is not a log level ({known})")
    return level


def _path(value: object, origin: str) -> str | Path:
    """A SQLite file as a Path, or a postgresql:// URL kept as text (a Path would fold its //)."""
    text = _text(value, origin)
    if not text:
        raise ConfigError(f"{origin}: the database path is empty")
    try:
        if is_postgres(text):
            return text
    except ValueError as error:
        raise ConfigError(f"{origin}: {error}") from None
    return Path(text).expanduser()


_PARSERS: dict[str, Callable[[object, str], Any]] = {
    "token": _text,
    "api_base_url": _url,
    "file_base_url": _optional_url,
    "poll_timeout": _number(float, minimum=0),
    "request_timeout": _number(float, minimum=0.1),
    "send_timeout": _number(float, minimum=0.1),
    "send_attempts": _number(int, minimum=1),
    "send_backoff": _number(float, minimum=0),
    "concurrent_updates": _number(int, minimum=1),
    "data": _text,
    "db_path": _path,
    "staff_ids": _parse_staff,
    "webhook_url": _optional_url,
    "webhook_listen": _text,
    "webhook_port": _port,
    "webhook_secret_token": _optional_text,
    "log_json": _parse_bool,
    "log_level": _log_level,
    "rate_overall_per_second": _number(float, minimum=0),
    "rate_per_chat_per_second": _number(float, minimum=0),
    "rate_chat_burst": _number(int, minimum=1),
    "max_retries": _number(int, minimum=0),
    "voice": _parse_bool,
    "voice_workers": _number(int, minimum=1),
    "voice_idle": _number(float, minimum=1),
}


def _read_toml(path: Path) -> dict[str, dict[str, object]]:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    known: dict[str, set[str]] = {}
    for section, key, _, _ in _SETTINGS:
        known.setdefault(section, set()).add(key)
    for section, table in document.items():
        if section not in known or not isinstance(table, dict):
            raise ConfigError(
                f"config file {path}: unknown section [{section}] "
                f"(known: {', '.join(sorted(known))})"
            )
        # Typos should fail loudly rather than leave a default silently in place.
        for key in table:
            if key not in known[section]:
                raise ConfigError(f"config file {path}: unknown setting {section}.{key}")
    return document


def load_config(
    env: Mapping[str, str] | None = None,
    toml_path: Path | None = None,
    *,
    require_token: bool = True,
) -> BotConfig:
    """Read the bot's settings from a TOML file and the environment (the environment wins)."""
    env = os.environ if env is None else env
    if toml_path is None and env.get("VOORDEUR_CONFIG"):
        toml_path = Path(env["VOORDEUR_CONFIG"])
    document = _read_toml(toml_path) if toml_path is not None else {}
    values: dict[str, Any] = {}
    for section, key, name, variable in _SETTINGS:
        raw: object
        if variable is not None and variable in env:
            raw, origin = env[variable], variable
        elif key in document.get(section, {}):
            raw, origin = document[section][key], f"{toml_path}: {section}.{key}"
        else:
            continue
        values[name] = _PARSERS[name](raw, origin)
    if values.get("file_base_url") is None:
        values.pop("file_base_url", None)
    if values.get("webhook_url") is None:
        values.pop("webhook_url", None)
    config = BotConfig(**values)
    if require_token and not config.token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: ask @BotFather for a token "
            "(see docs/operations.md) and put it in the environment or the config file"
        )
    if config.token and not re.fullmatch(r"[0-9]+:[A-Za-z0-9_-]+", config.token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters)"
        )
    secret = config.webhook_secret_token
    if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
        raise ConfigError(
            "VOORDEUR_WEBHOOK_SECRET may only hold 1-256 letters, digits, '_' and '-' "
            "(Telegram's rule for secret_token)"
        )
    return config
