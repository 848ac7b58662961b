"""Updates python-telegram-bot cannot parse, and log lines that would carry raw updates.

PTB parses a getUpdates batch as a whole: one update it cannot read (say a poll from an older Bot
API server, without fields PTB 22 requires) makes the whole batch fail, the offset never moves,
and the same batch is fetched again at once, forever. Its log line for that dumps the raw batch:
names, phone numbers, ids. Here each update is parsed on its own; one that cannot be parsed is
replaced by an empty update with the same id, so the offset moves past it (Telegram forgets it)
and nothing handles it. The log says its id and type, nothing else.

The same holds in webhook mode: PTB's request handler answers a body that is not JSON with 500
(so a sender tries again) and logs an unparseable update with its data; ours answers 400 and 200
(confirmed, not sent again) with one clean line each.

And whatever level the bot logs at, PTB's own log lines never carry parameters, results or
updates: `RawDataFilter` withholds them (PTB logs whole requests and updates at DEBUG).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from telegram import Bot, TelegramObject, Update
from telegram.constants import MessageType
from telegram.ext import ExtBot
from telegram.ext import _updater as ptb_updater

log = logging.getLogger(__name__)

# Fields of a Message that say what kind of message it is (text, poll, photo, ...).
_CONTENT_KINDS: frozenset[str] = frozenset(kind.value for kind in MessageType)
WITHHELD = "<withheld>"


def describe(raw: object) -> tuple[int | None, str]:
    """The update id and type of a raw update ("message/poll"), and nothing of its content."""
    if not isinstance(raw, Mapping):
        return None, type(raw).__name__
    update_id = raw.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        update_id = None
    kinds = [key for key in raw if key != "update_id" and isinstance(key, str)]
    kind = kinds[0] if kinds else "empty"
    inner = raw.get(kind)
    if isinstance(inner, Mapping):
        content = next((key for key in inner if key in _CONTENT_KINDS), None)
        if content is not None:
            kind = f"{kind}/{content}"
    return update_id, kind[:64]


def parse_update(raw: object, bot: Bot | None) -> Update | None:
    """The update, or None (logged by id and type) when PTB cannot parse it."""
    try:
        update = Update.de_json(raw, bot)  # type: ignore[arg-type]
    except Exception as exc:  # whatever PTB raises on data it does not expect
        update_id, kind = describe(raw)
        log.warning(
            "skipped update %s (%s): it could not be parsed (%s)",
            update_id if update_id is not None else "without an id",
            kind,
            type(exc).__name__,
        )
        return None
    return update if isinstance(update, Update) else None


def usable_batch(result: object, bot: Bot | None) -> object:
    """A getUpdates result in which every update can be parsed.

    An update that cannot be parsed becomes an empty one with the same id: it still moves the
    offset (so it is confirmed) but carries nothing to handle. One without an id cannot be
    confirmed anyway and is dropped.
    """
    if not isinstance(result, list):
        return result
    usable: list[object] = []
    for raw in result:
        if parse_update(raw, bot) is not None:
            usable.append(raw)
            continue
        update_id, _ = describe(raw)
        if update_id is not None:
            usable.append({"update_id": update_id})
    return usable


class SkippingBot(ExtBot):  # type: ignore[type-arg]
    """PTB's bot, except that one unparseable update never holds up the batch it came in."""

    async def _post(self, endpoint: str, data: Any = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates":
            return usable_batch(result, self)
        return result


def use_skipping_webhook() -> None:
    """Have PTB's Updater serve webhooks with SkippingWebhookApp.

    PTB offers no setting for its webhook request handler; the Updater builds its application
    from this module attribute when start_webhook runs.
    """
    if not ptb_updater.WEBHOOKS_AVAILABLE:
        return  # long polling, with tornado kept out (bot/cli.py): no webhook to serve
    from bot.webhook_app import SkippingWebhookApp

    ptb_updater.WebhookAppClass = SkippingWebhookApp  # type: ignore[misc]


# --- PTB's own log lines ------------------------------------------------------------------------

# Loggers whose records can carry request parameters, Bot API results or whole updates.
PTB_LOGGERS = (
    "telegram.Bot",
    "telegram.ext.ExtBot",
    "telegram.ext.Updater",
    "telegram.ext.Application",
    "telegram.request.BaseRequest",
    "telegram.request.HTTPXRequest",
)
_PARSE_FAILURES = ("Error while parsing updates", "Something went wrong processing the data")


class RawDataFilter(logging.Filter):
    """Withholds what a PTB log record would say about updates, parameters and results."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; a parse failure becomes one warning with ids and types."""
        template = str(record.msg)
        if template.startswith(_PARSE_FAILURES):
            raw = record.args[0] if isinstance(record.args, tuple) and record.args else None
            batch = raw if isinstance(raw, list) else [raw]
            described = ", ".join(f"{i} ({kind})" for i, kind in (describe(r) for r in batch))
            record.msg = "could not parse update(s) %s; their content is not logged"
            record.args = (described,)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
            return True
        if record.args and "secret token" in template:
            record.args = tuple(WITHHELD for _ in record.args)  # a guess at the secret
        elif record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(WITHHELD if _carries_data(arg) else arg for arg in args)
        return True


def _carries_data(value: object) -> bool:
    if isinstance(value, TelegramObject | Mapping | bytes):
        return True
    if isinstance(value, str):
        return value.lstrip()[:1] in ("{", "[", '"') or len(value) > 200
    return isinstance(value, Sequence)


_FILTER = RawDataFilter()


def quiet_ptb_loggers() -> None:
    """Put RawDataFilter on PTB's loggers (once; harmless to call again)."""
    for name in PTB_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
