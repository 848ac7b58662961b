"""The python-telegram-bot Application: wiring, polling or webhook, errors, commands, shutdown.

The handlers are thin: every resident update goes through `TelegramAdapter` to the transport-free
`FrontDoor` and its replies come back the same way. Resources are opened in `post_init` and
closed in `post_shutdown`, like PTB's own examples.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import signal
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from telegram import BotCommand, MenuButtonCommands, Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)
from telegram.request import HTTPXRequest

from bot.budget import BudgetRateLimiter, SharedBudget
from bot.config import BotConfig
from bot.dispatcher import Limits, TelegramSender
from bot.raw_updates import SkippingBot, quiet_ptb_loggers, use_skipping_webhook
from bot.runtime import Voordeur, budget_for, open_voordeur
from bot.telegram_adapter import TelegramAdapter, pseudonym, voice_clip
from bot.voice import VoiceListener, listen, listener_if_available, with_heard_line
from conversations.guards import Arrival
from conversations.reply import Incoming, IncomingKind, Reply
from storage.clock import Clock
from storage.db import utc_now_iso
from storage.records import set_meta
from storage.send_budget import SendLedger

if TYPE_CHECKING:
    from bot.leader import Leader
    from bot.scheduler import ReminderScheduler

log = logging.getLogger(__name__)


LANGUAGES: tuple[str, ...] = ("nl", "fr", "de", "en", "tr", "ar", "pl", "uk")
ALLOWED_UPDATES: list[str] = [Update.MESSAGE, Update.CALLBACK_QUERY]
LAST_UPDATE_KEY = "last_update_at"  # meta key: when the bot last handled an update
HEARTBEAT_EVERY = timedelta(seconds=10)  # at most one heartbeat write per this interval
RUNTIME_KEY = "voordeur"  # where the runtime lives in Application.bot_data
BACKLOG_PER_SLOT = 2  # updates in hand per concurrent slot before fetching more waits
MAX_CHAT_BACKLOG = 20  # updates of one chat waiting their turn; more are dropped (a flood)


class FrontDoorLike(Protocol):
    """What the transport needs from conversations.engine.FrontDoor."""

    def arrive(self, incoming: Incoming) -> Arrival:
        """A message just arrived, before it queues: handle it, or drop it (a flood)."""
        ...

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message."""
        ...

    def error_replies(self, client_language: str | None) -> list[Reply]:
        """An apology and the menu, for when handling a message failed."""
        ...

    def command_descriptions(self, lang: str) -> list[tuple[str, str]]:
        """The commands and their descriptions in one language."""
        ...

    async def conversation_language(self, user_id: int, client_language: str | None) -> str:
        """The language a resident's conversation is in (the first guess for their speech)."""
        ...

    def voice_prompt(self, lang: str) -> str:
        """Names to prime speech recognition with."""
        ...

    async def close(self) -> None:
        """Close the store."""
        ...


@dataclass
class _Chat:
    """One chat's place in the processor: its order, and how many of its updates wait."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0  # admitted, waiting for the chat's previous update to finish
    tasks: int = 0  # updates of this chat in the processor at all
    overflowing: bool = False  # its backlog was full and an update was dropped (logged once)


class ChatQueueProcessor(BaseUpdateProcessor):
    """Each chat's updates in order, different chats side by side, a flood dropped on arrival.

    - An update passes `admit` the moment it arrives (the flood guard counts it there); a
      flooder's updates are dropped before they queue.
    - A chat's updates wait for its previous one without holding anything another chat needs:
      the concurrency slot (`slots`) is taken by the handler only while the front door works,
      so a chat whose replies wait for Telegram's per-chat pacing holds no slot; and a parked
      update does not count against the polling backlog.
    - A chat never has more than `max_backlog` updates waiting; more are dropped. A dropped
      update is handed to `on_drop`, so a dropped button press still stops its spinner.
    """

    def __init__(self, max_concurrent_updates: int, max_backlog: int = MAX_CHAT_BACKLOG) -> None:
        super().__init__(max(max_concurrent_updates, 2))  # PTB runs updates as tasks from 2
        self.slots = asyncio.BoundedSemaphore(max(max_concurrent_updates, 1))
        self.max_backlog = max_backlog
        self.admit: Callable[[object], bool] = lambda update: True
        self.on_drop: Callable[[object], Awaitable[None]] | None = None  # e.g. stop a spinner
        self.backlog: UpdateBacklog | None = None  # polling only
        self.dropped = 0
        self._chats: dict[int, _Chat] = {}
        self._idle = asyncio.Event()
        self._idle.set()

    # PTB marks process_update final; this processor replaces it on purpose, to queue per chat.
    async def process_update(  # type: ignore[misc]
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        """Drop the update, or wait for its chat's turn (holding no slot) and process it."""
        key = _user_id(update) or 0
        chat = self._chats.get(key)
        admitted = self.admit(update)
        full = chat is not None and key != 0 and chat.waiting >= self.max_backlog
        if not admitted or full:
            _close(coroutine)
            self.dropped += 1
            if self.on_drop is not None:
                await self.on_drop(update)
            if full and chat is not None and not chat.overflowing:
                chat.overflowing = True
                log.info(
                    "chat %s has %d updates waiting; dropping more", pseudonym(key), chat.waiting
                )
            return
        if chat is None:
            chat = self._chats[key] = _Chat()
        chat.tasks += 1
        self._idle.clear()
        parked = chat.lock.locked()
        if parked:
            chat.waiting += 1
            if self.backlog is not None:
                self.backlog.park()
        try:
            async with chat.lock:
                if parked:
                    chat.waiting -= 1
                    if self.backlog is not None:
                        self.backlog.unpark()
                if not chat.waiting:
                    chat.overflowing = False
                await coroutine
        finally:
            chat.tasks -= 1
            if not chat.tasks:
                del self._chats[key]
                if not self._chats:
                    self._idle.set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Not used: process_update does the work."""
        await coroutine

    async def wait_idle(self) -> None:
        """Wait until no update is waiting or being processed."""
        await self._idle.wait()

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close: PTB waits for the update tasks before this."""


def _close(coroutine: Awaitable[Any]) -> None:
    """Discard a coroutine that will not run (so Python does not warn it was never awaited)."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()


class UpdateBacklog(asyncio.Queue):  # type: ignore[type-arg]
    """PTB's update queue with backpressure: no new getUpdates while `limit` updates are in hand.

    An update is in hand from the moment it is fetched until its handling is done (PTB calls
    `task_done` then). While the bot keeps up nothing ever waits; when it falls behind, further
    updates wait at Telegram instead of piling up in memory, and the next poll brings them as a
    batch instead of one at a time (each poll is a full Bot API round trip).
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.in_hand = 0
        self._room = asyncio.Event()
        self._room.set()

    async def put(self, item: object) -> None:
        """Queue an item; an update waits for room first (PTB's stop signal never does)."""
        while isinstance(item, Update) and self.in_hand >= self.limit:
            self._room.clear()
            await self._room.wait()
        self.in_hand += 1
        await super().put(item)

    def task_done(self) -> None:
        """One item is finished with: there may be room for the next."""
        super().task_done()
        self.park()

    def park(self) -> None:
        """An update waits for its chat's previous one: it does not hold back other chats'."""
        self.in_hand -= 1
        if self.in_hand < self.limit:
            self._room.set()

    def unpark(self) -> None:
        """A parked update's turn came: it is in hand again."""
        self.in_hand += 1


class VoordeurRuntime:
    """The Telegram side of the bot: the composition root it is handed, adapter and callbacks.

    `voordeur` (bot.runtime) is opened in post_init from the config; a test may hand in a
    stand-in front door instead, and then there is no store and no reminders.
    """

    def __init__(
        self,
        config: BotConfig,
        front_door: FrontDoorLike | None = None,
        clock: Clock | None = None,
        voice: VoiceListener | bool = True,
    ) -> None:
        self.config = config
        self.front_door = front_door
        self.clock = clock
        # One budget for everything this bot sends: the replies (through PTB's rate limiter)
        # and the outbox dispatcher, which takes what the replies leave.
        self.budget = budget_for(config)
        self.voordeur: Voordeur | None = None
        self.adapter = TelegramAdapter(
            send_timeout=max(config.send_timeout, config.request_timeout),
            attempts=config.send_attempts,
            backoff=config.send_backoff,
        )
        self.slots = asyncio.BoundedSemaphore(max(config.concurrent_updates, 1))
        # True: a listener of our own when the voice extra is here; a listener: shared (tests).
        self._own_voice = not isinstance(voice, VoiceListener)
        self.voice: VoiceListener | None = None
        if isinstance(voice, VoiceListener):
            self.voice = voice
        elif voice and config.voice:
            self.voice = listener_if_available(
                workers=config.voice_workers, idle_seconds=config.voice_idle
            )
        self.updates_handled = 0
        self.last_update_id: int | None = None
        self.leader: Leader | None = None  # started in post_init; runs the reminders when leading
        self._last_heartbeat: datetime | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    async def post_init(self, application: Application) -> None:  # type: ignore[type-arg]
        """Open the front door (store, data) and tell Telegram the commands and menu button."""
        if self.front_door is None:
            self.voordeur = await open_voordeur(
                self.config.data,
                self.config.db_path,
                clock=self.clock,
                staff_ids=self.config.staff_ids,
                config=self.config,
                budget=self.budget,
            )
            self.front_door = self.voordeur.front_door
        await self.publish_commands(application)
        if self.voordeur is not None:
            from bot.leader import Leader
            from bot.scheduler import start_reminders

            voordeur = self.voordeur
            limits = Limits(
                overall_per_second=self.config.rate_overall_per_second,
                per_chat_per_second=self.config.rate_per_chat_per_second,
            )

            async def lead() -> ReminderScheduler:
                """Become the one process that plans and sends reminders."""
                return await start_reminders(voordeur, TelegramSender(application.bot), limits)

            self.leader = Leader(voordeur.store.leadership(), lead)
            # With long polling only the leader may poll (Telegram allows one poller): a
            # standby waits here, before polling starts. With a webhook every process serves
            # the updates it gets and only the reminders wait for the leadership.
            await self._join(voordeur)  # before anything is sent: replies or reminders
            await self.leader.start(wait=not self.config.webhook_mode)
            # After each update (group 1 runs after the front door): a resident the outbox
            # found blocked is reachable again. (A sign-up says so itself: store.changes.)
            application.add_handler(TypeHandler(Update, self.after_update), group=1)

    @property
    def reminders(self) -> ReminderScheduler | None:
        """The reminder scheduler, while this process is the leader; else None."""
        from bot.scheduler import ReminderScheduler

        duty = self.leader.duty if self.leader is not None else None
        return duty if isinstance(duty, ReminderScheduler) else None

    async def after_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Clear a resident's unreachable mark and plan their reminders again.

        Cheap for most updates: the unreachable residents are known in memory (the store stays
        the truth).
        """
        reminders, voordeur = self.reminders, self.voordeur
        user = update.effective_user
        # Only the leader runs the scheduler; a standby leaves the mark to it.
        if reminders is None or voordeur is None or user is None:
            return
        if user.id in reminders.unreachable:
            from storage.outbox import mark_reachable

            reminders.unreachable.discard(user.id)
            await mark_reachable(voordeur.store, user.id)
            reminders.poke(user.id)  # their reminders were left out while they were unreachable

    async def _join(self, voordeur: Voordeur) -> None:
        """Count this process on the store; on PostgreSQL take slots from the shared budget."""
        await voordeur.store.join()
        if isinstance(self.budget, SharedBudget) and voordeur.store.backend == "postgresql":
            ledger = SendLedger(voordeur.store)
            self.budget.attach(ledger)

    async def post_shutdown(self, application: Application) -> None:  # type: ignore[type-arg]
        """Stop the reminders, then close the front door, which flushes and closes the store."""
        if self.leader is not None:
            await self.leader.stop()  # a standby takes over the reminders at once
            self.leader = None
        if self.front_door is not None:
            await self.front_door.close()  # the front door owns the store: the root's too
            self.front_door = None
            self.voordeur = None
        if self.voice is not None and self._own_voice:
            await self.voice.close()
        log.info("shut down after %d updates", self.updates_handled)

    async def publish_commands(self, application: Application) -> None:  # type: ignore[type-arg]
        """Set the command list per language and the commands menu button (best effort)."""
        bot = application.bot
        default = self.voordeur.org.default_language if self.voordeur is not None else "nl"
        try:
            await bot.set_my_commands(self._commands(default))
            for lang in LANGUAGES:
                await bot.set_my_commands(self._commands(lang), language_code=lang)
            await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
        except TelegramError as exc:
            # A bot without its command list still answers; do not refuse to start over it.
            log.warning("could not publish the command list: %s", type(exc).__name__)

    def _commands(self, lang: str) -> list[BotCommand]:
        assert self.front_door is not None
        pairs = self.front_door.command_descriptions(lang)
        return [BotCommand(name, description) for name, description in pairs]

    # -- callbacks ------------------------------------------------------------------------------

    def admit(self, update: object) -> bool:
        """On arrival, before the update queues: False drops it (its sender is flooding)."""
        if self.front_door is None or not isinstance(update, Update):
            return True
        incoming = self.adapter.to_incoming(update)
        return incoming is None or self.front_door.arrive(incoming) is not Arrival.DROP

    async def on_dropped(self, update: object) -> None:
        """A dropped button press is still answered, so its spinner does not turn on."""
        if isinstance(update, Update) and update.callback_query is not None:
            await self.adapter.answer_callback(update.callback_query)

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Pass a resident's message or button press to the front door and send its replies."""
        incoming = self.adapter.to_incoming(update)
        if incoming is None:
            return
        if update.callback_query is not None:
            await self.adapter.answer_callback(update.callback_query)
        assert self.front_door is not None, "post_init opens the front door"
        clip = voice_clip(update) if incoming.kind is IncomingKind.VOICE else None
        heard = None
        if clip is not None:
            # Listening holds no slot: the worker does that work, not this process.
            incoming, heard = await listen(
                self.front_door,
                self.voice,
                incoming,
                clip,
                download=lambda: self.adapter.download(context.bot, clip),
                typing=lambda: self.adapter.show_typing(context.bot, incoming.user_id),
            )
        # A slot only while the front door works: sending waits for the chat's pacing, and a
        # chat that waits must not keep another resident from being answered.
        async with self.slots:
            replies = await self.front_door.handle(incoming)
        if heard is not None:
            replies = with_heard_line(replies, heard)
        await self.adapter.send_replies(context.bot, replies, incoming.user_id)
        self.updates_handled += 1
        self.last_update_id = update.update_id
        await self._heartbeat()

    async def _heartbeat(self) -> None:
        """Record in the store when the last update was handled, for `voordeur health`."""
        if self.voordeur is None:
            return
        now = datetime.now(UTC)
        if self._last_heartbeat is not None and now - self._last_heartbeat < HEARTBEAT_EVERY:
            return
        self._last_heartbeat = now
        await set_meta(self.voordeur.store, LAST_UPDATE_KEY, utc_now_iso(now))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log what failed (class and update id only) and tell the resident, with the menu."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        if isinstance(error, Forbidden):
            log.info("update %s: the resident blocked the bot", update_id)
            return
        if isinstance(error, RetryAfter | NetworkError):
            # The Bot API or the network is the trouble: telling the resident would fail too.
            log.warning("update %s: Bot API unreachable (%s)", update_id, type(error).__name__)
            return
        if error is None:
            log.error("update %s: unknown error", update_id)
            return
        # Code locations only: an exception's message may quote what the resident wrote.
        where = "".join(traceback.format_tb(error.__traceback__)).rstrip()
        log.error("update %s failed with %s\n%s", update_id, type(error).__name__, where)
        if not isinstance(update, Update) or update.effective_user is None:
            return
        user = update.effective_user
        try:
            replies = self.error_replies(user.language_code)
            await self.adapter.send_replies(context.bot, replies, user.id)
        except Exception as exc:  # the error path must never raise
            log.error(
                "could not tell %s about the error: %s", pseudonym(user.id), type(exc).__name__
            )

    def error_replies(self, client_language: str | None) -> list[Reply]:
        """The front door's apology and menu, in the resident's language."""
        if self.front_door is None:
            return []
        return self.front_door.error_replies(client_language)


def build_application(
    config: BotConfig,
    front_door: FrontDoorLike | None = None,
    *,
    clock: Clock | None = None,
    voice: VoiceListener | bool = True,
) -> Application:  # type: ignore[type-arg]
    """The Application for a config; without a front door, post_init builds one from the config.

    The Application owns the front door either way: post_shutdown closes it. `voice` True makes
    a voice listener when the voice extra is installed (and the config allows), False none; a
    listener passed in is shared and left running.
    """
    runtime = VoordeurRuntime(config, front_door, clock, voice)
    limiter = BudgetRateLimiter(runtime.budget, max_retries=config.max_retries)
    timeout = config.request_timeout
    quiet_ptb_loggers()
    use_skipping_webhook()
    # The bot is built here rather than by the builder only to be a SkippingBot (PTB's ExtBot
    # that skips an update it cannot parse); the requests are the ones the builder would make.
    bot = SkippingBot(
        token=config.token,
        base_url=config.api_base_url,
        base_file_url=config.file_base_url,
        request=HTTPXRequest(
            connection_pool_size=256,
            read_timeout=timeout,
            write_timeout=timeout,
            connect_timeout=timeout,
            pool_timeout=timeout,
        ),
        # getUpdates waits poll_timeout on the server; PTB adds it to this read timeout.
        get_updates_request=HTTPXRequest(
            connection_pool_size=1, read_timeout=timeout, connect_timeout=timeout
        ),
        rate_limiter=limiter,
    )
    builder = ApplicationBuilder()
    processor = ChatQueueProcessor(config.concurrent_updates)
    processor.admit = runtime.admit
    processor.on_drop = runtime.on_dropped
    if not config.webhook_mode:
        # Polling fetches what the bot can take; a webhook is answered at once, as Telegram wants.
        processor.backlog = UpdateBacklog(BACKLOG_PER_SLOT * max(config.concurrent_updates, 1))
        builder.update_queue(processor.backlog)
    application = (
        builder.bot(bot)
        .concurrent_updates(processor)
        .post_init(runtime.post_init)
        .post_shutdown(runtime.post_shutdown)
        .build()
    )
    application.bot_data[RUNTIME_KEY] = runtime
    application.add_handler(TypeHandler(Update, runtime.on_update))
    application.add_error_handler(runtime.on_error)
    return application


def runtime_of(application: Application) -> VoordeurRuntime:  # type: ignore[type-arg]
    """The runtime build_application put in the application."""
    runtime = application.bot_data[RUNTIME_KEY]
    assert isinstance(runtime, VoordeurRuntime)
    return runtime


def _user_id(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


def webhook_secret(config: BotConfig) -> str:
    """The configured secret token, or a fresh one for this run (setWebhook is sent each start)."""
    if config.webhook_secret_token:
        return config.webhook_secret_token
    log.info("no webhook secret token configured; using a random one for this run")
    return secrets.token_urlsafe(32)


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line, for log collectors; tracebacks as code locations only."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            entry["error"] = type(error).__name__
            entry["traceback"] = "".join(traceback.format_tb(error.__traceback__)).rstrip()
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(config: BotConfig) -> None:
    """Log to standard error, as text or JSON lines, at the configured level."""
    handler = logging.StreamHandler()
    if config.log_json:
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(config.log_level)
    # httpx logs every request URL at INFO, and a Bot API URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # At DEBUG these write whole updates, Bot API parameters and query results: names, ids and
    # what residents wrote. Whatever level the bot runs at, they say no more than INFO.
    quiet = max(logging.INFO, root.getEffectiveLevel())
    for chatty in ("telegram", "aiosqlite", "apscheduler"):
        logging.getLogger(chatty).setLevel(quiet)


def run_bot(config: BotConfig) -> None:
    """Run the bot until SIGINT or SIGTERM: long polling, or a webhook when one is configured.

    On a signal PTB stops fetching, finishes the updates in hand, then post_shutdown closes the
    store.
    """
    configure_logging(config)
    application = build_application(config)
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    if config.webhook_mode:
        log.info(
            "starting with a webhook on %s:%d/%s",
            config.webhook_listen,
            config.webhook_port,
            config.webhook_path,
        )
        application.run_webhook(
            listen=config.webhook_listen,
            port=config.webhook_port,
            url_path=config.webhook_path,
            webhook_url=config.webhook_url,
            secret_token=webhook_secret(config),
            allowed_updates=ALLOWED_UPDATES,
            stop_signals=stop_signals,
        )
        return
    log.info("starting with long polling")
    application.run_polling(
        timeout=int(config.poll_timeout),
        allowed_updates=ALLOWED_UPDATES,
        stop_signals=stop_signals,
    )


async def start_polling(application: Application, poll_timeout: float) -> None:  # type: ignore[type-arg]
    """Start an application's polling inside a running event loop (tests, the benchmark).

    The same steps as run_polling without taking over the loop; undo with stop_polling.
    """
    await _initialize(application)

    def on_poll_error(exc: TelegramError) -> None:
        """Hand polling errors to the error handlers, as run_polling does."""
        _background(application.process_error(error=exc, update=None))

    assert application.updater is not None
    await application.updater.start_polling(
        timeout=timedelta(seconds=poll_timeout),
        allowed_updates=ALLOWED_UPDATES,
        error_callback=on_poll_error,
    )
    await application.start()


async def start_webhook(application: Application, config: BotConfig) -> None:  # type: ignore[type-arg]
    """Start an application's webhook server inside a running event loop (tests).

    The same steps as run_webhook without taking over the loop; undo with stop_polling.
    """
    await _initialize(application)
    assert application.updater is not None
    await application.updater.start_webhook(
        listen=config.webhook_listen,
        port=config.webhook_port,
        url_path=config.webhook_path,
        webhook_url=config.webhook_url,
        secret_token=webhook_secret(config),
        allowed_updates=ALLOWED_UPDATES,
    )
    await application.start()


async def stop_polling(application: Application) -> None:  # type: ignore[type-arg]
    """Stop what start_polling or start_webhook started: updater, application, post_shutdown."""
    assert application.updater is not None
    if application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


async def _initialize(application: Application) -> None:  # type: ignore[type-arg]
    await application.initialize()
    if application.post_init is None:
        return
    try:
        await application.post_init(application)
    except BaseException:
        # As run_polling does: a bot that cannot open its data does not stay half started.
        await application.shutdown()
        raise


_TASKS: set[asyncio.Task[Any]] = set()


def _background(coroutine: Coroutine[Any, Any, Any]) -> None:
    task = asyncio.ensure_future(coroutine)
    _TASKS.add(task)  # keep a reference until done, as asyncio's documentation asks
    task.add_done_callback(_TASKS.discard)
