"""Choosing and opening a backend from `VOORDEUR_DB`; what PostgreSQL's schema must match."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.backend import PostgresTarget, SqliteTarget, open_database, parse_db
from storage.db import MIGRATIONS_DIR, Store, discover_migrations
from storage.pg import MIGRATIONS_DIR as PG_MIGRATIONS_DIR
from storage.pg import PgStore, translate


def test_a_path_is_a_sqlite_file() -> None:
    assert parse_db("voordeur.sqlite3") == SqliteTarget("voordeur.sqlite3")
    assert parse_db(Path("/var/lib/voordeur/db.sqlite3")) == SqliteTarget(
        "/var/lib/voordeur/db.sqlite3"
    )


def test_a_postgresql_url_with_host_port_and_password() -> None:
    target = parse_db("postgresql://bot:s3cr%40t@db.example:5433/voordeur")
    assert isinstance(target, PostgresTarget)
    assert (target.host, target.port, target.user, target.database) == (
        "db.example",
        5433,
        "bot",
        "voordeur",
    )
    assert "s3cr" not in target.describe() and "db.example:5433/voordeur" in target.describe()


def test_a_postgresql_url_over_a_unix_socket() -> None:
    target = parse_db("postgresql:///voordeur?host=/run/postgresql")
    assert isinstance(target, PostgresTarget)
    assert (target.host, target.database, target.port) == ("/run/postgresql", "voordeur", None)
    assert isinstance(parse_db("postgres://u@/voordeur?host=/tmp"), PostgresTarget)


def test_a_password_given_as_a_url_parameter_is_never_shown_either() -> None:
    target = parse_db("postgresql://bot@/voordeur?host=/run/postgresql&password=hunter2")
    assert isinstance(target, PostgresTarget)
    assert target.describe() == "postgresql://bot@/voordeur?host=/run/postgresql"


@pytest.mark.parametrize(
    "value", ["mysql://u@h/db", "postgresql://host:5432/", "postgresql://h:notaport/db", " "]
)
def test_a_url_that_names_no_usable_database_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        parse_db(value)


def test_placeholders_are_rewritten_outside_literals_and_casts() -> None:
    sql, names = translate(
        "SELECT '?', \"a?\" FROM t WHERE a = ? AND b::text = ? -- c = ?\n AND d = ?"
    )
    assert sql == "SELECT '?', \"a?\" FROM t WHERE a = $1 AND b::text = $2 -- c = ?\n AND d = $3"
    assert names is None
    sql, names = translate("SELECT :user, :org WHERE x = :user AND y = 'it''s :no'")
    assert sql == "SELECT $1, $2 WHERE x = $1 AND y = 'it''s :no'"
    assert names == ("user", "org")


def test_both_backends_have_the_same_numbered_migrations() -> None:
    sqlite = [(m.version, m.name) for m in discover_migrations(MIGRATIONS_DIR)]
    assert [(m.version, m.name) for m in discover_migrations(PG_MIGRATIONS_DIR)] == sqlite


async def test_postgresql_has_every_table_and_column_sqlite_has(
    tmp_path: Path, pg_url: str
) -> None:
    async with await Store.open(tmp_path / "s.sqlite3") as sqlite:
        tables = [
            row["name"]
            for row in await sqlite.fetch_all(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        expected = {
            table: {row["name"] for row in await sqlite.fetch_all(f"PRAGMA table_info({table})")}
            for table in tables
        }
    pg = await open_database(pg_url)
    assert isinstance(pg, PgStore)
    try:
        rows = await pg.fetch_all(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public'"
        )
        assert await pg.schema_version() == len(discover_migrations(MIGRATIONS_DIR))
    finally:
        await pg.close()
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["table_name"], set()).add(row["column_name"])
    assert found == expected


async def test_opening_twice_does_not_migrate_again(pg_url: str) -> None:
    first = await open_database(pg_url)
    await first.close()
    again = await open_database(pg_url)
    try:
        assert await again.fetch_value("SELECT count(*) FROM schema_migrations") == len(
            discover_migrations(MIGRATIONS_DIR)
        )
    finally:
        await again.close()
