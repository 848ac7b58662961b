"""A throwaway PostgreSQL cluster for tests: initdb + pg_ctl into a temporary directory.

The server listens on a Unix socket in its own directory only (no TCP port, so parallel runs and
other helpers never collide) and trusts local connections. PostgreSQL refuses to run as root, so
under root the cluster belongs to the `postgres` system user and is started through `runuser`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "voordeur"


def find_bin(name: str) -> str | None:
    """Where a PostgreSQL server program is: on PATH, else in Debian's versioned directory."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def unavailable_reason() -> str | None:
    """Why no throwaway cluster can be started here, or None when one can."""
    for program in ("initdb", "pg_ctl"):
        if find_bin(program) is None:
            return (
                f"PostgreSQL server programs not found ({program}): install the distribution's "
                "`postgresql` package (`.ci/run` does) to run the PostgreSQL tests"
            )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and `runuser` is missing"
    return None


@dataclass
class Cluster:
    """A running throwaway cluster."""

    directory: Path
    socket_dir: Path

    def url(self, database: str = "postgres") -> str:
        """The Unix-socket URL of a database of this cluster, as `VOORDEUR_DB` takes it."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def create_database(self, name: str) -> str:
        """Create an empty database in the cluster; its URL."""
        _run(["createdb", "-h", str(self.socket_dir), "-U", SUPERUSER, name])
        return self.url(name)

    def stop(self) -> None:
        """Stop the server at once and remove its files."""
        _run(["pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.directory, ignore_errors=True)


def _as_server_user(argv: list[str]) -> list[str]:
    """The command line that runs `argv` as a user PostgreSQL accepts."""
    resolved = [find_bin(argv[0]) or argv[0], *argv[1:]]
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *resolved]
    return resolved


def _run(argv: list[str]) -> None:
    """Run a server program, raising with its output when it fails."""
    result = subprocess.run(_as_server_user(argv), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {result.stdout}\n{result.stderr}")


def start() -> Cluster:
    """Create and start a fresh cluster; the caller stops it."""
    directory = Path(tempfile.mkdtemp(prefix="voordeur-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(directory, account.pw_uid, account.pw_gid)
    socket_dir = directory / "run"
    data = directory / "data"
    _run(["mkdir", "-p", str(socket_dir)])
    _run(
        [
            "initdb",
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",  # a throwaway cluster: durability of initdb's files does not matter
        ]
    )
    options = (
        f"-k {socket_dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
        " -c full_page_writes=off -c max_connections=100"
    )
    _run(["pg_ctl", "-D", str(data), "-o", options, "-l", str(directory / "log"), "-w", "start"])
    return Cluster(directory, socket_dir)


def server_version() -> str:
    """The version of the PostgreSQL server programs found here ("postgres (PostgreSQL) 15.2")."""
    result = subprocess.run(
        _as_server_user(["postgres", "--version"]), capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "postgres (version unknown)"
