"""Installed from a wheel, without `make`, the bot speaks every language, or refuses to start.

The wheel is built from the files a fresh clone has (nothing `make` produced, no .mo files) with
the setuptools already installed, offline. It is installed into a new virtual environment that
borrows only the dependencies from the project's environment: the bot's own code, data and
catalogs come from the wheel. Then `voordeur` from that environment answers as the checkout does.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import site
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from conversations.i18n import CatalogMissing, catalog_path, require_catalogs
from locales import LOCALES_DIR
from storage.model import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
# What a fresh clone does not have (see .gitignore): the wheel must not depend on any of it.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.pyc",
    "*.mo",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
    "*.sqlite3",
    "*.sqlite3-*",
    "build",
    "dist",
)
AT = "2026-11-23T10:15"
QUESTIONS = [  # (language the phone reports, question)
    ("fr", "Bonjour"),
    ("nl", "Wanneer is Stene open?"),
    ("de", "Was ist diese Woche los?"),
    ("en", "Where can I get help with my pension?"),
    ("tr", "Merhaba"),
    ("ar", "مرحبا"),
    ("pl", "Dzień dobry"),
    ("uk", "Добрий день"),
]


class Installed:
    """A virtual environment with the wheel installed, and how long building it took."""

    def __init__(self, venv: Path, seconds: float) -> None:
        self.venv = venv
        self.seconds = seconds

    @property
    def voordeur(self) -> str:
        """The `voordeur` command of that environment."""
        return str(self.venv / "bin" / "voordeur")

    def run(
        self, *arguments: str, stdin: str = "", **env: str
    ) -> subprocess.CompletedProcess[str]:
        """Run its `voordeur` outside the checkout, with nothing from the checkout on the path."""
        environment = {
            k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")
        }
        return subprocess.run(
            [self.voordeur, *arguments],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.venv,
            env={**environment, **env},
            timeout=120,
        )

    def package_file(self, relative: str) -> Path:
        """A file of the installed package (asking the environment's own Python where it is)."""
        found = subprocess.run(
            [str(self.venv / "bin" / "python"), "-c", "import locales; print(locales.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            cwd=self.venv,
        ).stdout.strip()
        return Path(found).parent.parent / relative


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel from a clone's files and install it into a new virtual environment."""
    started = time.perf_counter()
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_IN_A_CLONE)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    offline = ["--no-deps", "--no-index"]
    build = ["wheel", *offline, "--no-build-isolation", "--wheel-dir", str(work / "dist")]
    subprocess.run([*pip, *build, str(source)], check=True, capture_output=True)
    (wheel,) = (work / "dist").glob("voordeur-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    install = ["--python", str(venv / "bin" / "python"), "install", *offline, str(wheel)]
    subprocess.run([*pip, *install], check=True, capture_output=True)
    # The dependencies (PTB, babel...) from the project's environment, so nothing is downloaded;
    # added after the install, so pip never sees the checkout's editable voordeur there.
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    (site_packages / "dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    return Installed(venv, time.perf_counter() - started)


def test_the_wheel_carries_the_bot_and_every_catalog(installed: Installed) -> None:
    where = installed.run("--help")
    assert where.returncode == 0, where.stderr
    for lang in LANGUAGES:
        assert installed.package_file(f"locales/{lang}/LC_MESSAGES/messages.po").is_file()
    assert str(ROOT) not in str(installed.package_file("locales"))
    # The weights the understanding reads beside its rules (README, "A trained intent model").
    assert installed.package_file("conversations/lexicon/intents/classifier.bin").is_file()
    print(f"\nwheel built and installed into a new environment in {installed.seconds:.1f} s")


def test_installed_from_the_wheel_it_answers_bonjour_in_french(installed: Installed) -> None:
    answer = installed.run("ask", "--lang", "fr", "--json", "--at", AT, "Bonjour")
    assert answer.returncode == 0, answer.stderr
    french = json.loads(answer.stdout)
    english = _ask_here(["ask", "--lang", "en", "--json", "--at", AT, "Hello"])
    assert french["language"] == "fr" and french["intent"] == english["intent"] == "greeting"
    assert french["reply"] != english["reply"]  # not the English text the code is written in
    assert french == _ask_here(["ask", "--lang", "fr", "--json", "--at", AT, "Bonjour"])


def test_installed_from_the_wheel_it_answers_as_the_checkout_in_every_language(
    installed: Installed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = "".join(
        json.dumps({"text": text, "lang": lang}, ensure_ascii=False) + "\n"
        for lang, text in QUESTIONS
    )
    answers = installed.run("ask", "--json", "--at", AT, stdin=batch)
    assert answers.returncode == 0, answers.stderr
    monkeypatch.setattr(sys, "stdin", io.StringIO(batch))
    assert main(["ask", "--json", "--at", AT]) == 0
    here = capsys.readouterr().out
    assert [json.loads(line) for line in answers.stdout.splitlines()] == [
        json.loads(line) for line in here.splitlines()
    ]
    assert [json.loads(line)["language"] for line in here.splitlines()] == [
        lang for lang, _text in QUESTIONS
    ]


@pytest.fixture
def without_french(installed: Installed) -> Iterator[Path]:
    """The installed package with its French catalog gone (put back afterwards)."""
    catalog = installed.package_file("locales/fr/LC_MESSAGES/messages.po")
    aside = catalog.with_suffix(".aside")
    catalog.rename(aside)
    yield catalog
    aside.rename(catalog)


@pytest.mark.parametrize("command", [["ask", "--lang", "fr", "Bonjour"], ["chat"], ["run"]])
def test_with_a_catalog_missing_the_bot_refuses_to_start_and_says_which(
    installed: Installed, without_french: Path, command: list[str], tmp_path: Path
) -> None:
    result = installed.run(
        *command,
        TELEGRAM_BOT_TOKEN="123456:TEST",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",  # nothing listens: it must stop before
        VOORDEUR_DB=str(tmp_path / "voordeur.sqlite3"),
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and "fr" in lines[0] and "missing" in lines[0], lines
    assert result.stdout == ""
    assert not (tmp_path / "voordeur.sqlite3").exists()  # stopped before opening anything


# -- the same check on catalogs in a folder of our own, in this process -------------------------


@pytest.fixture
def catalogs(tmp_path: Path) -> Path:
    """A copy of the catalogs to break."""
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return copy


def test_a_complete_set_of_catalogs_is_accepted(catalogs: Path) -> None:
    require_catalogs(catalogs)


def test_every_missing_language_is_named(catalogs: Path) -> None:
    catalog_path("tr", catalogs).unlink()
    catalog_path("uk", catalogs).unlink()
    with pytest.raises(CatalogMissing, match=r"for tr, uk are missing"):
        require_catalogs(catalogs)


def test_a_catalog_without_translations_counts_as_missing(catalogs: Path) -> None:
    catalog_path("pl", catalogs).write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8"
    )
    with pytest.raises(CatalogMissing, match=r"pl translations .* are empty"):
        require_catalogs(catalogs)


def _ask_here(arguments: list[str]) -> dict[str, object]:
    """`voordeur ask --json` run in this process, on the checkout."""
    out = io.StringIO()
    stdout, sys.stdout = sys.stdout, out
    try:
        assert main(arguments) == 0
    finally:
        sys.stdout = stdout
    return json.loads(out.getvalue())
