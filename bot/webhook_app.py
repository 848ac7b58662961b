"""The webhook server's request handler: bad JSON gets 400, an unparseable update is skipped.

Imported only in webhook mode (bot/raw_updates.py `use_skipping_webhook`): it needs tornado,
which a bot on long polling does not load (5 MB).
"""

from __future__ import annotations

import asyncio
import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Bot
from telegram.ext import ExtBot
from telegram.ext._utils import webhookhandler as ptb_webhook

from bot.raw_updates import parse_update

log = logging.getLogger("bot.raw_updates")  # where webhook lines were always logged


class SkippingTelegramHandler(ptb_webhook.TelegramHandler):
    """PTB's webhook handler, but bad JSON gets 400 and an unparseable update is skipped."""

    async def post(self) -> None:
        """Check the secret, then queue the update (or answer why not)."""
        self._validate_post()
        try:
            data = json.loads(self.request.body.decode())
        except (UnicodeDecodeError, ValueError):
            log.warning("webhook: refused a request whose body is not JSON")
            raise tornado.web.HTTPError(
                HTTPStatus.BAD_REQUEST, reason="Body is not JSON"
            ) from None
        self.set_status(HTTPStatus.OK)
        update = parse_update(data, self.bot)
        if update is None:
            return  # answered 200: Telegram counts it delivered and does not send it again
        if isinstance(self.bot, ExtBot):
            self.bot.insert_callback_data(update)
        await self.update_queue.put(update)

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """One line with the error's class; never the request (PTB's logs it at DEBUG)."""
        if isinstance(value, tornado.web.HTTPError):
            return  # an answer we chose (403, 400), already logged where it was chosen
        log.error("webhook: a request failed with %s", type(value).__name__)


class SkippingWebhookApp(ptb_webhook.WebhookAppClass):
    """PTB's webhook application with SkippingTelegramHandler at the webhook path."""

    def __init__(
        self,
        webhook_path: str,
        bot: Bot,
        update_queue: asyncio.Queue[object],
        secret_token: str | None = None,
    ) -> None:
        # As PTB's own __init__, with our handler in place of its.
        self.shared_objects = {
            "bot": bot,
            "update_queue": update_queue,
            "secret_token": secret_token,
        }
        handlers = [(rf"{webhook_path}/?", SkippingTelegramHandler, self.shared_objects)]
        tornado.web.Application.__init__(self, handlers)  # type: ignore[arg-type]
