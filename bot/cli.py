"""The `voordeur` command: chat, ask, check-data, import, run and the operations commands."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data import DEMO_ORGANISATIONS

if TYPE_CHECKING:
    from conversations.engine import FrontDoor

DEFAULT_DB = "voordeur.sqlite3"
_DB = "SQLite file or postgresql://user:password@host:port/dbname URL"
log = logging.getLogger("voordeur")


def _data_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--org", choices=DEMO_ORGANISATIONS, help="a bundled demo organisation")
    group.add_argument("--data", help="an organisation data file")


def _data_choice(args: argparse.Namespace) -> str:
    return args.data or args.org or "oostende"


def build_parser() -> argparse.ArgumentParser:
    """The command line of `voordeur`."""
    parser = argparse.ArgumentParser(prog="voordeur", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    _data_arguments(chat)
    chat.add_argument(
        "--db",
        default=os.environ.get("VOORDEUR_DB", DEFAULT_DB),
        help=f"SQLite file (default {DEFAULT_DB})",
    )
    chat.add_argument("--lang", help="your language code, as a Telegram client reports it")

    ask = commands.add_parser("ask", help="answer one question (or one per stdin line)")
    _data_arguments(ask)
    ask.add_argument("--lang", help="language code the client reports (nl, fr, en-GB...)")
    ask.add_argument("--at", help="local time of the question, YYYY-MM-DDTHH:MM")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("text", nargs="?", help="the question; without it, read stdin")

    check = commands.add_parser("check-data", help="check a data file, report every problem")
    check.add_argument("file")

    load = commands.add_parser("import", help="load a data file into the store")
    load.add_argument("file")
    load.add_argument(
        "--db",
        default=os.environ.get("VOORDEUR_DB", DEFAULT_DB),
        help="SQLite file or postgresql://user:password@host:port/dbname URL",
    )

    run = commands.add_parser("run", help="run the Telegram bot (configured by the environment)")
    run.add_argument("--config", type=Path, help="a TOML file with the same settings")
    run.add_argument("--webhook-url", help="receive updates by webhook at this public URL")
    run.add_argument("--listen", help="webhook listen address (default 0.0.0.0)")
    run.add_argument("--port", type=int, help="webhook port (default 8443)")

    save = commands.add_parser("backup", help="copy the store safely, even while the bot runs")
    save.add_argument("path", help="where to write the copy")
    save.add_argument(
        "--db",
        default=os.environ.get("VOORDEUR_DB", DEFAULT_DB),
        help="SQLite file (a PostgreSQL database is backed up with pg_dump)",
    )

    check_health = commands.add_parser("health", help="is the store reachable and data loaded?")
    check_health.add_argument("--db", default=os.environ.get("VOORDEUR_DB", DEFAULT_DB), help=_DB)

    code = commands.add_parser(
        "volunteer-code", help="print a one-time code that links a volunteer's Telegram"
    )
    code.add_argument("volunteer_id", metavar="VOLUNTEER_ID")
    _data_arguments(code)
    code.add_argument("--db", default=os.environ.get("VOORDEUR_DB", DEFAULT_DB), help=_DB)

    listen = commands.add_parser(
        "transcribe", help="print what an audio file says, on one line (the voice extra)"
    )
    listen.add_argument("file", help="OGG/Opus, WAV, MP3 or another common audio file")
    listen.add_argument(
        "--lang", help="the language spoken (default: recognised among the bot's eight)"
    )
    _data_arguments(listen)

    figures = commands.add_parser("report", help="write a month's figures as CSV and a PNG chart")
    figures.add_argument("--month", required=True, help="the month, YYYY-MM")
    _data_arguments(figures)
    figures.add_argument("--db", default=os.environ.get("VOORDEUR_DB", DEFAULT_DB), help=_DB)
    figures.add_argument("--out", default=".", help="folder for the files (default: here)")
    return parser


def _require_catalogs(*, load: bool = True) -> None:
    """Every language's translations present (`load`: loaded); else CatalogMissing, exit code 2."""
    from conversations.i18n import require_catalogs

    require_catalogs(load=load)


# -- ask ------------------------------------------------------------------------------------------


class _AskSession:
    """Front doors per organisation for one `ask` run: each data file is loaded once."""

    def __init__(self) -> None:
        self._doors: dict[str, FrontDoor] = {}

    async def door(self, data: str) -> FrontDoor:
        """The front door of the organisation of `data`, opened on first use."""
        from bot.runtime import build_front_door

        if data not in self._doors:
            self._doors[data] = await build_front_door(data, ":memory:")
        return self._doors[data]

    async def close(self) -> None:
        for door in self._doors.values():
            await door.close()


async def _ask_one(
    session: _AskSession, text: str, data: str, lang: str | None, at: str | None
) -> dict[str, Any]:
    from bot.runtime import parse_local_time

    door = await session.door(data)
    moment: datetime | None = parse_local_time(at, door.org.timezone) if at else None
    answer = await door.ask(text, client_language=lang, at=moment)
    return answer.to_json()


def _question_from_line(
    line: str, args: argparse.Namespace
) -> tuple[str, str, str | None, str | None]:
    data, lang, at, text = _data_choice(args), args.lang, args.at, line.strip()
    if text.startswith("{"):
        try:
            fields = json.loads(text)
        except json.JSONDecodeError:
            return text, data, lang, at
        if isinstance(fields, dict):
            text = str(fields.get("text", ""))
            data = str(fields.get("org") or data)
            lang = fields.get("lang") or lang
            at = fields.get("at") or at
    return text, data, lang, at


async def _ask(args: argparse.Namespace) -> int:
    _require_catalogs(load=False)  # one question needs one language: load it when used
    session = _AskSession()
    try:
        if args.text is not None:
            questions = [(args.text, _data_choice(args), args.lang, args.at)]
        else:
            questions = [_question_from_line(line, args) for line in sys.stdin if line.strip()]
        for text, data, lang, at in questions:
            try:
                result = await _ask_one(session, text, data, lang, at)
            except (ValueError, FileNotFoundError) as error:
                result = {"intent": "unknown", "error": str(error), "reply": str(error)}
            if args.json:
                print(json.dumps(result, ensure_ascii=False), flush=True)
            else:
                print(result["reply"], end="\n\n", flush=True)
    finally:
        await session.close()
    return 0


# -- other commands ----------------------------------------------------------------------------


def _check_data(args: argparse.Namespace) -> int:
    from storage.datafile import check_file

    problems = check_file(args.file)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        also = f" and {warnings} warning(s)" if warnings else ""
        print(f"{errors} problem(s){also} in {args.file}", file=sys.stderr)
        return 1
    if warnings:
        # Warnings may be intended: they are shown, and the file can still be imported
        print(f"{args.file}: no errors, {warnings} warning(s) to check")
        return 0
    print(f"{args.file}: no problems")
    return 0


async def _import(args: argparse.Namespace) -> int:
    from datetime import UTC

    from storage.backend import open_database
    from storage.datafile import DataFileError
    from storage.importer import import_file

    store = await open_database(args.db)  # a SQLite file or a postgresql:// URL
    try:
        report = await import_file(store, args.file, now=datetime.now(UTC))
    except DataFileError as error:
        print(error)
        return 1
    finally:
        await store.close()
    for line in report.summary_lines():
        print(line)
    for problem in report.problems:
        print(problem)
    return 0


async def _chat(args: argparse.Namespace) -> int:
    from bot.console import chat
    from bot.runtime import open_voordeur

    _require_catalogs()
    voordeur = await open_voordeur(_data_choice(args), args.db)
    try:
        await chat(voordeur, client_language=args.lang)
    finally:
        await voordeur.close()
    return 0


class _StartFailureInOneLine(logging.Filter):
    """PTB logs the start failure it then raises with a traceback; `run` says it in a sentence.

    The log keeps one line with the error's class and text: the traceback of a network error
    or a refused token says nothing more, and the operator reads the sentence below it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Fold a Telegram error's traceback into the message of PTB's "Aborting" line."""
        from telegram.error import BadRequest, InvalidToken, TelegramError

        error = record.exc_info[1] if record.exc_info else None
        if (
            isinstance(error, TelegramError)
            and not isinstance(error, BadRequest)
            and "Aborting" in str(record.msg)
        ):
            # InvalidToken's text contains the token itself: its class is enough.
            text = "" if isinstance(error, InvalidToken) else f": {error}"
            summary = f"{type(error).__name__}{text}".replace("%", "%%")  # msg is a template
            record.msg = f"{record.msg} ({summary})"
            record.exc_info = record.exc_text = None
        return True


def _run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from telegram.error import BadRequest, InvalidToken, NetworkError

    from bot.config import ConfigError, load_config

    try:
        config = load_config(toml_path=args.config)
    except ConfigError as error:
        print(f"configuration: {error}", file=sys.stderr)
        return 2
    if not (config.webhook_mode or args.webhook_url):
        # Long polling needs no web server: python-telegram-bot imports tornado for webhooks
        # only if it can, and it costs the bot 5 MB of memory. Marked absent before PTB loads.
        sys.modules.setdefault("tornado", None)  # type: ignore[arg-type]

    from bot.runtime import resolve_data
    from bot.telegram_app import run_bot
    from storage.datafile import DataFileError, check_file
    from storage.db import check_database

    # Before Telegram is contacted: missing translations, a database the bot cannot use or a
    # broken data file stop it with what is wrong (exit code 2), not a traceback after getMe.
    _require_catalogs()
    check_database(config.db_path)
    problems = check_file(resolve_data(config.data))
    if problems:
        raise DataFileError(problems)
    overrides = {
        key: value
        for key, value in (
            ("webhook_url", args.webhook_url),
            ("webhook_listen", args.listen),
            ("webhook_port", args.port),
        )
        if value is not None
    }
    ptb = logging.getLogger("telegram.ext")  # PTB's network retry loop logs as this one
    start_failure = _StartFailureInOneLine()
    ptb.addFilter(start_failure)
    try:
        run_bot(replace(config, **overrides) if overrides else config)
    except InvalidToken:
        # Never the token itself: it is a password.
        print(
            "Telegram refused the bot token (TELEGRAM_BOT_TOKEN): copy it again from @BotFather.",
            file=sys.stderr,
        )
        return 2
    except NetworkError as error:
        if isinstance(error, BadRequest):  # PTB's BadRequest is a NetworkError: our mistake
            raise
        # Only starting can end here: once running, PTB retries network errors itself.
        print(
            f"Cannot reach the Telegram Bot API at {config.api_base_url} ({error}): check the"
            " network and TELEGRAM_API_BASE_URL, then start again.",
            file=sys.stderr,
        )
        return 2
    finally:
        ptb.removeFilter(start_failure)
    return 0


async def _backup(args: argparse.Namespace) -> int:
    from bot.operations import backup

    target = await backup(args.db, args.path)
    print(f"backup written to {target}")
    return 0


async def _health(args: argparse.Namespace) -> int:
    from bot.operations import health

    report = await health(args.db)
    print(json.dumps(report, indent=2))
    return 0 if report["ok"] else 1


async def _volunteer_code(args: argparse.Namespace) -> int:
    from datetime import UTC

    from bot.runtime import resolve_data
    from rules.volunteers import CODE_VALID_FOR, create_code
    from storage.backend import open_database
    from storage.datafile import DataFileError
    from storage.repositories import repositories

    # The bot's own data and store, so the code works in the bot that runs on them.
    data = args.data or args.org or os.environ.get("VOORDEUR_DATA") or "oostende"
    now = datetime.now(UTC)
    store = await open_database(args.db)  # a SQLite file or a postgresql:// URL
    try:
        repos = repositories(store)
        try:
            report = await repos.organisations.import_file(resolve_data(data), now=now)
        except DataFileError as error:
            print(error, file=sys.stderr)
            return 1
        try:
            code = await create_code(repos, report.org_id, args.volunteer_id, now=now)
        except LookupError:
            print(f"no volunteer {args.volunteer_id!r} in {report.org_id}", file=sys.stderr)
            return 1
    finally:
        await store.close()
    until = (now + CODE_VALID_FOR).strftime("%Y-%m-%d %H:%M UTC")
    print(code)
    print(f"single use, valid until {until}: the volunteer sends /start {code}", file=sys.stderr)
    return 0


def _transcribe(args: argparse.Namespace) -> int:
    from bot import speech
    from bot.runtime import resolve_data
    from conversations.answers.voice import recogniser_prompt
    from conversations.i18n import normalise_language
    from storage.datafile import load_organisation

    lang = None
    if args.lang:
        lang = normalise_language(args.lang)
        if lang is None:
            print(f"--lang {args.lang}: not one of the bot's languages", file=sys.stderr)
            return 2
    data = Path(args.file).read_bytes()
    # Primed with the names of the organisation the bot serves, as the bot does.
    served = args.data or args.org or os.environ.get("VOORDEUR_DATA") or "oostende"
    org = load_organisation(resolve_data(served))
    try:
        recogniser = speech.Recogniser()
        heard = recogniser.transcribe(
            data, language=lang, prompt=recogniser_prompt(org, lang or org.default_language)
        )
    except speech.VoiceUnavailable as error:
        print(error, file=sys.stderr)
        return 3
    except speech.AudioError as error:
        print(f"{args.file}: not an audio file this can decode ({error})", file=sys.stderr)
        return 1
    print(heard.text, flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `voordeur` command."""
    from conversations.i18n import CatalogMissing
    from storage.datafile import DataFileError
    from storage.db import StoreUnusable

    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "ask":
            return asyncio.run(_ask(args))
        if args.command == "check-data":
            return _check_data(args)
        if args.command == "import":
            return asyncio.run(_import(args))
        if args.command == "chat":
            return asyncio.run(_chat(args))
        if args.command == "run":
            return _run(args)
        if args.command == "backup":
            return asyncio.run(_backup(args))
        if args.command == "health":
            return asyncio.run(_health(args))
        if args.command == "volunteer-code":
            return asyncio.run(_volunteer_code(args))
        if args.command == "transcribe":
            return _transcribe(args)
        if args.command == "report":
            from bot.report import report_command

            return asyncio.run(report_command(args))
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    except (StoreUnusable, CatalogMissing) as error:
        # What the bot cannot work without (its database, its translations): one sentence
        # saying what and what to do, for every command.
        print(error, file=sys.stderr)
        return 2
    except DataFileError as error:
        # `run` and `chat` on a data file with problems: each one as `file:line: message`.
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
