"""`voordeur import FILE` into PostgreSQL as an operator runs it: real command, real server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storage.backend import open_database
from storage.records import list_organisation_ids, list_records

DATA = Path(__file__).resolve().parents[2] / "data"


def voordeur(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the `voordeur` command in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )


async def test_import_into_postgresql_by_url_then_again_unchanged(pg_url: str) -> None:
    first = voordeur("import", str(DATA / "oostende.yaml"), "--db", pg_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "oostende: imported"
    assert "activities: 16" in first.stdout

    # VOORDEUR_DB names the same database when --db is not given
    again = voordeur("import", str(DATA / "oostende.yaml"), env={"VOORDEUR_DB": pg_url})
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "oostende: unchanged"

    db = await open_database(pg_url)
    try:
        assert await list_organisation_ids(db) == ["oostende"]
        activities = await list_records(db, "activities", "oostende")
        assert len(activities) == 16
        assert {"christmas-lunch", "pedicure"} <= {a.id for a in activities}
    finally:
        await db.close()


def test_a_mistyped_database_url_is_refused_not_made_a_file(tmp_path: Path) -> None:
    result = voordeur(
        "import", str(DATA / "oostende.yaml"), "--db", "postgresq://x/db", cwd=tmp_path
    )
    assert result.returncode != 0
    assert not any(tmp_path.iterdir())
    assert "unknown database URL scheme" in result.stderr


def test_a_database_that_does_not_exist_is_one_sentence_without_the_password(
    pg_url: str,
) -> None:
    missing = pg_url.replace("voordeur@", "voordeur:hunter2@").replace("/test_", "/absent_")
    result = voordeur("import", str(DATA / "oostende.yaml"), "--db", missing)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "hunter2" not in result.stderr
    assert "does not exist" in result.stderr and "absent_" in result.stderr


CLI = "import sys; from bot.cli import main; sys.exit(main())"


def test_chat_answers_on_postgresql_with_the_data_imported_there(pg_url: str) -> None:
    """`voordeur chat` on a postgresql:// URL imports the data there and answers."""
    first = subprocess.run(
        [sys.executable, "-c", CLI, "chat", "--db", pg_url, "--lang", "nl"],
        input="Wanneer is het centrum open?\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert "open" in first.stdout.lower()
    health = voordeur("health", "--db", pg_url)
    assert health.returncode == 0, health.stderr
    assert "oostende" in health.stdout
