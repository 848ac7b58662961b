"""Which database a `VOORDEUR_DB` / `--db` value names, and opening it.

A value is either a SQLite file path (the embedded default) or a PostgreSQL URL:
`postgresql://user:password@host:port/dbname`, or the Unix-socket form
`postgresql:///dbname?host=/path/to/socketdir` (`postgres://` is accepted as well).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from storage.db import Database, Migration, Store, StoreUnusable

POSTGRES_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class SqliteTarget:
    """A SQLite database file (or ":memory:")."""

    path: str

    def describe(self) -> str:
        """How to name it in messages and logs."""
        return self.path


@dataclass(frozen=True)
class PostgresTarget:
    """A PostgreSQL database, as a libpq-style URL that asyncpg understands."""

    url: str
    database: str
    host: str  # a host name, an address, or a Unix-socket directory
    port: int | None
    user: str | None

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        parts = urlsplit(self.url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, hostport = netloc.rsplit("@", 1)
            netloc = f"{userinfo.split(':', 1)[0]}@{hostport}"
        # libpq also takes the password as a parameter (?password=...): never shown either.
        query = urlencode(
            [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"],
            safe="/",
        )
        return urlunsplit(parts._replace(netloc=netloc, query=query))


DbTarget = SqliteTarget | PostgresTarget


def parse_db(value: str | os.PathLike[str]) -> DbTarget:
    """Read a `VOORDEUR_DB` value: a PostgreSQL URL, or else a SQLite path.

    Raises ValueError for a URL of another scheme (a typo must not silently become a SQLite
    file named "mysql:/...") and for a PostgreSQL URL without a database name.
    """
    text = os.fspath(value).strip()
    if not text:
        raise ValueError("the database is empty: give a SQLite file or a postgresql:// URL")
    scheme, sep, _ = text.partition("://")
    if not sep:
        return SqliteTarget(text)
    if scheme.lower() not in POSTGRES_SCHEMES:
        raise ValueError(
            f"unknown database URL scheme {scheme!r}: give a SQLite file path or a "
            "postgresql://user:password@host:port/dbname URL"
        )
    parts = urlsplit(text)
    query = parse_qs(parts.query)
    database = unquote(parts.path.lstrip("/")) or (query.get("dbname") or [""])[0]
    if not database:
        raise ValueError(f"no database name in {scheme}:// URL (…/dbname)")
    host = parts.hostname or (query.get("host") or [""])[0] or "localhost"
    try:
        port = parts.port or (int(query["port"][0]) if "port" in query else None)
    except ValueError as error:
        raise ValueError(f"bad port in the database URL: {error}") from None
    user = unquote(parts.username) if parts.username else (query.get("user") or [""])[0] or None
    return PostgresTarget(url=text, database=database, host=host, port=port, user=user)


def _reason(error: BaseException) -> str:
    """What went wrong connecting, in a few words without the password."""
    if isinstance(error, OSError):
        return f"cannot connect ({error.strerror or error.__class__.__name__})"
    return str(error).splitlines()[0].rstrip(".")


def is_postgres(value: str | os.PathLike[str]) -> bool:
    """Whether a `VOORDEUR_DB` value names a PostgreSQL database."""
    return isinstance(parse_db(value), PostgresTarget)


async def open_database(
    value: str | os.PathLike[str] | DbTarget,
    *,
    migrations: list[Migration] | None = None,
    read_only: bool = False,
) -> Database:
    """Open the store a `VOORDEUR_DB` value names and bring its schema up to date.

    `read_only` opens it as it is, to read (the health check): no migration, no write.
    """
    target = value if isinstance(value, SqliteTarget | PostgresTarget) else parse_db(value)
    if isinstance(target, PostgresTarget):
        # Imported here: a SQLite-only installation never loads the PostgreSQL driver.
        import asyncpg

        from storage.pg import PgStore

        try:
            if read_only:
                return await PgStore.open(target.url, migrate=False, read_only=True, pool_size=1)
            return await PgStore.open(target.url, migrations=migrations)
        except (
            OSError,  # no server at that address or socket
            asyncpg.InvalidAuthorizationSpecificationError,  # unknown user, wrong password
            asyncpg.InvalidCatalogNameError,  # no such database
            asyncpg.InsufficientPrivilegeError,
        ) as error:
            raise StoreUnusable(
                f"Cannot use the database {target.describe()}: {_reason(error)}; check that "
                "PostgreSQL runs there and that the URL, user and password are right."
            ) from error
    if read_only:
        return await Store.open_read_only(Path(target.path))
    return await Store.open(Path(target.path), migrations=migrations)
